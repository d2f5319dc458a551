"""The CLI as users and scripts meet it: output, exit codes, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dbs import dump
from helpers import local
from insidetrack.domain import playbook

SNAPSHOTS = Path(__file__).parent / "snapshots"

PROFILE = ("profile", "set", "--name", "Dana Whitfield", "--email", "dana@example.com",
           "--phone", "+1 555 0100", "--field", "Sales", "--years", "6", "--specialty", "autos")
INTERVIEW = ("interview", "add", "--employer", "Acme Motors", "--job-title", "Sales Manager",
             "--at", "2026-11-18 10:00", "--interviewer", "Maria López <maria@acme.example>",
             "--interviewer", "Tom Becker", "--topic", "fleet sales", "--problem", "slow winters")


def _snapshot(name: str, data: object) -> None:
    expected = json.loads((SNAPSHOTS / name).read_text(encoding="utf-8"))
    assert data == expected


@pytest.fixture
def logged(run):
    run.ok(*PROFILE)
    return run.logged_on_time(*INTERVIEW)


def test_profile_round_trip(run):
    assert run.json("profile", "show") is None
    run.ok(*PROFILE, "--over-40")
    assert run.json("profile", "show") == {
        "address": "", "email": "dana@example.com", "field": "Sales", "name": "Dana Whitfield",
        "over_40": True, "phone": "+1 555 0100", "specialty": "autos", "years": 6,
    }


def test_employer_names_match_without_regard_to_case(run):
    first = run.json("employer", "add", "Acme Motors", "--high-tech", "--phone", "555 0140")
    assert first == {"id": 1, "name": "Acme Motors", "address": "", "phone": "555 0140", "fax": "",
                     "traditionalist": False, "high_tech": True, "created": True, "updated": False}
    again = run.json("employer", "add", "ACME MOTORS")
    assert (again["id"], again["created"], again["updated"]) == (1, False, False)
    assert len(run.json("employer", "list")) == 1


def test_employer_traits_can_be_set_later_and_change_the_plan(logged, run):
    assert run.json("advise", "1")["preferred"] == "email"
    out = run.ok("employer", "add", "acme motors", "--traditionalist")
    assert "Updated employer 1: Acme Motors" in out
    assert run.json("advise", "1")["preferred"] == "phone"
    thanks = [s for s in run.json("plan", "1")["steps"] if s["kind"] == "thank-you"]
    assert {s["channel"] for s in thanks} == {"letter"}
    shown = run.json("employer", "list")[0]
    assert (shown["traditionalist"], shown["high_tech"]) == (True, False)


def test_interview_add_creates_the_employer_and_says_so(run):
    out = run.ok(*INTERVIEW)
    assert "New employer Acme Motors created" in out
    assert "Thank-you e-mail to Maria López" in out
    second = run.ok("interview", "add", "--employer", "acme motors", "--job-title", "Fleet Rep",
                    "--at", "2026-11-20 10:00")
    assert "New employer" not in second
    assert len(run.json("employer", "list")) == 1


def test_plan_json_snapshot(logged, run):
    assert logged["id"] == 1 and logged["employer"]["created"] is True
    plan = run.json("plan", "1")
    assert plan == {"interview": 1, "steps": logged["steps"]}
    _snapshot("plan_1.json", plan)


def test_advise_json(logged, run):
    assert run.json("advise", "1") == {
        "interview": 1, "preferred": "email",
        "reasons": [{
            "rule": "default", "applied": True, "explanation": "No other signal: e-mail.",
            "text": playbook.HR_PREFERS_EMAIL,
        }],
    }
    run.ok("employer", "add", "Old Co", "--traditionalist")
    run.ok("interview", "add", "--employer", "old co", "--job-title", "Clerk", "--at", "2026-11-19 09:00")
    advice = run.json("advise", "2")
    assert advice["preferred"] == "phone"
    assert [(r["rule"], r["applied"]) for r in advice["reasons"]] == [("traditionalist", True)]
    assert "they like paper" in advice["reasons"][0]["text"]
    human = run.ok("advise", "2")
    assert "telephone" in human and "Playbook:" in human


def test_today_lists_due_and_overdue(logged, run):
    today = run.json("today", "--date", "2026-11-25")
    _snapshot("today_2026-11-25.json", today)
    assert [i["overdue"] for i in today["items"]] == [True, True, False]
    assert run.json("today", "--date", "2026-11-18")["items"] == []
    assert [i["kind"] for i in run.json("today")["items"]] == ["thank-you", "thank-you", "follow-up"]


def test_done_completes_a_step_and_records_it(logged, run):
    step = logged["steps"][0]["id"]
    assert "Done: Thank-you e-mail to Maria López" in run.ok("done", str(step), "--at", "2026-11-18 17:00")
    shown = run.json("interview", "show", "1")
    first = next(s for s in shown["steps"] if s["id"] == step)
    assert (first["status"], first["done_at"]) == ("done", "2026-11-18T17:00:00-05:00")
    assert shown["touchpoints"] == [{"kind": "email-sent", "at": "2026-11-18T17:00:00-05:00",
                                     "outcome": "", "note": "", "step": step}]
    assert shown["opening"]["status"] == "waiting"
    again = run("done", str(step))
    assert again.exit_code == 1 and "already done" in again.stderr


def test_unanswered_calls_retry_then_suggest_voicemail(logged, run):
    run.now = local("2026-12-07 09:30")  # calls are logged once made: move the clock on
    for day in ("2026-12-02", "2026-12-03"):
        run.ok("log", "1", "call", "--outcome", "no-answer", "--at", f"{day} 09:15")
    out = run.ok("log", "1", "call", "--outcome", "gatekeeper", "--at", "2026-12-04 09:15")
    assert "try again Mon 07 Dec 2026 09:00" in out and "30-second voicemail" in out
    call = next(s for s in run.json("plan", "1")["steps"] if s["kind"] == "call" and s["number"] == 1)
    assert (call["status"], call["attempts"], call["voicemail"]) == ("pending", 3, True)
    assert "Call logged; call step" in run.ok("log", "1", "call", "--outcome", "voicemail",
                                               "--at", "2026-12-07 09:05")
    call = next(s for s in run.json("plan", "1")["steps"] if s["kind"] == "call" and s["number"] == 1)
    assert call["status"] == "done"


def test_reply_restarts_the_wait(logged, run):
    run.ok("log", "1", "reply", "--at", "2026-11-24 16:00", "--note", "Still deciding")
    letter = next(s for s in run.json("plan", "1")["steps"] if s["number"] == 2 and s["kind"] == "follow-up")
    # A week after the reply is Tue 1 Dec 16:00; Wed 2 is call #1's day, so Thursday.
    assert letter["due"] == "2026-12-03T09:00:00-05:00"


def test_decision_cancels_every_pending_follow_up_and_plans_the_answer(logged, run):
    run.now = local("2026-11-30 12:30")
    run.ok("log", "1", "decision", "--outcome", "offer", "--at", "2026-11-30 12:00")
    steps = run.json("plan", "1")["steps"]
    assert {s["status"] for s in steps if s["kind"] != "offer-thanks"} == {"cancelled"}
    left = [(i["kind"], i["to"]) for i in run.json("today", "--date", "2027-06-01")["items"]]
    assert left == [("offer-thanks", "Maria López"), ("offer-thanks", "Tom Becker")]
    assert run.json("interview", "list")[0]["status"] == "offer"


def test_reference_link_plans_a_briefing(logged, run):
    ref = run.json("reference", "add", "Alan Reyes", "--phone", "+1 555 0199",
                   "--relationship", "former director")
    run.ok("reference", "link", str(ref["id"]), "1")  # a week after the interview
    brief = [s for s in run.json("plan", "1")["steps"] if s["kind"] == "reference-brief"]
    # Briefed within 24 hours of the link (now), not of the interview, long past.
    assert [(b["to"], b["due"]) for b in brief] == [("Alan Reyes", "2026-11-26T15:00:00-05:00")]
    run.ok("done", str(brief[0]["id"]), "--at", "2026-11-18 19:00")
    assert run.json("reference", "list")[0]["last_prepared"] == "2026-11-18T19:00:00-05:00"


def test_fact_and_clipping_banks(logged, run):
    run.ok("fact", "add", "1", "Closed a 40-unit fleet deal")
    run.ok("clipping", "add", "1", "--title", "Dealers brace for winter", "--url", "https://news.example/x")
    shown = run.json("interview", "show", "1")
    assert shown["facts"] == [{"id": 1, "text": "Closed a 40-unit fleet deal", "used": False,
                              "used_at": None}]
    assert shown["clippings"][0]["title"] == "Dealers brace for winter"


def test_accents_and_other_scripts_are_kept_as_typed(run):
    run.ok("interview", "add", "--employer", "Café Élan", "--job-title", "Vendeur",
           "--at", "2026-11-20 10:00", "--interviewer", "王小明")
    shown = run.json("interview", "show", "1")
    assert shown["employer"]["name"] == "Café Élan"
    assert shown["interviewers"][0]["name"] == "王小明"
    assert "王小明" in run.ok("plan", "1")


BAD = [
    (("interview", "add", "--employer", "X", "--job-title", "Y", "--at", "2026-02-30 10:00"),
     2, "--at: '2026-02-30 10:00': February 2026 has 28 days"),
    (("interview", "add", "--employer", "X", "--job-title", "Y", "--at", "2026-11-20 10:00",
      "--duration", "-30"), 2, "--duration: -30 is out of range"),
    (("interview", "add", "--employer", "X", "--job-title", "Y", "--at", "2026-11-20 10:00",
      "--interviewer", "Bob <bob-at-example>"), 2, "--interviewer: 'bob-at-example' is not an e-mail"),
    (("interview", "add", "--employer", "X\nY", "--job-title", "Y", "--at", "2026-11-20 10:00"),
     2, "--employer: must be one line"),
    (("interview", "add", "--employer", "X", "--job-title", "Y", "--at", "2026-11-20 10:00",
      "--expected-decision", "2026-11-01"), 2, "--expected-decision: is before the interview"),
    (("interview", "add", "--employer", "X", "--job-title", "Y", "--at", "2026-11-20 10:00",
      "--resume-via", "pigeon"), 2, "Invalid value for '--resume-via'"),
    (("profile", "set", "--name", "D", "--email", "not-an-email", "--phone", "555 0100"),
     2, "--email: 'not-an-email' is not an e-mail address"),
    (("employer", "add", "Acme", "--phone", "call me"), 2, "--phone: 'call me' is not a telephone"),
    (("plan", "42"), 3, "no interview 42"),
    (("plan", "99999999999999999999999"), 3, "no interview 99999999999999999999999"),
    (("advise", "42"), 3, "no interview 42"),
    (("done", "42"), 3, "no step 42"),
    (("log", "42", "reply"), 3, "no interview 42"),
    (("reference", "link", "9", "1"), 3, "no reference 9"),
    (("fact", "add", "42", "text"), 3, "no interview 42"),
    (("today", "--date", "tomorrow"), 2, "--date: 'tomorrow' is not a date"),
    (("log", "1", "call", "--outcome", "maybe"), 2, "Invalid value for '--outcome'"),
    (("done", "1", "--at", "2026-11-01 10:00"), 2, "--at: is before the interview"),
    (("clipping", "add", "1", "--title", "T", "--url", "javascript:alert(1)"), 2, "--url:"),
]


@pytest.mark.parametrize(("args", "code", "message"), BAD)
def test_bad_input_one_line_exit_code_nothing_written(logged, run, db_path, args, code, message):
    before = dump(db_path)
    result = run(*args)
    assert result.exit_code == code
    assert result.stderr.startswith(f"insidetrack: error: {message}")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert dump(db_path) == before




def test_traceback_flag_shows_the_stack(run):
    from insidetrack.domain.errors import NotFoundError

    plain = run("plan", "7")
    assert isinstance(plain.exception, SystemExit)  # one line and an exit status, no stack
    assert plain.stderr == ("insidetrack: error: no interview 7: "
                            "see `insidetrack interview list` for the interviews and their numbers\n")
    result = run("--traceback", "plan", "7")
    assert isinstance(result.exception, NotFoundError)  # the error itself, with its stack
    assert result.exc_info is not None and result.exc_info[2] is not None


def test_db_option_and_environment(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from insidetrack.cli.commands import cli

    other = tmp_path / "other.db"
    result = CliRunner().invoke(cli, ["--db", str(other), "employer", "add", "Zed"])
    assert result.exit_code == 0 and other.exists()
    monkeypatch.setenv("INSIDETRACK_DB", str(other))
    listed = CliRunner().invoke(cli, ["employer", "list", "--json"])
    assert [e["name"] for e in json.loads(listed.stdout)] == ["Zed"]


def test_long_agenda_is_cut_for_people_and_whole_with_all(run):
    for n in range(23):
        run.ok("interview", "add", "--employer", f"Firm {n}", "--job-title", "Rep",
               "--at", "2026-11-24 10:00")
    due = run.json("today")["items"]
    assert len(due) == 23
    out = run.ok("today")
    assert "… and 3 more due. See them all: insidetrack today --all" in out
    lines = run.ok("today", "--all").splitlines()
    assert len(lines) == 23 and all("Thank-you e-mail" in line for line in lines)


def test_notes_can_be_added_after_the_interview(logged, run):
    run.ok("interview", "note", "1", "--impressed", "new showroom", "--forgot", "my F&I course")
    notes = run.json("interview", "show", "1")["notes"]
    assert notes["impressed"] == ["new showroom"] and notes["forgot"] == ["my F&I course"]
    assert notes["topics"] == ["fleet sales"]
    empty = run("interview", "note", "1")
    assert empty.exit_code == 2 and "give at least one" in empty.stderr
    assert run("interview", "note", "9", "--topic", "x").exit_code == 3


def test_names_with_square_brackets_show_as_typed(run):
    # Rich reads [...] as markup: user text must never be, or it vanishes or crashes.
    run.ok("employer", "add", "Initech [Austin]", "--traditionalist")
    run.ok("interview", "add", "--employer", "Initech [Austin]", "--job-title",
           "Sales Engineer [remote]", "--at", "2026-11-24 10:00", "--requested-electronic",
           "--interviewer", "Peter Gibbons [/contractor] <peter@initech.example>",
           "--topic", "TPS reports [bold]")
    for args in (("today",), ("interview", "list"), ("interview", "show", "1"), ("employer", "list")):
        assert "Initech [Austin]" in run.ok(*args), args
    assert "Peter Gibbons [/contractor]" in run.ok("today")
    assert "Sales Engineer [remote]" in run.ok("interview", "list")
    assert "Peter Gibbons [/contractor]" in run.ok("plan", "1")
    shown = run.ok("interview", "show", "1")
    assert "Sales Engineer [remote]" in shown and "TPS reports [bold]" in shown


def test_advise_says_which_rules_apply_and_which_are_overridden(run):
    run.ok("employer", "add", "Initech [Austin]", "--traditionalist")
    run.ok("interview", "add", "--employer", "Initech [Austin]", "--job-title", "Rep",
           "--at", "2026-11-24 10:00", "--requested-electronic", "--interviewer", "Peter")
    out = run.ok("advise", "1")
    assert "Interview 1: follow up by e-mail." in out
    lines = [line for line in out.splitlines() if line.strip().startswith("- ")]
    assert any(line.endswith("[applies]") for line in lines), out
    assert any("Initech [Austin]" in line and line.endswith("[overridden]") for line in lines), out


def test_a_reply_says_when_the_next_follow_up_is_due(logged, run):
    out = run.ok("log", "1", "reply", "--at", "2026-11-24 16:00")
    assert out == "Reply logged; the next follow-up e-mail is due Thu 03 Dec 2026 09:00.\n"


def test_a_reply_after_the_decision_plans_nothing(logged, run):
    run.ok("log", "1", "decision", "--outcome", "offer", "--at", "2026-11-24 12:00")
    out = run.ok("log", "1", "reply", "--at", "2026-11-24 16:00")
    assert out == "Reply logged. The employer has decided (offer): no follow-up is planned.\n"
