"""Signing in to the mail account from the web app's Settings, in a real browser, at a real
OpenID provider (oidc-provider); then mail is read from Dovecot with that sign-in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from browsing import chromium, served
from oauth_servers import CLIENT_ID, node_missing, oauth_dovecot, oidc_provider
from servers import dovecot_missing

MISSING = node_missing() or dovecot_missing()
pytestmark = pytest.mark.skipif(MISSING is not None, reason=str(MISSING))
EMAIL = "dana@example.com"
SCRIPT = str(Path(sys.executable).parent / "insidetrack")


@pytest.fixture
def user(tmp_path, monkeypatch):
    """A user whose reading server (Dovecot) takes OAuth only; the keyring is a file."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    env = {**os.environ, "INSIDETRACK_CONFIG": str(tmp_path / "config.toml"),
           "TZ": "America/New_York"}
    with oidc_provider() as issuer, oauth_dovecot(issuer) as imap_port:
        for key, value in (("imap.host", "127.0.0.1"), ("imap.port", str(imap_port)),
                           ("imap.security", "none")):
            subprocess.run([SCRIPT, "config", "set", key, value], env=env, check=True,
                           capture_output=True)
        yield issuer, env


def _fill(page, provider: str, issuer: str = "", email: str = EMAIL) -> None:
    page.select_option("select[name=provider]", provider)
    page.fill("input[name=email]", email)
    page.fill("input[name=client_id]", CLIENT_ID)
    page.fill("input[name=issuer]", issuer)
    page.click("text=Sign in at the provider")


def test_sign_in_from_settings_then_mail_is_read_with_it(user, tmp_path):
    issuer, env = user
    with served(tmp_path, demo=True) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url + "/settings")
        page.click("text=sign in to your mail account")
        assert "No account is signed in this way" in page.inner_text("main")

        _fill(page, "other")  # another provider, but no address for it
        field = page.locator(".field.invalid")
        assert field.locator("label").inner_text() == "Provider's address"
        assert "its issuer URL" in field.locator(".error").inner_text()

        _fill(page, "other", issuer)
        host = issuer.removeprefix("http://")
        page.click(f"text=Continue to {host}")  # the provider's own login and consent pages
        page.fill("input[name=login]", EMAIL)
        page.fill("input[name=password]", "any")
        page.click("button[type=submit]")
        page.click("button[type=submit]")
        page.wait_for_url(url + "/settings/account")
        text = page.inner_text("main")
        assert f"Signed in as {EMAIL}. Sending and reading mail use this account now." in text
        assert f"{EMAIL}: the sign-in works." in text

        page.goto(url + "/settings")
        assert page.input_value("input[name='imap.user']") == EMAIL

    read = subprocess.run([SCRIPT, "--db", str(tmp_path / "web.db"), "sync"], env=env,
                          capture_output=True, text=True)
    assert read.returncode == 0, read.stderr
    assert "Read 0 new message(s)" in read.stdout


def test_a_provider_that_cannot_be_reached_says_so_and_keeps_the_form(user, tmp_path):
    with served(tmp_path) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url + "/settings/account")
        _fill(page, "other", "http://127.0.0.1:9/")
        said = page.inner_text("[role=alert]")
        assert said.startswith("Not signed in: cannot read the sign-in settings at "
                               "http://127.0.0.1:9/.well-known/openid-configuration")
        assert page.input_value("input[name=email]") == EMAIL
        back = page.goto(url + "/settings/account/back?state=made-up&code=x")
        assert back is not None and back.status == 400
        assert "This sign-in was not started here" in page.inner_text("main")
