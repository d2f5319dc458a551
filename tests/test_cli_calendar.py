"""Calendars: an .ics export, and a push to a real CalDAV server (Radicale)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from icalendar import Calendar

from servers import free_port, wait_for_port


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


@pytest.fixture
def radicale(tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
         "--storage-filesystem-folder", str(tmp_path / "collections"), "--auth-type", "none"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    wait_for_port(port, proc, "Radicale")
    yield f"http://127.0.0.1:{port}/"
    proc.terminate()
    proc.wait(timeout=10)


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
        "Calendar: 9 added, 0 updated, 0 removed, 0 unchanged.")
    on_server = _server_todos(radicale)
    assert len(on_server) == 9
    assert run.ok("calendar", "push").strip() == (
        "Calendar: 0 added, 0 updated, 0 removed, 9 unchanged.")
    run.ok("done", "1", "--at", "2026-11-18 17:00")
    run.ok("log", "1", "reply", "--at", "2026-11-24 16:00")
    report = run.ok("calendar", "push").strip()
    assert "1 removed" in report and "0 added" in report
    after = _server_todos(radicale)
    assert len(after) == 8
    moved = [uid for uid in after if after[uid]["due"].dt != on_server[uid]["due"].dt]
    assert moved and all(int(after[u]["sequence"]) > int(on_server[u]["sequence"]) for u in moved)


def test_calendar_push_needs_a_url(campaign):
    result = campaign("calendar", "push")
    assert result.exit_code == 1 and "insidetrack config set caldav.url" in result.stderr
