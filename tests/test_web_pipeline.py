"""The Pipeline page in pages: a stage with more cards than a page holds shows a page of
them, how many there are in all, and links to the next and previous ones."""

from __future__ import annotations

import re

import pytest

from insidetrack.web import screens
from webclient import client


@pytest.fixture
def web(db_path, run, monkeypatch):
    monkeypatch.setattr(screens, "PIPELINE_PAGE", 2)  # five interviews make three pages
    for n, employer in enumerate(("Acme", "Brightwave", "Café Élan", "Dunder", "Étoile")):
        run.logged_on_time("interview", "add", "--employer", employer, "--job-title", "Rep",
                           "--at", f"2026-11-{10 + n} 10:00")
    run.ok("application", "add", "Fjord Co", "Buyer", "--applied-on", "2026-11-20")
    return client(db_path)


def _column(page: str, status: str) -> str:
    start = page.index(f"<h2>{status} ")
    return page[start:page.index("</section>", start)]


def _employers(column: str) -> list[str]:
    return re.findall(r"<strong>([^<]+)</strong>", column)


def test_a_full_stage_shows_a_page_its_count_and_a_link_to_the_rest(web):
    every = web.get("/pipeline").text
    interviewing = _column(every, "interviewing")
    assert '<span class="count">5</span>' in interviewing
    assert _employers(interviewing) == ["Acme", "Brightwave"]
    assert "Showing 1–2 of 5." in interviewing
    assert 'href="/pipeline?status=interviewing&amp;page=2">Next 2</a>' in interviewing
    assert "Showing" not in _column(every, "applied")  # one card: nothing to page


def test_the_next_pages_go_on_where_the_last_stopped_and_end(web):
    second = _column(web.get("/pipeline?status=interviewing&page=2").text, "interviewing")
    assert _employers(second) == ["Café Élan", "Dunder"]
    assert "Showing 3–4 of 5." in second and "Previous 2" in second and "Next 1" in second
    third = _column(web.get("/pipeline?status=interviewing&page=3").text, "interviewing")
    assert _employers(third) == ["Étoile"] and "page=4" not in third
    beyond = _column(web.get("/pipeline?status=interviewing&page=9").text, "interviewing")
    assert "No more" in beyond and "Previous 2" in beyond


def test_a_page_that_is_no_number_shows_the_first(web):
    shown = web.get("/pipeline?status=interviewing&page=two")
    assert shown.status_code == 200
    assert _employers(_column(shown.text, "interviewing")) == ["Acme", "Brightwave"]


def test_applications_follow_the_interviews_of_their_stage(web, run):
    run.ok("application", "add", "Gamma", "Buyer", "--applied-on", "2026-11-21")
    run.ok("application", "add", "Helix", "Buyer", "--applied-on", "2026-11-22")
    applied = [_employers(_column(web.get(f"/pipeline?status=applied&page={n}").text,
                                  "applied")) for n in (1, 2)]
    assert applied == [["Fjord Co", "Gamma"], ["Helix"]]
