"""`calendar push` and `calendar sync` against Radicale, checked from the user's side.

The user's side is vdirsyncer (a CalDAV client of its own, independent of the `caldav`
library insidetrack uses) syncing the Radicale calendars into local folders, and todoman
working on them, as a todoman user does: see calendar_apps.py.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from icalendar import Calendar

from calendar_apps import TodomanUser, due_of
from conftest import NOW, TZ
from dbs import change

THANKS = "Thank-you e-mail to Jane Roe"
CALL_1 = "Follow-up call #1 to Jane Roe"
LETTER_2 = "Follow-up e-mail #2 to Jane Roe"
LETTER_3 = "Follow-up e-mail #3 to Jane Roe"


def _line(added=0, updated=0, completed=0, restored=0, removed=0, unchanged=0,
          calendar="insidetrack") -> str:
    return (f"Calendar {calendar!r}: {added} added, {updated} updated, {completed} marked "
            f"completed, {restored} restored, {removed} removed, {unchanged} unchanged.")


@pytest.fixture
def synced(run, radicale, tmp_path):
    """A campaign pushed to Radicale, and a todoman user who has synced it."""
    run.logged_on_time("interview", "add", "--employer", "Acme Motors", "--job-title",
                       "Sales Manager", "--at", "2026-11-18 10:00",
                       "--interviewer", "Jane Roe <jane@acme.example>")
    run.ok("config", "set", "caldav.url", radicale)
    run.ok("config", "set", "caldav.user", "dana")
    assert run.ok("calendar", "push").strip() == _line(added=9)
    user = TodomanUser(tmp_path / "user", radicale)
    user.sync()
    assert len(user.todos()) == 9
    return run, user


def _steps(run) -> dict[int, dict[str, object]]:
    return {s["id"]: s for s in run.json("plan", "1")["steps"]}


def test_an_entry_deleted_on_the_server_is_put_back(synced):
    """Item 7: the push compares with what the server holds, not with its own memory."""
    run, user = synced
    user.todo("delete", "--yes", str(user.find(LETTER_3)["id"]))
    user.sync()  # vdirsyncer deletes it on Radicale
    assert len(user.todos()) == 8
    assert run.ok("calendar", "push").strip() == _line(restored=1, unchanged=8)
    user.sync()
    assert due_of(user.find(LETTER_3)).isoformat() == "2026-12-07T09:00:00-05:00"


def test_a_new_calendar_gets_every_step_and_the_old_one_is_emptied(synced):
    """Item 7: after caldav.calendar changes, the push uploads to the new calendar."""
    run, user = synced
    user.todo("new", "-l", "insidetrack", "Buy stamps")  # the user's own, in the same calendar
    user.sync()
    run.ok("config", "set", "caldav.calendar", "Job hunt")
    assert run.ok("calendar", "push").strip() == _line(added=9, calendar="Job hunt")
    user.sync()
    lists = user.lists()
    assert len(lists["Job hunt"]) == 9
    assert [p.name for p in lists["insidetrack"]] != []  # what insidetrack did not put there
    assert {str(t["summary"]) for t in user.todos() if t["list"] == "insidetrack"} == {
        "Buy stamps"}
    assert run.ok("calendar", "push").strip() == _line(unchanged=9, calendar="Job hunt")


def test_a_new_format_is_written_over_the_old(synced):
    """Item 7: after calendar.items changes, every entry is written again, as an event."""
    run, user = synced
    run.ok("config", "set", "calendar.items", "event")
    assert run.ok("calendar", "push").strip() == _line(updated=9)
    user.sync()
    assert user.todos() == []  # todoman sees no to-do left: they are events now
    files = user.lists()["insidetrack"]
    events = [e for f in files for e in Calendar.from_ical(f.read_bytes()).walk("VEVENT")]
    assert len(files) == len(events) == 9
    assert {e.walk("VALARM")[0]["trigger"].dt.total_seconds() for e in events} == {-1800}


def test_only_what_insidetrack_put_there_is_taken_out(synced):
    """Item 7: a decision cancels the follow-ups: their entries go, the user's own stay,
    and the gracious reply it plans comes in like any other step.

    One was ticked done in todoman meanwhile: the decision wins over the tick (item 8).
    """
    run, user = synced
    user.todo("new", "-l", "insidetrack", "Buy stamps")
    user.todo("done", str(user.find(LETTER_2)["id"]))
    user.sync()
    run.ok("log", "1", "decision", "--outcome", "rejected", "--at", "2026-11-24 10:00")
    pushed = run.ok("calendar", "push")
    assert "Step 2 (" in pushed and "ticked done in your calendar; left as it is" in pushed
    assert pushed.strip().endswith(_line(added=1, removed=8))
    out = run.ok("calendar", "sync")
    assert (f"Step 2 ({LETTER_2} with a new fact: Acme Motors, Sales Manager): changed in "
            "your calendar, but cancelled here: insidetrack's side wins.") in out
    assert out.strip().endswith(_line(removed=1, unchanged=1))
    assert _steps(run)[2]["status"] == "cancelled"
    user.sync()
    assert sorted(t["summary"] for t in user.todos()) == [
        "Buy stamps", "Gracious e-mail to Jane Roe: thank them, ask to be kept in mind: "
        "Acme Motors, Sales Manager"]


def test_a_calendar_on_another_server_gets_every_step(synced, tmp_path):
    """Item 7: moved to another server, the push fills the new calendar and says what stays."""
    from calendar_apps import radicale_server

    run, user = synced
    with radicale_server(tmp_path / "elsewhere") as other:
        run.ok("config", "set", "caldav.url", other)
        out = run.ok("calendar", "push")
        assert out.splitlines() == [
            _line(added=9),
            "9 entry(ies) stay in your former calendar on another server: delete them there."]
        assert run.ok("calendar", "push").strip() == _line(unchanged=9)
        elsewhere = TodomanUser(tmp_path / "elsewhere-user", other)
        elsewhere.sync()
        assert len(elsewhere.todos()) == 9
    user.sync()
    assert len(user.todos()) == 9  # the former server was left as it was


def test_ticked_done_and_moved_in_todoman_reach_insidetrack(synced):
    """Item 8: a to-do ticked done and one moved in todoman are taken in by `calendar sync`."""
    run, user = synced
    user.todo("done", str(user.find(THANKS)["id"]))
    user.todo("edit", str(user.find(CALL_1)["id"]), "--due", "2026-12-03 14:30")
    user.sync()
    ticked = user.find(THANKS)
    ticked_at = datetime.fromtimestamp(int(str(ticked["completed_at"])), TZ)
    call_2_before = _steps(run)[6]["due"]

    # a push alone changes nothing here, and overwrites nothing there
    run.ok("log", "1", "reply", "--at", "2026-11-24 16:00")  # re-plans the letters
    pushed = run.ok("calendar", "push")
    assert "ticked done in your calendar; left as it is" in pushed
    assert "moved to Thu 03 Dec 2026 14:30 in your calendar; left as it is" in pushed
    user.sync()
    assert user.find(THANKS)["completed"] is True
    assert due_of(user.find(CALL_1)).isoformat() == "2026-12-03T14:30:00-05:00"
    assert _steps(run)[1]["status"] == "pending"

    out = run.ok("calendar", "sync")
    done_at = min(ticked_at, NOW)  # todoman's clock; never later than insidetrack's now
    assert (f"Step 1 ({THANKS}: Acme Motors, Sales Manager): ticked done in your calendar; "
            f"marked done at {done_at.strftime('%a %d %b %Y %H:%M')}.") in out
    assert (f"Step 3 ({CALL_1}: Acme Motors, Sales Manager): moved in your calendar "
            "to Thu 03 Dec 2026 14:30.") in out
    steps = _steps(run)
    assert steps[1]["status"] == "done"
    assert datetime.fromisoformat(str(steps[1]["done_at"])) == done_at.replace(microsecond=0)
    assert steps[3]["due"] == "2026-12-03T14:30:00-05:00"
    assert steps[6]["due"] > call_2_before  # call #2 counts on from the moved call
    shown = run.json("interview", "show", "1")  # marked done as `insidetrack done` does
    assert any(t["kind"] == "email-sent" and t["note"] == "ticked done in your calendar"
               for t in shown["touchpoints"])

    user.sync()  # and the calendar still says so
    assert user.find(THANKS)["completed"] is True
    assert due_of(user.find(CALL_1)).isoformat() == "2026-12-03T14:30:00-05:00"
    assert run.ok("calendar", "sync").strip() == _line(unchanged=9)


def test_steps_done_in_insidetrack_are_completed_in_todoman(synced):
    """Item 8: a step done here shows in the user's app as completed, not deleted."""
    run, user = synced
    run.ok("done", "2", "--at", "2026-11-25 10:00")
    out = run.ok("calendar", "sync").strip()
    assert "1 marked completed" in out and "0 removed" in out
    user.sync()
    assert len(user.todos()) == 9
    letter = user.find(LETTER_2)
    assert letter["completed"] is True
    assert datetime.fromtimestamp(int(str(letter["completed_at"])), TZ).isoformat() == (
        "2026-11-25T10:00:00-05:00")
    assert len(user.todos(status="NEEDS-ACTION")) == 8


def _untick(path: str) -> None:
    """Untick a to-do as an app other than todoman does (todoman has no untick)."""
    with open(path, "rb") as f:
        cal = Calendar.from_ical(f.read())
    todo = cal.walk("VTODO")[0]
    todo["status"] = "NEEDS-ACTION"
    for name in ("completed", "percent-complete"):
        todo.pop(name, None)
    with open(path, "wb") as f:
        f.write(cal.to_ical())


def test_conflicts_say_which_side_wins(synced):
    """Item 8: where both sides changed a step, the sync says which side won."""
    run, user = synced
    run.ok("done", "1", "--at", "2026-11-18 17:00")
    run.ok("calendar", "sync")
    user.sync()
    _untick(user.todo("path", str(user.find(THANKS)["id"])).strip())
    user.todo("edit", str(user.find(LETTER_3)["id"]), "--due", "2026-11-30 10:00")
    user.sync()
    run.ok("log", "1", "reply", "--at", "2026-11-24 16:00")  # letters wait a week again
    out = run.ok("calendar", "sync")
    assert "Step 1 (" in out and "unticked in your calendar, but done here: marked completed again." in out
    assert (f"Step 4 ({LETTER_3} with a new fact: Acme Motors, Sales Manager): moved in your "
            "calendar to Mon 30 Nov 2026 10:00. The plan needs it later (a reply or an "
            "unanswered call restarts the wait): due ") in out
    user.sync()
    assert user.find(THANKS)["completed"] is True
    assert due_of(user.find(LETTER_3)) == datetime.fromisoformat(str(_steps(run)[4]["due"]))
    assert due_of(user.find(LETTER_3)) > datetime(2026, 12, 1, 16, 0, tzinfo=TZ)


def test_sync_reads_the_calendar_when_caldav_is_set(synced):
    """Item 8: `insidetrack sync` with CalDAV set (and no mail) takes in the calendar too."""
    run, user = synced
    user.todo("done", str(user.find(LETTER_2)["id"]))
    user.sync()
    out = run.ok("sync")
    assert "Step 2 (" in out and "ticked done in your calendar" in out
    assert _steps(run)[2]["status"] == "done"


def test_entries_pushed_before_the_upgrade_are_checked_against_the_server(synced):
    """Rows kept before migration 9 (no calendar, ETag or due time): the server decides."""
    run, user = synced
    user.todo("done", str(user.find(THANKS)["id"]))
    user.sync()
    change(run.db, "UPDATE calendar_pushes SET calendar = '', href = '', etag = '', items = '',"
                   " due = NULL")
    out = run.ok("calendar", "sync")
    assert "Step 1 (" in out and "ticked done in your calendar" in out
    assert out.strip().endswith(_line(updated=8, completed=1))
    user.sync()
    assert len(user.todos()) == 9 and user.find(THANKS)["completed"] is True
    assert run.ok("calendar", "sync").strip() == _line(unchanged=9)
