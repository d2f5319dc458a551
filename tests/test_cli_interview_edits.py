"""Fixing mistakes: `interview edit`, `interview delete` and what `interview show` holds."""

from __future__ import annotations

from datetime import datetime

import pytest

from conftest import TZ
from dbs import change, dump, query
from insidetrack.cli.commands import interview_edits as edits_command
from insidetrack.cli.output import human_time
from test_cli import PROFILE

ADD = ("interview", "add", "--employer", "Acme Motors", "--job-title", "Sales Manager",
       "--at", "2026-11-24 10:00", "--interviewer", "Maria López <maria@acme.example>",
       "--expected-decision", "2026-12-10")


@pytest.fixture
def logged(run):
    """A profile and one interview with one interviewer, logged an hour after it began."""
    run.ok(*PROFILE)
    run.logged_on_time(*ADD)
    return run


def _plan(run, interview: str = "1") -> dict[int, dict[str, object]]:
    return {s["id"]: s for s in run.json("plan", interview)["steps"]}


def _pending(run, interview: str = "1") -> dict[int, dict[str, object]]:
    return {i: s for i, s in _plan(run, interview).items() if s["status"] == "pending"}


def _thank_yous(run) -> dict[str, str]:
    """Return who gets a thank-you, and its status."""
    return {str(s["to"]): str(s["status"]) for s in _plan(run).values() if s["kind"] == "thank-you"}


def _when(stamp: object) -> str:
    return human_time(datetime.fromisoformat(str(stamp)), TZ)


# Editing: every change re-plans and says what moved.


def test_a_new_time_moves_the_steps_and_says_from_when_to_when(logged):
    before = _pending(logged)
    out = logged.ok("interview", "edit", "1", "--at", "2026-11-24 16:00")
    after = _pending(logged)
    assert out.startswith("Interview 1 changed: at.\nThe plan changed:\n")
    moved = [i for i in before if before[i]["due"] != after[i]["due"]]
    assert moved  # the thank-you at least: 24 hours after the end
    for i in moved:
        assert f"(step {i}, Acme Motors): {_when(before[i]['due'])} -> {_when(after[i]['due'])}" in out
    assert len(out.strip().splitlines()) == 2 + len(moved)


def test_json_gives_the_same_moves_as_data(logged):
    before = _pending(logged)
    shown = logged.json("interview", "edit", "1", "--duration", "180")
    assert shown["changed"] == ["duration"]
    after = _pending(logged)
    assert {m["step"]: (m["change"], m["from"], m["to"]) for m in shown["moves"]} == {
        i: ("moved", before[i]["due"], after[i]["due"])
        for i in before if before[i]["due"] != after[i]["due"]}


def test_an_added_interviewer_gets_a_thank_you_and_a_removed_one_loses_it(logged):
    out = logged.ok("interview", "edit", "1", "--add-interviewer", "Raj Patel <raj@acme.example>")
    raj = next(s for s in _plan(logged).values() if s["to"] == "Raj Patel")
    assert (f"Thank-you e-mail to Raj Patel (step {raj['id']}, Acme Motors): added, "
            f"due {_when(raj['due'])}") in out
    assert _thank_yous(logged) == {"Maria López": "pending", "Raj Patel": "pending"}
    contact = next(c for c in logged.json("contact", "list") if c["name"] == "Raj Patel")
    out = logged.ok("interview", "edit", "1", "--remove-interviewer", str(contact["id"]))
    assert f"Thank-you e-mail to Raj Patel (step {raj['id']}, Acme Motors): dropped (was due" in out
    assert _thank_yous(logged) == {"Maria López": "pending", "Raj Patel": "cancelled"}
    logged.ok("interview", "edit", "1", "--add-interviewer", "Raj Patel")  # a mistake undone
    assert _thank_yous(logged) == {"Maria López": "pending", "Raj Patel": "pending"}


def test_a_thank_you_already_sent_stays_in_history(logged):
    thanks = next(s for s in _plan(logged).values() if s["kind"] == "thank-you")
    logged.ok("done", str(thanks["id"]), "--at", "2026-11-24 18:00")
    done = _plan(logged)[thanks["id"]]
    out = logged.ok("interview", "edit", "1", "--remove-interviewer", "maria lópez",
                    "--add-interviewer", "Raj Patel")
    assert f"(step {thanks['id']}," not in out
    assert _plan(logged)[thanks["id"]] == done
    assert _thank_yous(logged)["Maria López"] == "done"


def test_removing_the_last_interviewer_plans_a_thank_you_to_whoever_it_was(logged):
    out = logged.ok("interview", "edit", "1", "--remove-interviewer", "Maria López")
    assert "Thank-you e-mail to the interviewer" in out and ": added, due " in out
    assert _thank_yous(logged) == {"Maria López": "cancelled", "None": "pending"}
    assert "Interviewers:" not in logged.ok("interview", "show", "1")


def test_a_new_job_title_renames_the_opening_for_every_round(logged):
    logged.logged_on_time("interview", "add", "--employer", "Acme Motors", "--job-title",
                          "Sales Manager", "--at", "2026-11-25 10:00")
    out = logged.ok("interview", "edit", "2", "--job-title", "Senior Sales Manager")
    assert out.startswith("Interview 2 changed: job title.")
    assert [i["job_title"] for i in logged.json("interview", "list")] == [
        "Senior Sales Manager", "Senior Sales Manager"]


def test_rounds_that_change_places_hand_the_follow_ups_on(logged):
    logged.logged_on_time("interview", "add", "--employer", "Acme Motors", "--job-title",
                          "Sales Manager", "--at", "2026-11-25 10:00")
    assert not [s for s in _pending(logged, "1").values() if s["kind"] == "follow-up"]
    logged.ok("interview", "edit", "2", "--at", "2026-11-23 10:00")  # it was the first one
    assert [s for s in _pending(logged, "1").values() if s["kind"] == "follow-up"]
    assert not [s for s in _pending(logged, "2").values() if s["kind"] == "follow-up"]


def test_the_decision_date_can_be_changed_or_taken_away(logged):
    logged.ok("interview", "edit", "1", "--expected-decision", "2026-12-20")
    assert logged.json("interview", "show", "1")["expected_decision"] == "2026-12-20"
    logged.ok("interview", "edit", "1", "--no-expected-decision")
    assert logged.json("interview", "show", "1")["expected_decision"] is None


def test_nothing_to_change_names_the_options(logged):
    result = logged("interview", "edit", "1")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    for option in ("--at", "--duration", "--job-title", "--expected-decision",
                   "--add-interviewer", "--remove-interviewer"):
        assert option in result.stderr


@pytest.mark.parametrize(("args", "status", "said"), [
    (("99", "--duration", "30"), 3, "no interview 99"),
    (("1", "--at", "soon"), 2, "--at: 'soon' is not a date and time"),
    (("1", "--at", "2031-01-01 10:00"), 2, "--at:"),
    (("1", "--at", "2026-11-30 10:00"), 2, "--at: is after something already done"),
    (("1", "--expected-decision", "2026-11-01"), 2, "--expected-decision: is before the interview"),
    (("1", "--expected-decision", "2026-12-20", "--no-expected-decision"), 2,
     "--no-expected-decision:"),
    (("1", "--duration", "0"), 2, "--duration:"),
    (("1", "--remove-interviewer", "Nobody"), 2,
     "--remove-interviewer: 'Nobody' is not an interviewer of interview 1"),
    (("1", "--add-interviewer", "Raj <not an address>"), 2, "--add-interviewer:"),
])
def test_bad_input_is_one_line_and_changes_nothing(logged, db_path, args, status, said):
    thanks = next(s for s in _plan(logged).values() if s["kind"] == "thank-you")
    logged.ok("done", str(thanks["id"]), "--at", "2026-11-24 18:00")
    before = dump(db_path)
    result = logged("interview", "edit", *args)
    assert (result.exit_code, result.stdout) == (status, "")
    assert result.stderr.startswith(f"insidetrack: error: {said}")
    assert result.stderr.count("\n") == 1
    assert dump(db_path) == before


# Deleting: asks first, takes the campaign, says what it cannot take back.


def test_delete_without_a_terminal_asks_for_yes(logged, db_path):
    before = dump(db_path)
    result = logged("interview", "delete", "1")
    assert result.exit_code == 2
    assert "--yes" in result.stderr and result.stderr.count("\n") == 1
    assert dump(db_path) == before


def test_delete_asks_first_and_no_keeps_everything(logged, db_path, monkeypatch):
    monkeypatch.setattr(edits_command, "_can_ask", lambda: True)
    planned = len(_pending(logged))
    before = dump(db_path)
    result = logged("interview", "delete", "1", input="n\n")
    assert result.stdout.startswith(
        f"Delete the interview with Acme Motors on {_when('2026-11-24T10:00:00-05:00')} "
        f"and its {planned} planned step(s)? [y/N]")
    assert "Nothing deleted." in result.stdout and result.exit_code == 1
    assert dump(db_path) == before
    result = logged("interview", "delete", "1", input="y\n")
    assert result.exit_code == 0 and "Deleted interview 1" in result.stdout
    assert logged.json("interview", "list") == []


def test_delete_takes_the_campaign_and_an_opening_left_empty(logged, db_path):
    logged.ok("fact", "add", "1", "I closed a 40-unit fleet deal")
    logged.ok("reference", "add", "Jane Roe", "--phone", "+1 555 0111")
    logged.ok("reference", "link", "1", "1")
    thanks = next(s for s in _plan(logged).values() if s["kind"] == "thank-you")
    logged.ok("done", str(thanks["id"]), "--at", "2026-11-24 18:00")
    logged.ok("log", "1", "reply", "--at", "2026-11-25 09:00")
    letter = next(s for s in _pending(logged).values() if s["kind"] == "follow-up")
    logged.ok("draft", str(letter["id"]), "--format", "eml")  # keeps its Message-ID
    change(db_path, "INSERT INTO outbox (step_id, message_id, sender, recipient, subject, raw,"
           " state, created_at, updated_at) VALUES (?, '<x@y>', 'd@x', 'm@x', 'S', ?, 'queued',"
           " '2026-11-25T20:00:00+00:00', '2026-11-25T20:00:00+00:00')", (letter["id"], b"raw"))
    assert query(db_path, "SELECT COUNT(*) FROM messages") == [(1,)]
    out = logged.ok("interview", "delete", "1", "--yes")
    assert "Deleted interview 1 (Sales Manager at Acme Motors)" in out
    assert "Its opening went too" in out
    assert "1 letter(s) or e-mail(s) already sent are not recalled." in out
    for table in ("interviews", "steps", "touchpoints", "facts", "openings", "reference_links",
                  "interview_interviewers", "interview_notes", "messages", "outbox"):
        assert query(db_path, f"SELECT COUNT(*) FROM {table}") == [(0,)], table
    assert [e["name"] for e in logged.json("employer", "list")] == ["Acme Motors"]
    assert [r["name"] for r in logged.json("reference", "list")] == ["Jane Roe"]
    assert "Nothing due" in logged.ok("today")


def test_delete_of_one_round_keeps_the_opening_and_its_banks(logged):
    logged.logged_on_time("interview", "add", "--employer", "Acme Motors", "--job-title",
                          "Sales Manager", "--at", "2026-11-25 10:00")
    logged.ok("fact", "add", "1", "I closed a 40-unit fleet deal")
    shown = logged.json("interview", "delete", "2", "--yes")
    assert (shown["opening_deleted"], shown["sent_not_recalled"]) == (False, 0)
    assert [i["id"] for i in logged.json("interview", "list")] == [1]
    assert [f["text"] for f in logged.json("interview", "show", "1")["facts"]] == [
        "I closed a 40-unit fleet deal"]


def test_deleting_a_later_round_gives_the_earlier_one_its_follow_ups_back(logged):
    logged.logged_on_time("interview", "add", "--employer", "Acme Motors", "--job-title",
                          "Sales Manager", "--at", "2026-11-25 10:00")
    assert not [s for s in _pending(logged).values() if s["kind"] == "follow-up"]
    out = logged.ok("interview", "delete", "2", "--yes")
    letters = [s for s in _pending(logged).values() if s["kind"] in ("follow-up", "call")]
    assert letters
    for s in letters:
        assert f"(step {s['id']}, Acme Motors): added, due {_when(s['due'])}" in out


def test_deleting_an_offer_drops_the_withdrawals_it_planned(logged):
    logged.logged_on_time("interview", "add", "--employer", "Initech", "--job-title", "Rep",
                          "--at", "2026-11-24 13:00", "--interviewer", "Peter Gibbons")
    logged.ok("log", "2", "decision", "--outcome", "offer", "--at", "2026-11-25 09:00")
    withdraw = next(s for s in _pending(logged).values() if s["kind"] == "withdraw")
    shown = logged.json("interview", "delete", "2", "--yes")
    assert [(m["step"], m["change"]) for m in shown["moves"]] == [(withdraw["id"], "dropped")]
    assert not [s for s in _pending(logged).values() if s["kind"] == "withdraw"]


def test_the_next_calendar_push_takes_a_deleted_campaign_out(logged, radicale):
    logged.ok("config", "set", "caldav.url", radicale)
    logged.ok("config", "set", "caldav.user", "dana")
    pushed = len(_pending(logged))
    assert f"{pushed} added" in logged.ok("calendar", "push")
    logged.ok("interview", "delete", "1", "--yes")
    assert f"{pushed} removed, 0 unchanged" in logged.ok("calendar", "push")


# Showing what an interview holds, with ids.


def test_show_lists_facts_clippings_and_references_with_ids(logged):
    logged.ok("fact", "add", "1", "I closed a 40-unit fleet deal")
    logged.ok("clipping", "add", "1", "--title", "Fleet sales in winter",
              "--url", "https://news.example.com/fleet")
    logged.ok("reference", "add", "Jane Roe", "--phone", "+1 555 0111")
    logged.ok("reference", "link", "1", "1")
    out = logged.ok("interview", "show", "1")
    assert "fact 1: I closed a 40-unit fleet deal (unused)" in out
    assert "clipping 1: Fleet sales in winter <https://news.example.com/fleet> (unused)" in out
    assert "reference 1: Jane Roe" in out
    assert "Maria López (contact 1)" in out
    shown = logged.json("interview", "show", "1")
    assert [(f["id"], f["used"]) for f in shown["facts"]] == [(1, False)]
    assert [(c["id"], c["used"]) for c in shown["clippings"]] == [(1, False)]
    assert [r["id"] for r in shown["references"]] == [1]


def test_show_says_when_a_fact_was_used(logged):
    logged.ok("fact", "add", "1", "I closed a 40-unit fleet deal")
    letter = next(s for s in _plan(logged).values() if s["number"] == 2 and s["kind"] == "follow-up")
    logged.now = datetime(2026, 12, 9, 10, 0, tzinfo=TZ)
    logged.ok("done", str(letter["id"]))
    used = logged.json("interview", "show", "1")["facts"][0]
    assert used["used"] and used["used_at"] is not None
    assert f"(used {_when(used['used_at'])})" in logged.ok("interview", "show", "1")
