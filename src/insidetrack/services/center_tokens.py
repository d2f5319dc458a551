"""A career center's job seekers' API tokens, for the center's operator: one seeker's
tokens listed, and one revoked (`org tokens`). Seekers make their own on /tokens."""

from __future__ import annotations

from insidetrack.domain.errors import InputError, NotFoundError
from insidetrack.services import access, center
from insidetrack.services.context import Env
from insidetrack.services.ports import ApiToken, OrgPerson

STAFF = {"coach": "coach", "admin": "administrator"}


def _seeker(env: Env, email: str) -> OrgPerson:
    """The job seeker an e-mail names, this connection bound to their rows."""
    person = center.person_named(env, email)
    if person.role != "seeker":
        raise InputError("email", f"{person.email} is a {STAFF[person.role]}: only job "
                         "seekers have API tokens")
    env.store.center.bind(person.id)
    return person


def _theirs(env: Env, person: OrgPerson, ids: list[int]) -> set[int]:
    """Of these tokens, those of this seeker: the owner connecting as a superuser is not
    held by row-level security, so the rows' seeker is read, not trusted to the binding."""
    owners = env.store.owners.owners("api_tokens", ids)
    return {i for i in ids if owners.get(i) == person.id}


def tokens_of(env: Env, email: str) -> tuple[OrgPerson, list[ApiToken]]:
    """Return a job seeker and their API tokens (never the secrets)."""
    person = _seeker(env, email)
    found = access.tokens(env)
    theirs = _theirs(env, person, [t.id for t in found])
    return person, [t for t in found if t.id in theirs]


def revoke_of(env: Env, email: str, token_id: int) -> ApiToken:
    """Revoke one of a job seeker's tokens; return it as it was."""
    person = _seeker(env, email)
    if not _theirs(env, person, [token_id]):
        raise NotFoundError(f"{person.email} has no API token with id {token_id}")
    return access.revoke_token(env, token_id)
