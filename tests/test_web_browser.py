"""A new user's whole journey in a real browser (Debian's Chromium, driven by Playwright)."""

from __future__ import annotations

from pathlib import Path

import pytest

from browsing import ARTIFACTS, CHROMIUM, chromium, onboard, served

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Chromium is not installed (make test installs it)")



@pytest.fixture
def server(tmp_path):
    with served(tmp_path) as url:
        yield url


@pytest.fixture
def page():
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.dialogs = []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        yield page


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_a_new_user_goes_from_nothing_to_a_completed_thank_you(server, page):
    onboard(page, server)
    assert page.get_by_role("heading", name="1. About you").is_visible()
    shot(page, "onboarding")
    page.fill("textarea[name=address]", "12 Elm Street\nSpringfield, IL 62704")
    page.click("text=Save and start")
    page.wait_for_url(server + "/today")
    page.goto(server + "/profile")  # the address comes back as the lines typed
    assert page.input_value("textarea[name=address]") == "12 Elm Street\nSpringfield, IL 62704"

    page.click("nav >> text=Add interview")
    page.fill("input[name=employer]", "Acme Motors")
    page.fill("input[name=job_title]", "Sales Manager")
    page.fill("input[name=at]", "2026-11-24T10:00")
    page.fill("input[name=interviewer_1]", "Jane Roe <jane@acme.example>")
    page.fill("input[name=interviewer_2]", "Bo Lind <bo@acme.example>")
    page.fill("textarea[name=topic]", "fleet sales")
    shot(page, "add-interview")
    page.click("text=Log interview and plan the follow-up")
    page.wait_for_url(server + "/interviews/1")
    assert page.get_by_role("heading", name="Follow up by e-mail").is_visible()
    assert page.get_by_text("No other signal: e-mail.").is_visible()
    assert page.get_by_role("link", name="Thank-you e-mail to Bo Lind").is_visible()
    shot(page, "interview")

    page.click("text=Thank-you e-mail to Jane Roe")
    page.wait_for_url("**/steps/1/draft")
    editor = page.locator("#draft-text")
    original = editor.input_value()
    assert "Dear Jane Roe," in original
    assert page.locator(".finding.ok").is_visible()
    editor.press("Control+End")
    editor.type("\nThis line is seventy characters long, far wider than the sixty allowed.")
    error = page.locator(".finding.error", has_text="keep lines to 60 characters")
    error.wait_for(timeout=10_000)
    shot(page, "draft-lint")
    editor.fill(original)
    page.locator(".finding.ok").wait_for(timeout=10_000)
    assert page.locator(".finding.error").count() == 0
    page.click("#mark-done")
    page.wait_for_url(server + "/today")
    rows = page.locator("table.agenda tbody tr")
    texts = " ".join(rows.all_inner_texts())
    assert "Thank-you e-mail to Bo Lind" in texts and "Jane Roe" not in texts
    shot(page, "today")
    for path, name in (("/pipeline", "pipeline"), ("/insights", "insights"),
                       ("/references", "references"), ("/profile", "profile"),
                       ("/settings", "settings")):
        page.goto(server + path)
        shot(page, name)
    assert page.dialogs == []


def test_a_hostile_employer_name_is_shown_as_text(server, page):
    page.goto(server + "/")
    page.click("text=Load the demo data")
    page.wait_for_url(server + "/today")
    page.click("nav >> text=Add interview")
    hostile = "<img src=x onerror=alert(1)>"
    page.fill("input[name=employer]", hostile)
    page.fill("input[name=job_title]", "Rep")
    page.fill("input[name=at]", "2026-11-24T10:00")
    page.click("text=Log interview and plan the follow-up")
    page.wait_for_url("**/interviews/*")
    assert page.get_by_role("heading", name=f"Rep at {hostile}").is_visible()
    page.goto(server + "/today")
    assert page.get_by_text(hostile).first.is_visible()
    page.goto(server + "/pipeline")
    assert page.get_by_text(hostile).first.is_visible()
    assert page.dialogs == []
    assert page.locator("img").count() == 0


def test_the_api_docs_show_the_api(server, page):
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{server}/api/docs")
    page.wait_for_selector(".opblock", timeout=15_000)
    assert page.locator(".opblock").count() > 10
    assert "/api/lint" in page.content()
    assert blocked == []
