"""Local dates and business days; the time zone is always passed in."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache

SATURDAY = 5


# Campaigns share their days and hours: converting each once makes planning many fast.
@lru_cache(maxsize=8192)
def local_date(moment: datetime, tz: tzinfo) -> date:
    """Return the calendar date of a moment in the user's time zone."""
    return moment.astimezone(tz).date()


@lru_cache(maxsize=8192)
def at_local(day: date, clock: time, tz: tzinfo) -> datetime:
    """Return the UTC moment of a local wall-clock time on a day."""
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)


# Keyed on the moment, not its day: one look-up instead of two. Campaigns start at
# many moments and each is counted on from twice, so it holds more of them.
@lru_cache(maxsize=32768)
def days_later_at(moment: datetime, days: int, clock: time, tz: tzinfo) -> datetime:
    """Return the UTC moment of a local `clock` time `days` local days after a moment's day."""
    return at_local(local_date(moment, tz) + timedelta(days=days), clock, tz)


def is_weekend(day: date) -> bool:
    return day.weekday() >= SATURDAY


def next_business_day(day: date, avoid: frozenset[date] = frozenset()) -> date:
    """Return the first weekday after a day that is not one of the `avoid` days."""
    day += timedelta(days=1)
    while is_weekend(day) or day in avoid:
        day += timedelta(days=1)
    return day


def start_on_or_after(moment: datetime, clock: time, tz: tzinfo) -> datetime:
    """Return the first local `clock` time that is not before a moment."""
    day = local_date(moment, tz)
    candidate = at_local(day, clock, tz)
    if candidate < moment:
        candidate = at_local(day + timedelta(days=1), clock, tz)
    return candidate


@lru_cache(maxsize=8192)
def shift_to_business_day(
    moment: datetime, tz: tzinfo, avoid: frozenset[date] = frozenset()
) -> datetime:
    """Move a moment forward, keeping its local time, off weekends and `avoid` days."""
    local = moment.astimezone(tz)
    day = local.date()
    while is_weekend(day) or day in avoid:
        day += timedelta(days=1)
    if day == local.date():
        return moment
    return at_local(day, local.time(), tz)
