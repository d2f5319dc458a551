"""Sign a career center's people in at their institution's OpenID Connect provider (Authlib):
the authorization code flow with PKCE and a nonce, the ID token checked by Authlib (its
signature against the provider's keys, issuer, audience, expiry, nonce)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

from insidetrack.domain.errors import ConflictError
from insidetrack.domain.sso import SignOn
from insidetrack.integrations.oauth import discover

SCOPE = "openid email profile"
WELL_KNOWN = "/.well-known/openid-configuration"


@dataclass(frozen=True)
class Started:
    """A sign-in sent to the provider: where to, and what its answer must match."""

    url: str
    state: str
    nonce: str
    verifier: str


def provider_settings(issuer: str) -> dict[str, Any]:
    """Read the provider's settings (discovery); refuse one that is not this issuer's or
    cannot do the code flow."""
    meta = discover(issuer)
    if str(meta.get("issuer", "")).rstrip("/") != issuer.rstrip("/"):
        raise ConflictError(f"the provider at {issuer} calls itself {meta.get('issuer')!r}:"
                            " give exactly its issuer URL")
    missing = [k for k in ("authorization_endpoint", "token_endpoint", "jwks_uri")
               if not meta.get(k)]
    if missing:
        raise ConflictError(f"the provider at {issuer} does not say its {', '.join(missing)}")
    return meta


def _app(sign_on: SignOn) -> Any:
    """Authlib's OpenID client for the institution, its settings read from discovery."""
    import authlib.deprecate  # noqa: F401  (it turns its warnings on when first imported)

    with warnings.catch_warnings():  # Authlib would rather have httpx2; httpx is ours
        warnings.simplefilter("ignore")
        from authlib.integrations.base_client.sync_app import BaseApp, OAuth2Mixin
        from authlib.integrations.base_client.sync_openid import OpenIDMixin
        from authlib.integrations.httpx_client import OAuth2Client

    class Institution(OAuth2Mixin, OpenIDMixin, BaseApp):  # type: ignore[misc]
        client_cls = OAuth2Client

    method = "client_secret_basic" if sign_on.client_secret else "none"
    return Institution(None, client_id=sign_on.client_id,
                       client_secret=sign_on.client_secret or None,
                       server_metadata_url=sign_on.issuer.rstrip("/") + WELL_KNOWN,
                       client_kwargs={"scope": SCOPE, "code_challenge_method": "S256",
                                      "token_endpoint_auth_method": method, "timeout": 15})


def start(sign_on: SignOn, redirect: str) -> Started:
    """Return the provider's address to send the browser to, with a new state, nonce and
    PKCE verifier."""
    try:
        made = _app(sign_on).create_authorization_url(redirect_uri=redirect)
    except Exception as exc:  # the provider cannot be reached, or says nothing usable
        raise ConflictError(f"Cannot reach {sign_on.institution}'s sign-in ({exc}): try again "
                            "later, or sign in with your e-mail and password.") from exc
    return Started(made["url"], made["state"], made["nonce"], made["code_verifier"])


def finish(sign_on: SignOn, redirect: str, answer: str, state: str, nonce: str,
           verifier: str) -> dict[str, Any]:
    """Trade the code of the provider's answer (the callback's full address) for the
    tokens; return the ID token's claims once Authlib has checked them."""
    import httpx
    from authlib.integrations.base_client import OAuthError
    from authlib.oauth2.rfc6749.errors import OAuth2Error
    from joserfc.errors import JoseError

    app = _app(sign_on)
    try:
        token = app.fetch_access_token(redirect_uri=redirect, authorization_response=answer,
                                       state=state, code_verifier=verifier)
        options = {"iss": {"essential": True, "value": sign_on.issuer},
                   "aud": {"essential": True, "value": sign_on.client_id}}
        claims = app.parse_id_token(token, nonce, claims_options=options)
    except (OAuthError, OAuth2Error) as exc:
        raise ConflictError("Your institution refused the sign-in "
                            f"({getattr(exc, 'error', '') or exc}): start it again.") from exc
    except JoseError as exc:
        raise ConflictError(f"The ID token is not valid ({exc.error}): start it again.") from exc
    except httpx.HTTPError as exc:
        raise ConflictError(f"Cannot reach {sign_on.institution}'s sign-in ({exc}): start it "
                            "again.") from exc
    if claims is None:
        raise ConflictError("Your institution sent no ID token: start it again.")
    return dict(claims)
