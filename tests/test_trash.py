"""The trash: whatever a delete removed comes back as it was, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

import dbs
from conftest import Cli
from servers import free_port


def _trash_number(output: str) -> str:
    found = re.search(r"^To bring it back: insidetrack trash restore (\d+)$", output, re.M)
    assert found, output
    return found.group(1)


def _records(location) -> dict[str, list[dict[str, object]]]:
    """Every row of the user's data (the trash itself aside)."""
    return {t: rows for t, rows in dbs.dump(location).items() if t != "trash"}


@pytest.mark.parametrize("interview_id", ["2", "4"])  # its opening goes; it holds the offer
def test_a_deleted_interview_comes_back_exactly(run, interview_id):
    run.ok("demo")
    shown = run.ok("interview", "show", interview_id, "--json")
    before = _records(run.db)
    number = _trash_number(run.ok("interview", "delete", interview_id, "--yes"))
    assert run("interview", "show", interview_id).exit_code != 0
    restored = run.ok("trash", "restore", number)
    assert restored.startswith("Restored the interview with ")
    assert run.ok("interview", "show", interview_id, "--json") == shown
    assert _records(run.db) == before
    assert "The trash is empty" in run.ok("trash")


def _day(run, interview_id: str) -> str:
    """Return the day of an interview as the trash names it: 'Sat 14 Nov'."""
    at = datetime.fromisoformat(run.json("interview", "show", interview_id)["at"])
    return f"{at:%a} {at.day} {at:%b}"


def test_the_trash_lists_each_delete_in_words_latest_first(run):
    run.ok("demo")
    day = _day(run, "2")
    run.ok("interview", "delete", "2", "--yes")
    run.ok("fact", "delete", "1")
    run.ok("reference", "delete", "1")
    listed = run.json("trash")
    assert [e["what"] for e in listed] == [
        "the reference Alan Reyes", "the fact “My team won the regional fleet award for 2025”",
        f"the interview with Brightwave Software on {day}"]
    assert listed[2]["rows"]["interviews"] == 1 and listed[2]["rows"]["steps"] >= 1
    text = run.ok("trash")
    assert "the reference Alan Reyes" in text and "insidetrack trash restore N" in text


@pytest.mark.parametrize("delete", [("fact", "delete", "1"), ("clipping", "delete", "1"),
                                    ("reference", "delete", "1")])
def test_a_deleted_fact_clipping_or_reference_comes_back(run, delete):
    run.ok("demo")
    before = _records(run.db)
    plan = run.ok("today", "--json")
    number = _trash_number(run.ok(*delete))
    assert _records(run.db) != before
    assert run.ok("trash", "restore", number).startswith("Restored the ")
    assert _records(run.db) == before
    assert run.ok("today", "--json") == plan


def test_a_restore_says_what_came_back_in_the_plan(run):
    run.ok("demo")
    number = _trash_number(run.ok("reference", "delete", "1"))
    said = run.json("trash", "restore", number)
    assert said["what"] == "the reference Alan Reyes"
    assert {s["to"] for s in said["moved"]["added"]} == {"Alan Reyes"}
    text = run.ok("fact", "delete", "1")
    restored = run.ok("trash", "restore", _trash_number(text))
    assert "Restored the fact" in restored and "The plan is otherwise unchanged." in restored


def test_restoring_twice_or_an_unknown_number_is_refused(run):
    run.ok("demo")
    number = _trash_number(run.ok("fact", "delete", "1"))
    run.ok("trash", "restore", number)
    again = run("trash", "restore", number)
    assert again.exit_code != 0 and "Traceback" not in again.output
    assert f"no deleted item {number}: see `insidetrack trash`" in again.stderr
    assert run("trash", "restore", "999").exit_code != 0


def test_a_new_record_never_takes_a_deleted_ones_id(run, backend):
    run.ok("demo")
    shown = run.ok("interview", "show", "6", "--json")
    number = _trash_number(run.ok("interview", "delete", "6", "--yes"))  # the newest
    added = run.json("interview", "add", "--employer", "Acme Motors", "--job-title",
                     "Sales Manager", "--at", "2026-11-24 10:00")
    assert added["id"] == 7  # on SQLite too, since migration 0014
    run.ok("trash", "restore", number)
    assert run.ok("interview", "show", "6", "--json") == shown
    assert run.json("interview", "show", "7")["id"] == 7


def test_an_id_taken_since_refuses_the_restore_and_changes_nothing(run, backend):
    from insidetrack.storage import db

    run.ok("demo")
    day = _day(run, "6")
    number = _trash_number(run.ok("interview", "delete", "6", "--yes"))
    conn = db.connect(run.db)
    with conn.write():  # a row put there with that id by hand (another program, say)
        conn.execute("INSERT INTO interviews (id, opening_id, starts_at, duration_minutes)"
                     " VALUES (6, 1, '2026-11-24T15:00:00+00:00', 45)")
    conn.close()
    before = _records(run.db)
    result = run("trash", "restore", number)
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert result.stderr.count("\n") == 1
    assert (f"cannot bring back the interview with Keystone Insurance on {day}: "
            "interview 6 is another interview now") in result.stderr
    assert _records(run.db) == before
    assert [e["id"] for e in run.json("trash")] == [int(number)]  # still there


def test_a_deletion_is_kept_thirty_days(run):
    run.ok("demo")
    number = _trash_number(run.ok("fact", "delete", "1"))
    run.now += timedelta(days=29)
    assert [e["id"] for e in run.json("trash")] == [int(number)]
    run.now += timedelta(days=2)
    assert run.json("trash") == []
    run.ok("fact", "delete", "2")  # the next delete empties the old one
    assert dbs.query(run.db, "SELECT id FROM trash ORDER BY id") == [(int(number) + 1,)]
    assert run("trash", "restore", number).exit_code != 0


def test_a_restored_interview_has_its_outbox_and_calendar_again(run, radicale):
    run.ok("profile", "set", "--name", "Dana Whitfield", "--email", "dana@example.com",
           "--phone", "+1 555 0100", "--field", "Sales", "--years", "6")
    run.logged_on_time("interview", "add", "--employer", "Acme Motors", "--job-title",
                       "Sales Manager", "--at", "2026-11-18 10:00",
                       "--interviewer", "Zoë Martin <zoe@acme.example>")
    for key, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(free_port())),
                       ("smtp.security", "none"), ("caldav.url", radicale),
                       ("caldav.user", "dana")):
        run.ok("config", "set", key, value)
    assert "Queued, not sent" in run("send", "1", "--yes").stdout  # no server listens
    assert "9 added" in run.ok("calendar", "push")
    outbox, before = run.ok("outbox", "--json"), _records(run.db)
    assert before["outbox"] and before["calendar_pushes"]
    number = _trash_number(run.ok("interview", "delete", "1", "--yes"))
    assert dbs.query(run.db, "SELECT COUNT(*) FROM outbox") == [(0,)]
    run.ok("trash", "restore", number)
    assert _records(run.db) == before
    assert run.ok("outbox", "--json") == outbox
    assert "0 added, 0 updated, 0 marked completed, 0 restored, 0 removed, 9 unchanged" in \
        run.ok("calendar", "push")
    # Pushed while deleted, the calendar lets the steps go; restored, they are back in it.
    number = _trash_number(run.ok("interview", "delete", "1", "--yes"))
    assert "9 removed" in run.ok("calendar", "push")
    run.ok("trash", "restore", number)
    assert "0 added, 0 updated, 0 marked completed, 9 restored, 0 removed" in \
        run.ok("calendar", "push")
    assert "9 unchanged" in run.ok("calendar", "push")


def test_sqlite_and_postgresql_say_the_same(tmp_path, postgres):
    def transcript(run: Cli) -> list[str]:
        run.ok("demo")
        said = [run.ok("interview", "delete", "2", "--yes"), run.ok("fact", "delete", "1"),
                run.ok("trash"), run.ok("trash", "restore", "1"), run.ok("trash", "--json")]
        return [re.sub(r"\d\d:\d\d:\d\d", "…", s) for s in said]

    sqlite = transcript(Cli(tmp_path / "insidetrack.db"))
    (tmp_path / "config.toml").unlink(missing_ok=True)
    assert transcript(Cli(postgres.new_database())) == sqlite


def test_a_database_made_before_the_trash_gains_it(run):
    from insidetrack.storage import db

    run.ok("demo")
    conn = db.connect(run.db)
    with conn.write():  # as the version before 0013 left it
        conn.execute("DROP TABLE trash")
        conn.execute("DELETE FROM schema_migrations WHERE version = 13")
    conn.close()
    db._MIGRATED.discard(str(run.db))  # a new process would find the server behind
    shown = run.ok("interview", "show", "3", "--json")
    number = _trash_number(run.ok("interview", "delete", "3", "--yes"))  # migrates first
    run.ok("trash", "restore", number)
    assert run.ok("interview", "show", "3", "--json") == shown


def test_what_the_user_did_after_the_delete_stands_after_the_restore(run):
    run.logged_on_time("interview", "add", "--employer", "Acme Motors", "--job-title",
                       "Sales Manager", "--at", "2026-11-10 10:00",
                       "--interviewer", "Jane Roe <jane@acme.example>")
    run.ok("interview", "add", "--employer", "Acme Motors", "--job-title", "Sales Manager",
           "--at", "2026-11-20 10:00", "--interviewer", "Raj Patel <raj@acme.example>")
    first_round = run.json("plan", "1")
    said = run.ok("interview", "delete", "2", "--yes")  # round 1 takes its follow-ups back
    assert "Follow-up call #1 to Jane Roe (step 3, Acme Motors): added" in said
    run.ok("done", "3", "--at", "2026-11-24 11:00", "--note", "she is on holiday")
    run.ok("trash", "restore", _trash_number(said))
    steps = {s["id"]: s for s in run.json("plan", "1")["steps"]}
    assert steps[3]["status"] == "done"  # the call made stays made
    was = {s["id"]: s for s in first_round["steps"]}
    assert steps[4]["status"] == was[4]["status"] == "cancelled"  # handed on to round 2 again
    assert [s["id"] for s in run.json("plan", "2")["steps"]][:1] == [10]


def test_an_interview_waits_for_the_reference_deleted_after_it(run):
    run.ok("demo")
    shown = run.ok("interview", "show", "1", "--json")
    interview = _trash_number(run.ok("interview", "delete", "1", "--yes"))
    reference = _trash_number(run.ok("reference", "delete", "1"))
    before = _records(run.db)
    refused = run("trash", "restore", interview)
    assert refused.exit_code != 0 and refused.stderr.count("\n") == 1
    assert "something it names has been deleted since (if it is in the trash, bring that " \
           "back first); nothing changed" in refused.stderr
    assert _records(run.db) == before
    run.ok("trash", "restore", reference)
    run.ok("trash", "restore", interview)
    assert run.ok("interview", "show", "1", "--json") == shown


def test_an_employer_with_nothing_left_is_deleted_and_comes_back(run):
    run.ok("employer", "add", "Globex", "--phone", "+1 555 0123")
    run.ok("contact", "add", "Hank Scorpio", "--employer", "Globex", "--role", "hr")
    before = run.json("contact", "list")
    said = run.ok("employer", "delete", "1").splitlines()
    assert said[0] == "Deleted the employer Globex and its people."
    assert run.json("employer", "list") == [] and run.json("contact", "list") == []
    run.ok(*said[1].split(": ", 1)[1].split()[1:])  # trash restore N, as printed
    assert [e["name"] for e in run.json("employer", "list")] == ["Globex"]
    assert run.json("contact", "list") == before
    run.ok("application", "add", "Globex", "Account Executive")
    refused = run("employer", "delete", "1")
    assert refused.exit_code == 1
    assert refused.stderr == ("insidetrack: error: Globex has an application or an interview: "
                              "delete those first\n")


def test_a_contact_no_interview_lists_is_deleted_and_comes_back(run):
    run.ok("employer", "add", "Globex")
    run.ok("contact", "add", "Hank Scorpio", "--employer", "Globex", "--role", "hr")
    said = run.ok("contact", "delete", "1").splitlines()
    assert said[0] == "Deleted the contact Hank Scorpio." and run.json("contact", "list") == []
    run.ok(*said[1].split(": ", 1)[1].split()[1:])
    assert [c["name"] for c in run.json("contact", "list")] == ["Hank Scorpio"]
    run.logged_on_time("interview", "add", "--employer", "Globex", "--job-title", "Rep",
                       "--at", "2026-11-24 10:00", "--interviewer", "Lisa Simpson")
    panel = next(c for c in run.json("contact", "list") if c["name"] == "Lisa Simpson")
    refused = run("contact", "delete", str(panel["id"]))
    assert refused.exit_code == 1 and "remove them from the interview first" in refused.stderr
