"""Turning a career center's people off and back on: a coach who left, a student who
finished, an account someone else got into (storage/disabling.py); and erasing a job
seeker who asks for their data to be deleted (storage/erasure.py).

Turned off, a person has no way in (password, single sign-on, sign-in link, session or
API token) and is told so in one line when they try; nothing of theirs is deleted.
The center's operator does it at the command line, an administrator on `/center/admin`.
"""

from __future__ import annotations

from dataclasses import dataclass

from insidetrack.domain.errors import InputError
from insidetrack.services.center import person_named
from insidetrack.services.center_admin import as_admin
from insidetrack.services.context import Env
from insidetrack.services.ports import OrgPerson


@dataclass(frozen=True)
class Switched:
    """Whom a turn off or on was for, and whether it changed anything."""

    person: OrgPerson
    changed: bool  # False: they were that way already


def disable(env: Env, email: str) -> Switched:
    """Turn one of the center's people off: their sessions end, their sign-in links and
    (a job seeker's) API tokens stop working; their records stay."""
    return _turn_off(env, person_named(env, email))


def _turn_off(env: Env, person: OrgPerson) -> Switched:
    return Switched(person, env.store.disabling.disable(person.id, env.now))


def enable(env: Env, email: str) -> Switched:
    """Turn one of the center's people back on: they sign in as before (with new tokens)."""
    person = person_named(env, email)
    return Switched(person, env.store.disabling.enable(person.id))


def disable_as_admin(env: Env, admin: OrgPerson | None, email: str) -> Switched:
    """Turn someone off as an administrator (anyone else: not found); never oneself, which
    would leave no way back in from the web."""
    as_admin(env, admin)
    person = person_named(env, email)
    if admin is not None and person.id == admin.id:
        raise InputError("email", "you cannot turn off your own account: another "
                         "administrator, or the center's operator, can")
    return _turn_off(env, person)


def enable_as_admin(env: Env, admin: OrgPerson | None, email: str) -> Switched:
    """Turn someone back on as an administrator (anyone else: not found)."""
    as_admin(env, admin)
    return enable(env, email)


def remove(env: Env, email: str, confirmed: bool) -> tuple[OrgPerson, dict[str, int]]:
    """Delete a job seeker and every record of theirs, as the center's operator, once they
    confirm; return who it was and the rows deleted by table. A coach or administrator is
    turned off instead: the audit logs their students read name them."""
    person = person_named(env, email)
    if person.role != "seeker":
        raise InputError("email", f"{person.name} <{person.email}> is "
                         f"{'a coach' if person.role == 'coach' else 'an administrator'}: the audit "
                         "logs their students read name them, so they are turned off (org "
                         "person disable), not removed")
    if not confirmed:
        raise InputError("yes", f"this deletes {person.name} <{person.email}> and every record"
                         " of theirs, for good: export them first if they want a copy (org "
                         "export --seeker EMAIL FILE), then add --yes")
    return person, env.store.erasure.erase_seeker(person.id)
