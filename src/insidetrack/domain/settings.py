"""The user's settings, one dataclass per area, and the whole of them (`Settings`).

Pure values: `storage/settings_file.py` reads and writes them as a TOML file,
`domain/setting_rules.py` says which values each key takes. Passwords are
never settings (see integrations/secrets.py).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import time
from typing import Any

PAPERS = ("letter", "a4")
SECURITY = ("ssl", "starttls", "none")


@dataclass(frozen=True)
class PlanSettings:
    """The planner's defaults; each one is a user setting."""

    thank_you_hours: int = 24
    reference_brief_hours: int = 24
    first_follow_up_days: int = 7
    second_follow_up_gap_days: int = 10
    later_follow_up_gap_days: int = 14
    max_letters: int = 6
    clipping_from_letter: int = 4
    first_call_days: int = 14
    call_gap_days: int = 30
    max_calls: int = 3
    voicemail_after_attempts: int = 3
    reply_wait_days: int = 7
    workday_start: time = time(9, 0)
    # A step first planned this many days after its moment is missed, not due.
    missed_after_days: int = 3


@dataclass(frozen=True)
class WebSettings:
    """The web app's settings."""

    # More host names or addresses the web app answers to in LAN mode, comma-separated.
    allowed_hosts: str = ""


@dataclass(frozen=True)
class DraftSettings:
    # Playbook: "Limit the message's width to three quarters of the screen" (of 80 columns).
    line_width: int = 60
    paper: str = "letter"


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    security: str = "starttls"
    user: str = ""  # empty: no login


@dataclass(frozen=True)
class ImapSettings:
    host: str = ""
    port: int = 993
    security: str = "ssl"
    user: str = ""
    folders: str = "INBOX"  # comma-separated
    sent_folder: str = "Sent"

    @property
    def watched(self) -> list[str]:
        return [f.strip() for f in self.folders.split(",") if f.strip()]


@dataclass(frozen=True)
class CaldavSettings:
    url: str = ""
    user: str = ""
    calendar: str = ""  # its name; empty: the first calendar


@dataclass(frozen=True)
class CalendarSettings:
    items: str = "todo"  # todo: VTODO with DUE; event: VEVENT with a reminder
    reminder_minutes: int = 30
    feed_weeks: int = 8  # Ours: the subscription holds overdue steps and these weeks ahead


@dataclass(frozen=True)
class HolidaySettings:
    """Whose public holidays no follow-up lands on, like weekends (empty: none)."""

    country: str = ""  # ISO 3166 code, e.g. US, GB, DE
    region: str = ""  # a state or province code of that country, e.g. CA, BY


@dataclass(frozen=True)
class AiSettings:
    """The language model that may polish drafts: off while the endpoint is empty."""

    endpoint: str = ""  # an OpenAI-compatible /v1 address, e.g. http://localhost:8080/v1
    model: str = ""  # the model's name on that server; empty: the server's own
    timeout_seconds: int = 60


@dataclass(frozen=True)
class Settings:
    """Every setting: the time zone and one section per area."""

    timezone: str = ""
    plan: PlanSettings = PlanSettings()
    draft: DraftSettings = DraftSettings()
    smtp: SmtpSettings = SmtpSettings()
    imap: ImapSettings = ImapSettings()
    caldav: CaldavSettings = CaldavSettings()
    calendar: CalendarSettings = CalendarSettings()
    web: WebSettings = WebSettings()
    holidays: HolidaySettings = HolidaySettings()
    ai: AiSettings = AiSettings()


SECTIONS: dict[str, type[Any]] = {
    "plan": PlanSettings, "draft": DraftSettings, "smtp": SmtpSettings, "imap": ImapSettings,
    "caldav": CaldavSettings, "calendar": CalendarSettings, "web": WebSettings,
    "holidays": HolidaySettings, "ai": AiSettings,
}
SECTION_KEYS = {f"{section}.{f.name}": (section, f.name)
                for section, kind in SECTIONS.items() for f in fields(kind)}
KEYS = ("timezone", *SECTION_KEYS)
