"""Write steps as iCalendar: VTODO with DUE, or VEVENT with a reminder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

PRODID = "-//insidetrack//follow-ups//EN"


@dataclass(frozen=True)
class Entry:
    """One step as a calendar shows it."""

    uid: str
    summary: str
    description: str
    due: datetime
    sequence: int


def component(entry: Entry, items: str, reminder_minutes: int, now: datetime) -> Any:
    """Return an icalendar VTODO (or VEVENT with an alarm) for one entry."""
    from icalendar import Alarm, Event, Todo

    item: Event | Todo
    if items == "event":
        item = Event()
        item.add("dtstart", entry.due)
        item.add("dtend", entry.due + timedelta(minutes=30))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", entry.summary)
        alarm.add("trigger", timedelta(minutes=-reminder_minutes))
        item.add_component(alarm)
    else:
        item = Todo()
        item.add("due", entry.due)
        item.add("status", "NEEDS-ACTION")
    item.add("uid", entry.uid)
    item.add("summary", entry.summary)
    item.add("description", entry.description)
    item.add("sequence", entry.sequence)
    item.add("dtstamp", now)
    return item


def calendar(entries: list[Entry], items: str, reminder_minutes: int, now: datetime) -> bytes:
    """Return a whole calendar holding every entry."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "insidetrack follow-ups")
    for entry in entries:
        cal.add_component(component(entry, items, reminder_minutes, now))
    return bytes(cal.to_ical())


def single(entry: Entry, items: str, reminder_minutes: int, now: datetime) -> str:
    """Return a calendar holding one entry, as CalDAV stores it."""
    return calendar([entry], items, reminder_minutes, now).decode("utf-8")
