"""Applications before the interview and the archive on the web and in the API, tried as a
job seeker would: track one, change it, give it up and take that back, archive a decision."""

from __future__ import annotations

import warnings

import pytest

from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from conftest import NOW, TZ  # noqa: E402
from test_cli import PROFILE  # noqa: E402

BASE = "http://127.0.0.1:8765"
SAME = {"Origin": BASE}
ACME = {"employer": "Acme Motors", "job_title": "Sales Manager", "applied_on": "2026-11-20",
        "link": "https://acme.example/jobs/42", "salary": "$90,000-110,000",
        "notes": "Dana referred me"}


@pytest.fixture
def web(db_path, run):
    run.ok(*PROFILE)
    app = create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ), Guard(port=8765))
    return TestClient(app, base_url=BASE, follow_redirects=False)


def _after(web, response):
    """Follow the redirect the way a browser does, cookie and all."""
    assert response.status_code == 303, response.text[:300]
    return web.get(response.headers["location"]).text


def _column(page: str, status: str) -> str:
    """Return the HTML of one Pipeline column."""
    start = page.index(f"<h2>{status} ")
    return page[start:page.index("</section>", start)]


def test_an_application_is_tracked_from_pipeline_and_shows_in_applied(web):
    assert 'href="/applications/new"' in web.get("/pipeline").text
    new = web.get("/applications/new").text
    assert 'value="2026-11-25"' in new and "YYYY-MM-DD; empty: today" in new  # to change
    page = _after(web, web.post("/applications", headers=SAME, data=ACME))
    assert "Tracking your application: Sales Manager at Acme Motors." in page
    assert "Friday 20 November 2026" in page and "$90,000-110,000" in page
    assert 'href="https://acme.example/jobs/42"' in page
    applied = _column(web.get("/pipeline").text, "applied")
    assert 'href="/applications/1"' in applied and "Applied Fri 20 Nov 2026" in applied
    saved = {**ACME, "employer": "Globex", "not_yet": "on"}  # the date filled in is dropped
    web.post("/applications", headers=SAME, data=saved)
    assert "Not applied yet" in _column(web.get("/pipeline").text, "saved")


def test_a_bad_link_is_said_by_its_field_and_the_form_kept(web, run):
    bad = web.post("/applications", headers=SAME, data={**ACME, "link": "acme.example/jobs"})
    assert bad.status_code == 400
    assert "is not a web address like https://example.com/news" in bad.text
    assert 'value="$90,000-110,000"' in bad.text  # what was typed stays
    future = web.post("/applications", headers=SAME, data={**ACME, "applied_on": "2027-01-05"})
    assert future.status_code == 400 and "an application date falls from" in future.text
    assert run.json("application", "list") == []


def test_the_application_page_edits_adds_the_interview_and_deletes_after_asking(web, run):
    web.post("/applications", headers=SAME, data=ACME)
    page = web.get("/applications/1").text
    assert "YYYY-MM-DD; empty: not applied yet" in page and 'value="2026-11-20"' in page
    assert 'href="/interviews/new?employer=Acme%20Motors&amp;job_title=Sales%20Manager"' in page
    form = web.get("/interviews/new", params={"employer": "Acme Motors",
                                             "job_title": "Sales Manager"}).text
    assert 'name="employer" value="Acme Motors"' in form
    assert 'name="job_title" value="Sales Manager"' in form
    edited = _after(web, web.post("/applications/1", headers=SAME, data={
        **ACME, "salary": "$95,000", "applied_on": ""}))
    assert "Saved." in edited and "$95,000" in edited and "Not yet" in edited
    assert run.json("application", "show", "1")["status"] == "saved"
    asked = web.get("/applications/1/delete")
    assert "Delete this application?" in asked.text and "Sales Manager at Acme Motors" in asked.text
    gone = _after(web, web.post("/applications/1/delete", headers=SAME))
    assert "Deleted the application: Sales Manager at Acme Motors." in gone
    assert run.json("application", "list", "--all") == []


def test_giving_up_asks_then_archives_with_undo(web, run):
    web.post("/applications", headers=SAME, data=ACME)
    asked = web.post("/applications/1/archive", headers=SAME)
    assert asked.status_code == 200 and "Give up on this application?" in asked.text
    assert run.json("application", "show", "1")["archived"] is False  # nothing yet
    page = _after(web, web.post("/applications/1/archive", headers=SAME,
                                data={"confirmed": "true"}))
    assert "Archived: Sales Manager at Acme Motors." in page
    assert 'action="/applications/1/unarchive"' in page
    assert "Acme Motors" not in web.get("/pipeline").text
    archived = web.get("/pipeline", params={"status": "archived"}).text
    assert 'href="/applications/1"' in _column(archived, "closed")
    assert '<option value="archived" selected>' in archived
    undone = _after(web, web.post("/applications/1/unarchive", headers=SAME))
    assert "Back in Pipeline: Sales Manager at Acme Motors (applied)." in undone
    assert 'href="/applications/1"' in _column(web.get("/pipeline").text, "applied")


def test_a_decided_interview_is_archived_out_of_today_and_pipeline_but_counts(web, run):
    run.logged_on_time("interview", "add", "--employer", "Acme Motors", "--job-title",
                       "Sales Manager", "--at", "2026-11-24 10:00",
                       "--interviewer", "Jane Roe <jane@acme.example>")
    assert "Archive this opening" not in web.get("/interviews/1").text  # still live
    assert web.post("/interviews/1/archive", headers=SAME).status_code == 409
    run.ok("log", "1", "decision", "--outcome", "rejected", "--at", "2026-11-25 12:00")
    assert 'action="/interviews/1/archive"' in web.get("/interviews/1").text
    before = web.get("/insights").text
    assert "Acme Motors" in web.get("/today", params={"date": "2026-12-31"}).text
    assert "Acme Motors" in _column(web.get("/pipeline").text, "closed")
    page = _after(web, web.post("/interviews/1/archive", headers=SAME))
    assert "Archived: Sales Manager at Acme Motors." in page
    assert 'action="/interviews/1/unarchive"' in page  # the Undo
    assert "Acme Motors" not in web.get("/today", params={"date": "2026-12-31"}).text
    assert "Acme Motors" not in web.get("/pipeline").text
    assert web.get("/insights").text == before  # Insights still count it
    assert "<li>closed: 1</li>" in before
    found = web.get("/search", params={"q": "Acme"}).text
    assert '<span class="tag">archived</span>' in found
    web.post("/applications", headers=SAME, data={**ACME, "employer": "Acmeco", "notes": ""})
    both = web.get("/search", params={"q": "Acme"}).text
    assert "1 interview and 1 application with" in both and 'href="/applications/2"' in both
    assert "Application, no interview yet: applied" in both
    _after(web, web.post("/interviews/1/unarchive", headers=SAME))
    assert "Acme Motors" in web.get("/pipeline").text


def test_the_api_tracks_changes_archives_and_deletes_applications(web):
    body = {k: v for k, v in ACME.items() if k != "applied_on"}
    made = web.post("/api/applications", headers=SAME, json=body)
    assert made.status_code == 201 and made.json()["applied_on"] == "2026-11-25"
    assert made.json()["status"] == "applied" and made.json()["interviews"] == []
    bad = web.post("/api/applications", headers=SAME, json={**body, "link": "javascript:x"})
    assert bad.status_code == 400 and bad.json()["field"] == "link"
    changed = web.patch("/api/applications/1", headers=SAME, json={"salary": "$100k"})
    assert changed.json()["salary"] == "$100k" and changed.json()["link"] == ACME["link"]
    refused = web.post("/api/openings/1/archive", headers=SAME)
    assert refused.status_code == 409 and "confirm" in refused.json()["error"]
    closed = web.post("/api/openings/1/archive", headers=SAME, json={"close": True})
    assert (closed.json()["status"], closed.json()["archived"]) == ("closed", True)
    assert web.get("/api/applications").json() == []
    assert [a["id"] for a in web.get("/api/applications?archived=yes").json()] == [1]
    back = web.delete("/api/openings/1/archive", headers=SAME)
    assert (back.json()["status"], back.json()["archived"]) == ("applied", False)
    assert web.delete("/api/applications/1", headers=SAME).json()["deleted"] is True
    assert web.get("/api/applications/1").status_code == 404


def test_the_api_lists_applications_a_page_at_a_time(web, run):
    """A script reads a long list in pages, oldest first, and learns the total once."""
    for n in range(5):
        web.post("/api/applications", headers=SAME,
                 json={"employer": f"Employer {n}", "job_title": "Analyst"})
    run.logged_on_time("interview", "add", "--employer", "Employer 3", "--job-title", "Analyst",
                       "--at", "2026-11-20 10:00", "--interviewer", "Ann Lee")
    first = web.get("/api/applications?limit=2")
    assert first.headers["x-total-count"] == "5"
    assert [a["employer"] for a in first.json()] == ["Employer 0", "Employer 1"]
    rest = web.get("/api/applications?limit=2&offset=2").json()
    assert [(a["employer"], len(a["interviews"])) for a in rest] == [
        ("Employer 2", 0), ("Employer 3", 1)]
    assert len(web.get("/api/applications").json()) == 5
    refused = web.get("/api/applications?limit=0")
    assert refused.status_code == 422 and refused.json()["field"] == "limit"
