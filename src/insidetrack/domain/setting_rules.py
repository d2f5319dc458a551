"""What each setting accepts: its kind and range, checked wherever a value comes in.

`config set`, the web's settings page and the settings file all go through `check`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from insidetrack.domain.errors import InputError

_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?)+$|^\[?[0-9A-Fa-f:.]+\]?$")
_URL = re.compile(r"^https?://[^\s/?#]+(?:[/?#]\S*)?$", re.IGNORECASE)
_NUMBER = re.compile(r"^-?[0-9]{1,9}$")


@dataclass(frozen=True)
class Rule:
    """A setting's kind (count, clock, choice, code, host, hosts, url or text) and what it
    allows (for a code: its shortest and longest length)."""

    kind: str
    low: int = 0
    high: int = 0
    choices: tuple[str, ...] = ()
    example: str = ""  # what a good value looks like, said when one is refused


def count(low: int, high: int) -> Rule:
    return Rule("count", low, high)


TEXT = Rule("text")
SECURITY = Rule("choice", choices=("ssl", "starttls", "none"))
PORT = count(1, 65535)

RULES: dict[str, Rule] = {
    "plan.thank_you_hours": count(1, 168),
    "plan.reference_brief_hours": count(1, 168),
    "plan.first_follow_up_days": count(1, 60),
    "plan.second_follow_up_gap_days": count(1, 60),
    "plan.later_follow_up_gap_days": count(1, 90),
    "plan.max_letters": count(1, 12),
    "plan.clipping_from_letter": count(1, 12),
    "plan.first_call_days": count(1, 90),
    "plan.call_gap_days": count(1, 90),
    "plan.max_calls": count(0, 6),  # 0 turns follow-up calls off
    "plan.voicemail_after_attempts": count(1, 10),
    "plan.reply_wait_days": count(1, 60),
    "plan.workday_start": Rule("clock"),
    "plan.missed_after_days": count(1, 30),
    # Below 40 columns words split; above 100 mail readers wrap the lines again.
    "draft.line_width": count(40, 100),
    "draft.paper": Rule("choice", choices=("letter", "a4")),
    "smtp.host": Rule("host"), "smtp.port": PORT, "smtp.security": SECURITY, "smtp.user": TEXT,
    "imap.host": Rule("host"), "imap.port": PORT, "imap.security": SECURITY, "imap.user": TEXT,
    "imap.folders": TEXT, "imap.sent_folder": TEXT,
    "caldav.url": Rule("url", example="https://dav.example.com/"), "caldav.user": TEXT,
    "caldav.calendar": TEXT,
    "calendar.items": Rule("choice", choices=("todo", "event")),
    "calendar.reminder_minutes": count(1, 1440),
    "calendar.feed_weeks": count(1, 520),
    "web.allowed_hosts": Rule("hosts"),
    "holidays.country": Rule("code", 2, 2), "holidays.region": Rule("code", 1, 10),
    "ai.endpoint": Rule("url", example="http://localhost:8080/v1"), "ai.model": TEXT,
    "ai.timeout_seconds": count(1, 600),
}


def check(key: str, value: str) -> int | time | str:
    """Return the value typed for a setting, converted to its kind, or refuse it by key."""
    rule = RULES[key]
    value = value.strip()
    if rule.kind == "count":
        return _count(key, value, rule)
    if rule.kind == "clock":
        return _clock(key, value)
    if rule.kind == "choice":
        if value.casefold() not in rule.choices:
            raise InputError(key, f"{value!r} is not one of {', '.join(rule.choices)}")
        return value.casefold()
    if any(ord(ch) < 32 or ord(ch) == 127 or 0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise InputError(key, "must be one line without control characters")
    if rule.kind == "url" and value and not _URL.match(value):
        raise InputError(key, f"{value!r} is not a web address like {rule.example}")
    if rule.kind == "host" and value:
        _host(key, value)
    if rule.kind == "code":
        return _code(key, value, rule)
    if rule.kind == "hosts":
        return ", ".join(_host(key, h.strip()) for h in value.split(",") if h.strip())
    return value


def _count(key: str, value: str, rule: Rule) -> int:
    number = int(value) if _NUMBER.match(value) else None
    if number is None or not rule.low <= number <= rule.high:
        raise InputError(key, f"{value!r} is not a whole number from {rule.low} to {rule.high}")
    return number


def _clock(key: str, value: str) -> time:
    try:
        return time.fromisoformat(value) if len(value) == 5 else time.fromisoformat("x")
    except ValueError as exc:
        raise InputError(key, f"{value!r} is not a time of day like 09:00") from exc


def _code(key: str, value: str, rule: Rule) -> str:
    """Return a country or region code in capitals; empty turns the setting off."""
    if value and not (rule.low <= len(value) <= rule.high and value.replace("-", "").isalnum()
                      and value.isascii()):
        what = "a two-letter country code like US" if rule.high == 2 else "a region code like CA"
        raise InputError(key, f"{value!r} is not {what} (empty: none)")
    return value.upper()


def _host(key: str, value: str) -> str:
    if len(value) > 253 or not _HOST.match(value):
        raise InputError(key, f"{value!r} is not a host name like mail.example.com or an address")
    return value
