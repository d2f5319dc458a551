"""Find an interview by a word: on the command line and on the web, on both databases."""

from __future__ import annotations

import warnings

import pytest

from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from conftest import NOW, TZ  # noqa: E402


@pytest.fixture
def demo(run):
    run.ok("demo")
    return run


def test_a_word_finds_every_interview_it_is_in_and_says_where(demo):
    found = demo.json("search", "FLEET")  # any case
    by_employer = {f["employer"]: f for f in found}
    assert {"Northwind Motors", "Brightwave Software", "Summit Auto Group"} <= set(by_employer)
    assert {"in": "note", "text": "fleet sales to local businesses"} in \
        by_employer["Northwind Motors"]["found"]
    assert {"in": "job title", "text": "Fleet Sales Consultant"} in \
        by_employer["Summit Auto Group"]["found"]
    starts = [f["at"] for f in found]
    assert starts == sorted(starts, reverse=True)  # newest first
    text = demo.ok("search", "fleet sales to local")
    assert "Northwind Motors, Sales Manager" in text and "note: fleet sales to local" in text


def test_people_and_references_are_found_too(demo):
    assert [f["employer"] for f in demo.json("search", "zoë")] == ["Café Élan Group"]
    assert any(p["in"] == "reference" for f in demo.json("search", "alan reyes")
               for p in f["found"])


def test_wildcards_are_taken_literally_and_nothing_found_is_said(demo):
    assert demo.json("search", "100%") == []
    assert demo.json("search", "_") == []
    assert demo.ok("search", "no such thing here") == "Nothing found.\n"
    empty = demo("search", " ")
    assert empty.exit_code == 2 and "must not be empty" in empty.stderr


def test_the_web_finds_by_a_note_from_any_page(demo, db_path):
    web = TestClient(create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ), Guard(port=8765)),
                     base_url="http://127.0.0.1:8765")
    assert 'role="search"' in web.get("/today").text  # the search box is on every page
    page = web.get("/search", params={"q": "fleet sales to local"}).text
    assert "1 interview with “fleet sales to local”" in page
    assert "Northwind Motors</strong>, Sales Manager" in page
    assert "Note: fleet sales to local businesses" in page
    assert "Nothing found." in web.get("/search", params={"q": "zzzz"}).text
