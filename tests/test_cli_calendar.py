"""Calendars: an .ics export (read by khal), and a push to a real CalDAV server (Radicale).

The two-way tests, with vdirsyncer and todoman on the user's side, are in
test_cli_calendar_sync.py.
"""

from __future__ import annotations

import pytest
from icalendar import Calendar

from calendar_apps import KhalUser


@pytest.fixture
def campaign(run):
    run.logged_on_time("interview", "add", "--employer", "Acme Motors", "--job-title",
                       "Sales Manager", "--at", "2026-11-18 10:00",
                       "--interviewer", "Jane Roe <jane@acme.example>")
    return run


def _todos(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(c["summary"]): c for c in cal.walk("VTODO")}


def test_export_ics_has_every_pending_step(campaign, tmp_path):
    run = campaign
    out = tmp_path / "steps.ics"
    run.ok("export", "ics", "--out", str(out))
    todos = _todos(out.read_bytes())
    pending = [s for s in run.json("plan", "1")["steps"] if s["status"] == "pending"]
    assert len(todos) == len(pending) == 9
    thanks = todos["Thank-you e-mail to Jane Roe: Acme Motors, Sales Manager"]
    assert thanks["due"].dt.isoformat() == "2026-11-19T16:00:00+00:00"
    assert "insidetrack draft 1" in str(thanks["description"])
    assert int(thanks["sequence"]) == 0


def test_uids_stay_and_sequence_rises_when_a_step_changes(campaign, tmp_path):
    run = campaign
    first = {str(t["uid"]): t for t in _todos(run("export", "ics").stdout_bytes).values()}
    run.ok("log", "1", "reply", "--at", "2026-11-24 16:00")
    second = {str(t["uid"]): t for t in _todos(run("export", "ics").stdout_bytes).values()}
    assert set(first) == set(second)
    moved = [uid for uid in first if first[uid]["due"].dt != second[uid]["due"].dt]
    assert moved
    for uid in moved:
        assert int(second[uid]["sequence"]) > int(first[uid]["sequence"])


def test_events_with_reminders_by_setting(campaign):
    run = campaign
    run.ok("config", "set", "calendar.items", "event")
    cal = Calendar.from_ical(run("export", "ics").stdout_bytes)
    events = cal.walk("VEVENT")
    assert len(events) == 9 and not cal.walk("VTODO")
    alarm = events[0].walk("VALARM")[0]
    assert alarm["trigger"].dt.total_seconds() == -30 * 60


def _server_todos(url: str) -> dict[str, object]:
    import caldav

    with caldav.DAVClient(url=url, username="dana", password="x", require_tls=False) as client:
        cal = next(c for c in client.principal().calendars()
                   if c.get_display_name() == "insidetrack")
        found = {}
        for obj in cal.todos(include_completed=True):
            todo = obj.icalendar_component
            found[str(todo["uid"])] = todo
        return found


def test_calendar_push_to_radicale(campaign, radicale):
    run = campaign
    run.ok("config", "set", "caldav.url", radicale)
    run.ok("config", "set", "caldav.user", "dana")
    assert "caldav: ok, calendar 'insidetrack'" in run.ok("config", "test", "caldav")
    assert run.ok("calendar", "push").strip() == (
        "Calendar 'insidetrack': 9 added, 0 updated, 0 marked completed, 0 restored, "
        "0 removed, 0 unchanged.")
    on_server = _server_todos(radicale)
    assert len(on_server) == 9
    assert run.ok("calendar", "push").strip() == (
        "Calendar 'insidetrack': 0 added, 0 updated, 0 marked completed, 0 restored, "
        "0 removed, 9 unchanged.")
    run.ok("done", "1", "--at", "2026-11-18 17:00")
    run.ok("log", "1", "reply", "--at", "2026-11-24 16:00")
    report = run.ok("calendar", "push").strip()
    assert "1 marked completed" in report and "0 added" in report and "0 removed" in report
    after = _server_todos(radicale)
    assert len(after) == 9  # the done step stays, completed: the calendar shows the history
    done = [t for t in after.values() if str(t["status"]) == "COMPLETED"]
    assert [str(t["summary"]) for t in done] == [
        "Thank-you e-mail to Jane Roe: Acme Motors, Sales Manager"]
    assert done[0]["completed"].dt.isoformat() == "2026-11-18T22:00:00+00:00"
    moved = [uid for uid in after if after[uid]["due"].dt != on_server[uid]["due"].dt]
    assert moved and all(int(after[u]["sequence"]) > int(on_server[u]["sequence"]) for u in moved)


def test_khal_imports_events_but_no_todos(campaign, tmp_path):
    """khal (from PyPI) reads events only: the default to-do export gives it nothing."""
    run = campaign
    khal = KhalUser(tmp_path / "khal")
    run.ok("export", "ics", "--out", str(tmp_path / "todos.ics"))
    khal.import_file(tmp_path / "todos.ics")
    assert khal.agenda("2026-11-18", 120) == []
    run.ok("export", "ics", "--items", "event", "--out", str(tmp_path / "events.ics"))
    khal.import_file(tmp_path / "events.ics")
    agenda = khal.agenda("2026-11-18", 120)
    assert len(agenda) == 9
    assert agenda[0] == "2026-11-19 11:00 Thank-you e-mail to Jane Roe: Acme Motors, Sales Manager"
    # --items is for this one file: the setting stays, the next export is to-dos again
    assert run.json("config", "show")["settings"]["calendar.items"] == "todo"
    assert len(_todos(run("export", "ics").stdout_bytes)) == 9


def test_export_ics_items_refuses_other_words(campaign):
    result = campaign("export", "ics", "--items", "task")
    assert result.exit_code == 2 and "--items" in result.stderr and "'todo', 'event'" in result.stderr


def test_calendar_push_needs_a_url(campaign):
    result = campaign("calendar", "push")
    assert result.exit_code == 1 and "insidetrack config set caldav.url" in result.stderr
