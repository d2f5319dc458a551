"""The Settings page: groups in words, saved all or nothing, passwords to the keyring, and a
test of each server that says what happened in words."""

from __future__ import annotations

import re
import warnings
from contextlib import contextmanager
from pathlib import Path

import pytest

from insidetrack.domain.settings import KEYS
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from conftest import NOW, TZ  # noqa: E402
from servers import PASSWORD, Recorder, dovecot, dovecot_missing, free_port  # noqa: E402, I001

BASE = "http://127.0.0.1:8765"
SAME = {"Origin": BASE}
INTERVIEW = {"employer": "Initech", "job_title": "Analyst", "at": "2026-11-20T10:00",
             "interviewers": ["Bill Lumbergh <bill@initech.example>"]}


@pytest.fixture
def client(db_path):
    app = create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ), Guard(port=8765))
    return TestClient(app, base_url=BASE, follow_redirects=False, raise_server_exceptions=False)


@contextmanager
def smtp_server(password: str | None = None):
    """Run aiosmtpd on a loopback port; with a password, it asks every sender to log in."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    def check(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=auth_data.password.decode() == password, handled=False)

    handler = Recorder()
    login = {"authenticator": check, "auth_required": True, "auth_require_tls": False}
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(),
                            **(login if password else {}))
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


def _said(page) -> list[str]:
    """Return what the page says in its alerts and statuses, as text."""
    found = re.findall(r'role="(?:alert|status)">(.*?)</(?:em|p)>', page.text, re.S)
    return [re.sub(r"<[^>]+>", "", f).replace("&gt;", ">").replace("&#39;", "'") for f in found]


def _main(page) -> str:
    return page.text.split("<main", 1)[1]


def test_the_page_reads_in_words_grouped_as_a_person_thinks(client):
    page = client.get("/settings")
    assert page.status_code == 200
    titles = re.findall(r'<h2 id="[a-z]+-title">([^<]+)</h2>', page.text)
    assert titles == ["Follow-up rhythm", "Letters and e-mails", "Mail account", "Calendar",
                      "Holidays", "Time zone", "Security", "Polishing drafts"]
    shown = re.sub(r'(name|id|for|aria-describedby|action|formaction|href)="[^"]*"', "", _main(page))
    assert [key for key in KEYS if key in shown and key != "timezone"] == [] and "--" not in shown
    assert "insidetrack config" not in page.text  # no shell command on a page
    first = page.text.split('<label for="plan-first-follow-up-days">', 1)[1].split("</div>")[0]
    assert first.startswith("Days before the first follow-up letter <small>(days)</small>")
    assert 'type="number"' in first and 'min="1" max="60"' in first and 'value="7"' in first
    assert "The first follow-up letter is planned this many days after the interview." in first
    assert '<option value="a4">A4</option>' in page.text
    assert '<optgroup label="Europe">' in page.text and "<option>Europe/Paris</option>" in page.text
    assert '<option value="DE">Germany</option>' in page.text
    assert 'type="time" id="plan-workday-start" name="plan.workday_start" value="09:00"' in page.text
    assert page.text.count('type="password"') == 4  # sending, reading, calendar, web app
    assert [b for b in re.findall(r">(Test connection: \w+)<", page.text)] == [
        "Test connection: sending", "Test connection: reading", "Test connection: calendar"]


def test_saving_a_group_says_what_changed_and_moves_the_plan(client, tmp_path):
    client.post("/api/interviews", headers=SAME, json=INTERVIEW)

    def first_letter():
        steps = client.get("/api/interviews/1/plan").json()["steps"]
        return next(s["due"] for s in steps if s["kind"] == "follow-up" and s["number"] == 2)

    before = first_letter()
    page = client.post("/settings/rhythm", headers=SAME, data={
        "plan.first_follow_up_days": "5", "plan.max_letters": "6", "plan.workday_start": "09:00"})
    assert page.status_code == 200
    assert _said(page) == ["Saved: days before the first follow-up letter 7 -> 5; "
                           "the campaigns are re-planned"]
    assert 'value="5"' in page.text.split('id="plan-first-follow-up-days"', 1)[1][:60]
    assert "first_follow_up_days = 5" in (tmp_path / "config.toml").read_text()
    assert first_letter() < before
    again = client.post("/settings/letters", headers=SAME, data={"draft.paper": "a4"})
    assert _said(again) == ["Saved: paper size US Letter -> A4"]


def test_one_bad_value_saves_nothing_of_its_group(client, tmp_path):
    page = client.post("/settings/rhythm", headers=SAME, data={
        "plan.first_follow_up_days": "5", "plan.max_letters": "1000"})
    assert page.status_code == 400
    bad = page.text.split('<div class="field invalid">', 1)[1].split("</div>", 1)[0]
    assert bad.startswith('\n  <label for="plan-max-letters">Most follow-up letters')
    assert '<em class="error" role="alert">&#39;1000&#39; is not a whole number from 1 to 12' in bad
    assert page.text.count('class="field invalid"') == 1
    assert 'value="5"' in page.text.split('id="plan-first-follow-up-days"', 1)[1][:60]
    assert not (tmp_path / "config.toml").exists()


def test_the_time_zone_and_holidays_are_picked_from_lists(client, tmp_path):
    zone = client.post("/settings/zone", headers=SAME, data={"timezone": "Europe/Paris"})
    assert _said(zone) == ["Saved: time zone (empty) -> Europe/Paris; the campaigns are re-planned"]
    assert "<option selected>Europe/Paris</option>" in zone.text
    wrong = client.post("/settings/holidays", headers=SAME,
                        data={"holidays.country": "DE", "holidays.region": "ZZ"})
    assert wrong.status_code == 400
    assert any("'ZZ' is not a region of DE" in said for said in _said(wrong))
    assert "holidays.country" not in (tmp_path / "config.toml").read_text()
    ok = client.post("/settings/holidays", headers=SAME,
                     data={"holidays.country": "DE", "holidays.region": "BY"})
    assert _said(ok) == ["Saved: country (empty) -> DE, region (empty) -> BY; "
                         "the campaigns are re-planned"]
    assert '<option value="DE" selected>Germany</option>' in ok.text
    assert '<option value="BY">Bayern</option>' in ok.text  # the country's regions to pick


MAIL = {"smtp.host": "mail.example.com", "smtp.port": "587", "smtp.security": "starttls",
        "smtp.user": "dana@example.com"}


def test_without_a_keyring_a_password_saves_nothing_and_says_what_to_do(client, tmp_path):
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    before = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())  # what this machine has; set so the test is the same anywhere
    try:
        page = client.post("/settings/mail", headers=SAME,
                           data={**MAIL, "smtp.password": "hunter2-secret"})
    finally:
        keyring.set_keyring(before)
    assert page.status_code == 400
    assert _said(page) == [
        "this computer has no keyring to keep passwords in, so nothing was saved. Instead, set "
        "the environment variable INSIDETRACK_SMTP_PASSWORD to the password where the app "
        "starts, and leave this field empty"]
    assert "hunter2-secret" not in page.text
    assert 'value="mail.example.com"' in page.text  # what was typed stays to fix and resend
    assert not (tmp_path / "config.toml").exists()


def test_a_password_goes_to_the_keyring_never_to_a_file(client, tmp_path, file_keyring):
    import keyring

    page = client.post("/settings/mail", headers=SAME,
                       data={**MAIL, "smtp.password": "hunter2-secret"})
    assert page.status_code == 200 and "hunter2-secret" not in page.text
    assert _said(page) == ["Saved: sending server (empty) -> mail.example.com, sending user name "
                           "(empty) -> dana@example.com, the sending password"]
    assert keyring.get_password("insidetrack-smtp", "dana@example.com") == "hunter2-secret"
    assert "hunter2" not in (tmp_path / "config.toml").read_text()
    nobody = client.post("/settings/calendar", headers=SAME, data={"caldav.password": "x"})
    assert nobody.status_code == 400
    assert _said(nobody) == ["type the user name first: the password is kept for that user"]


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_test_connection_says_what_happened_in_words(client, tmp_path, monkeypatch):
    monkeypatch.delenv("INSIDETRACK_SMTP_PASSWORD", raising=False)
    with smtp_server(password="right-one") as (controller, _):
        where = f"127.0.0.1:{controller.port}"
        typed = {"smtp.host": "127.0.0.1", "smtp.port": str(controller.port),
                 "smtp.security": "none", "smtp.user": "dana@example.com"}
        wrong = client.post("/settings/mail/test/smtp", headers=SAME,
                            data={**typed, "smtp.password": "wrong"})
        assert _said(wrong) == ["Does not work: The server refused the password for "
                                "dana@example.com"]
        right = client.post("/settings/mail/test/smtp", headers=SAME,
                            data={**typed, "smtp.password": "right-one"})
        assert _said(right) == [f"Works: Logged in to {where} as dana@example.com"]
        assert "right-one" not in right.text and f'value="{controller.port}"' in right.text
    closed = client.post("/settings/mail/test/smtp", headers=SAME, data=typed)
    assert _said(closed) == [f"Does not work: Could not reach {where}: connection refused"]
    imap = client.post("/settings/mail/test/imap", headers=SAME, data={
        "imap.host": "127.0.0.1", "imap.port": str(free_port()), "imap.security": "none"})
    assert _said(imap)[0].startswith("Does not work: Could not reach 127.0.0.1:")
    assert _said(imap)[0].endswith(": connection refused")
    empty = client.post("/settings/calendar/test/caldav", headers=SAME, data={"caldav.url": ""})
    assert empty.status_code == 400 and _said(empty) == ["type the calendar address first"]
    assert not (tmp_path / "config.toml").exists()  # a test saves nothing


def test_test_connection_reaches_a_real_calendar(client, radicale):
    page = client.post("/settings/calendar/test/caldav", headers=SAME, data={
        "caldav.url": radicale, "caldav.user": "dana", "caldav.password": "x"})
    assert _said(page) == [f"Works: Logged in to {radicale}; follow-ups go to the calendar "
                           "'insidetrack'"]


def test_the_web_password_is_set_from_the_page(client, tmp_path):
    short = client.post("/settings/security", headers=SAME, data={"web.password": "short"})
    assert short.status_code == 400 and _said(short) == ["use at least 8 characters"]
    page = client.post("/settings/security", headers=SAME,
                       data={"web.allowed_hosts": "", "web.password": "a long passphrase"})
    assert _said(page) == ["Saved: the web app password"]
    assert "a long passphrase" not in (tmp_path / "web-password").read_text()
    assert client.app.state.guard.password_hash == (tmp_path / "web-password").read_text().strip()


@pytest.fixture
def web_with_mail(tmp_path):
    """The web app served as a user runs it, with an SMTP server that wants a password; the
    password comes from the environment, as on a machine without a keyring."""
    from browsing import CHROMIUM, served

    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (make test installs it)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with smtp_server(password="s3cret-pass") as (controller, handler), \
                served(tmp_path, INSIDETRACK_SMTP_PASSWORD="s3cret-pass") as url:
            yield url, controller.port, handler


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_new_user_sets_up_mail_in_settings_and_sends_a_thank_you(web_with_mail):
    from browsing import ARTIFACTS, chromium, fill_sending, onboard
    from test_web_accessibility import _problems, _wider_than_the_screen

    url, smtp_port, received = web_with_mail
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        onboard(page, url)
        page.click("text=Save and start")
        page.wait_for_url(url + "/today")
        page.click("nav >> text=Add interview")
        page.fill("input[name=employer]", "Acme Motors")
        page.fill("input[name=job_title]", "Sales Manager")
        page.fill("input[name=at]", "2026-11-24T10:00")
        page.fill("input[name=interviewer_1]", "Jane Roe <jane@acme.example>")
        page.click("text=Log interview and plan the follow-up")
        page.wait_for_url(url + "/interviews/1")

        page.click("nav >> text=Settings")
        mail = fill_sending(page, smtp_port)
        mail.get_by_role("button", name="Test connection: sending").click()
        tested = page.locator("#mail .tested")
        assert tested.inner_text() == (f"Works: Logged in to 127.0.0.1:{smtp_port} as "
                                       "dana@example.com")
        assert _problems(page) == []
        ARTIFACTS.mkdir(exist_ok=True)  # docs/settings.png in the README is a copy of this one
        page.locator("#mail fieldset").first.screenshot(path=str(ARTIFACTS / "settings-mail.png"))
        page.locator("#mail").get_by_role("button", name="Save mail account").click()
        assert page.locator("#mail .saved").inner_text() == (
            "Saved: sending server (empty) -> 127.0.0.1, sending port 587 -> "
            f"{smtp_port}, sending security STARTTLS -> None (not private), sending user name "
            "(empty) -> dana@example.com")
        page.set_viewport_size({"width": 375, "height": 800})
        assert _problems(page) == [] and _wider_than_the_screen(page) <= 0

        page.goto(url + "/interviews/1")
        page.click("text=Thank-you e-mail to Jane Roe")
        page.wait_for_url("**/steps/1/draft")
        page.get_by_role("button", name="Send", exact=True).click()
        assert page.get_by_role("heading", name="Sent").is_visible()
    assert len(received.received) == 1
    assert b"To: Jane Roe <jane@acme.example>" in received.received[0]


@pytest.mark.skipif(dovecot_missing() is not None, reason=str(dovecot_missing()))
def test_test_connection_reads_a_real_mailbox(client, monkeypatch):
    monkeypatch.delenv("INSIDETRACK_IMAP_PASSWORD", raising=False)
    with dovecot() as port:
        typed = {"imap.host": "127.0.0.1", "imap.port": str(port), "imap.security": "none",
                 "imap.user": "dana", "imap.folders": "INBOX"}
        right = client.post("/settings/mail/test/imap", headers=SAME,
                            data={**typed, "imap.password": PASSWORD})
        assert _said(right) == [f"Works: Logged in to 127.0.0.1:{port} as dana; watching INBOX"]
        wrong = client.post("/settings/mail/test/imap", headers=SAME,
                            data={**typed, "imap.password": "wrong"})
        assert _said(wrong) == ["Does not work: The server refused the password for dana"]
        missing = client.post("/settings/mail/test/imap", headers=SAME, data={
            **typed, "imap.password": PASSWORD, "imap.folders": "INBOX, Jobs"})
        assert _said(missing) == [f"Does not work: Logged in to 127.0.0.1:{port} as dana, but "
                                  "there is no folder Jobs"]


def test_a_server_that_never_answers_is_given_up_on_in_seconds(client):
    import socket
    import time

    with socket.socket() as silent:  # takes the connection, then says nothing
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        started = time.monotonic()
        page = client.post("/settings/mail/test/smtp", headers=SAME, data={
            "smtp.host": "127.0.0.1", "smtp.port": str(port), "smtp.security": "none"})
        waited = time.monotonic() - started
    assert _said(page) == [f"Does not work: Could not reach 127.0.0.1:{port}: no answer within "
                           "5 seconds"]
    assert waited < 10
