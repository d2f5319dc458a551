"""Mailing one-time sign-in links to a career center's new people (`org links send`),
through the server's own mail account: a real PostgreSQL, a real SMTP server (aiosmtpd),
the links opened on the web app as the center's app role. What is checked is what the
operator and the students notice: one message each, to the new people alone, with a link
that works, a refused address named while the others still go out, and one clear line for
what the operator typed wrong.
"""

from __future__ import annotations

import email
import itertools
import os
import re
import warnings
from email import policy

import pytest

from centers import new_center
from conftest import NOW, TZ, Cli
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard
from servers import aiosmtpd_server

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

BASE = "http://127.0.0.1:8765"
_roles = itertools.count()


def _make(url: str) -> tuple[str, dict[str, int]]:
    """Ana signs in already, Cy and Dee are new, Eve is new but turned off."""
    run = Cli(url)
    run.ok("org", "init", "--app-role", role := f"links_{os.getpid()}_{next(_roles)}")
    for address, name in (("ana@uni.example", "Ana Lima"), ("cy@uni.example", "Cy Dvořák"),
                          ("dee@uni.example", "Dee Ñúñez"), ("eve@uni.example", "Eve Ng")):
        run.ok("org", "person", "add", "--email", address, "--name", name)
    assert run("org", "password", "--email", "ana@uni.example", "--password-stdin",
               input="ana's long secret\n").exit_code == 0
    run.ok("org", "person", "disable", "--email", "eve@uni.example")
    return url.replace("postgres@", f"{role}@"), {}


@pytest.fixture
def center(postgres, request, tmp_path):
    """Return (the owner's Cli, the app role's URL, the SMTP recorder) of the center `_make`
    makes; the server's settings file sends through aiosmtpd."""
    url, app_url, _ = new_center(postgres, request, _make)
    with aiosmtpd_server() as (controller, received):
        (tmp_path / "config.toml").write_text(
            f'[smtp]\nhost = "127.0.0.1"\nport = {controller.port}\nsecurity = "none"\n',
            encoding="utf-8")
        yield Cli(url), app_url, received


def _mails(received) -> dict[str, email.message.EmailMessage]:
    found = [email.message_from_bytes(raw, policy=policy.default)
             for raw in received.received]
    return {str(m["To"].addresses[0].addr_spec): m for m in found}


def test_every_new_person_gets_a_link_of_their_own_that_works(center):
    run, app_url, received = center
    said = run.ok("org", "links", "send", "--url", BASE, "--from", "careers@uni.example")
    assert said.splitlines() == [
        "Sent a sign-in link to Cy Dvořák <cy@uni.example> (it works until Wed 02 Dec 2026 "
        "15:00).",
        "Sent a sign-in link to Dee Ñúñez <dee@uni.example> (it works until Wed 02 Dec 2026 "
        "15:00)."]
    mails = _mails(received)
    assert sorted(mails) == ["cy@uni.example", "dee@uni.example"]  # not Ana, not Eve
    dee = mails["dee@uni.example"]
    assert str(dee["To"]) == "Dee Ñúñez <dee@uni.example>"
    assert dee["From"] == "careers@uni.example"
    body = dee.get_content()
    assert body.startswith("Hello Dee Ñúñez,") and "until Wed 02 Dec 2026 15:00" in body
    links = re.findall(rf"{re.escape(BASE)}(/login/link/\S+)", body)
    assert len(links) == 1 and links[0] not in mails["cy@uni.example"].get_content()
    web = TestClient(create_app(WebConfig(app_url, clock=lambda: NOW, tz=TZ, org=True),
                                Guard(port=8765, org=True)), base_url=BASE)
    assert "Welcome, Dee Ñúñez" in web.get(links[0]).text


def test_a_refused_address_is_named_and_the_others_still_go(center):
    run, _, received = center
    received.unknown.add("cy@uni.example")
    said = run("org", "links", "send", "--url", BASE, "--from", "careers@uni.example")
    assert said.exit_code == 1
    lines = said.output.splitlines()
    assert lines[0].startswith("Not sent to Cy Dvořák <cy@uni.example>: cy@uni.example "
                               "refused: 550")
    assert lines[1].startswith("Sent a sign-in link to Dee Ñúñez <dee@uni.example>")
    assert sorted(_mails(received)) == ["dee@uni.example"]


@pytest.mark.parametrize(("args", "line"), [
    (("--url", BASE, "--from", "careers"),
     "--from: 'careers' is not an e-mail address like name@example.com"),
    (("--url", "careers.uni.example", "--from", "careers@uni.example"),
     "--url: 'careers.uni.example' is not a web address like https://example.com/news"),
    (("--url", "https://careers.uni.example/?a=1#x", "--from", "careers@uni.example"),
     "--url: 'https://careers.uni.example/?a=1#x' is not the address people open the web "
     "app at, like https://careers.example.edu/ (no ?, # or login)"),
    (("--url", "https://careers.uni.example:99999/", "--from", "careers@uni.example"),
     "--url: 'https://careers.uni.example:99999/' is not the address people open the web "
     "app at, like https://careers.example.edu/ (no ?, # or login)"),
    (("--url", BASE, "--from", "careers@uni.example", "--email", "ana@uni.example"),
     "--email: Ana Lima <ana@uni.example> already signs in (a password or single sign-on): "
     "a sign-in link is for a first password; a new one is set with: insidetrack org "
     "password --email ana@uni.example"),
    (("--url", BASE, "--from", "careers@uni.example", "--email", "eve@uni.example"),
     "--email: Eve Ng <eve@uni.example> is turned off: turn them back on first"),
])
def test_what_the_operator_typed_wrong_is_one_line_and_nothing_is_sent(center, args, line):
    run, _, received = center
    said = run("org", "links", "send", *args)
    assert said.exit_code == 2
    assert said.output.strip().splitlines() == [f"insidetrack: error: {line}"]
    assert received.received == []
