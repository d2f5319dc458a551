"""A career center's job seeker sends from their own mail account (/my-mail), never the
server's (issue 15: "a job seeker has the full single-user app on their own data").

A real PostgreSQL (tests/pg.py), the app as the center's app role (row-level security holds
for it), real SMTP servers (aiosmtpd, asking for a login): the server's own, which must
never see a student's mail, and the student's. What is checked is what a student notices:
no Send button until their account is set, the link that says where, their thank-you
arriving at their own server, logged in as them, the password never shown again nor kept
readable in the database, and another student seeing nothing of it.
"""

from __future__ import annotations

import itertools
import os
import re
import warnings
from html import unescape
from typing import Any

import pytest

from conftest import NOW, TZ, Cli
from insidetrack.integrations.sealing import key_file
from insidetrack.services.seeker_accounts import ALLOW_PRIVATE
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard
from test_web_settings import smtp_server

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

BASE = "http://127.0.0.1:8765"
PASSWORD = "a long enough secret"
MAIL_PASSWORD = "zoë's mail password"
_roles = itertools.count()


def _sign_in(app_url: str, email: str) -> TestClient:
    app = create_app(WebConfig(app_url, clock=lambda: NOW, tz=TZ, org=True),
                     Guard(port=8765, org=True))
    web = TestClient(app, base_url=BASE, follow_redirects=False, headers={"Origin": BASE})
    answer = web.post("/login", data={"email": email, "password": PASSWORD})
    assert answer.status_code == 303, answer.text
    return web


@pytest.fixture
def center(postgres, tmp_path):
    """Return (the owner's URL, the app role's URL, the server's own SMTP recorder): Zoë
    and Bo, job seekers; the server's settings file sends through an SMTP server of its own."""
    from conftest import close_pools

    url = postgres.new_database()
    run = Cli(url)
    run.ok("org", "init", "--app-role", role := f"mail_{os.getpid()}_{next(_roles)}")
    for email, name in (("zoe@uni.example", "Zoë Lefèvre"), ("bo@uni.example", "Bo Öberg")):
        run.ok("org", "person", "add", "--email", email, "--name", name)
        said = run("org", "password", "--email", email, "--password-stdin",
                   input=PASSWORD + "\n")
        assert said.exit_code == 0, said.output
    app_url = url.replace("postgres@", f"{role}@")
    with smtp_server() as (controller, centers_own):
        (tmp_path / "config.toml").write_text(
            f'[smtp]\nhost = "127.0.0.1"\nport = {controller.port}\nsecurity = "none"\n',
            encoding="utf-8")
        yield url, app_url, centers_own
    close_pools(app_url)
    close_pools(url)


def _thank_you(web: TestClient) -> int:
    """Fill the profile and log an interview; return its first thank-you e-mail's step."""
    me = web.get("/api/profile").json()
    assert web.put("/api/profile", json={"name": me["name"], "email": me["email"],
                                         "phone": "+33 6 12 34 56 78",
                                         "field": "financial analysis"}).status_code == 200
    added = web.post("/api/interviews", json={
        "employer": "Société Générale", "job_title": "Analyst", "at": "2026-11-25 10:00",
        "interviewers": ["Anaïs Müller <anais@sg.example>"]})
    assert added.status_code == 201, added.text
    return next(s["id"] for s in added.json()["steps"]
                if s["kind"] == "thank-you" and s["channel"] == "email")


def _set_account(web: TestClient, port: int, **more: str) -> Any:
    return web.post("/my-mail", data={
        "smtp.host": "127.0.0.1", "smtp.port": str(port), "smtp.security": "none",
        "smtp.user": "zoe@uni.example", "smtp.password": MAIL_PASSWORD, **more})


def _alerts(answer: Any) -> list[str]:
    return [unescape(a).strip() for a in re.findall(r'role="alert">([^<]*)<', answer.text)]


def test_a_student_sends_a_thank_you_through_their_own_account_alone(center, monkeypatch):
    url, app_url, centers_own = center
    monkeypatch.setenv(ALLOW_PRIVATE, "allow")  # both servers are on this machine
    zoe = _sign_in(app_url, "zoe@uni.example")
    step = _thank_you(zoe)
    draft = zoe.get(f"/steps/{step}/draft").text
    assert f'formaction="/steps/{step}/send"' not in draft  # no Send button yet
    assert '<a href="/my-mail">set up your mail account</a>' in draft
    refused = zoe.post(f"/steps/{step}/send", data={})
    assert "set up sending first: your own mail account is not set" in unescape(refused.text)
    assert 'href="/my-mail"' in refused.text and centers_own.received == []

    with smtp_server(MAIL_PASSWORD) as (controller, hers):
        saved = _set_account(zoe, controller.port)
        assert saved.status_code == 303
        page = zoe.get("/my-mail").text
        assert page.count("A password is kept.") == 1  # the sending one; none for reading
        assert MAIL_PASSWORD not in unescape(page)
        tried = zoe.post("/my-mail/try")
        assert re.findall(r'class="tried">([^<]*)<', tried.text) == [
            f"smtp: ok, 127.0.0.1:{controller.port} (none), logged in as zoe@uni.example"]
        sent = zoe.post(f"/steps/{step}/send", data={})
        assert sent.status_code == 200, sent.text
        assert len(hers.received) == 1 and centers_own.received == []
        message = hers.received[0].decode()
        assert "From: =?utf-8?q?Zo=C3=AB_Lef=C3=A8vre?= <zoe@uni.example>" in message or \
            "Zoë Lefèvre <zoe@uni.example>" in message
        assert "anais@sg.example" in message

    from insidetrack.storage.db import connect

    owner = connect(url)  # the database alone does not give the password away
    kept = owner.execute("SELECT string_agg(value, ' ') FROM meta").fetchone()[0]
    owner.close()
    assert MAIL_PASSWORD not in kept and "zoe@uni.example" in kept


def test_another_student_sees_nothing_of_it_and_cannot_send_with_it(center, monkeypatch):
    _, app_url, centers_own = center
    monkeypatch.setenv(ALLOW_PRIVATE, "allow")
    zoe, bo = _sign_in(app_url, "zoe@uni.example"), _sign_in(app_url, "bo@uni.example")
    assert _set_account(zoe, 2525).status_code == 303
    page = bo.get("/my-mail").text
    assert "zoe@uni.example" not in page and "A password is kept." not in page
    step = _thank_you(bo)
    assert "set up sending first" in unescape(bo.post(f"/steps/{step}/send", data={}).text)
    assert centers_own.received == []


def test_a_server_inside_the_centers_network_is_refused_by_default(center):
    _, app_url, _ = center
    zoe = _sign_in(app_url, "zoe@uni.example")
    answer = _set_account(zoe, 25)
    assert answer.status_code == 400
    assert _alerts(answer) == ["Nothing was saved: 1 field to correct, marked below.",
                               "127.0.0.1 is inside the career center's own network: give "
                               "your mail provider's server (e.g. smtp.example.com)"]
    assert "A password is kept." not in zoe.get("/my-mail").text


def test_every_wrong_field_is_named_at_once_and_nothing_is_kept(center, monkeypatch):
    _, app_url, _ = center
    monkeypatch.setenv(ALLOW_PRIVATE, "allow")
    zoe = _sign_in(app_url, "zoe@uni.example")
    answer = zoe.post("/my-mail", data={"smtp.host": "smtp.example.com", "smtp.port": "eighty",
                                         "smtp.security": "tls", "smtp.password": "x"})
    assert answer.status_code == 400
    said = _alerts(answer)
    assert said[0] == "Nothing was saved: 2 fields to correct, marked below."
    assert len(said) == 3 and "'tls' is not one of ssl, starttls, none" in said
    assert 'value="smtp.example.com"' in answer.text  # what was typed stays
    assert "A password is kept." not in zoe.get("/my-mail").text


def test_a_password_sealed_with_another_key_asks_to_be_typed_again(center, monkeypatch):
    _, app_url, _ = center
    monkeypatch.setenv(ALLOW_PRIVATE, "allow")
    zoe = _sign_in(app_url, "zoe@uni.example")
    with smtp_server(MAIL_PASSWORD) as (controller, hers):
        assert _set_account(zoe, controller.port).status_code == 303
        key_file().write_bytes(b"nN9nxmT2TD5rTkmKTUK8GvY4sNfQnaEyu3sd2Ru-eZA=\n")  # another
        answer = zoe.post(f"/steps/{_thank_you(zoe)}/send", data={})
        assert ("your sending password was kept by another server's key (center.key): type "
                "it again with your accounts") in unescape(answer.text)
        assert hers.received == []


def test_no_such_page_in_single_user_mode_nor_for_staff(tmp_path):
    from insidetrack.web.app import create_app as make

    single = TestClient(make(WebConfig(str(tmp_path / "one.db"), clock=lambda: NOW, tz=TZ),
                             Guard(port=8765)), base_url=BASE, follow_redirects=False)
    assert single.get("/my-mail").status_code == 404


def test_a_student_reads_a_reply_from_their_own_mailbox_and_the_campaign_waits(
        center, monkeypatch, imap_port):
    from imapclient import IMAPClient

    from servers import PASSWORD as MAILBOX_PASSWORD

    _, app_url, _ = center
    monkeypatch.setenv(ALLOW_PRIVATE, "allow")
    zoe = _sign_in(app_url, "zoe@uni.example")
    _thank_you(zoe)
    assert "Check my mail" not in zoe.get("/today").text  # no reading server yet
    saved = zoe.post("/my-mail", data={
        "imap.host": "127.0.0.1", "imap.port": str(imap_port), "imap.security": "none",
        "imap.user": "zoe", "imap.folders": "INBOX", "imap.sent_folder": "Sent",
        "imap.password": MAILBOX_PASSWORD})
    assert saved.status_code == 303, saved.text
    assert re.findall(r'class="tried">([^<]*)<', zoe.post("/my-mail/try").text) == [
        f"imap: ok, 127.0.0.1:{imap_port} (none), watching INBOX"]

    box = IMAPClient("127.0.0.1", port=imap_port, ssl=False)
    box.login("zoe", MAILBOX_PASSWORD)
    box.append("INBOX", b"From: news@shop.example\r\nSubject: Sale\r\n\r\nOld mail.\r\n")
    from insidetrack.services import seeker_accounts

    monkeypatch.setattr(seeker_accounts, "FIRST_READ", 1)  # the first read: the newest only
    box.append("INBOX", (
        "From: =?utf-8?q?Ana=C3=AFs_M=C3=BCller?= <anais@sg.example>\r\n"
        "To: zoe@uni.example\r\nSubject: Re: Thank you\r\n"
        "Date: Wed, 25 Nov 2026 14:00:00 -0500\r\n"
        "Message-ID: <reply-1@sg.example>\r\n\r\nThank you, Zoë: we will be in touch.\r\n"
    ).encode())
    box.logout()
    today = zoe.get("/today").text
    assert "Check my mail for replies" in today
    checked = zoe.post("/my-mail/check", data={"back": "/today"})
    assert checked.status_code == 303 and checked.headers["location"].startswith("/today")
    shown = unescape(zoe.get(checked.headers["location"]).text)
    assert "Read 1 new message." in shown
    assert "Reply: anais@sg.example: Re: Thank you. The next letter to them waits a week." in \
        shown
    assert "Reply</strong> from anais@sg.example" in shown  # Today's alert
    again = zoe.post("/my-mail/check", data={"back": "/today"})
    assert "Read 0 new messages." in unescape(zoe.get(again.headers["location"]).text)


def _calendars_of(url: str, user: str) -> dict[str, list[str]]:
    """Return, by calendar name, the summaries of what a user's calendars hold."""
    import caldav

    with caldav.DAVClient(url=url, username=user, password="x", require_tls=False) as client:
        return {str(c.get_display_name()): sorted(
                    str(o.icalendar_component["summary"])
                    for o in [*c.todos(include_completed=True), *c.events()])
                for c in client.principal().calendars()}


def test_a_student_pushes_their_steps_to_their_own_calendar_alone(center, monkeypatch,
                                                                   radicale, tmp_path):
    _, app_url, _ = center
    monkeypatch.setenv(ALLOW_PRIVATE, "allow")
    (tmp_path / "config.toml").write_text(  # the server's own calendar, never a student's
        f'[caldav]\nurl = "{radicale}"\nuser = "center"\n', encoding="utf-8")
    zoe, bo = _sign_in(app_url, "zoe@uni.example"), _sign_in(app_url, "bo@uni.example")
    _thank_you(zoe)
    page = zoe.get("/calendar").text
    assert "/calendar/push" not in page  # not the server's calendar
    assert 'in <a href="/my-mail">your accounts</a>, under Calendar' in page
    assert 'href="/my-settings">Settings' in page and 'href="/settings' not in page
    assert "running on this computer" not in page  # the center's server runs it

    saved = zoe.post("/my-mail", data={"caldav.url": radicale, "caldav.user": "zoe",
                                       "caldav.password": "zoë's calendar"})
    assert saved.status_code == 303, saved.text
    assert zoe.post("/my-settings", data={"calendar.items": "event"}).status_code == 303
    assert f"Push to {radicale}" in zoe.get("/calendar").text
    pushed = unescape(zoe.post("/calendar/push").text)
    assert re.search(r"Calendar 'insidetrack': \d+ added", pushed), pushed
    held = _calendars_of(radicale, "zoe")["insidetrack"]
    assert "Thank-you e-mail to Anaïs Müller: Société Générale, Analyst" in held
    assert _calendars_of(radicale, "center") == {}  # nothing went to the server's calendar
    assert "/calendar/push" not in bo.get("/calendar").text  # Bo has none of his own yet
