"""Check and convert what the user typed; every failure names its field."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import Enum
from typing import TypeVar

from insidetrack.domain.errors import InputError
from insidetrack.domain.model import COURTESY_TITLES

E = TypeVar("E", bound=Enum)
MAX_NAME = 200
MAX_TEXT = 2000
MAX_NOTES = 10_000
MAX_ADDRESS_LINES = 8
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")  # every way a line can end
_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\].]{2,}$")
# Every pattern runs in linear time whatever it is given (possessive runs give nothing back),
# and the parsers cut what they read short before matching.
_PHONE = re.compile(r"^\+?[0-9 ()./-]++(?: *(?:x|ext\.?) *[0-9]{1,6})?$", re.IGNORECASE)
_INTERVIEWER = re.compile(r"^(?P<name>[^<>]*+)<(?P<email>[^<>]*+)>$")  # name() trims the name
# A host with a dot, then anything without spaces: the lookahead finds the dot once.
_URL = re.compile(r"^https?://(?=[^\s/]+\.\S)\S++$")
# A web app's public address: scheme, host (a name or [IPv6]), maybe a port, maybe a path.
_PUBLIC = re.compile(r"https?://(?:[^/?#@\s:\[\]]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?(?:/[^?#\s]*)?")
_DATETIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M")


# Unicode's control characters (Cc) and line and paragraph separators (Zl, Zp).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Half of a UTF-16 pair alone (JSON can spell one as "\\ud800"): no character at all.
_SURROGATE = re.compile("[\ud800-\udfff]")
_ASCII_NUMBER = re.compile(r"-?[0-9]{1,9}")
# A PostgreSQL role name written without quotes (at most 63 bytes): a career center's app role.
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def valid_text(field: str, value: str) -> str:
    """Return text of any length and lines; refuse what is not text at all (lone surrogates)."""
    if _SURROGATE.search(value):
        raise InputError(field, "holds a broken character (half of a UTF-16 pair); retype it")
    return value


def text(field: str, value: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    """Return one line of text, trimmed; refuse control characters and newlines."""
    valid_text(field, value)
    if _CONTROL.search(value):
        raise InputError(field, "must be one line without control characters or newlines")
    value = value.strip()
    if required and not value:
        raise InputError(field, "must not be empty")
    if len(value) > limit:
        raise InputError(field, f"is {len(value)} characters long; at most {limit} are accepted")
    return value


def lines(field: str, value: str, *, limit: int = MAX_NOTES) -> str:
    """Return text of several lines (notes), trimmed; refuse control characters but line breaks."""
    valid_text(field, value)
    value = _NEWLINES.sub("\n", value).replace("\t", " ")
    if _CONTROL.search(value.replace("\n", "")):
        raise InputError(field, "must not hold control characters")
    value = "\n".join(line.rstrip() for line in value.split("\n")).strip("\n ")
    if len(value) > limit:
        raise InputError(field, f"is {len(value)} characters long; at most {limit} are accepted")
    return value


def address(field: str, value: str) -> str:
    """Return a postal address of a few lines; a typed \\n (as a shell passes it) breaks a line.

    Each line is trimmed and blank lines are dropped, so the address prints as one block.
    """
    valid_text(field, value)
    typed = _NEWLINES.sub("\n", value.replace("\\n", "\n"))
    found = [text(field, line, limit=MAX_NAME) for line in typed.split("\n")]
    kept = [line for line in found if line]
    if len(kept) > MAX_ADDRESS_LINES:
        raise InputError(field, f"has {len(kept)} lines; at most {MAX_ADDRESS_LINES} are accepted")
    return "\n".join(kept)


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
    naive = _wall_clock(field, value)
    try:
        return naive.replace(tzinfo=tz).astimezone(UTC)
    except OverflowError:  # 9999-12-31 23:59 west of UTC, 0001-01-01 00:00 east of it
        raise InputError(field, f"{value.strip()!r} is out of range") from None


def _wall_clock(field: str, value: str) -> datetime:
    value = text(field, value, required=True, limit=40)
    for fmt in _DATETIME_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    raise InputError(field, _no_such_day(value) or
                     f"{value!r} is not a date and time; use YYYY-MM-DD HH:MM")


_DAY_FIRST = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![\d])")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _no_such_day(value: str) -> str | None:
    """Say why a date written the right way does not exist (2026-02-30), else None."""
    found = _DAY_FIRST.match(value.strip())
    if found is None:
        return None
    year, month, day_ = (int(g) for g in found.groups())
    if not 1 <= month <= 12:
        return f"{value.strip()!r}: there is no month {month} (months are 01 to 12)"
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    if not 1 <= day_ <= days:
        return f"{value.strip()!r}: {_MONTHS[month - 1]} {year} has {days} days"
    return None


def day(field: str, value: str) -> date:
    """Return a calendar date typed as YYYY-MM-DD."""
    value = text(field, value, required=True, limit=20)
    try:
        return date.fromisoformat(value) if len(value) == 10 else _bad_day(field, value)
    except ValueError:
        return _bad_day(field, value)


def _bad_day(field: str, value: str) -> date:
    raise InputError(field, _no_such_day(value) or f"{value!r} is not a date; use YYYY-MM-DD")


def number(field: str, value: str, *, what: str = "a whole number") -> int:
    """Return a whole number typed in ASCII digits ('²' and '٣' are digits to Python, not here)."""
    value = value.strip()
    if not _ASCII_NUMBER.fullmatch(value):
        raise InputError(field, f"{value!r} is not {what}")
    return int(value)


def whole_number(field: str, value: int, *, low: int, high: int) -> int:
    """Return a whole number within [low, high]."""
    if not low <= value <= high:
        raise InputError(field, f"{value} is out of range; use a whole number from {low} to {high}")
    return value


def interviewer(field: str, value: str) -> tuple[str, str]:
    """Return (name, e-mail) from 'Full Name <email>', a bare 'Full Name' or a bare address."""
    value = text(field, value, required=True, limit=MAX_NAME + 256)
    match = _INTERVIEWER.match(value)
    if match is None and _EMAIL.match(value):
        return name_from_address(value), value
    if match is None:
        if "<" in value or ">" in value:
            raise InputError(field, f"{value!r} is not of the form 'Full Name <email>'")
        return name(field, value), ""
    address = email(field, match["email"])
    return (name(field, match["name"]) if match["name"] else name_from_address(address)), address


def name_from_address(address: str) -> str:
    """Guess a name from an address's local part: maria.lopez@... reads 'Maria Lopez'."""
    local = address.rsplit("@", 1)[0]
    words = [w for w in re.split(r"[._+\-]+", local) if w and not w.isdigit()]
    return " ".join(w.capitalize() for w in words)[:MAX_NAME] or local[:MAX_NAME]


def name_key(value: str) -> str:
    """Return the form of a name used to match it without regard to case."""
    return unicodedata.normalize("NFC", value).casefold()


# Each courtesy title as typed, without its dot and in any case, to how a letter writes it.
_TITLES = {t.rstrip(".").casefold(): t for t in COURTESY_TITLES} | {"": "", "none": ""}
_DEAR = re.compile(r"^dear\b\s*+", re.IGNORECASE)
_NOT_DEAR = ("hi", "hello", "hey", "yo", "hiya", "dearest")


def courtesy_title(field: str, value: str) -> str:
    """Return a courtesy title as a letter writes it ('mr' reads 'Mr.'), or '' for none."""
    typed = text(field, value, limit=20)
    found = _TITLES.get(typed.rstrip(".").casefold())
    if found is None:
        raise InputError(field, f"{typed!r} is not a courtesy title; use Mr., Ms., Mx., Dr. or none")
    return found


def salutation(field: str, value: str) -> str:
    """Return how a person likes to be greeted after 'Dear': 'Dear Priya,' keeps 'Priya'."""
    typed = text(field, value, limit=MAX_NAME)
    greeted = _DEAR.sub("", typed).rstrip(",:; ").strip()
    first = greeted.split(" ", 1)[0].rstrip(",").casefold()
    if typed and (not greeted or first in _NOT_DEAR):
        raise InputError(field, f"{typed!r} is not a greeting a draft can open with; "
                         "write it as 'Dear Priya,' or just 'Priya'")
    return greeted


def titled_name(field: str, value: str) -> tuple[str, str]:
    """Split a courtesy title off a name: 'Mr. Harold Whitcomb' is ('Mr.', 'Harold Whitcomb')."""
    typed = name(field, value)
    first, _, rest = typed.partition(" ")
    title = _TITLES.get(first.rstrip(".").casefold()) if rest.strip() else None
    return (title, name(field, rest)) if title else ("", typed)


def url(field: str, value: str) -> str:
    """Return an http(s) address, or nothing when none was typed."""
    value = text(field, value, limit=2000)
    if value and not _URL.match(value):
        raise InputError(field, f"{value!r} is not a web address like https://example.com/news")
    return value


def public_address(field: str, value: str) -> str:
    """Return the address a web app is opened at (http(s), a host, maybe a port and a
    path), without a trailing slash; no query, fragment or login in it."""
    typed = url(field, value)
    found = _PUBLIC.fullmatch(typed)
    if not typed or found is None or not 0 < int(found.group(1) or 443) <= 65535:
        raise InputError(field, f"{value[:200]!r} is not the address people open the web app "
                         "at, like https://careers.example.edu/ (no ?, # or login)")
    return typed.rstrip("/")


def choice(field: str, value: str, kind: type[E]) -> E:
    """Return the member of an enumeration typed by its value."""
    try:
        return kind(value)
    except ValueError:
        names = ", ".join(str(v.value) for v in kind)
        raise InputError(field, f"{value!r} is not one of {names}") from None


@dataclass(frozen=True)
class Window:
    """The days a kind of date may fall on, counted from today."""

    what: str
    years_back: int
    years_ahead: int = 0
    days_ahead: int = 0

    def bounds(self, today: date) -> tuple[date, date]:
        """Return the first and the last day accepted."""
        last = _years_later(today, self.years_ahead) + timedelta(days=self.days_ahead)
        return _years_later(today, -self.years_back), last


# An interview is logged after it happened or when it is set; older ones are history.
INTERVIEW = Window("an interview", years_back=5, years_ahead=2)
# Done, calls, replies and decisions have happened: a day ahead allows for time zones.
EVENT = Window("what happened", years_back=5, days_ahead=1)
DECISION_DATE = Window("a decision date", years_back=5, years_ahead=3)
AGENDA_DAY = Window("the day to list", years_back=5, years_ahead=5)
# Ours: an application was sent already (a day ahead allows for time zones); or is "not yet".
APPLIED = Window("an application date", years_back=5, days_ahead=1)


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def within(field: str, day: date, window: Window, today: date) -> date:
    """Return the day if it lies in the window around today; the message gives the range."""
    first, last = window.bounds(today)
    if not first <= day <= last:
        raise InputError(field, f"{day.isoformat()} is out of range; {window.what} falls "
                                f"from {first.isoformat()} to {last.isoformat()}")
    return day


def moment(field: str, value: str, tz: tzinfo, now: datetime, window: Window) -> datetime:
    """Return the UTC moment of a local 'YYYY-MM-DD HH:MM' within the window around now."""
    within(field, _wall_clock(field, value).date(), window, now.astimezone(tz).date())
    return local_datetime(field, value, tz)


def day_in(field: str, value: str, window: Window, today: date) -> date:
    """Return a calendar date typed as YYYY-MM-DD within the window around today."""
    return within(field, day(field, value), window, today)
