"""Write steps as iCalendar (VTODO with DUE, or VEVENT with a reminder) and read them back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

PRODID = "-//insidetrack//follow-ups//EN"
ITEMS = ("todo", "event")


@dataclass(frozen=True)
class Entry:
    """One step as a calendar shows it; `done_at` when it was done (a completed to-do)."""

    uid: str
    summary: str
    description: str
    due: datetime
    sequence: int
    done_at: datetime | None = None


@dataclass(frozen=True)
class Seen:
    """What a calendar app may have changed in an entry: its time, and whether it is done.

    `due` is a date for an all-day entry and naive for a floating time; `completed`
    is when it was ticked done, if the app said.
    """

    kind: str  # "todo" or "event"
    due: datetime | date | None
    done: bool
    completed: datetime | None
    sequence: int = 0
    summary: str = ""


def _event(entry: Entry, reminder_minutes: int) -> Any:
    from icalendar import Alarm, Event

    item = Event()
    item.add("dtstart", entry.due)
    item.add("dtend", entry.due + timedelta(minutes=30))
    if entry.done_at is None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", entry.summary)
        alarm.add("trigger", timedelta(minutes=-reminder_minutes))
        item.add_component(alarm)
    return item


def _todo(entry: Entry) -> Any:
    from icalendar import Todo

    item = Todo()
    item.add("due", entry.due)
    if entry.done_at is None:
        item.add("status", "NEEDS-ACTION")
    else:
        item.add("status", "COMPLETED")
        item.add("completed", entry.done_at)
        item.add("percent-complete", 100)
    return item


def component(entry: Entry, items: str, reminder_minutes: int, now: datetime) -> Any:
    """Return an icalendar VTODO (or VEVENT with an alarm) for one entry.

    An event cannot be completed: a done step stays as an event headed "Done:".
    """
    item = _event(entry, reminder_minutes) if items == "event" else _todo(entry)
    done = items == "event" and entry.done_at is not None
    item.add("uid", entry.uid)
    item.add("summary", f"Done: {entry.summary}" if done else entry.summary)
    item.add("description", entry.description)
    item.add("sequence", entry.sequence)
    item.add("dtstamp", now)
    return item


def _empty_calendar() -> Any:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "insidetrack follow-ups")
    return cal


def calendar(entries: list[Entry], items: str, reminder_minutes: int, now: datetime) -> bytes:
    """Return a whole calendar holding every entry."""
    cal = _empty_calendar()
    for entry in entries:
        cal.add_component(component(entry, items, reminder_minutes, now))
    return bytes(cal.to_ical())


def component_text(entry: Entry, items: str, reminder_minutes: int, now: datetime) -> bytes:
    """Return one entry's text as `calendar` writes it inside the whole calendar."""
    return bytes(component(entry, items, reminder_minutes, now).to_ical())


def calendar_of_texts(texts: list[bytes]) -> bytes:
    """Return a whole calendar around entries' texts from `component_text`."""
    end = b"END:VCALENDAR\r\n"
    head = bytes(_empty_calendar().to_ical())
    return head.removesuffix(end) + b"".join(texts) + end


def single(entry: Entry, items: str, reminder_minutes: int, now: datetime) -> str:
    """Return a calendar holding one entry, as CalDAV stores it."""
    return calendar([entry], items, reminder_minutes, now).decode("utf-8")


def _moment(item: Any, name: str) -> Any:
    prop = item.get(name)
    return None if prop is None else prop.dt


def read(ical: str, uid: str) -> Seen | None:
    """Return what the entry with this UID says now, or None if the data holds none."""
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(ical)
    except ValueError:
        return None
    for item in cal.walk():
        if item.name not in ("VTODO", "VEVENT") or str(item.get("uid", "")) != uid:
            continue
        sequence, summary = int(item.get("sequence", 0)), str(item.get("summary", ""))
        if item.name == "VEVENT":
            return Seen("event", _moment(item, "dtstart"), False, None, sequence, summary)
        done = str(item.get("status", "")).upper() == "COMPLETED" or "completed" in item
        completed = _moment(item, "completed") or _moment(item, "last-modified")
        return Seen("todo", _moment(item, "due"), done, completed if done else None, sequence,
                    summary)
    return None
