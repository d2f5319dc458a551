"""A career center's one-time sign-in links: an administrator makes one for a new person, who
opens it within a week and chooses their first password (no mail is sent: the administrator
passes the link on)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from insidetrack.domain import parse
from insidetrack.domain.errors import ConflictError, InputError, NotFoundError
from insidetrack.services.access import hash_password
from insidetrack.services.center import (
    MIN_PASSWORD,
    TURNED_OFF,
    person_named,
    person_with_password,
)
from insidetrack.services.center_admin import as_admin
from insidetrack.services.context import Env
from insidetrack.services.ports import OrgPerson
from insidetrack.services.ports.sign_in_links import LinkFound

LIFETIME = timedelta(days=7)
SPENT = ("This sign-in link does not work any more: it was used already, or is more than "
         "7 days old. Ask your career center for a new one.")
# The same password chosen again this soon after (a double click, a second tab) finds the
# person signed in rather than told the link was used.
AGAIN = timedelta(minutes=10)


@dataclass(frozen=True)
class SignInLink:
    """A link made for one person: its secret (shown once) and when it stops working."""

    person: OrgPerson
    secret: str
    expires: datetime


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def make_link(env: Env, admin: OrgPerson | None, email: str) -> SignInLink:
    """Make a one-time sign-in link for one of the center's people who has no password and
    no single sign-on yet, as an administrator; any link they had before stops working.
    Never for someone who signs in already: their administrator would hold their account."""
    as_admin(env, admin)
    return make_link_as_operator(env, email)


def make_link_as_operator(env: Env, email: str) -> SignInLink:
    """Make a sign-in link as the center's operator (`org link`), as `make_link` does."""
    person = person_named(env, email)
    if person.disabled:
        raise InputError("email", f"{person.name} <{person.email}> is turned off: turn them "
                         "back on first")
    if not env.store.sign_in_links.first_sign_in(person.id):
        raise InputError("email", f"{person.name} <{person.email}> already signs in (a password"
                         " or single sign-on): a sign-in link is for a first password; a new "
                         f"one is set with: insidetrack org password --email {person.email}")
    secret = secrets.token_urlsafe(32)
    expires = env.now + LIFETIME
    env.store.sign_in_links.make(person.id, _hash(secret), expires)
    return SignInLink(person, secret, expires)


def address(server: str, secret: str) -> str:
    """Return the link a person opens: the server's public address and the secret."""
    return link_at(parse.public_address("url", server), secret)


def link_at(public: str, secret: str) -> str:
    """Return the link at a public address already checked (parse.public_address)."""
    return f"{public}/login/link/{secret}"


def _found(env: Env, secret: str) -> LinkFound:
    """Return the link kept for a secret; unknown: not found; a turned-off person's:
    refused in words that say so (ConflictError)."""
    found = env.store.sign_in_links.find(_hash(secret)) if secret else None
    if found is None:
        raise NotFoundError(SPENT)
    if found.turned_off:
        raise ConflictError(TURNED_OFF)
    return found


def link_person(env: Env, secret: str) -> OrgPerson:
    """Return whose a live link is; a spent, old or unknown one: not found; a turned-off
    person's: ConflictError."""
    found = _found(env, secret)
    person = env.store.center.person(found.person_id) if found.live(env.now) else None
    if person is None:
        raise NotFoundError(SPENT)
    return person


def choose_password(env: Env, secret: str, password: str, repeated: str) -> OrgPerson:
    """Spend a link: set the person's password (their other sessions end); return who.
    The same password sent again soon after (a double click) returns who as well."""
    if not _found(env, secret).live(env.now):
        return _chosen_already(env, secret, password)
    person = link_person(env, secret)
    if len(password) < MIN_PASSWORD:
        raise InputError("password", f"use at least {MIN_PASSWORD} characters")
    if password != repeated:
        raise InputError("repeated", "the two passwords differ: type the same one twice")
    with env.store.write():
        used = env.store.sign_in_links.use(_hash(secret), hash_password(password), env.now)
    return person if used is not None else _chosen_already(env, secret, password)


def _chosen_already(env: Env, secret: str, password: str) -> OrgPerson:
    """Return who spent this link moments ago with this very password; else not found."""
    found = _found(env, secret)
    person = env.store.center.person(found.person_id)
    if found.used_at is None or env.now - found.used_at > AGAIN or person is None:
        raise NotFoundError(SPENT)
    signed = person_with_password(env, person.email, password)
    if signed is None or signed.id != person.id:
        raise NotFoundError(SPENT)
    return person
