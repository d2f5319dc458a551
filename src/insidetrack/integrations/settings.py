"""Where mail and calendar live; passwords are never stored here (see secrets)."""

from __future__ import annotations

from dataclasses import dataclass

SECURITY = ("ssl", "starttls", "none")


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
