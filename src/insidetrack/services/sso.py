"""Single sign-on for a career center: the owner's settings, and signing a person in at the
institution's provider (the roster decides who may, and as what)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from insidetrack.domain import sso as rules
from insidetrack.domain.errors import ConflictError, InputError
from insidetrack.domain.sso import SignOn
from insidetrack.services.center import TURNED_OFF, require_center
from insidetrack.services.context import Env
from insidetrack.services.ports import OrgPerson

WAIT = timedelta(minutes=10)  # a sign-in not back from the provider by then is forgotten
NOT_STARTED = "This sign-in was not started here, or it was already used: start it again."


class SignInRefused(ConflictError):
    """The provider signed someone in whom the center does not let in (one line, theirs)."""


@dataclass(frozen=True)
class Changes:
    """What `org sso` was given; None: keep what is set."""

    issuer: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    name: str | None = None
    role_claim: str | None = None
    coach_values: str | None = None
    admin_values: str | None = None


def settings(env: Env) -> SignOn | None:
    """Return the center's single sign-on settings, or None when it has none."""
    require_center(env)
    return env.store.sso.settings()


def institution(env: Env) -> str | None:
    """Name the institution whose sign-in the center offers, or None (passwords only)."""
    sign_on = env.store.sso.settings()
    return None if sign_on is None else sign_on.institution


def configure(env: Env, changes: Changes) -> SignOn:
    """Set the center's single sign-on (what is not given stays as it was), once its issuer
    answers with settings of its own."""
    require_center(env)
    before = env.store.sso.settings()
    if before is None and not (changes.issuer and changes.client_id):
        raise InputError("issuer", "give the provider's issuer URL, and its --client-id")
    sign_on = _changed(before or SignOn("", ""), changes)
    problem = rules.issuer_problem(sign_on.issuer)
    if problem:
        raise InputError("issuer", problem)
    if not sign_on.client_id.strip():
        raise InputError("client_id", "give the client id the provider registered")
    sign_on = replace(sign_on, issuer=_issuer_said(sign_on.issuer))
    env.store.sso.save(sign_on)
    return sign_on


def turn_off(env: Env) -> None:
    """Stop offering single sign-on: people sign in with their e-mail and password."""
    require_center(env)
    if not env.store.sso.turn_off():
        raise InputError("off", "this center has no single sign-on to turn off")


def _changed(sign_on: SignOn, c: Changes) -> SignOn:
    given: dict[str, Any] = {k: v.strip() for k, v in (
        ("issuer", c.issuer), ("client_id", c.client_id), ("client_secret", c.client_secret),
        ("name", c.name), ("role_claim", c.role_claim)) if v is not None}
    for key, typed in (("coach_values", c.coach_values), ("admin_values", c.admin_values)):
        if typed is not None:
            given[key] = rules.values(typed)
    return replace(sign_on, **given)


def _issuer_said(issuer: str) -> str:
    """Return the issuer as its provider spells it; InputError when it cannot be read."""
    from insidetrack.integrations.oidc import provider_settings

    try:
        return str(provider_settings(issuer)["issuer"])
    except ConflictError as exc:
        raise InputError("issuer", exc.message) from exc


def begin(env: Env, redirect: str) -> tuple[str, str]:
    """Start a sign-in at the institution: return the provider's address and the state."""
    from insidetrack.integrations import oidc

    sign_on = _configured(env)
    started = oidc.start(sign_on, redirect)
    env.store.sso.start(started.state, started.nonce, started.verifier, redirect, env.now,
                        env.now - WAIT)
    return started.url, started.state


def finish(env: Env, state: str, kept_state: str, answer: str,
           params: dict[str, str]) -> OrgPerson:
    """Take the provider's answer (the callback's address and its parameters) to a sign-in
    this browser started (`kept_state`); return the center's person it signs in."""
    from insidetrack.integrations import oidc

    sign_on = _configured(env)
    if not state or state != kept_state:  # not this browser's: leave it for the one it is
        raise SignInRefused(NOT_STARTED)
    under_way = env.store.sso.take(state, env.now - WAIT)
    if under_way is None:
        raise SignInRefused(NOT_STARTED)
    if "error" in params:
        said = params.get("error_description") or params["error"]
        raise SignInRefused(f"Your institution did not sign you in: {said}.")
    nonce, verifier, redirect = under_way
    claims = oidc.finish(sign_on, redirect, answer, state, nonce, verifier)
    return _person(env, sign_on, claims)


def _person(env: Env, sign_on: SignOn, claims: dict[str, Any]) -> OrgPerson:
    """Find the center's person the ID token is: by subject, else (first sign-in) by a
    verified e-mail on the roster, whose subject is then kept. The roster's role decides."""
    subject, email = str(claims["sub"]), str(claims.get("email") or "")
    who = email or subject
    person = env.store.sso.person_by_subject(subject)
    if person is None and email and claims.get("email_verified") is not True:
        raise SignInRefused(rules.not_vouched(email))
    if person is None and email:
        found = env.store.center.person_by_email(email)
        person = found[0] if found is not None else None
        if person is not None and env.store.sso.subject_of(person.id) not in (None, subject):
            raise SignInRefused(f"{email} on this center's roster is already linked to another"
                                " account at your institution: ask your career center.")
    if person is None:
        raise SignInRefused(rules.not_on_roster(who))
    if person.disabled:
        raise SignInRefused(TURNED_OFF)
    refused = rules.role_disagrees(who, rules.claimed_role(sign_on, claims), person.role)
    if refused:
        raise SignInRefused(refused)
    env.store.sso.link(person.id, subject)
    return person


def _configured(env: Env) -> SignOn:
    sign_on = env.store.sso.settings()
    if sign_on is None:
        raise SignInRefused("This center has no single sign-on: sign in with your e-mail "
                            "and password.")
    return sign_on
