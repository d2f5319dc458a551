"""Check and convert what the user typed; every failure names its field."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, tzinfo
from enum import Enum
from typing import TypeVar

from insidetrack.domain.errors import InputError

E = TypeVar("E", bound=Enum)
MAX_NAME = 200
MAX_TEXT = 2000
_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\].]{2,}$")
# Every pattern runs in linear time whatever it is given (possessive runs give nothing back),
# and the parsers cut what they read short before matching.
_PHONE = re.compile(r"^\+?[0-9 ()./-]++(?: *(?:x|ext\.?) *[0-9]{1,6})?$", re.IGNORECASE)
_INTERVIEWER = re.compile(r"^(?P<name>[^<>]*+)<(?P<email>[^<>]*+)>$")  # name() trims the name
# A host with a dot, then anything without spaces: the lookahead finds the dot once.
_URL = re.compile(r"^https?://(?=[^\s/]+\.\S)\S++$")
_DATETIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M")


# Unicode's control characters (Cc) and line and paragraph separators (Zl, Zp).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def text(field: str, value: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    """Return one line of text, trimmed; refuse control characters and newlines."""
    if _CONTROL.search(value):
        raise InputError(field, "must be one line without control characters or newlines")
    value = value.strip()
    if required and not value:
        raise InputError(field, "must not be empty")
    if len(value) > limit:
        raise InputError(field, f"is {len(value)} characters long; at most {limit} are accepted")
    return value


def name(field: str, value: str) -> str:
    """Return a person's or a company's name as typed."""
    return text(field, value, required=True, limit=MAX_NAME)


def email(field: str, value: str, *, required: bool = True) -> str:
    """Return an e-mail address of the form name@example.com."""
    value = text(field, value, required=required, limit=254)
    if value and not _EMAIL.match(value):
        raise InputError(field, f"{value!r} is not an e-mail address like name@example.com")
    return value


def phone(field: str, value: str, *, required: bool = True) -> str:
    """Return a telephone number: digits, spaces, + ( ) . - and an optional extension."""
    value = text(field, value, required=required, limit=40)
    digits = sum(ch.isdigit() for ch in value)
    if value and (not _PHONE.match(value) or digits < 3):
        raise InputError(field, f"{value!r} is not a telephone number like +1 555 123 4567")
    return value


def local_datetime(field: str, value: str, tz: tzinfo) -> datetime:
    """Return the UTC moment of a local 'YYYY-MM-DD HH:MM'."""
    value = text(field, value, required=True, limit=40)
    for fmt in _DATETIME_FORMATS:
        try:
            naive = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return naive.replace(tzinfo=tz).astimezone(UTC)
    raise InputError(field, f"{value!r} is not a date and time; use YYYY-MM-DD HH:MM")


def day(field: str, value: str) -> date:
    """Return a calendar date typed as YYYY-MM-DD."""
    value = text(field, value, required=True, limit=20)
    try:
        return date.fromisoformat(value) if len(value) == 10 else _bad_day(field, value)
    except ValueError:
        return _bad_day(field, value)


def _bad_day(field: str, value: str) -> date:
    raise InputError(field, f"{value!r} is not a date; use YYYY-MM-DD")


def whole_number(field: str, value: int, *, low: int, high: int) -> int:
    """Return a whole number within [low, high]."""
    if not low <= value <= high:
        raise InputError(field, f"{value} is out of range; use a whole number from {low} to {high}")
    return value


def interviewer(field: str, value: str) -> tuple[str, str]:
    """Return (name, e-mail) from 'Full Name <email>' or a bare 'Full Name'."""
    value = text(field, value, required=True, limit=MAX_NAME + 256)
    match = _INTERVIEWER.match(value)
    if match is None:
        if "<" in value or ">" in value:
            raise InputError(field, f"{value!r} is not of the form 'Full Name <email>'")
        return name(field, value), ""
    return name(field, match["name"]), email(field, match["email"])


def name_key(value: str) -> str:
    """Return the form of a name used to match it without regard to case."""
    return unicodedata.normalize("NFC", value).casefold()


def url(field: str, value: str) -> str:
    """Return an http(s) address, or nothing when none was typed."""
    value = text(field, value, limit=2000)
    if value and not _URL.match(value):
        raise InputError(field, f"{value!r} is not a web address like https://example.com/news")
    return value


def choice(field: str, value: str, kind: type[E]) -> E:
    """Return the member of an enumeration typed by its value."""
    try:
        return kind(value)
    except ValueError:
        names = ", ".join(str(v.value) for v in kind)
        raise InputError(field, f"{value!r} is not one of {names}") from None
