"""The Polish button on the draft page: both versions side by side, the user chooses."""

from __future__ import annotations

import re

import pytest

import model_server
from conftest import Cli
from webclient import SAME, client

smollm = model_server.smollm  # the real model's server, once for this module


@pytest.fixture
def web(sqlite_path):
    web = client(sqlite_path)
    assert web.post("/demo", headers=SAME).status_code == 303
    return web


def test_both_sides_mark_their_own_words_and_keep_their_line_breaks():
    from insidetrack.compose.diff import sides

    before, after = sides("Dear Ana,\n\nI sold cars.\n\nBest,\n", "Dear Ana,\n\nBest,\n")
    assert [(p.op, p.text) for p in before] == [("same", "Dear Ana,\n\n"),
                                                ("removed", "I sold cars.\n\n"),
                                                ("same", "Best,\n")]
    assert [(p.op, p.text) for p in after] == [("same", "Dear Ana,\n\n"), ("same", "Best,\n")]


def test_no_polish_button_without_a_model(web):
    assert "/steps/47/polish" not in web.get("/steps/47/draft").text


FAR = "https://llm.example.com/v1"
FAR_WARNING = (f"<strong>Warning:</strong> {FAR} is not on this computer: each polish sends the "
               "draft and your notes on this interview (names, dates, what was said) there.")


def _ai_group(page: str) -> str:
    return page.split('<section class="card settings" id="ai"', 1)[1].split("</section>", 1)[0]


def test_settings_warn_when_the_endpoint_is_not_on_this_computer(web):
    saved = web.post("/settings/ai", headers=SAME, data={"ai.endpoint": FAR})
    assert saved.status_code == 200
    assert FAR_WARNING in _ai_group(saved.text)
    assert FAR_WARNING in _ai_group(web.get("/settings").text)
    assert saved.text.count("is not on this computer") == 1  # once, in its own group
    near = web.post("/settings/ai", headers=SAME, data={"ai.endpoint": "http://localhost:8080/v1"})
    assert near.status_code == 200 and "is not on this computer" not in near.text


def test_the_polish_button_warns_when_the_endpoint_is_not_on_this_computer(web, sqlite_path):
    Cli(sqlite_path).ok("config", "set", "ai.endpoint", FAR)
    button = web.get("/steps/47/draft").text.split('action="/steps/47/polish"', 1)[1]
    assert FAR_WARNING in button.split("</form>", 1)[0]
    Cli(sqlite_path).ok("config", "set", "ai.endpoint", "http://127.0.0.1:8080/v1")
    page = web.get("/steps/47/draft").text
    assert 'action="/steps/47/polish"' in page and "is not on this computer" not in page


def test_with_the_model_down_the_page_says_so_and_the_draft_stays(web, sqlite_path):
    url = f"http://127.0.0.1:{model_server.free_port()}/v1"
    Cli(sqlite_path).ok("config", "set", "ai.endpoint", url)
    assert 'action="/steps/47/polish"' in web.get("/steps/47/draft").text
    page = web.post("/steps/47/polish", headers=SAME, data={})
    assert page.status_code == 200
    assert f"Not polished: the model at {url} does not answer (connection refused)" in page.text
    assert 'href="/steps/47/draft"' in page.text


@pytest.mark.model
def test_polish_shows_both_versions_marked_and_the_verdict(web, sqlite_path, smollm):
    Cli(sqlite_path).ok("config", "set", "ai.endpoint", smollm)
    Cli(sqlite_path).ok("config", "set", "ai.timeout_seconds", "300")  # 2 busy cores
    page = web.post("/steps/47/polish", headers=SAME, data={}).text
    assert "Template draft" in page and "Polished by the model" in page
    compared = page[page.index('<div class="compare">'):page.index("Marked:")]
    if "The model changed nothing" in page:
        assert "<ins>" not in compared and "<del>" not in compared
    elif "Use the polished version" in page:
        assert "<ins>" in compared or "<del>" in compared
        assert "adds nothing to your notes" in page
    else:
        assert "the template draft stays" in page
        assert re.search(r"<li>.+</li>", page)
