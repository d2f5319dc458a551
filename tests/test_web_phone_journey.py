"""The issue's whole journey on a phone (375 px), in a real browser (Chromium via Playwright).

A new user sets up sending mail from Settings against a real SMTP server and sends a
thank-you, moves the interview's time and sees the plan move, deletes a reference, marks a
step done and undoes it, records an offer after confirming, and finds the interview by a word
of its notes; no page scrolls sideways on the way.
"""

from __future__ import annotations

import pytest

from browsing import ARTIFACTS, chromium, fill_sending, onboard
from test_web_accessibility import _wider_than_the_screen
from test_web_settings import web_with_mail  # noqa: F401  (the served app and its SMTP server)

PHONE = {"width": 375, "height": 800}


def _fits(page) -> None:
    assert _wider_than_the_screen(page) <= 0, f"{page.url} scrolls sideways"


def _flash(page) -> str:
    return page.locator(".flash").inner_text()


def _log_an_interview(page, url: str) -> None:
    onboard(page, url)
    page.click("text=Save and start")
    page.wait_for_url(url + "/today")
    page.goto(url + "/interviews/new")
    page.fill("input[name=employer]", "Acme Motors")
    page.fill("input[name=job_title]", "Sales Manager")
    page.fill("input[name=at]", "2026-11-24T10:00")
    page.fill("input[name=interviewer_1]", "Jane Roe <jane@acme.example>")
    page.fill("textarea[name=topic]", "their hybrid fleet programme")
    _fits(page)
    page.get_by_role("button", name="Log interview and plan the follow-up").click()
    page.wait_for_url(url + "/interviews/1")


def _set_up_mail_and_send(page, url: str, smtp_port: int) -> None:
    page.goto(url + "/settings")
    mail = fill_sending(page, smtp_port)
    mail.get_by_role("button", name="Save mail account").click()
    assert page.locator("#mail .saved").inner_text().startswith("Saved: sending server")
    _fits(page)
    page.goto(url + "/interviews/1")
    page.get_by_role("link", name="Thank-you e-mail to Jane Roe").click()
    page.wait_for_url("**/steps/1/draft")
    _fits(page)
    page.get_by_role("button", name="Send", exact=True).click()
    assert page.get_by_role("heading", name="Sent").is_visible()


def _move_the_interview(page, url: str) -> None:
    page.goto(url + "/interviews/1")
    page.get_by_text("Correct the details").click()
    page.fill("input[name=at]", "2026-11-25T10:00")
    page.get_by_role("button", name="Save and re-plan").click()
    page.wait_for_url(url + "/interviews/1")
    said = _flash(page)
    assert "Saved:" in said and "The plan changed:" in said
    _fits(page)


def _delete_a_reference(page, url: str) -> None:
    page.goto(url + "/references")
    adding = page.locator("form", has_text="Add a reference")
    adding.locator("input[name=name]").fill("Alan Reyes")
    adding.locator("input[name=phone]").fill("+1 555 0142")
    adding.get_by_role("button", name="Add reference").click()
    page.get_by_role("link", name="Delete Alan Reyes").click()
    assert page.get_by_role("heading", name="Delete Alan Reyes from your references?").is_visible()
    _fits(page)
    page.get_by_role("button", name="Delete the reference").click()
    page.wait_for_url(url + "/references")
    assert "Reference deleted." in _flash(page)
    assert page.locator("table", has_text="Alan Reyes").count() == 0


def _mark_done_and_undo(page, url: str) -> None:
    page.goto(url + "/interviews/1")
    page.get_by_label("New fact").fill("I closed the Hartwell fleet account")
    page.get_by_role("button", name="Add fact").click()
    step = page.locator("ol.timeline li.pending a", has_text="Follow-up e-mail").first
    what = step.inner_text()
    step.click()
    page.locator("#mark-done").click()
    page.wait_for_url(url + "/today")
    assert f"Marked done: {what}." in _flash(page)
    _fits(page)
    page.locator(".flash").get_by_role("button").click()
    assert f"Undone: {what} is to do again." in _flash(page)
    page.goto(url + "/interviews/1")
    assert page.locator("ol.timeline li.pending a", has_text=what).count() == 1


def _record_an_offer(page, url: str) -> None:
    page.goto(url + "/interviews/1")
    page.get_by_label("What they decided").select_option(label="They offered me the job")
    page.get_by_role("button", name="They decided").click()
    assert page.get_by_role("heading", name="Record that they offered you the job?").is_visible()
    _fits(page)
    assert "Status: offer." not in page.goto(url + "/interviews/1").text()  # asking saved nothing
    page.get_by_label("What they decided").select_option(label="They offered me the job")
    page.get_by_role("button", name="They decided").click()
    page.get_by_role("button", name="Yes, record it").click()
    page.wait_for_url(url + "/interviews/1")
    assert "Recorded:" in _flash(page)
    assert page.get_by_text("Status: offer.").is_visible()
    _fits(page)


def _find_by_a_note_s_word(page, url: str) -> None:
    page.goto(url + "/today")
    page.get_by_label("Search interviews").fill("hybrid")
    page.get_by_role("button", name="Find").click()
    page.wait_for_url("**/search?q=hybrid")
    _fits(page)
    page.get_by_role("link", name="Acme Motors").first.click()
    page.wait_for_url(url + "/interviews/1")


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_whole_journey_on_a_phone(web_with_mail):  # noqa: F811
    url, smtp_port, received = web_with_mail
    with chromium() as browser:
        page = browser.new_page(viewport=PHONE)
        _log_an_interview(page, url)
        _set_up_mail_and_send(page, url, smtp_port)
        _move_the_interview(page, url)
        _delete_a_reference(page, url)
        _mark_done_and_undo(page, url)
        _record_an_offer(page, url)
        _find_by_a_note_s_word(page, url)
        page.screenshot(path=str(ARTIFACTS / "phone-journey.png"), full_page=True)
    assert len(received.received) == 1
    assert b"To: Jane Roe <jane@acme.example>" in received.received[0]
