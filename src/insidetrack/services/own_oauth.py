"""A career center's students sign in to their own mail with OAuth 2.0 (/my-mail).

A student cannot register an application at Google or Microsoft: the center does, once per
provider (`org oauth set`), and its client is kept in the center's settings (the secret
sealed with the server's key, integrations/sealing.py). A student then signs in at their
provider from /my-mail; the answer may come back to any worker (the sign-in under way is
kept in the database, named by a cookie, taken once). The tokens are sealed in the
student's own `meta` rows; sending and reading use the access token (XOAUTH2), renewed with
the refresh token at the center's client when it runs out.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from insidetrack.domain import oauth as rules
from insidetrack.domain.errors import ConflictError, Elsewhere, InputError, Place
from insidetrack.domain.parse import email as checked_email
from insidetrack.services.center import require_center
from insidetrack.services.context import Env

if TYPE_CHECKING:
    from insidetrack.integrations.secrets import Bearer

WAIT = timedelta(minutes=10)  # a sign-in not back from the provider by then is forgotten
PROVIDER, EMAIL, TOKENS = "oauth.provider", "oauth.email", "oauth.password_sealed"
KEYS = (PROVIDER, EMAIL, TOKENS)
NOT_STARTED = "This sign-in was not started here, or it was already used: start it again."
SOMEONE_ELSE = ("This sign-in was started by someone else signed in on this browser: nothing "
                "was saved. Start it again from your mail page.")
# Asked of every provider besides its mail scopes: the ID token names the account signed in.
WHO = "openid email"
ENDED = "your {name} sign-in has ended: sign in again on My mail"
SEALED_ELSEWHERE = ("your sign-in at {name} was kept by another server's key (center.key): "
                    "sign in again on My mail")
SIGNED_IN = ("Signed in as {email} with {name}: your thank-yous go out through it and "
             "replies are read from it.")


@dataclass(frozen=True)
class Client:
    """A provider the center registered its client at (never the secret itself)."""

    provider: str
    client_id: str
    has_secret: bool
    issuer: str

    @property
    def name(self) -> str:
        return rules.provider_name(self.provider, self.issuer)


def clients(env: Env) -> list[Client]:
    """Return the center's registered clients, in the providers' order."""
    kept = env.store.mail_clients.clients()
    return [Client(p, kept[p]["client_id"], bool(kept[p].get("client_secret_sealed")),
                   kept[p].get("issuer") or rules.preset(p).issuer)
            for p in rules.PROVIDERS if p in kept]


def register(env: Env, provider: str, client_id: str, secret: str | None,
             issuer: str | None) -> Client:
    """Keep the center's client at a provider (`other`: at the issuer given, once it answers
    with settings of its own)."""
    from insidetrack.integrations.sealing import seal

    require_center(env)
    _known(provider)
    if not client_id.strip():
        raise InputError("client_id", "give the client id the provider registered")
    issuer = _issuer(provider, (issuer or "").strip())
    env.store.mail_clients.set_client(provider, {
        "client_id": client_id.strip(), "issuer": issuer,
        "client_secret_sealed": seal(secret) if secret else ""})
    return next(c for c in clients(env) if c.provider == provider)


def _known(provider: str) -> None:
    if provider not in rules.PROVIDERS:
        raise InputError("provider", f"{provider!r} is not one of {', '.join(rules.PROVIDERS)}")


def _issuer(provider: str, issuer: str) -> str:
    from insidetrack.domain.sso import issuer_problem
    from insidetrack.integrations.oauth import discover

    if provider != "other":
        if issuer:
            raise InputError("issuer", f"only for --provider other: {provider} signs in at "
                             f"{rules.preset(provider).issuer}")
        return ""
    if not issuer:
        raise InputError("issuer", "give the provider's issuer URL for --provider other")
    problem = issuer_problem(issuer)
    if problem:
        raise InputError("issuer", problem)
    try:
        return str(discover(issuer).get("issuer") or issuer)
    except ConflictError as exc:
        raise InputError("issuer", exc.message) from exc


def remove(env: Env, provider: str) -> None:
    """Forget the center's client at a provider (students' sign-ins end at their next use)."""
    require_center(env)
    _known(provider)
    if not env.store.mail_clients.remove_client(provider):
        raise InputError("provider", f"this center has no client at {provider}")


def _client_of(env: Env, provider: str) -> tuple[Client, dict[str, Any]]:
    """Return a registered client and what Authlib needs of it; Elsewhere when gone."""
    from insidetrack.integrations.sealing import unseal

    kept = env.store.mail_clients.clients().get(provider)
    found = next((c for c in clients(env) if c.provider == provider), None)
    if kept is None or found is None:
        raise Elsewhere(f"your career center does not offer sign-in with "
                        f"{rules.provider_name(provider)}", Place("own_mail"))
    secret = unseal(kept["client_secret_sealed"]) if kept.get("client_secret_sealed") else ""
    scope = rules.preset(provider, found.issuer).scope
    scope = " ".join(dict.fromkeys((*scope.split(), *WHO.split())))
    return found, {"client_id": found.client_id, "client_secret": secret or "",
                   "scope": scope, "provider": provider}


def _endpoints(issuer: str) -> dict[str, Any]:
    from insidetrack.integrations.oauth import discover

    return discover(issuer)


def begin(env: Env, seeker_id: int, provider: str, email: str, redirect: str
          ) -> tuple[str, str]:
    """Start a student's sign-in at their provider: return its address and the state."""
    from insidetrack.integrations import mail_oauth

    email = checked_email("oauth.email", email.strip())
    client, account = _client_of(env, provider)
    meta = _endpoints(client.issuer)
    url, state, verifier = mail_oauth.authorize({**account, "email": email}, meta, redirect)
    env.store.mail_clients.start(state, seeker_id, provider, email, verifier, redirect,
                                 env.now, env.now - WAIT)
    return url, state


def finish(env: Env, seeker_id: int, state: str, kept_state: str, query: str,
           params: dict[str, str]) -> str:
    """Take the provider's answer (`query`, its part after '?') to a sign-in this browser
    (`kept_state`) and this student (`seeker_id`, signed in now) started; seal the tokens
    in their rows; return what to tell them."""
    from insidetrack.integrations import mail_oauth

    if not state or state != kept_state:  # not this browser's: leave it for the one it is
        raise ConflictError(NOT_STARTED)
    taken = env.store.mail_clients.take(state, env.now - WAIT)
    if taken is None:
        raise ConflictError(NOT_STARTED)
    started_by, provider, email, verifier, redirect = taken
    if started_by != seeker_id:  # a shared computer: someone else signed in meanwhile
        raise ConflictError(SOMEONE_ELSE)
    client, account = _client_of(env, provider)
    if "error" in params:
        said = params.get("error_description") or params["error"]
        raise ConflictError(f"{client.name} did not sign you in ({said}): nothing was saved.")
    token = mail_oauth.trade(account, _endpoints(client.issuer), redirect,
                             f"{redirect}?{query}", state, verifier)
    _same_address(client.name, email, token.pop("signed_in_as", ""))
    _keep(env, seeker_id, provider, email, token)
    return SIGNED_IN.format(email=email, name=client.name)


def _same_address(name: str, typed: str, provider_said: str) -> None:
    """Refuse a sign-in at the provider as another account than the address typed."""
    if provider_said and provider_said.casefold() != typed.casefold():
        raise ConflictError(f"You signed in at {name} as {provider_said}, not {typed}: nothing "
                            f"was saved. Sign in again with {typed}'s account (or type "
                            f"{provider_said} as your address).")


def _keep(env: Env, seeker_id: int, provider: str, email: str, token: dict[str, Any]) -> None:
    from insidetrack.integrations.sealing import seal

    values = {PROVIDER: provider, EMAIL: email, TOKENS: seal(json.dumps(token))}
    own = env.store.org_settings.own_values(seeker_id, ("smtp", "imap"))
    if provider != "other":
        preset = rules.preset(provider)
        own.update({"smtp.host": preset.smtp_host, "smtp.port": str(preset.smtp_port),
                    "smtp.security": "starttls", "imap.host": preset.imap_host,
                    "imap.port": str(preset.imap_port), "imap.security": "ssl"})
    for service in ("smtp", "imap"):
        if own.get(f"{service}.host"):
            values.update({f"{service}.{k}": own.get(f"{service}.{k}", "")
                           for k in ("host", "port", "security")})
            values[f"{service}.user"] = email
    env.store.org_settings.set_own(seeker_id, values)


def forget(env: Env, seeker_id: int) -> None:
    """Forget a student's sign-in (their servers stay)."""
    env.store.org_settings.set_own(seeker_id, dict.fromkeys(KEYS, ""))


def signed_in(env: Env, values: dict[str, str]) -> tuple[str, str] | None:
    """Say whom a student is signed in as and with whom (their rows' `values`), or None."""
    if not values.get(TOKENS):
        return None
    issuer = next((c.issuer for c in clients(env) if c.provider == values[PROVIDER]), "")
    return values.get(EMAIL, ""), rules.provider_name(values[PROVIDER], issuer)


def bearer(env: Env, seeker_id: int, values: dict[str, str]) -> Bearer:
    """Return a good access token for the student's mail, able to renew itself."""
    from insidetrack.integrations.secrets import Bearer as Token

    provider = values[PROVIDER]
    held = [_unsealed(provider, values[TOKENS])]
    if rules.needs_refresh(held[0]["expires_at"], time.time(), held[0]["lifetime"]):
        held[0] = _renewed(env, seeker_id, provider, held[0])

    def renew() -> str:
        held[0] = _renewed(env, seeker_id, provider, held[0])
        return str(held[0]["access_token"])

    token = Token(held[0]["access_token"])
    token.renew = renew
    return token


def _unsealed(provider: str, sealed: str) -> dict[str, Any]:
    from insidetrack.integrations.sealing import unseal

    kept = unseal(sealed)
    if kept is None:
        raise Elsewhere(SEALED_ELSEWHERE.format(name=rules.provider_name(provider)),
                        Place("own_mail"))
    return dict(json.loads(kept))


def _renewed(env: Env, seeker_id: int, provider: str, used: dict[str, Any]
             ) -> dict[str, Any]:
    """Renew the access token at the center's client; seal the new tokens in their rows.
    One renewal at a time per student (their write lock): a refresh token may be good for
    one use only, so a request that waited takes the tokens the other one got."""
    from insidetrack.integrations import mail_oauth
    from insidetrack.integrations.sealing import seal

    client, account = _client_of(env, provider)
    with env.store.write():
        now = env.store.org_settings.own_values(seeker_id, ("oauth",)).get(TOKENS)
        if not now:
            raise Elsewhere(ENDED.format(name=client.name), Place("own_mail"))
        kept = _unsealed(provider, now)
        if kept["access_token"] != used["access_token"]:  # renewed meanwhile
            return kept
        try:
            fresh = mail_oauth.renew({**account, **kept}, _endpoints(client.issuer))
        except mail_oauth.SignInEnded as exc:
            raise Elsewhere(ENDED.format(name=client.name), Place("own_mail")) from exc
        env.store.org_settings.set_own(seeker_id, {TOKENS: seal(json.dumps(fresh))})
    return fresh
