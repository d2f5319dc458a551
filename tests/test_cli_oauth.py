"""Signing in to the mail account with OAuth 2.0, against a real OpenID provider
(oidc-provider), Dovecot checking the tokens with its oauth2 passdb, and an SMTP server
that takes XOAUTH2 only with a token the provider says is good."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from browsing import chromium
from conftest import Cli
from oauth_servers import CLIENT_ID, node_missing, oauth_dovecot, oauth_smtp, oidc_provider
from servers import dovecot_missing

MISSING = node_missing() or dovecot_missing()
pytestmark = pytest.mark.skipif(MISSING is not None, reason=str(MISSING))
EMAIL = "dana@example.com"
TOKEN_SECONDS = 3  # the provider's access tokens run out this fast, to see them renewed


@pytest.fixture(scope="module")
def servers():
    with oidc_provider(TOKEN_SECONDS) as issuer, oauth_dovecot(issuer) as imap_port, \
            oauth_smtp(issuer) as (smtp_port, received):
        yield issuer, imap_port, smtp_port, received


@pytest.fixture
def ring(tmp_path, monkeypatch):
    """The keyring (keyrings.alt's file) that this process and `insidetrack` share."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    before = keyring.get_keyring()
    ring = PlaintextKeyring()
    ring.file_path = str(tmp_path / "data" / "python_keyring" / "keyring_pass.cfg")
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


@pytest.fixture
def run(sqlite_path, servers, ring):
    """A user with a campaign whose mail servers take OAuth only."""
    _, imap_port, smtp_port, _ = servers
    cli = Cli(sqlite_path)
    for key, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(smtp_port)),
                       ("smtp.security", "none"), ("imap.host", "127.0.0.1"),
                       ("imap.port", str(imap_port)), ("imap.security", "none")):
        cli.ok("config", "set", key, value)
    cli.ok("profile", "set", "--name", "Dana Whitfield", "--email", EMAIL,
           "--phone", "+1 555 0100", "--field", "Sales", "--years", "6", "--specialty", "autos")
    cli.logged_on_time("interview", "add", "--employer", "Acme Motors", "--job-title",
                       "Sales Manager", "--at", "2026-11-18 10:00",
                       "--interviewer", "Zoë Martin <zoe@acme.example>", "--topic", "fleet sales")
    return cli


def _sign_in(db: Path, issuer: str, *extra: str) -> subprocess.Popen[str]:
    """Start `insidetrack account add` as the user types it; it waits for the browser."""
    script = str(Path(sys.executable).parent / "insidetrack")
    return subprocess.Popen(
        [script, "--db", str(db), "account", "add", "--provider", "other", "--issuer", issuer,
         "--email", EMAIL, "--client-id", CLIENT_ID, *extra],
        env={**os.environ, "PYTHONUNBUFFERED": "1"}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)


def _line_with(proc: subprocess.Popen[str], words: str) -> str:
    assert proc.stdout is not None
    for line in proc.stdout:
        if words in line:
            return line
    raise AssertionError(f"no '{words}' in the output: {proc.stderr.read() if proc.stderr else ''}")


def _log_in_and_consent(page) -> None:
    """Sign in on the provider's own pages as the user does, and allow the access."""
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", "any")
    page.click("button[type=submit]")
    page.click("button[type=submit]")  # the consent page: Continue


def _signed_in_at_the_browser(db: Path, issuer: str) -> str:
    """Run `account add --no-browser`, open the address it prints in Chromium, sign in and
    consent there as the user does; return what the command printed."""
    proc = _sign_in(db, issuer, "--no-browser")
    address = _line_with(proc, "Open this address to sign in:").split(": ", 1)[1].strip()
    with chromium() as browser:
        page = browser.new_page()
        page.goto(address)
        _log_in_and_consent(page)
        page.wait_for_selector("text=signed in, you can close this tab")
    return _finished(proc)


def _finished(proc: subprocess.Popen[str]) -> str:
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    return out


def test_sign_in_send_sync_renew_and_revoke(run, servers, sqlite_path):
    issuer, _, _, received = servers
    assert f"Signed in as {EMAIL} (other)" in _signed_in_at_the_browser(sqlite_path, issuer)
    assert run.ok("account").strip() == f"{EMAIL} (other): the sign-in works"

    sent = run("send", "1", "--yes")
    assert "Sent to zoe@acme.example (message 1); step 1 is done." in sent.stdout, sent.output
    assert len(received.received) == 1
    assert "Read 0 new message(s)" in run.ok("sync")

    time.sleep(TOKEN_SECONDS + 1)  # the access token ran out: it is renewed, nothing is asked
    assert "Read 0 new message(s)" in run.ok("sync")
    assert run.ok("config", "test", "smtp").startswith("smtp: ok")

    _revoke(issuer, run)
    refused = run("sync")
    assert refused.exit_code != 0
    assert refused.stderr.strip() == (
        f"insidetrack: error: the sign-in for {EMAIL} no longer works (invalid_grant); sign in "
        "again (insidetrack account add --provider PROVIDER --email ADDRESS --client-id ID)")
    shown = run("account")
    assert shown.exit_code == 1 and "no longer works" in shown.stdout


def _revoke(issuer: str, run: Cli) -> None:
    """Revoke the refresh token at the provider, as the user does on the provider's site."""
    import json

    import keyring

    kept = json.loads(keyring.get_password("insidetrack-oauth", EMAIL) or "{}")
    answer = httpx.post(issuer + "/token/revocation",
                        data={"token": kept["refresh_token"], "client_id": CLIENT_ID})
    assert answer.status_code == 200


def test_device_sign_in(run, servers, sqlite_path):
    issuer, _, _, received = servers
    proc = _sign_in(sqlite_path, issuer, "--device")
    line = _line_with(proc, "enter the code")
    where, code = line.split("Go to ", 1)[1].split(" and enter the code ")
    with chromium() as browser:
        page = browser.new_page()
        page.goto(where)
        page.fill("input[name=user_code]", code.strip())
        page.click("button[type=submit]")
        page.get_by_role("button", name="Continue").click()  # yes, this is my device
        _log_in_and_consent(page)
        page.wait_for_selector("text=Sign-in Success")
    assert f"Signed in as {EMAIL} (other)" in _finished(proc)
    sent = run("send", "1", "--yes")
    assert "step 1 is done" in sent.stdout, sent.output


def test_a_refused_token_is_renewed_once_and_a_revoked_sign_in_leaves_mail_queued(run, sqlite_path):
    import json

    import keyring

    with oidc_provider(3600) as issuer, oauth_dovecot(issuer) as imap_port, \
            oauth_smtp(issuer) as (smtp_port, _):
        run.ok("config", "set", "imap.port", str(imap_port))
        run.ok("config", "set", "smtp.port", str(smtp_port))
        _renewed_when_refused(run, sqlite_path, issuer, keyring, json)


def _renewed_when_refused(run, sqlite_path, issuer, keyring, json) -> None:
    _signed_in_at_the_browser(sqlite_path, issuer)
    kept = json.loads(keyring.get_password("insidetrack-oauth", EMAIL) or "{}")
    httpx.post(issuer + "/token/revocation", data={"token": kept["access_token"],
                                                   "token_type_hint": "access_token",
                                                   "client_id": CLIENT_ID})
    assert run.ok("config", "test", "imap").startswith("imap: ok")  # refused, renewed, in
    renewed = json.loads(keyring.get_password("insidetrack-oauth", EMAIL) or "{}")
    assert renewed["access_token"] != kept["access_token"]
    shown = run.json("account")
    assert shown == {"email": EMAIL, "provider": "other", "works": True,
                     "words": "the sign-in works"}
    _revoke(issuer, run)  # the access token kept still looks good here: the server says no
    refused = run("send", "1", "--yes")
    assert (f"Queued, not sent: the sign-in for {EMAIL} no longer works (invalid_grant); sign "
            "in again. Send it later with: insidetrack outbox retry 1") in refused.stdout


def test_an_account_of_another_provider_needs_its_address(run):
    result = run("account", "add", "--provider", "other", "--email", EMAIL,
                 "--client-id", CLIENT_ID)
    assert result.exit_code != 0
    assert "--issuer" in result.stderr and "Traceback" not in result.output
    assert run.ok("account").startswith("No account signed in with OAuth")
