"""Sign in to a mail account with OAuth 2.0 (Authlib): code flow with PKCE on a loopback
redirect, the device-code flow, refresh; the account's tokens live in the keyring."""

from __future__ import annotations

import json
import secrets as random
import threading
import time
import warnings
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qsl

from insidetrack.domain.errors import ConflictError, NoKeyring, SignInNeeded
from insidetrack.domain.oauth import needs_refresh

KEYRING = "insidetrack-oauth"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
WAIT = 300  # seconds the user has to sign in


def discover(issuer: str) -> dict[str, Any]:
    """Return the provider's endpoints from its /.well-known/openid-configuration."""
    import httpx

    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        answer = httpx.get(url, timeout=10)
        answer.raise_for_status()
        return dict(answer.json())
    except (httpx.HTTPError, ValueError) as exc:
        raise ConflictError(f"cannot read the sign-in settings at {url}: {exc}") from exc


def _client(account: dict[str, Any], **kw: Any) -> Any:
    import authlib.deprecate  # noqa: F401  (it turns its warnings on when first imported)

    with warnings.catch_warnings():  # Authlib would rather have httpx2; httpx is ours
        warnings.simplefilter("ignore")
        from authlib.integrations.httpx_client import OAuth2Client

    return OAuth2Client(account["client_id"], account.get("client_secret") or None,
                        scope=account["scope"], timeout=15,
                        token_endpoint_auth_method="client_secret_post"
                        if account.get("client_secret") else "none", **kw)


class _Catch(BaseHTTPRequestHandler):
    """Catch the one redirect that brings the authorization code back; send the browser on to
    `onward` with it when the web app asked for the sign-in."""

    caught: list[str]
    onward: str

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.caught.append(self.path)
        if self.onward:
            query = self.path.partition("?")[2]
            self.send_response(303)
            self.send_header("Location", f"{self.onward}?{query}")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.end_headers()
        self.wfile.write(b"insidetrack: signed in, you can close this tab.\n")

    def log_message(self, *args: Any) -> None:
        return None


@dataclass
class CodeFlow:
    """A sign-in under way: the address to open, and what comes back on the loopback."""

    url: str
    state: str
    verifier: str
    redirect: str
    caught: list[str]
    thread: threading.Thread


def start_code_flow(account: dict[str, Any], meta: dict[str, Any], onward: str = ""
                    ) -> CodeFlow:
    """Listen on http://127.0.0.1:PORT/ for one redirect; return the address to sign in at.

    The loopback address is what Google and Microsoft let a desktop app's client use on any
    port, for the command line and the web app alike.
    """
    caught: list[str] = []
    handler = type("Catch", (_Catch,), {"caught": caught, "onward": onward})
    server = HTTPServer(("127.0.0.1", 0), handler)
    server.timeout = WAIT
    redirect = f"http://127.0.0.1:{server.server_address[1]}/"
    client = _client(account, redirect_uri=redirect, code_challenge_method="S256")
    verifier = random.token_urlsafe(48)
    extra = {"access_type": "offline"} if account.get("provider") == "gmail" else {}
    url, state = client.create_authorization_url(meta["authorization_endpoint"],
                                                 code_verifier=verifier, prompt="consent",
                                                 **extra)

    def once() -> None:
        try:
            server.handle_request()
        finally:
            server.server_close()

    thread = threading.Thread(target=once, daemon=True)
    thread.start()
    return CodeFlow(url, state, verifier, redirect, caught, thread)


def finish_code_flow(account: dict[str, Any], meta: dict[str, Any], flow: CodeFlow,
                     query: str) -> dict[str, Any]:
    """Trade the code the redirect brought (`query`, its part after '?') for the tokens."""
    answer = dict(parse_qsl(query))
    if "error" in answer:
        words = answer.get("error_description") or answer["error"]
        raise ConflictError(f"the provider did not sign you in: {words}")
    if answer.get("state") != flow.state:
        raise ConflictError("this sign-in is not the one asked for; start it again")
    client = _client(account, redirect_uri=flow.redirect, code_challenge_method="S256")
    return _fetch(client, meta, authorization_response=f"{flow.redirect}?{query}",
                  code_verifier=flow.verifier, state=flow.state)


def sign_in_browser(account: dict[str, Any], meta: dict[str, Any],
                    show: Callable[[str], None], open_browser: bool = True) -> dict[str, Any]:
    """Run the code flow with PKCE on http://127.0.0.1:PORT/; return the token."""
    flow = start_code_flow(account, meta)
    show(f"Open this address to sign in: {flow.url}")
    if open_browser:
        webbrowser.open(flow.url)
    flow.thread.join(WAIT + 1)
    if not flow.caught:
        raise ConflictError("the sign-in did not come back in time")
    return finish_code_flow(account, meta, flow, flow.caught[0].partition("?")[2])


def sign_in_device(account: dict[str, Any], meta: dict[str, Any],
                   show: Callable[[str], None]) -> dict[str, Any]:
    """Run the device-code flow: show the code and the address, wait for the user."""
    client = _client(account)
    endpoint = meta.get("device_authorization_endpoint")
    if not endpoint:
        raise ConflictError("this provider has no device sign-in")
    data = {"client_id": account["client_id"], "scope": account["scope"]}
    answer = client.request("POST", endpoint, data=data, withhold_token=True).json()
    if "device_code" not in answer:
        raise ConflictError(f"the provider refused the device sign-in: {answer.get('error')}")
    show(f"Go to {answer.get('verification_uri')} and enter the code {answer['user_code']}")
    deadline = time.monotonic() + float(answer.get("expires_in", WAIT))
    pause = float(answer.get("interval", 5))
    while time.monotonic() < deadline:
        time.sleep(pause)
        try:
            return _fetch(client, meta, grant_type=DEVICE_GRANT,
                          device_code=answer["device_code"])
        except ConflictError as exc:
            if "authorization_pending" not in str(exc) and "slow_down" not in str(exc):
                raise
    raise ConflictError("the device sign-in was not finished in time")


def _fetch(client: Any, meta: dict[str, Any], **kw: Any) -> dict[str, Any]:
    from authlib.integrations.base_client import OAuthError

    try:
        return dict(client.fetch_token(meta["token_endpoint"], **kw))
    except OAuthError as exc:
        raise ConflictError(f"the provider refused the sign-in: {exc.error}") from exc


def refresh(account: dict[str, Any]) -> dict[str, Any]:
    """Renew the access token with the refresh token; SignInNeeded when it was revoked."""
    from authlib.integrations.base_client import OAuthError

    client = _client(account)
    try:
        token = dict(client.refresh_token(account["token_endpoint"],
                                          refresh_token=account["refresh_token"]))
    except OAuthError as exc:
        raise SignInNeeded(account["email"], exc.error or "refused") from exc
    except Exception as exc:  # the provider cannot be reached
        raise ConflictError(f"cannot renew the sign-in for {account['email']}: {exc}") from exc
    account = {**account, "access_token": token["access_token"],
               "expires_at": token.get("expires_at", time.time() + 3600),
               "lifetime": token.get("expires_in", 3600)}
    if token.get("refresh_token"):
        account["refresh_token"] = token["refresh_token"]
    save(account)
    return account


def fresh_token(account: dict[str, Any], force: bool = False) -> str:
    """Return an access token good for now, renewing it when it is about to run out."""
    lifetime = float(account.get("lifetime", 3600))
    if force or needs_refresh(float(account.get("expires_at", 0)), time.time(), lifetime):
        account = refresh(account)
    return str(account["access_token"])


def load(email: str) -> dict[str, Any] | None:
    """Return the account signed in as `email`, or None."""
    if not email:
        return None
    try:
        import keyring

        kept = keyring.get_password(KEYRING, email)
    except Exception:  # no usable keyring on this machine
        return None
    return dict(json.loads(kept)) if kept else None


def save(account: dict[str, Any]) -> None:
    """Keep the account and its tokens in the keyring."""
    try:
        import keyring

        keyring.set_password(KEYRING, account["email"], json.dumps(account))
    except Exception as exc:
        raise NoKeyring("oauth", "a working keyring", type(exc).__name__) from exc
