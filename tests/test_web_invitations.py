"""Invitations on the web: Today proposes each one; its filled-in form logs the interview."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from webclient import SAME, after, client

CORPUS = Path(__file__).parent / "invitations"


@pytest.fixture
def web(db_path, run, tmp_path):
    """An invitation proposed from a saved .ics, as sync would from mail."""
    from insidetrack.integrations.invites import read_calendar
    from insidetrack.services import invitations
    from insidetrack.session import Session

    run.ok("profile", "set", "--name", "Dana Whitfield", "--email", "dana@example.com",
           "--phone", "+1 555 0100")
    env = Session(db_path=db_path, now=run.now, tz=None).env()
    invitations.propose(env, read_calendar((CORPUS / "saved_invite.ics").read_bytes()))
    return client(db_path)


def test_today_shows_the_proposal_with_a_filled_in_form(web):
    page = html.unescape(web.get("/today").text)
    assert "Invitation: Lotus Pay" in page
    assert 'name="employer" value="Lotus Pay"' in page
    assert 'name="job_title" value="Growth Marketer"' in page
    assert "Lotus Pay, 4th floor, Bengaluru" in page and "Log this interview" in page
    assert "insidetrack" not in page.split("<main", 1)[-1].lower().replace("insidetrack.", "")


def test_accepting_through_the_form_logs_the_interview(web, run):
    page = after(web, web.post("/invitations/1/accept", headers=SAME,
                               data={"employer": "Lotus Pay", "job_title": "Growth Lead"}))
    assert "Logged interview 1: Lotus Pay, Growth Lead" in html.unescape(page)
    [line] = run.json("interview", "list")
    assert (line["employer"], line["job_title"]) == ("Lotus Pay", "Growth Lead")
    assert "Log this interview" not in web.get("/today").text


def test_an_emptied_field_keeps_what_the_invitation_says(web, run):
    sent = web.post("/invitations/1/accept", headers=SAME,
                       data={"employer": "Lotus Pay", "job_title": ""})
    assert sent.status_code == 303
    assert run.json("interview", "list")[0]["job_title"] == "Growth Marketer"


def test_dismissing_sets_it_aside(web, run):
    page = after(web, web.post("/invitations/1/dismiss", headers=SAME))
    assert "set aside" in page and "Log this interview" not in page
    assert run.json("interview", "list") == []
