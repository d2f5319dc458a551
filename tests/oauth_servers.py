"""Real OAuth servers for the tests: node's oidc-provider (tests/oidc/provider.mjs), Dovecot
whose passdb checks the tokens at it, and aiosmtpd that takes XOAUTH2 with a valid token."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from servers import CONFIG, Recorder, dovecot, free_port, wait_for_port

OIDC = Path(__file__).parent / "oidc"
CLIENT_ID = "insidetrack-test"  # the public client of provider.mjs
SERVERS = ("mail-servers", "mail-servers-secret")  # what the mail servers introspect with

OAUTH_CONFIG = CONFIG.replace("auth_mechanisms = plain login",
                              "auth_mechanisms = xoauth2 oauthbearer").replace(
    "  driver = static\n  args = password={password}\n",
    "  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = {root}/oauth2.conf.ext\n")
OAUTH2_EXT = """\
introspection_mode = post
introspection_url = {introspection}
force_introspection = yes
username_attribute = email
active_attribute = active
active_value = true
"""


def node_missing() -> str | None:
    """Say why the OpenID provider cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed (apt-get install nodejs npm; make test does it)"
    if not (OIDC / "node_modules" / "oidc-provider").is_dir():
        return "oidc-provider is not installed (npm ci --prefix tests/oidc; make test does it)"
    return None


@contextmanager
def oidc_provider(token_seconds: int = 3600) -> Iterator[str]:
    """Run the OpenID provider on a free loopback port; yield its issuer URL."""
    port = free_port()
    env = {**os.environ, "PORT": str(port), "ACCESS_TOKEN_TTL": str(token_seconds)}
    proc = subprocess.Popen(["node", str(OIDC / "provider.mjs")], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(port, proc, "oidc-provider")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def introspection_url(issuer: str) -> str:
    """Return the provider's introspection address, with the mail servers' client in it."""
    user, secret = SERVERS
    return issuer.replace("http://", f"http://{user}:{secret}@") + "/token/introspection"


@contextmanager
def oauth_dovecot(issuer: str) -> Iterator[int]:
    """Run Dovecot whose passdb is oauth2, introspecting at the provider; yield its port."""
    ext = OAUTH2_EXT.replace("{introspection}", introspection_url(issuer))
    with dovecot(OAUTH_CONFIG, {"oauth2.conf.ext": ext}) as port:
        yield port


def introspect(issuer: str, token: str) -> dict[str, Any]:
    """Ask the provider what a token is (active, whose)."""
    import httpx

    answer = httpx.post(issuer + "/token/introspection", data={"token": token},
                        auth=SERVERS, timeout=10)
    return dict(answer.json())


class OAuthRecorder(Recorder):
    """A Recorder that takes AUTH XOAUTH2 only with a token the provider says is active
    and is the user's."""

    def __init__(self, issuer: str) -> None:
        super().__init__()
        self.issuer = issuer
        self.logins: list[str] = []  # whom each accepted XOAUTH2 login was

    async def auth_XOAUTH2(self, server: Any, args: list[str]) -> Any:  # noqa: N802
        import asyncio

        from aiosmtpd.smtp import AuthResult

        blob = args[2] if len(args) > 2 else await server.challenge_auth("")
        if isinstance(blob, str):
            blob = base64.b64decode(blob)
        parts = dict(p.split("=", 1) for p in blob.decode().split("\x01") if "=" in p)
        user, token = parts.get("user", ""), parts.get("auth", "").removeprefix("Bearer ")
        info = await asyncio.to_thread(introspect, self.issuer, token)
        if info.get("active") and info.get("email") == user:
            self.logins.append(user)
            return AuthResult(success=True, auth_data=user)
        return AuthResult(success=False, handled=False)


@contextmanager
def oauth_smtp(issuer: str) -> Iterator[tuple[int, OAuthRecorder]]:
    """Run aiosmtpd that needs XOAUTH2; yield its port and what it received."""
    from aiosmtpd.controller import Controller

    handler = OAuthRecorder(issuer)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, auth_required=True,
                            auth_require_tls=False)
    controller.start()
    try:
        yield port, handler
    finally:
        controller.stop()
