"""Titles and preferred greetings on the web: typed with the interviewer, set on the interview page."""

from __future__ import annotations

import warnings

import pytest

from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from conftest import NOW, TZ  # noqa: E402
from test_cli_drafts import PROFILE  # noqa: E402

BASE = "http://127.0.0.1:8765"
SAME = {"Origin": BASE}


@pytest.fixture
def bank(db_path, run):
    """A traditionalist employer and an interview whose interviewer came with a title."""
    client = TestClient(create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ), Guard(port=8765)),
                        base_url=BASE, follow_redirects=False)
    run.ok(*PROFILE)
    run.ok("employer", "add", "Whitcomb Savings Bank", "--traditionalist")
    added = client.post("/interviews", headers=SAME, data={
        "employer": "Whitcomb Savings Bank", "job_title": "Branch Manager",
        "at": "2026-11-25T10:00", "interviewer_1": "Mr. Harold Whitcomb <h@bank.example>",
        "interviewer_2": "Ruth Okafor"})
    assert added.status_code == 303, added.text
    return client


def _thank_you(client, name: str) -> int:
    steps = client.get("/api/interviews/1").json()["steps"]
    return next(s["id"] for s in steps if s["kind"] == "thank-you" and s["to"] == name)


def test_a_title_typed_with_the_interviewer_greets_them_formally(bank):
    people = bank.get("/api/interviews/1").json()["interviewers"]
    assert [(p["title"], p["name"]) for p in people] == [("Mr.", "Harold Whitcomb"),
                                                        ("", "Ruth Okafor")]
    page = bank.get(f"/steps/{_thank_you(bank, 'Harold Whitcomb')}/draft").text
    assert "Dear Mr. Whitcomb:" in page and "courtesy title" not in page


def test_the_interview_page_sets_a_title_and_the_draft_tip_links_there(bank):
    step = _thank_you(bank, "Ruth Okafor")
    page = bank.get(f"/steps/{step}/draft").text
    assert "Dear Ruth Okafor:" in page
    assert "Tip: Ruth Okafor has no courtesy title" in page
    assert 'href="/interviews/1#people">Add their courtesy title</a>' in page
    form = bank.get("/interviews/1").text
    assert 'aria-label="Courtesy title of Ruth Okafor"' in form
    assert 'aria-label="Preferred greeting of Ruth Okafor"' in form
    saved = bank.post("/contacts/2", headers=SAME, data={
        "courtesy_title": "Dr.", "salutation": "", "email": "", "phone": "",
        "next": "/interviews/1"})
    assert saved.status_code == 303
    assert '<option value="Dr." selected>Dr.</option>' in bank.get("/interviews/1").text
    again = bank.get(f"/steps/{step}/draft").text
    assert "Dear Dr. Okafor:" in again and "courtesy title" not in again
    bank.post("/contacts/2", headers=SAME, data={"courtesy_title": "Dr.",
                                                  "salutation": "Dear Ruth,", "next": "/"})
    assert "Dear Ruth:" in bank.get(f"/steps/{step}/draft").text


def test_a_bad_title_is_shown_by_its_label_and_nothing_is_saved(bank):
    bad = bank.post("/contacts/2", headers=SAME, data={
        "courtesy_title": "Sir", "salutation": "", "email": "ruth@bank.example"})
    assert bad.status_code == 400
    assert "Courtesy title: &#39;Sir&#39; is not a courtesy title" in bad.text
    assert "courtesy_title" not in bad.text
    worse = bank.post("/contacts/2", headers=SAME, data={"salutation": "Hey Ruth"})
    assert worse.status_code == 400 and "Preferred greeting: " in worse.text
    ruth = bank.get("/api/interviews/1").json()["interviewers"][1]
    assert (ruth["title"], ruth["email"]) == ("", "")


def test_fixing_an_address_alone_keeps_the_title(bank):
    fixed = bank.post("/contacts/1", headers=SAME, data={"email": "harold@bank.example",
                                                          "phone": "", "next": "/interviews/1"})
    assert fixed.status_code == 303
    harold = bank.get("/api/interviews/1").json()["interviewers"][0]
    assert (harold["title"], harold["email"]) == ("Mr.", "harold@bank.example")
