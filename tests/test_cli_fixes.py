"""Fixing mistakes as a user would: undo a step done, a reply, a decision; skip a step;
unlink a reference; list, edit and delete facts and clippings. On both databases."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from conftest import NOW, TZ
from servers import aiosmtpd_server, free_port

PROFILE = ("profile", "set", "--name", "Dana Whitfield", "--email", "dana@example.com",
           "--phone", "+1 555 0100", "--field", "Sales", "--years", "6", "--specialty", "autos")
READS = (("plan", "1"), ("plan", "2"), ("interview", "show", "1"), ("interview", "show", "2"),
         ("today",), ("today", "--date", "2026-12-31"), ("fact", "list", "1"),
         ("reference", "list"))


@pytest.fixture
def two(run):
    """Two active applications; a reference linked to the first (Acme Motors), two facts."""
    run.ok(*PROFILE)
    run.logged_on_time("interview", "add", "--employer", "Acme Motors", "--job-title",
                       "Sales Manager", "--at", "2026-11-24 10:00",
                       "--interviewer", "Maria Lopez <maria@acme.example>")
    run.logged_on_time("interview", "add", "--employer", "Brightwave", "--job-title",
                       "Account Executive", "--at", "2026-11-23 10:00",
                       "--interviewer", "Ben Ode <ben@bw.example>")
    ref = run.json("reference", "add", "Alan Reyes", "--phone", "+1 555 0199")
    run.ok("reference", "link", str(ref["id"]), "1")
    run.ok("fact", "add", "1", "I closed the Hartwell account last week")
    run.ok("fact", "add", "1", "I passed the CSP exam")
    return run


def _smtp(run, port: int) -> None:
    for key, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(port)),
                       ("smtp.security", "none")):
        run.ok("config", "set", key, value)


def _seen(run) -> dict[tuple[str, ...], object]:
    return {args: run.json(*args) for args in READS}


def _step(run, interview: str, kind: str, number: int | None = None) -> dict:
    return next(s for s in run.json("plan", interview)["steps"]
                if s["kind"] == kind and (number is None or s["number"] == number))


# done --undo


def test_a_letter_done_by_mistake_is_to_do_again_as_before(two):
    before = _seen(two)
    letter = _step(two, "1", "follow-up", 2)
    two.ok("done", str(letter["id"]), "--at", "2026-11-25 12:00")
    assert two.json("fact", "list", "1")[0]["used_by"]["step"] == letter["id"]
    out = two.ok("done", str(letter["id"]), "--undo")
    assert out.startswith(f"Undone: Follow-up e-mail #2 to Maria Lopez with a new fact "
                          f"(step {letter['id']}) is to do again.\nThe plan changed:\n")
    assert f"(step {letter['id']}, Acme Motors): added, due Tue 01 Dec 2026 09:00" in out
    assert " -> " in out  # the letters after it count from it again
    assert _seen(two) == before  # its touchpoint gone, its fact free, the chain as it was


def test_undo_done_says_what_moved_in_json(two):
    letter = _step(two, "1", "follow-up", 2)
    two.ok("done", str(letter["id"]), "--at", "2026-11-25 12:00")
    shown = two.json("done", str(letter["id"]), "--undo")
    assert (shown["undone"], shown["step"]["status"]) == ("done", "pending")
    assert [s["id"] for s in shown["moved"]["added"]] == [letter["id"]]
    assert shown["moved"]["dropped"] == []
    redated = shown["moved"]["redated"][0]
    assert (redated["kind"], redated["employer"]) == ("follow-up", "Acme Motors")
    assert redated["was"] < redated["due"]


def test_a_step_undone_long_after_its_moment_shows_as_missed(two):
    thanks = _step(two, "1", "thank-you")
    two.ok("done", str(thanks["id"]), "--at", "2026-11-24 15:00")
    two.now += timedelta(days=10)
    out = two.ok("done", str(thanks["id"]), "--undo")
    assert "its moment has passed: it shows as missed" in out
    assert _step(two, "1", "thank-you")["status"] == "missed"
    assert "Done:" in two.ok("done", str(thanks["id"]))  # still taken late


def test_a_briefing_undone_leaves_the_reference_unprepared(two):
    brief = _step(two, "1", "reference-brief")
    two.ok("done", str(brief["id"]), "--at", "2026-11-25 14:00")
    assert two.json("reference", "list")[0]["last_prepared"] is not None
    two.ok("done", str(brief["id"]), "--undo")
    assert two.json("reference", "list")[0]["last_prepared"] is None


def test_an_e_mail_sent_cannot_be_undone(two):
    with aiosmtpd_server() as (controller, _):
        _smtp(two, controller.port)
        thanks = _step(two, "1", "thank-you")
        two.ok("send", str(thanks["id"]), "--yes")
    before = _seen(two)
    result = two("done", str(thanks["id"]), "--undo")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"insidetrack: error: step {thanks['id']} was sent by "
                                    "e-mail on ")
    assert result.stderr.endswith(": the message already went out and cannot be un-sent\n")
    assert len(result.stderr.splitlines()) == 1
    assert _seen(two) == before


# log ... --undo


@pytest.mark.parametrize("outcome", ["offer", "rejected", "hired", "withdrawn"])
def test_a_decision_undone_leaves_everything_as_before(two, outcome):
    before = _seen(two)
    two.ok("log", "1", "decision", "--outcome", outcome, "--at", "2026-11-25 12:00")
    out = two.ok("log", "1", "decision", "--undo")
    status = before[("interview", "show", "1")]["opening"]["status"]
    assert out.startswith(f"Undone: the {outcome} decision. The opening is {status} again.\n")
    assert _seen(two) == before


def test_a_decision_undone_says_what_came_back_and_what_went(two):
    two.ok("log", "1", "decision", "--outcome", "offer", "--at", "2026-11-25 12:00")
    shown = two.json("log", "1", "decision", "--undo")
    assert (shown["undone"], shown["outcome"]) == ("decision", "offer")
    dropped = sorted((s["kind"], s["employer"]) for s in shown["moved"]["dropped"])
    assert dropped == [("offer-thanks", "Acme Motors"), ("reference-thanks", "Acme Motors"),
                       ("withdraw", "Brightwave")]
    back = {s["kind"] for s in shown["moved"]["added"]}
    assert back == {"thank-you", "reference-brief", "follow-up", "call"}


def test_after_a_wrong_decision_is_undone_the_right_one_plans_afresh(two):
    two.ok("log", "1", "decision", "--outcome", "rejected", "--at", "2026-11-25 12:00")
    two.ok("log", "1", "decision", "--undo")
    two.ok("log", "1", "decision", "--outcome", "rejected", "--at", "2026-11-25 13:00")
    answer = _step(two, "1", "keep-in-mind")
    assert (answer["status"], answer["due"]) == ("pending", "2026-11-26T13:00:00-05:00")


def test_what_was_done_after_the_decision_stays_done(two):
    two.ok("log", "1", "decision", "--outcome", "offer", "--at", "2026-11-25 12:00")
    thanks = _step(two, "1", "offer-thanks")
    two.ok("done", str(thanks["id"]), "--at", "2026-11-25 14:00")
    two.ok("log", "1", "decision", "--undo")
    assert _step(two, "1", "offer-thanks")["status"] == "done"
    assert not [s for s in two.json("plan", "2")["steps"] if s["kind"] == "withdraw"]
    assert two.json("interview", "show", "1")["opening"]["status"] == "waiting"


def test_a_reply_undone_restores_the_wait(two):
    before = _seen(two)
    two.ok("log", "1", "reply", "--at", "2026-11-25 10:00")
    out = two.ok("log", "1", "reply", "--undo")
    assert out.startswith("Undone: the last reply logged for interview 1's opening.\n"
                          "The plan changed:\n  ")
    assert "(step 8, Acme Motors): Mon 25 Jan 2027 09:00 -> Fri 22 Jan 2027 09:00" in out
    assert _seen(two) == before


# skip


def test_a_skipped_step_leaves_today_and_the_chain_goes_on(two):
    letter = _step(two, "1", "follow-up", 2)
    nxt = _step(two, "1", "call", 1)
    out = two.ok("skip", str(letter["id"]))
    assert out.startswith(f"Skipped: Follow-up e-mail #2 to Maria Lopez with a new fact "
                          f"(step {letter['id']}).\nThe plan changed:\n")
    assert f"(step {letter['id']}, Acme Motors): dropped (was due Tue 01 Dec 2026 09:00)" in out
    assert _step(two, "1", "follow-up", 2)["status"] == "skipped"
    assert _step(two, "1", "call", 1) == nxt
    items = two.json("today", "--date", "2026-12-31")["items"]
    assert letter["id"] not in [i["step"] for i in items]
    assert "skipped" in two.ok("interview", "show", "1")
    shown = two.json("skip", str(letter["id"]), "--undo")
    assert shown["step"]["status"] == "pending"
    assert [s["id"] for s in shown["moved"]["added"]] == [letter["id"]]


# reference unlink


def test_unlinking_a_reference_drops_its_briefing(two):
    brief = _step(two, "1", "reference-brief")
    out = two.ok("reference", "unlink", "1", "1")
    assert out.startswith("Reference 1 unlinked from interview 1's opening.\nThe plan changed:\n")
    assert f"(step {brief['id']}, Acme Motors): dropped (was due" in out
    assert "Alan Reyes" in out
    assert not [s for s in two.json("plan", "1")["steps"] if s["kind"] == "reference-brief"]
    two.ok("reference", "link", "1", "1")  # linked again, the briefing is planned again
    assert _step(two, "1", "reference-brief")["status"] == "pending"


def test_a_briefing_done_stays_when_the_reference_is_unlinked(two):
    brief = _step(two, "1", "reference-brief")
    two.ok("done", str(brief["id"]), "--at", "2026-11-25 14:00")
    two.ok("reference", "unlink", "1", "1")
    assert _step(two, "1", "reference-brief")["status"] == "done"


# facts and clippings


def test_fact_list_says_which_were_used_and_where(two):
    letter = _step(two, "1", "follow-up", 2)
    two.ok("done", str(letter["id"]), "--at", "2026-11-25 12:00")
    facts = two.json("fact", "list", "1")
    assert [(f["text"], f["used_by"]) for f in facts] == [
        ("I closed the Hartwell account last week",
         {"step": letter["id"], "kind": "follow-up", "number": 2}),
        ("I passed the CSP exam", None)]
    assert facts[0]["used_at"] == "2026-11-25T12:00:00-05:00"
    out = two.ok("fact", "list", "1")
    assert (f"   1  used in follow-up 2 (step {letter['id']}) Wed 25 Nov 2026 12:00  "
            "I closed the Hartwell account last week") in out
    assert "   2  unused  I passed the CSP exam" in out


def test_a_fact_that_went_out_is_not_changed(two):
    letter = _step(two, "1", "follow-up", 2)
    two.ok("done", str(letter["id"]), "--at", "2026-11-25 12:00")
    before = _seen(two)
    for args in (("fact", "edit", "1", "I closed two accounts"), ("fact", "delete", "1")):
        result = two(*args)
        assert result.exit_code == 1
        assert result.stderr == (
            "insidetrack: error: fact 1 went out in a follow-up done on 2026-11-25 12:00: the "
            f"text stays as sent (to undo that letter: insidetrack done {letter['id']} --undo)\n")
    assert _seen(two) == before


def test_a_fact_not_used_is_edited_and_the_draft_tells_it(two):
    assert two.ok("fact", "edit", "1", "I closed the Hartwell account: $2M") == "Fact 1 changed.\n"
    letter = _step(two, "1", "follow-up", 2)
    draft = " ".join(two.ok("draft", str(letter["id"])).split())
    assert "I closed the Hartwell account: $2M" in draft


def test_deleting_the_fact_a_letter_needed_says_so(two):
    two.ok("fact", "delete", "2")
    letter = _step(two, "1", "follow-up", 2)
    assert two.ok("fact", "delete", "1") == (
        "Deleted fact 1.\nFollow-up e-mail #2 to Maria Lopez with a new fact (step "
        f"{letter['id']}, due Tue 01 Dec 2026 09:00) has no new fact left to tell: add one "
        'with insidetrack fact add 1 "..."\nThe plan is otherwise unchanged.\n'
        "To bring it back: insidetrack trash restore 2\n")
    assert two.json("fact", "list", "1") == []
    result = two("draft", str(letter["id"]))
    assert result.exit_code == 1 and "needs a new fact" in result.stderr


def test_clippings_are_listed_and_deleted(two):
    two.ok("clipping", "add", "1", "--title", "Acme wins fleet award",
           "--url", "https://news.example/acme")
    clips = two.json("clipping", "list", "1")
    assert clips == [{"id": 1, "kind": "article", "title": "Acme wins fleet award",
                      "url": "https://news.example/acme",
                      "used_at": None, "used_by": None}]
    assert "   1  unused  Acme wins fleet award  https://news.example/acme" in two.ok(
        "clipping", "list", "1")
    shown = two.json("clipping", "delete", "1")
    assert (shown["deleted"], shown["moved"]["added"]) == ("clipping 1", [])
    assert two.json("clipping", "list", "1") == []


# errors: one line, the right exit status, nothing changed


@pytest.mark.parametrize(("args", "status", "line"), [
    (("done", "99", "--undo"), 3, "no step 99: see `insidetrack today` for the steps and their numbers"),
    (("done", "1", "--undo"), 1, "step 1 is not done (pending): there is nothing to undo"),
    (("done", "1", "--undo", "--at", "2026-11-25 12:00"), 2,
     "--at: is not taken with --undo (it records; --undo removes)"),
    (("done", "1", "--undo", "--note", "oops"), 2,
     "--note: is not taken with --undo (it records; --undo removes)"),
    (("log", "1", "decision", "--undo", "--outcome", "offer"), 2,
     "--outcome: is not taken with --undo (it records; --undo removes)"),
    (("log", "1", "decision", "--undo"), 1,
     "interview 1's opening has no decision logged: there is nothing to undo"),
    (("log", "1", "reply", "--undo"), 1,
     "interview 1's opening has no reply logged: there is nothing to undo"),
    (("log", "9", "reply", "--undo"), 3,
     "no interview 9: "
     "see `insidetrack interview list` for the interviews and their numbers"),
    (("skip", "99"), 3, "no step 99: see `insidetrack today` for the steps and their numbers"),
    (("skip", "1", "--undo"), 1, "step 1 is not skipped (pending): there is nothing to undo"),
    (("reference", "unlink", "9", "1"), 3,
     "no reference 9: "
     "see `insidetrack reference list` for the references and their numbers"),
    (("reference", "unlink", "1", "2"), 1, "reference 1 is not linked to interview 2's opening"),
    (("fact", "list", "9"), 3,
     "no interview 9: "
     "see `insidetrack interview list` for the interviews and their numbers"),
    (("fact", "edit", "9", "x"), 3,
     "no fact 9: "
     "see `insidetrack fact list INTERVIEW` for the facts and their numbers"),
    (("fact", "edit", "1", " "), 2, "TEXT: must not be empty"),
    (("fact", "delete", "9"), 3,
     "no fact 9: "
     "see `insidetrack fact list INTERVIEW` for the facts and their numbers"),
    (("clipping", "delete", "9"), 3,
     "no clipping 9: "
     "see `insidetrack clipping list INTERVIEW` for the clippings and their numbers"),
])
def test_a_fix_that_does_not_fit_says_why_and_changes_nothing(two, args, status, line):
    before = _seen(two)
    result = two(*args)
    assert (result.exit_code, result.stderr) == (status, f"insidetrack: error: {line}\n")
    assert _seen(two) == before


def test_skipping_a_step_done_is_refused(two):
    thanks = _step(two, "1", "thank-you")
    two.ok("done", str(thanks["id"]), "--at", "2026-11-24 15:00")
    result = two("skip", str(thanks["id"]))
    assert (result.exit_code, result.stderr) == (
        1, f"insidetrack: error: step {thanks['id']} is already done\n")


def test_a_call_logged_as_answered_by_mistake_is_open_again(two):
    call = _step(two, "1", "call", 1)
    two.ok("log", "1", "call", "--outcome", "no-answer", "--at", "2026-11-25 10:00")
    tried = _step(two, "1", "call", 1)
    two.ok("log", "1", "call", "--outcome", "connected", "--at", "2026-11-25 11:00")
    two.ok("done", str(call["id"]), "--undo")
    assert _step(two, "1", "call", 1) == tried  # the unanswered try still counts
    outcomes = [t["outcome"] for t in two.json("interview", "show", "1")["touchpoints"]]
    assert outcomes == ["no-answer"]


def test_a_withdrawal_undone_brings_the_campaign_back(two):
    status = two.json("interview", "show", "2")["opening"]["status"]
    two.ok("log", "1", "decision", "--outcome", "offer", "--at", "2026-11-25 12:00")
    withdraw = _step(two, "2", "withdraw")
    two.ok("done", str(withdraw["id"]), "--at", "2026-11-25 14:00")
    assert two.json("interview", "show", "2")["opening"]["status"] == "closed"
    assert not [s for s in two.json("plan", "2")["steps"] if s["status"] == "pending"]
    two.ok("done", str(withdraw["id"]), "--undo")
    assert two.json("interview", "show", "2")["opening"]["status"] == status
    pending = {s["kind"] for s in two.json("plan", "2")["steps"] if s["status"] == "pending"}
    assert pending == {"withdraw", "thank-you", "follow-up", "call"}


def test_undos_on_an_interview_logged_sixty_days_late(two):
    two.ok("interview", "add", "--employer", "Keystone Insurance", "--job-title", "Agent",
           "--at", "2026-09-24 14:00", "--interviewer", "Kim Lee <kim@keystone.example>")
    before = _seen(two)
    plan = two.json("plan", "3")["steps"]
    assert {s["status"] for s in plan} == {"missed", "pending"}
    two.ok("log", "3", "decision", "--outcome", "rejected")
    two.ok("log", "3", "decision", "--undo")
    assert _seen(two) == before and two.json("plan", "3")["steps"] == plan
    resumed = next(s for s in plan if s["status"] == "pending")
    two.ok("done", str(resumed["id"]))
    two.ok("done", str(resumed["id"]), "--undo")
    assert two.json("plan", "3")["steps"] == plan


def test_a_step_whose_e_mail_is_queued_is_not_skipped(two):
    _smtp(two, free_port())  # nothing listens there: the message waits in the outbox
    thanks = _step(two, "1", "thank-you")
    assert two("send", str(thanks["id"]), "--yes").exit_code == 1
    before = _seen(two)
    result = two("skip", str(thanks["id"]))
    assert (result.exit_code, result.stderr) == (
        1, f"insidetrack: error: step {thanks['id']} has message 1 in the outbox, queued "
        "(see insidetrack outbox)\n")
    assert _seen(two) == before


def test_export_csv_names_the_skipped_steps_it_cannot_carry(two, tmp_path):
    two.ok("skip", str(_step(two, "1", "call", 1)["id"]))
    result = two("export", "csv", "--out", str(tmp_path / "out.csv"))
    assert "  steps skipped (imported again, they are due): 1\n" in result.stderr


def test_done_and_log_speak_json_too(two):
    thanks = _step(two, "1", "thank-you")
    shown = two.json("done", str(thanks["id"]), "--at", "2026-11-24 15:00")
    assert (shown["step"]["id"], shown["step"]["status"]) == (thanks["id"], "done")
    assert two.json("log", "1", "reply", "--at", "2026-11-25 10:00") == {
        "interview": 1, "logged": "reply"}
    planned = two.json("log", "1", "decision", "--outcome", "rejected",
                       "--at", "2026-11-25 12:00")
    assert planned["decision"] == "rejected"
    assert sorted(s["kind"] for s in planned["planned"]) == ["keep-in-mind", "reference-thanks"]
    undone = two.json("log", "1", "decision", "--undo")
    assert (undone["outcome"], undone["opening_status"]) == ("rejected", "waiting")


def test_a_letter_undone_after_the_decision_is_not_planned_again(two):
    letter = _step(two, "1", "follow-up", 2)
    two.ok("done", str(letter["id"]), "--at", "2026-11-25 12:00")
    two.ok("log", "1", "decision", "--outcome", "hired", "--at", "2026-11-25 13:00")
    out = two.ok("done", str(letter["id"]), "--undo")
    assert out.startswith("Undone: Follow-up e-mail #2 to Maria Lopez with a new fact (step "
                          f"{letter['id']}) is not done any more, and no longer planned "
                          "(cancelled).\n")
    assert _step(two, "1", "follow-up", 2)["status"] == "cancelled"


def test_a_thank_you_a_decision_cancelled_weeks_ago_comes_back_missed_not_due(run):
    run.logged_on_time("interview", "add", "--employer", "Acme", "--job-title", "Rep",
                       "--at", "2026-11-10 10:00", "--interviewer", "Ann Lee <ann@acme.example>")
    run.now = datetime(2026, 11, 10, 16, 0, tzinfo=TZ)  # rejected the same afternoon
    run.ok("log", "1", "decision", "--outcome", "rejected")
    run.now = NOW  # two weeks later the user sees the mistake
    run.ok("log", "1", "decision", "--undo")
    thanks = next(s for s in run.json("plan", "1")["steps"] if s["kind"] == "thank-you")
    assert thanks["status"] == "missed"  # its 24 hours are long gone
    assert all(i["kind"] != "thank-you" for i in run.json("today")["items"])
