"""The playbook's sentences, quoted once so every rule can cite its source.

Source: "7 Days to Mastering the Art of the Interview", module 7,
"How to Follow-up After the Interview" (shared/seed/000_0aa5a2338f23e37c.txt).
"""

from __future__ import annotations

HR_PREFERS_EMAIL = (
    'One human resource professional was strongly in favor of e-mail: "It saves time, '
    "I don't have to call back, I don't have to look up his files, and so forth. "
    'Ten years ago we didn\'t have e-mail technology, and follow-up calls were necessary. '
    'No longer."'
)
TRADITIONALISTS = (
    "At times, the telephone follow-up is much stronger, especially with employers whom you "
    "suspect are traditionalists (they like phones, and they like paper)."
)
OVER_40 = "Use e-mail when you're over age 40 to underscore a contemporary image."
DIALOGUE = (
    "Use e-mail when you hope to start or continue a dialogue with an interviewer. "
    "E-mail is more conversational and easier for a quick reply."
)
QUICK_ACTION = (
    "Use e-mail when quick action matters. The job could be filled while you're waiting "
    "for postal mail to be delivered."
)
RESUME_BY_EMAIL = "Use e-mail if that's the way you sent your resume."
AD_REQUESTED_ELECTRONIC = (
    "Use e-mail if that's the way you sent your resume and especially if the employer "
    "requested electronic communication in a job ad."
)
HIGH_TECH = (
    "Use e-mail when you are dealing with a high-tech firm; the firm's hiring authority "
    "probably doesn't remember what paper is and may think voicemail is a bother."
)
THANK_YOU_24H = (
    "Write a thank-you letter for the interview within 24 hours to strengthen the good "
    "impression you made in the interview."
)
LATER_LETTERS = (
    "If the employer has left you dangling in the wind waiting for a hiring decision, try "
    "to think of new facts to add in a second or third follow-up letter (fax, postal mail, "
    "or e-mail)."
)
CLIPPING = (
    "After the third letter, try to include a relevant news clipping or even an "
    "appropriate cartoon."
)
CALLS_MONTHLY = (
    "Space your follow-up calls — once a month is probably plenty. "
    "Fill in the slack with e-mail or letters."
)
VOICEMAIL = (
    "You may have to leave a message if you don't connect after the first few calls."
)
REFERENCES = (
    "Call your references and fill them in on your interview."
)
