"""A career center's operator reads every student's own mailbox at once (`org mail read`),
from a timer: a student who never clicks "Check my mail" still sees the employer's reply
on Today, and the one mailbox that cannot be read is named while the others are read.

A real PostgreSQL (tests/pg.py), the students' accounts set on their own My mail page as
the center's app role, a real Dovecot holding the reply.
"""

from __future__ import annotations

import json
from html import unescape

from imapclient import IMAPClient

from conftest import Cli
from insidetrack.services.seeker_accounts import ALLOW_PRIVATE
from servers import PASSWORD as MAILBOX_PASSWORD
from test_org_own_mail import _sign_in, _thank_you, center  # noqa: F401 (the fixture)

REPLY = ("From: =?utf-8?q?Ana=C3=AFs_M=C3=BCller?= <anais@sg.example>\r\n"
         "To: zoe@uni.example\r\nSubject: Re: Thank you\r\n"
         "Date: Wed, 25 Nov 2026 14:00:00 -0500\r\n"
         "Message-ID: <reply-1@sg.example>\r\n\r\nThank you, Zoë: we will be in touch.\r\n")


def _reading(port: int, user: str, password: str) -> dict[str, str]:
    return {"imap.host": "127.0.0.1", "imap.port": str(port), "imap.security": "none",
            "imap.user": user, "imap.folders": "INBOX", "imap.sent_folder": "Sent",
            "imap.password": password}


def test_every_students_mailbox_is_read_and_a_reply_pauses_the_campaign(
        center, monkeypatch, imap_port, tmp_path):  # noqa: F811 (the fixture)
    url, app_url, _ = center
    monkeypatch.setenv(ALLOW_PRIVATE, "allow")
    run = Cli(url)
    assert run.ok("org", "mail", "read") == ("No job seeker has set a mailbox to read yet "
                                             "(each sets theirs on their My mail page).\n")
    zoe = _sign_in(app_url, "zoe@uni.example")
    _thank_you(zoe)
    assert zoe.post("/my-mail", data=_reading(imap_port, "zoe", MAILBOX_PASSWORD)
                    ).status_code == 303
    bo = _sign_in(app_url, "bo@uni.example")
    assert bo.post("/my-mail", data=_reading(imap_port, "bo", "not bo's password")
                   ).status_code == 303
    box = IMAPClient("127.0.0.1", port=imap_port, ssl=False)
    box.login("zoe", MAILBOX_PASSWORD)
    box.append("INBOX", REPLY.encode())
    box.logout()

    elsewhere = tmp_path / "operator"  # a timer run with another settings file, no key there
    monkeypatch.setenv("INSIDETRACK_CONFIG", str(elsewhere / "config.toml"))
    said = run("org", "mail", "read")
    assert said.exit_code == 1 and said.output == (
        f"insidetrack: error: no center.key beside the settings file here ({elsewhere}/"
        "center.key): the students' passwords and sign-ins are sealed with the server's; run "
        "this with the server's settings file (INSIDETRACK_CONFIG) or copy its center.key "
        "there\n")
    assert not (elsewhere / "center.key").exists()
    monkeypatch.setenv("INSIDETRACK_CONFIG", str(tmp_path / "config.toml"))

    said = run("org", "mail", "read")
    assert said.exit_code == 1  # Bo's box could not be read; Zoë's was
    lines = said.output.splitlines()
    assert lines[0].startswith("Bo Öberg <bo@uni.example>: not read: ")
    assert lines[0].endswith(": the user name or password was refused"), lines[0]
    assert lines[1:] == [
        "Zoë Lefèvre <zoe@uni.example>: 1 new message, 1 reply, 0 bounces.",
        "  Reply: anais@sg.example: Re: Thank you. The next letter to them waits a week."]
    assert "Reply</strong> from anais@sg.example" in unescape(zoe.get("/today").text)

    again = json.loads(run("org", "mail", "read", "--json").output)
    assert [(r["email"], r["read"], r["new_messages"]) for r in again] == [
        ("bo@uni.example", False, 0), ("zoe@uni.example", True, 0)]

    run.ok("org", "person", "disable", "--email", "bo@uni.example")
    assert run.ok("org", "mail", "read") == \
        "Zoë Lefèvre <zoe@uni.example>: 0 new messages, 0 replies, 0 bounces.\n"
