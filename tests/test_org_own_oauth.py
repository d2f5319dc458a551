"""A career center's student signs in to their own mail with OAuth 2.0 on /my-mail (issue 15),
at their provider's own login and consent pages, in Chromium, on `serve --org` with two
workers over a real PostgreSQL; the center registered its client with `org oauth set`.

The provider is node's oidc-provider (tests/oidc, its client `insidetrack-mail`), the
student's mailbox a Dovecot whose passdb asks the provider about each token, their sending
server an aiosmtpd taking XOAUTH2 only with a token the provider says is active and theirs.
What is checked is what a student and the operator notice: the sign-in line, a thank-you
arriving logged in as the student, their replies read, an access token that ran out renewed
on its own, the tokens never readable in the database, another student seeing nothing.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import time
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import httpx
import pytest

from browsing import chromium
from conftest import Cli, close_pools
from oauth_servers import node_missing, oauth_dovecot, oauth_smtp, oidc_provider
from servers import dovecot_missing
from test_org_own_mail import _thank_you

MISSING = node_missing() or dovecot_missing()
pytestmark = pytest.mark.skipif(MISSING is not None, reason=str(MISSING))
CLIENT = "insidetrack-mail"  # provider.mjs's client for the students' mail
PASSWORD = "a long enough secret"
TTL = 16  # seconds an access token lasts at the provider
_roles = itertools.count()


@pytest.fixture(scope="module")
def world(postgres, tmp_path_factory) -> Iterator[dict[str, Any]]:
    """A center (Zoë and Bo, job seekers) with the provider's client registered, served by
    `serve --org --workers 2`; the provider, the student's IMAP and SMTP servers, Chromium."""
    from test_web_workers import served

    url = postgres.new_database()
    role = f"oauth_{os.getpid()}_{next(_roles)}"
    folder = tmp_path_factory.mktemp("center")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("INSIDETRACK_CONFIG", str(folder / "config.toml"))  # the server's center.key
        env.setenv("INSIDETRACK_ORG_PRIVATE_MAIL", "allow")  # every server is on this machine
        run = Cli(url)
        run.ok("org", "init", "--app-role", role)
        for email, name in (("zoe@uni.example", "Zoë Lefèvre"), ("bo@uni.example", "Bo Öberg")):
            run.ok("org", "person", "add", "--email", email, "--name", name)
            said = run("org", "password", "--email", email, "--password-stdin",
                       input=PASSWORD + "\n")
            assert said.exit_code == 0, said.output
        app_url = url.replace("postgres@", f"{role}@")
        with oidc_provider(TTL) as issuer, oauth_dovecot(issuer) as imap_port, \
                oauth_smtp(issuer) as (smtp_port, smtp), \
                served(app_url, "--org", "--workers", "2") as (base, _), chromium() as browser:
            yield {"url": url, "issuer": issuer, "imap": imap_port, "smtp_port": smtp_port,
                   "smtp": smtp, "base": base, "browser": browser, "folder": folder,
                   "name": issuer.removeprefix("http://")}
    close_pools(app_url)
    close_pools(url)


def _register(world: dict[str, Any]) -> str:
    return Cli(world["url"]).ok("org", "oauth", "set", "--provider", "other", "--client-id",
                                CLIENT, "--issuer", world["issuer"])


def _browser_sign_in(world: dict[str, Any], email: str) -> Any:
    """Sign in to the center with a password in a new browser; return its page on /my-mail."""
    base = world["base"]
    page = world["browser"].new_context().new_page()
    page.goto(base + "/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/**")
    page.goto(base + "/my-mail")
    if page.get_by_role("button", name="Forget this sign-in").count():  # an earlier test's
        page.get_by_role("button", name="Forget this sign-in").click()
        page.get_by_text("Your sign-in is forgotten").wait_for()
    return page


def _type_servers(page: Any, world: dict[str, Any]) -> None:
    """Type the servers of an `other` provider's mail account, no password."""
    for field, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(world["smtp_port"])),
                         ("imap.host", "127.0.0.1"), ("imap.port", str(world["imap"])),
                         ("imap.folders", "INBOX")):
        page.fill(f'input[name="{field}"]', value)
    page.select_option('select[name="smtp.security"]', "none")
    page.select_option('select[name="imap.security"]', "none")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(world["base"] + "/my-mail")


def _at_provider(page: Any, world: dict[str, Any], email: str, login: str) -> None:
    """Click "Sign in with <provider>" and sign in at its own login and consent pages."""
    page.fill('input[name="email"]', email)
    page.get_by_role("button", name=f"Sign in with {world['name']}").click()
    page.wait_for_url(world["issuer"] + "/**")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "any")
    page.click("button[type=submit]")
    page.click("button[type=submit]")  # the provider's consent page
    page.wait_for_url(world["base"] + "/my-mail")


def _web(world: dict[str, Any], email: str) -> httpx.Client:
    """The same student signed in from a script (their records, their thank-you)."""
    base = world["base"]
    web = httpx.Client(base_url=base, follow_redirects=False, timeout=60,
                       headers={"Origin": base})
    assert web.post("/login", data={"email": email, "password": PASSWORD}).status_code == 303
    return web


def _sealed(world: dict[str, Any], email: str) -> str:
    """Return a student's sealed tokens as the database holds them."""
    from insidetrack.storage.db import connect

    owner = connect(world["url"])
    try:
        return str(owner.execute(
            "SELECT m.value FROM meta m JOIN org_people p ON p.id = m.seeker_id WHERE"
            " p.email = ? AND m.key = 'oauth.password_sealed'", (email,)).fetchone()[0])
    finally:
        owner.close()


def _tokens(world: dict[str, Any], email: str) -> dict[str, Any]:
    """Unseal a student's tokens with the server's key (as only the server can)."""
    from cryptography.fernet import Fernet

    key = Path(world["folder"], "center.key").read_bytes().strip()
    return dict(json.loads(Fernet(key).decrypt(_sealed(world, email).encode())))


def _reply_in_box(world: dict[str, Any], email: str) -> None:
    from imapclient import IMAPClient

    box = IMAPClient("127.0.0.1", port=world["imap"], ssl=False)
    box.oauth2_login(email, _tokens(world, email)["access_token"])
    box.append("INBOX", (
        "From: =?utf-8?q?Ana=C3=AFs_M=C3=BCller?= <anais@sg.example>\r\n"
        f"To: {email}\r\nSubject: Re: Thank you\r\n"
        "Date: Wed, 25 Nov 2026 14:00:00 -0500\r\n"
        "Message-ID: <reply-1@sg.example>\r\n\r\nThank you, Zoë: we will be in touch.\r\n"
    ).encode())
    box.logout()


def _said(answer: httpx.Response, web: httpx.Client) -> str:
    assert answer.status_code == 303, answer.text
    return unescape(web.get(answer.headers["location"]).text)


def test_the_operator_registers_the_centers_client_and_wrong_input_is_one_line(world):
    run = Cli(world["url"])
    said = _register(world)
    assert said == (f"other: Sign in with {world['name']} at {world['issuer']}; client {CLIENT}"
                    ", no secret: PKCE alone\nRedirect URI to register at each "
                    "provider: https://YOUR-SERVER/my-mail/oauth/back\n")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("INSIDETRACK_CONFIG", str(Path(world["folder"], "config.toml")))
        said = run("org", "oauth", "set", "--provider", "gmail", "--client-id", "g-1.apps",
                   "--client-secret-stdin", input="GOCSPX-very-secret\n")
        assert said.exit_code == 0, said.output
    listed = run.json("org", "oauth", "list")
    assert listed == [
        {"client_id": "g-1.apps", "client_secret": True, "issuer": "https://accounts.google.com",
         "name": "Google", "provider": "gmail"},
        {"client_id": CLIENT, "client_secret": False, "issuer": world["issuer"],
         "name": world["name"], "provider": "other"}]
    from insidetrack.storage.db import connect

    owner = connect(world["url"])
    kept = owner.execute("SELECT string_agg(value, ' ') FROM org_settings").fetchone()[0]
    owner.close()
    assert "GOCSPX-very-secret" not in kept and "GOCSPX" not in run.ok("org", "oauth", "list")
    assert run.ok("org", "oauth", "remove", "--provider", "gmail").startswith("Removed the gmail")
    for args, line in (
            (("set", "--provider", "yahoo", "--client-id", "x"),
             "--provider: 'yahoo' is not one of gmail, outlook, m365, other"),
            (("set", "--provider", "other", "--client-id", "x"),
             "--issuer: give the provider's issuer URL for --provider other"),
            (("set", "--provider", "gmail", "--client-id", " "),
             "--client-id: give the client id the provider registered"),
            (("set", "--provider", "gmail", "--client-id", "x", "--issuer", "https://a.example"),
             "--issuer: only for --provider other: gmail signs in at "
             "https://accounts.google.com"),
            (("set", "--provider", "other", "--client-id", "x", "--issuer", "ftp://a.example"),
             "--issuer: 'ftp://a.example' is not a web address: give the provider's issuer URL"
             " (https://...)"),
            (("remove", "--provider", "gmail"),
             "--provider: this center has no client at gmail")):
        result = run("org", "oauth", *args)
        assert result.exit_code != 0 and result.output == f"insidetrack: error: {line}\n", \
            result.output
    assert [c["provider"] for c in run.json("org", "oauth", "list")] == ["other"]

    from insidetrack.storage.store import Store

    owner_store = Store(connect(world["url"]))  # what the administrator's defaults form does
    owner_store.org_settings.replace({"cohort.min_seekers": "6"})
    owner_store.close()
    assert [c["provider"] for c in run.json("org", "oauth", "list")] == ["other"]


def test_a_student_signs_in_at_their_provider_sends_reads_and_the_token_is_renewed(world):
    _register(world)
    page = _browser_sign_in(world, "zoe@uni.example")
    _type_servers(page, world)
    _at_provider(page, world, "zoe@uni.example", "zoe@uni.example")
    signed_in = (f"Signed in as zoe@uni.example with {world['name']}: your thank-yous go out "
                 "through it and replies are read from it.")
    assert page.get_by_text(signed_in).count() >= 1
    assert page.get_by_role("button", name="Forget this sign-in").count() == 1
    assert page.input_value('input[name="smtp.user"]') == "zoe@uni.example"

    tokens = _tokens(world, "zoe@uni.example")
    assert tokens["refresh_token"] and tokens["access_token"] not in _sealed(world,
                                                                           "zoe@uni.example")
    zoe = _web(world, "zoe@uni.example")
    step = _thank_you(zoe)
    sent = zoe.post(f"/steps/{step}/send", data={})
    assert sent.status_code == 200, sent.text
    assert world["smtp"].logins == ["zoe@uni.example"] and len(world["smtp"].received) == 1
    assert "anais@sg.example" in world["smtp"].received[0].decode()

    tried = re.findall(r'class="tried">([^<]*)<', zoe.post("/my-mail/try").text)
    assert [t.split(",")[0] for t in tried] == ["smtp: ok", "imap: ok"], tried
    assert "logged in as zoe@uni.example" in tried[0]

    _reply_in_box(world, "zoe@uni.example")
    shown = _said(zoe.post("/my-mail/check", data={"back": "/my-mail"}), zoe)
    assert "Read 1 new message." in shown
    assert "Reply: anais@sg.example: Re: Thank you." in shown

    time.sleep(TTL - 3)  # the access token runs out: the next use renews it
    before = _tokens(world, "zoe@uni.example")
    again = _said(zoe.post("/my-mail/check", data={"back": "/my-mail"}), zoe)
    assert "Read 0 new messages." in again
    after = _tokens(world, "zoe@uni.example")
    assert after["access_token"] != before["access_token"]
    assert after["expires_at"] > before["expires_at"]

    page.reload()
    page.get_by_role("button", name="Forget this sign-in").click()
    page.wait_for_url(world["base"] + "/my-mail")
    assert page.get_by_text("Your sign-in is forgotten").count() == 1
    assert page.get_by_role("button", name=f"Sign in with {world['name']}").count() == 1


def test_another_student_cannot_see_or_use_the_first_ones_sign_in(world):
    _register(world)
    zoe_page = _browser_sign_in(world, "zoe@uni.example")
    _at_provider(zoe_page, world, "zoe@uni.example", "zoe@uni.example")
    bo = _web(world, "bo@uni.example")
    page = unescape(bo.get("/my-mail").text)
    assert "zoe@uni.example" not in page and "Signed in as" not in page
    step = _thank_you(bo)
    assert "set up sending first" in unescape(bo.post(f"/steps/{step}/send", data={}).text)
    assert "Your sign-in is forgotten" in _said(bo.post("/my-mail/oauth/forget"), bo)
    assert "Signed in as zoe@uni.example" in unescape(
        _web(world, "zoe@uni.example").get("/my-mail").text)  # Bo's forget was his own


def test_a_cancelled_or_foreign_answer_is_one_line_and_saves_nothing(world):
    _register(world)
    base = world["base"]
    page = _browser_sign_in(world, "bo@uni.example")
    page.fill('input[name="email"]', "bo@uni.example")
    page.get_by_role("button", name=f"Sign in with {world['name']}").click()
    page.click("text=Cancel")  # at the provider's login page
    page.wait_for_url(base + "/my-mail")
    assert page.get_by_text(f"{world['name']} did not sign you in").count() >= 1
    assert page.get_by_text("Signed in as").count() == 0

    page.goto(base + "/my-mail/oauth/back?state=forged&code=stolen")
    page.wait_for_url(base + "/my-mail")
    assert page.get_by_text("This sign-in was not started here, or it was already used: "
                            "start it again.").count() >= 1
    bo = _web(world, "bo@uni.example")
    said = _said(bo.post("/my-mail/oauth", data={"provider": "other", "email": "bo"}), bo)
    assert "E-mail address:" in said and "Signed in as" not in said
    assert re.search(r"does not offer sign-in with Google", _said(
        bo.post("/my-mail/oauth", data={"provider": "gmail", "email": "bo@uni.example"}), bo))
    with oidc_provider() as gone:  # a provider registered, then no longer answering
        Cli(world["url"]).ok("org", "oauth", "set", "--provider", "other", "--client-id",
                             CLIENT, "--issuer", gone)
    try:
        said = _said(bo.post("/my-mail/oauth", data={"provider": "other",
                                                     "email": "bo@uni.example"}), bo)
        assert f"cannot read the sign-in settings at {gone}/.well-known/" in said
        assert "Signed in as" not in said
    finally:
        _register(world)


def _has_tokens(world: dict[str, Any], email: str) -> bool:
    try:
        return bool(_sealed(world, email))
    except TypeError:  # no row
        return False


def test_another_account_at_the_provider_than_the_address_typed_is_refused(world):
    _register(world)
    page = _browser_sign_in(world, "bo@uni.example")
    page.fill('input[name="email"]', "bo@uni.example")
    page.get_by_role("button", name=f"Sign in with {world['name']}").click()
    page.wait_for_url(world["issuer"] + "/**")
    page.fill("input[name=login]", "zoe@uni.example")  # the wrong account, picked in a hurry
    page.fill("input[name=password]", "any")
    page.click("button[type=submit]")
    page.click("button[type=submit]")
    page.wait_for_url(world["base"] + "/my-mail")
    assert page.get_by_text(f"You signed in at {world['name']} as zoe@uni.example, not "
                            "bo@uni.example: nothing was saved.").count() >= 1
    assert page.get_by_text("Signed in as").count() == 0
    assert not _has_tokens(world, "bo@uni.example")


def test_a_sign_in_finished_after_another_student_took_the_browser_saves_nothing(world):
    """A shared computer: Zoë starts signing in at her provider, someone logs her out in
    another tab and Bo signs in; the provider's answer then comes back to Bo's session."""
    _register(world)
    zoe_tab = _browser_sign_in(world, "zoe@uni.example")
    _forget_tokens(world, "zoe@uni.example")
    zoe_tab.fill('input[name="email"]', "zoe@uni.example")
    zoe_tab.get_by_role("button", name=f"Sign in with {world['name']}").click()
    zoe_tab.wait_for_url(world["issuer"] + "/**")
    other_tab = zoe_tab.context.new_page()
    other_tab.goto(world["base"] + "/today")
    other_tab.get_by_role("button", name="Log out").click()
    other_tab.goto(world["base"] + "/login")
    other_tab.get_by_label("E-mail").fill("bo@uni.example")
    other_tab.get_by_label("Password").fill(PASSWORD)
    other_tab.get_by_role("button", name="Log in").click()
    other_tab.wait_for_url(world["base"] + "/**")

    zoe_tab.fill("input[name=login]", "zoe@uni.example")
    zoe_tab.fill("input[name=password]", "any")
    zoe_tab.click("button[type=submit]")
    zoe_tab.click("button[type=submit]")
    zoe_tab.wait_for_url(world["base"] + "/my-mail")
    assert zoe_tab.get_by_text("This sign-in was started by someone else signed in on this "
                               "browser: nothing was saved.").count() >= 1
    assert zoe_tab.get_by_text("Signed in as").count() == 0
    assert not _has_tokens(world, "bo@uni.example")
    assert not _has_tokens(world, "zoe@uni.example")


def _forget_tokens(world: dict[str, Any], email: str) -> None:
    """Forget a student's sign-in an earlier test made (as their Forget button does)."""
    web = _web(world, email)
    web.post("/my-mail/oauth/forget")


def test_a_revoked_sign_in_asks_to_sign_in_again_in_one_line(world):
    _register(world)
    page = _browser_sign_in(world, "bo@uni.example")
    _type_servers(page, world)
    _at_provider(page, world, "bo@uni.example", "bo@uni.example")
    revoked = httpx.post(world["issuer"] + "/token/revocation", data={
        "token": _tokens(world, "bo@uni.example")["refresh_token"],
        "token_type_hint": "refresh_token", "client_id": CLIENT}, timeout=10)
    assert revoked.status_code == 200, revoked.text
    bo = _web(world, "bo@uni.example")
    answer = bo.post("/my-mail/check", data={"back": "/my-mail"})
    said = unescape(answer.text if answer.status_code != 303 else
                    bo.get(answer.headers["location"]).text)
    assert f"your {world['name']} sign-in has ended: sign in again on My mail" in said
    assert "Traceback" not in said and "Read " not in said


def test_two_requests_renewing_at_once_spend_the_refresh_token_once(world, monkeypatch):
    """A refresh token may be good for one use only (a provider may rotate it): two
    requests renewing at once renew once, the second taking the tokens the first got."""
    from datetime import UTC, datetime

    from insidetrack.domain.planner import PlanSettings
    from insidetrack.services import own_oauth
    from insidetrack.services.context import Env
    from insidetrack.storage.db import connect
    from insidetrack.storage.store import Store

    _register(world)
    page = _browser_sign_in(world, "zoe@uni.example")
    _type_servers(page, world)
    _at_provider(page, world, "zoe@uni.example", "zoe@uni.example")
    monkeypatch.setenv("INSIDETRACK_CONFIG", str(Path(world["folder"], "config.toml")))
    store = Store(connect(world["url"]))
    try:
        zoe = store.center.person_by_email("zoe@uni.example")[0].id
        store.center.bind(zoe)
        env = Env(store, PlanSettings(), UTC, datetime.now(UTC))
        values = store.org_settings.own_values(zoe, ("oauth",))
        first, second = (own_oauth.bearer(env, zoe, values) for _ in range(2))
        renewed = first.renew()
        assert second.renew() == renewed != str(first)
    finally:
        store.close()
    tried = re.findall(r'class="tried">([^<]*)<',
                       _web(world, "zoe@uni.example").post("/my-mail/try").text)
    assert tried and all(": ok" in t for t in tried), tried
