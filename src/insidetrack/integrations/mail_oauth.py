"""A career center's students sign in to their own mail with OAuth 2.0 on the center's
server (Authlib): the code flow with PKCE whose answer comes back to the web app (any worker
may take it: the verifier is kept in the database), and renewing the access token. Nothing
here keeps a token: the caller seals them in the student's rows."""

from __future__ import annotations

import secrets as random
import time
from typing import Any

from insidetrack.domain.errors import ConflictError
from insidetrack.integrations.oauth import _client, _fetch


class SignInEnded(ConflictError):
    """The provider refused the refresh token (revoked, expired): sign in again."""


def authorize(account: dict[str, Any], meta: dict[str, Any], redirect: str
              ) -> tuple[str, str, str]:
    """Return the provider's address to sign in at, the state and the PKCE verifier."""
    client = _client(account, redirect_uri=redirect, code_challenge_method="S256")
    verifier = random.token_urlsafe(48)
    extra = {"access_type": "offline"} if account.get("provider") == "gmail" else {}
    url, state = client.create_authorization_url(meta["authorization_endpoint"],
                                                 code_verifier=verifier, prompt="consent",
                                                 login_hint=account.get("email") or None,
                                                 **extra)
    return str(url), str(state), verifier


def trade(account: dict[str, Any], meta: dict[str, Any], redirect: str, answer: str,
          state: str, verifier: str) -> dict[str, Any]:
    """Trade the code the provider's answer (`answer`: the address it came back to) brought
    for the tokens; ConflictError when it is refused."""
    client = _client(account, redirect_uri=redirect, code_challenge_method="S256")
    token = _fetch(client, meta, authorization_response=answer, code_verifier=verifier,
                   state=state)
    return {**_kept(token), "signed_in_as": _signed_in_as(token)}


def _signed_in_as(token: dict[str, Any]) -> str:
    """The e-mail address the provider's ID token names ("" when it sent none). Its signature
    is not checked: it came straight from the token endpoint over the connection Authlib
    opened, which OpenID Connect Core (3.1.3.7) accepts in place of the signature."""
    import base64
    import json

    parts = str(token.get("id_token") or "").split(".")
    if len(parts) != 3:
        return ""
    try:
        claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except ValueError:
        return ""
    return str(claims.get("email") or "") if isinstance(claims, dict) else ""


def renew(account: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    """Return new tokens for the refresh token; SignInEnded when the provider refuses it,
    ConflictError when it cannot be reached."""
    from authlib.integrations.base_client import OAuthError

    try:
        token = dict(_client(account).refresh_token(meta["token_endpoint"],
                                                    refresh_token=account["refresh_token"]))
    except OAuthError as exc:
        raise SignInEnded(exc.error or "refused") from exc
    except Exception as exc:  # the provider cannot be reached
        raise ConflictError(f"cannot renew your sign-in: {exc}") from exc
    return _kept({**token, "refresh_token": token.get("refresh_token")
                  or account["refresh_token"]})


def _kept(token: dict[str, Any]) -> dict[str, Any]:
    """The part of a token answer worth keeping."""
    lifetime = float(token.get("expires_in") or 3600)
    return {"access_token": str(token["access_token"]),
            "refresh_token": str(token.get("refresh_token") or ""),
            "expires_at": float(token.get("expires_at") or time.time() + lifetime),
            "lifetime": lifetime}
