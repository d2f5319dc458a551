"""Read the dates, times and yes/no cells of a spreadsheet, as trackers and Excel write them."""

from __future__ import annotations

import re
from datetime import datetime, time, tzinfo

# Said in `import csv --help` and the README.
DATE_FORMATS = ("2026-11-24, 2026-11-24T14:30:00Z, 11/24/2026, 11/24/26, 24.11.2026, "
                "Nov 24, 2026, 24 November 2026")
TIME_FORMATS = "14:30, 2:30 PM, 2pm"
_SHORT = "2026-11-24, 11/24/2026, 24.11.2026 or Nov 24, 2026"
DEFAULT_HOUR = 9  # a date without a time: the start of the working day
# Two defaults that differ in every part: a part the value does not give shows as a difference.
_ONE, _TWO = datetime(2001, 1, 1, 0, 0), datetime(2002, 2, 2, 1, 1)
_DAY_DOT = re.compile(r"\s*\d{1,2}\.\d{1,2}\.")  # 24.11.2026: always day first
YES = {"yes", "y", "true", "1", "x", "ja", "oui", "si"}
NO = {"no", "n", "false", "0", "", "nein", "non"}


class ZoneByName(ValueError):
    """A time given with a zone's abbreviation (PST), which no parser can read for sure."""


def _both(value: str, day_first: bool = False) -> tuple[datetime, datetime]:
    """Parse a cell twice, with defaults that differ in every part; refuse a zone it cannot read."""
    import warnings

    from dateutil import parser

    with warnings.catch_warnings():
        # "2:30 PM PST": dateutil knows no zone abbreviations and would drop it silently.
        warnings.simplefilter("error", parser.UnknownTimezoneWarning)
        try:
            return (parser.parse(value, default=_ONE, dayfirst=day_first),
                    parser.parse(value, default=_TWO, dayfirst=day_first))
        except parser.UnknownTimezoneWarning:
            raise ZoneByName("names a time zone by its abbreviation; leave it out (the time is "
                             "then yours) or give an offset like 14:30-08:00") from None


def _parse(value: str, day_first: bool) -> tuple[datetime, datetime]:
    first = day_first or bool(_DAY_DOT.match(value))
    try:
        return _both(value, first)
    except ZoneByName:
        raise
    except (ValueError, OverflowError):
        raise ValueError(f"not a date like {_SHORT}") from None


def _quick(value: str) -> datetime | None:
    """Read the ISO forms insidetrack and most trackers write without the general parser."""
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M")  # 2026-11-24 9:30
    except ValueError:
        return None


def moment(value: str, tz: tzinfo, *, day_first: bool = False) -> tuple[datetime | None, bool]:
    """Return the local moment a cell names (9:00 on a bare date) and whether it gave a time."""
    value = value.strip()
    if not value:
        return None, False
    found = _quick(value)
    if found is not None:
        timed = len(value) > 10
    else:
        one, two = _parse(value, day_first)
        if (one.year, one.month, one.day) != (two.year, two.month, two.day):
            raise ValueError(f"not a whole date (day, month and year) like {_SHORT}")
        timed = one.hour == two.hour
        found = one if one.minute == two.minute else one.replace(minute=0)
    if not timed:
        found = found.replace(hour=DEFAULT_HOUR, minute=0)
    if found.tzinfo is not None:  # 2026-11-20T15:00:00Z: a moment anywhere, seen here
        return found.astimezone(tz), True
    return found.replace(tzinfo=tz), timed


def time_of_day(value: str) -> time | None:
    """Return the time a cell names (14:30, 2:30 PM), or None for an empty one."""
    value = value.strip()
    if not value:
        return None
    try:
        one, two = _both(value)
    except ZoneByName:
        raise
    except (ValueError, OverflowError):
        one, two = _ONE, _TWO
    if one.hour != two.hour:
        raise ValueError(f"not a time like {TIME_FORMATS}")
    return time(one.hour, one.minute if one.minute == two.minute else 0)


def flag(value: str) -> bool:
    """Return a yes/no cell's answer: yes, x, true or 1 is yes; empty, no, false or 0 is no."""
    word = value.strip().casefold()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError(f"{value!r} is not yes or no")
