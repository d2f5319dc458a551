"""`sync` with CalDAV set up reads the user's calendars (a real Radicale) for interviews."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from conftest import TZ


def _event(uid: str, summary: str, start: datetime, minutes: int, description: str = "") -> str:
    cal = Calendar()
    cal.add("prodid", "-//the user's calendar app//EN")
    cal.add("version", "2.0")
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=minutes))
    event.add("dtstamp", datetime(2026, 11, 20, tzinfo=ZoneInfo("UTC")))
    if description:
        event.add("description", description)
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical().decode()


def test_sync_proposes_calendar_events_that_look_like_interviews(run, radicale):
    import caldav

    run.logged_on_time("interview", "add", "--employer", "Acme Motors", "--job-title",
                       "Sales Manager", "--at", "2026-11-18 10:00",
                       "--interviewer", "Jane Roe <jane@acme.example>")
    run.ok("config", "set", "caldav.url", radicale)
    run.ok("config", "set", "caldav.user", "dana")
    run.ok("calendar", "push")  # insidetrack's own entries: never proposed back
    with caldav.DAVClient(url=radicale, username="dana", password="x") as client:
        personal = client.principal().make_calendar(name="Personal")
        personal.save_event(_event(
            "screen-1@phone", "Phone screen: Data Analyst at Fjord Analytics",
            datetime(2026, 12, 2, 16, 0, tzinfo=ZoneInfo("Europe/Oslo")), 30,
            "Zoë Ødegaard will call you."))
        personal.save_event(_event("dentist-1@phone", "Dentist",
                                   datetime(2026, 12, 3, 9, 0, tzinfo=TZ), 60))
    out = run.ok("sync")
    assert ("Interview in your calendar: invitation 1: Fjord Analytics, Data Analyst, "
            "Wed 02 Dec 2026 10:00 (30 min)") in out
    [item] = run.json("invitations")
    assert item["fields"]["employer"]["value"] == "Fjord Analytics"
    assert "invitation" not in run.ok("sync")  # the same event proposes once
    assert "logged interview 2: Fjord Analytics" in run.ok("invitations", "accept", "1")
