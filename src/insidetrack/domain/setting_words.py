"""Each setting in the user's words: its label, one sentence of help, its unit, and its group.

The web's Settings page shows these; `setting_rules.py` says which values each key takes.
"""

from __future__ import annotations

from typing import NamedTuple


class Words(NamedTuple):
    """How a setting reads on a page: a label, one sentence of help, its unit ('' for none)."""

    label: str
    help: str
    unit: str = ""


class Group(NamedTuple):
    """Settings a person thinks of together, saved together: all or nothing."""

    name: str  # its address on the page, e.g. "rhythm"
    title: str
    intro: str
    keys: tuple[str, ...]


WORDS: dict[str, Words] = {
    "plan.thank_you_hours": Words(
        "Hours to send a thank-you in", "The thank-you goes out within this long after the "
        "interview.", "hours"),
    "plan.reference_brief_hours": Words(
        "Hours to brief your references in", "Your references hear about the interview "
        "within this long, before anyone calls them.", "hours"),
    "plan.first_follow_up_days": Words(
        "Days before the first follow-up letter", "The first follow-up letter is planned this "
        "many days after the interview.", "days"),
    "plan.second_follow_up_gap_days": Words(
        "Days between the first and second letters", "The second follow-up letter waits this "
        "long after the first.", "days"),
    "plan.later_follow_up_gap_days": Words(
        "Days between later letters", "Each letter after the second waits this long after "
        "the one before.", "days"),
    "plan.max_letters": Words(
        "Most follow-up letters", "No more letters are planned for one opening after this "
        "many.", "letters"),
    "plan.clipping_from_letter": Words(
        "First letter with a clipping", "From this letter on, a follow-up sends an article "
        "you clipped.", "letter number"),
    "plan.first_call_days": Words(
        "Days before the first follow-up call", "The first call is planned this many days "
        "after the interview.", "days"),
    "plan.call_gap_days": Words(
        "Days between calls", "Each follow-up call waits this long after the one before.", "days"),
    "plan.max_calls": Words(
        "Most follow-up calls", "No more calls are planned after this many; 0 plans no calls.",
        "calls"),
    "plan.voicemail_after_attempts": Words(
        "Calls before leaving a voicemail", "After this many unanswered calls, the next one "
        "leaves a message.", "calls"),
    "plan.reply_wait_days": Words(
        "Days to wait for a reply", "When they said they would answer, the plan waits this "
        "long before following up.", "days"),
    "plan.workday_start": Words(
        "Workday starts at", "Steps planned for a day are due from this time of day.",
        "time of day"),
    "plan.missed_after_days": Words(
        "Days before a step counts as missed", "A step still not done this long after its day "
        "is shown as missed, not due.", "days"),
    "draft.line_width": Words(
        "Line width of letters and e-mails", "Lines of a draft are kept this short so they "
        "read well on any screen.", "characters"),
    "draft.paper": Words("Paper size", "Printed letters are laid out for this paper."),
    "smtp.host": Words("Sending server", "The server your e-mail program sends through, "
                       "e.g. smtp.example.com."),
    "smtp.port": Words("Sending port", "Usually 587 with STARTTLS or 465 with SSL."),
    "smtp.security": Words("Sending security", "How the connection is kept private: as your "
                           "mail provider says."),
    "smtp.user": Words("Sending user name", "Usually your e-mail address; leave empty when the "
                       "server needs no login."),
    "imap.host": Words("Reading server", "The server your e-mail program reads mail from, "
                       "e.g. imap.example.com."),
    "imap.port": Words("Reading port", "Usually 993 with SSL."),
    "imap.security": Words("Reading security", "How the connection is kept private: as your "
                           "mail provider says."),
    "imap.user": Words("Reading user name", "Usually your e-mail address."),
    "imap.folders": Words("Folders to watch for replies", "Replies and bounces are looked for "
                          "in these folders, separated by commas."),
    "imap.sent_folder": Words("Sent folder", "Where your sent mail is kept, to see what you "
                              "sent from elsewhere."),
    "caldav.url": Words("Calendar address", "The CalDAV address your calendar provider gives, "
                        "starting with https://."),
    "caldav.user": Words("Calendar user name", "The name you log in to the calendar with."),
    "caldav.calendar": Words("Calendar name", "Which of your calendars gets the follow-ups "
                             "(made if there is none of that name); empty: one named "
                             "insidetrack."),
    "calendar.items": Words("Follow-ups appear as", "Tasks with a due date, or events with a "
                            "reminder."),
    "calendar.reminder_minutes": Words("Reminder before an event", "How long before an event "
                                       "your calendar reminds you.", "minutes"),
    "calendar.feed_weeks": Words("Weeks in the subscription", "The subscribed calendar shows "
                                 "overdue steps and those due in this many weeks; a download "
                                 "holds every step.", "weeks"),
    "holidays.country": Words("Country", "Follow-ups never land on this country's public "
                              "holidays, as on weekends."),
    "holidays.region": Words("Region", "A state or province with its own holidays, e.g. CA; "
                             "empty: the country's alone."),
    "timezone": Words("Time zone", "Every date and time is shown and planned in this zone; "
                      "empty: this computer's."),
    "web.allowed_hosts": Words("Other names of this computer", "More host names or addresses "
                               "the web app answers to on your network, separated by commas; "
                               "used from the next start."),
    "ai.endpoint": Words("Language model address", "An OpenAI-compatible address (llama.cpp, "
                         "Ollama) that may polish drafts; empty: off."),
    "ai.model": Words("Language model name", "The model's name on that server; empty: the "
                      "server's own."),
    "ai.timeout_seconds": Words("Language model time limit", "How long a polish may take before "
                                "the template draft stays.", "seconds"),
}

CHOICE_WORDS: dict[str, str] = {
    "ssl": "SSL/TLS", "starttls": "STARTTLS", "none": "None (not private)",
    "letter": "US Letter", "a4": "A4", "todo": "Tasks", "event": "Events",
}

# Passwords are not settings: each group's password field and the service it opens.
PASSWORDS: dict[str, Words] = {
    "smtp": Words("Sending password", "Kept in this computer's keyring, never in a file; "
                  "leave empty to keep the one you have."),
    "imap": Words("Reading password", "Kept in this computer's keyring, never in a file; "
                  "leave empty to keep the one you have."),
    "caldav": Words("Calendar password", "Kept in this computer's keyring, never in a file; "
                    "leave empty to keep the one you have."),
    "web": Words("Web app password", "Asked for when the app is opened from another device on "
                 "your network; at least 8 characters, leave empty to keep the one you have."),
}

GROUPS: tuple[Group, ...] = (
    Group("rhythm", "Follow-up rhythm", "When each thank-you, letter and call is planned.",
          tuple(k for k in WORDS if k.startswith("plan."))),
    Group("letters", "Letters and e-mails", "How drafts are laid out.",
          ("draft.line_width", "draft.paper")),
    Group("mail", "Mail account", "Sending e-mail from the app, and reading replies and bounces.",
          ("smtp.host", "smtp.port", "smtp.security", "smtp.user", "imap.host", "imap.port",
           "imap.security", "imap.user", "imap.folders", "imap.sent_folder")),
    Group("calendar", "Calendar", "Putting your follow-ups in your own calendar.",
          ("caldav.url", "caldav.user", "caldav.calendar", "calendar.items",
           "calendar.reminder_minutes", "calendar.feed_weeks")),
    Group("holidays", "Holidays", "Days no follow-up is planned on.",
          ("holidays.country", "holidays.region")),
    Group("zone", "Time zone", "Where you are.", ("timezone",)),
    Group("security", "Security", "Who can open the web app.", ("web.allowed_hosts",)),
    Group("ai", "Polishing drafts", "A language model that may make drafts warmer; what it "
          "writes is kept only if it adds nothing to your notes.",
          ("ai.endpoint", "ai.model", "ai.timeout_seconds")),
)


def group(name: str) -> Group | None:
    return next((g for g in GROUPS if g.name == name), None)


def label(key: str) -> str:
    """Return a setting's label, or a password's, or the key in words if unknown."""
    known = WORDS.get(key) or PASSWORDS.get(key.removesuffix(".password"))
    return known.label if known else key.replace("_", " ").replace(".", ": ").capitalize()
