"""`interview add --from-ics`: a saved invitation logs an interview; bad files say so in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "invitations"


@pytest.fixture(autouse=True)
def _profile(run):
    """Dana's own address: the invite lists her among the attendees, not as an interviewer."""
    run.ok("profile", "set", "--name", "Dana Whitfield", "--email", "dana@example.com",
           "--phone", "+1 555 0100")


def test_a_saved_invite_logs_the_interview_it_proposes(run):
    out = run.ok("interview", "add", "--from-ics", str(CORPUS / "saved_invite.ics"),
                 "--department", "Marketing")
    assert "Logged interview 1: Growth Marketer at Lotus Pay (a new opening)." in out
    [line] = run.json("interview", "list")
    # 11:00 in Kolkata (+05:30) on 7 Dec is 00:30 in New York, the user's zone
    assert line["at"] == "2026-12-07T00:30:00-05:00"
    shown = run.json("interview", "show", "1")
    assert [p["name"] for p in shown["interviewers"]] == ["Priya Raman"]
    assert run.json("invitations") == []  # logged, so nothing waits
    again = run("interview", "add", "--from-ics", str(CORPUS / "saved_invite.ics"))
    assert again.exit_code != 0 and "logged already (interview 1)" in again.output


def test_what_is_typed_wins_over_the_invite(run):
    run.ok("interview", "add", "--from-ics", str(CORPUS / "saved_invite.ics"),
           "--employer", "Lotus Payments", "--duration", "30")
    [line] = run.json("interview", "list")
    assert line["employer"] == "Lotus Payments"
    assert run.json("interview", "show", "1")["duration"] == 30


def test_an_ics_that_is_no_invitation_gives_one_line_naming_the_option(run):
    for name in ("not_an_invite.ics", "broken.ics"):
        result = run("interview", "add", "--from-ics", str(CORPUS / name))
        assert result.exit_code != 0 and "Traceback" not in result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and "--from-ics" in lines[0], result.output
    assert run.json("interview", "list") == []


def test_without_the_file_the_usual_options_are_still_needed(run):
    result = run("interview", "add", "--employer", "Acme", "--at", "2026-11-20 10:00")
    assert result.exit_code != 0 and "--job-title" in result.output
