"""Every top-level command: the modules that define it and its one-line help.

`insidetrack --help` is read from here, so it imports no command; running a
command imports only its modules (a group can get sub-commands from more than
one). A test holds this table equal to the commands themselves.
"""

from __future__ import annotations

# name -> (modules of insidetrack.cli.commands, space-separated; one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "account": ("accounts", "Show the mail account, its provider, and whether its sign-in works."),
    "advise": ("campaign", "Advise e-mail or telephone for an interview, and say why."),
    "api-token": ("web", "Tokens that let scripts use the web app's API (Authorization: Bearer TOKEN)."),
    "application": ("applications", "Applications you track before (and beside) their interviews."),
    "archive": ("applications", "Archive the opening of an interview whose decision is recorded."),
    "backup": ("data", "Copy all your data to FILE, safely even while the web app runs."),
    "calendar": ("calendar", "Your follow-ups in your own calendar (CalDAV)."),
    "clipping": ("records fixes", "News clippings or cartoons for letters #4 onwards."),
    "config": ("config", "Settings: time zone and the planner's defaults."),
    "contact": ("records", "People at employers: interviewers, gatekeeping assistants, HR."),
    "demo": ("config", "Fill an empty database with a realistic demo: campaigns in every state."),
    "done": ("campaign", "Mark a step done; the campaign is re-planned from it."),
    "draft": ("drafts", "Draft the message for one step of a campaign, checked against the playbook."),
    "employer": ("records", "Employers you interview with."),
    "export": ("data", "Write your data out for other programs."),
    "fact": ("records fixes", "New facts for follow-up letters #2 and #3."),
    "import": ("data", "Bring data in: a spreadsheet (CSV), or an insidetrack JSON export."),
    "interview": ("campaign interview_edits",
                  "Interviews: log one and its whole follow-up campaign is planned."),
    "invitations": ("invitations", "Interviews your mail and calendar invite you to, waiting to be logged."),
    "lint": ("drafts", "Check a message against the playbook's rules; exit 1 on any error."),
    "log": ("campaign", "Log what happened: a call, a reply or the employer's decision."),
    "note": ("notes", "An interview's notes one by one: list, change, delete (`interview note` adds them)."),
    "org": ("org org_roster org_cohorts consent org_sso org_export org_tokens org_links org_mail org_oauth",
            "Career-center mode: one PostgreSQL database for many job seekers and coaches."),
    "outbox": ("mail", "Messages queued, sending, sent and failed."),
    "plan": ("campaign", "Show an interview's follow-up campaign, step by step."),
    "profile": ("records", "Your name, contact details and what you offer."),
    "reference": ("records fixes", "People who vouch for you: brief them after every interview."),
    "rehearse": ("drafts", "Hear your voicemail: speak the script into a WAV file and time it."),
    "restore": ("data", "Replace your data with a backup's (a backup file or a JSON export)."),
    "search": ("finding",
               "Find interviews by a word: employer, job title, people, notes, facts, references."),
    "send": ("mail", "Draft, check, and send a step's e-mail through your SMTP server."),
    "serve": ("web", "Run the web app on this computer (http://127.0.0.1:8765 by default)."),
    "skip": ("fixes", "Skip a step you chose not to do; the campaign goes on to the next one."),
    "sync": ("mail", "Read new mail (replies pause the campaign, bounces are flagged) and your calendar."),
    "today": ("campaign", "List what is due today (and overdue) across every interview."),
    "trash": ("trash",
              "What you deleted in the last 30 days, the latest first; `trash restore N` undoes one."),
    "unarchive": ("applications", "Bring an interview's archived opening back."),
    "web-password": ("web", "Set the password the web app asks for when it listens beyond this computer."),
}
