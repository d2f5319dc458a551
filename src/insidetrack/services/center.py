"""Career-center mode, being built (issue 15; docs/career-center.md): one PostgreSQL
database for many job seekers, each one's rows walled off from the others'."""

from __future__ import annotations

import secrets
from functools import cache

from insidetrack.domain import parse
from insidetrack.domain.errors import InputError
from insidetrack.services.access import (
    center_token_seeker,
    hash_password,
    password_matches,
    session_person,
)
from insidetrack.services.context import Env
from insidetrack.services.ports import OrgPerson
from insidetrack.services.ports.roster import ROLES

MIN_PASSWORD = 8  # as `web-password` asks
# What a person turned off (services/disabling.py) is told when they try to sign in.
TURNED_OFF = "This account is turned off: ask your career center to turn it back on."


def organise(env: Env, app_role: str) -> bool:
    """Make the (new, empty) PostgreSQL database a center's; False when it already was."""
    if not parse.ROLE_NAME.fullmatch(app_role):
        raise InputError("app_role", f"{app_role!r} is not a plain role name: lower-case "
                         "letters, digits and _, not starting with a digit")
    _postgresql(env)
    if not env.store.center.may_organise():
        raise InputError("db", "org init makes the center's roles, so the role in the --db "
                         "URL needs CREATEROLE (as a superuser: ALTER ROLE name CREATEROLE), "
                         "or connect as a superuser")
    if env.store.center.role_bypasses(app_role):
        raise InputError("app_role", f"{app_role} is a superuser or bypasses row-level "
                         "security, so every job seeker would see everyone's rows: give a "
                         "role of the web app's own (org init makes it if missing), e.g. "
                         "insidetrack_app")
    if env.store.roster.is_center() and not env.store.center.made_for(app_role):
        raise InputError("app_role", f"this center's web app does not connect as {app_role}: "
                         "give the role it was made with (--app-role NAME)")
    env.store.center.migrate()
    return env.store.center.organise(app_role)


def _postgresql(env: Env) -> None:
    if env.store.dialect != "postgresql":
        raise InputError("db", "career-center mode needs a PostgreSQL database: give its "
                         "postgresql://... URL")


def require_center(env: Env) -> None:
    """Refuse a database that is not a career center's (SQLite, or never organised),
    saying how it becomes one."""
    _postgresql(env)
    if not env.store.roster.is_center():
        raise InputError("db", "this is not a career center's database (make one with: "
                         "insidetrack --db postgresql://... org init)")


def add_seeker(env: Env, email: str, name: str) -> int:
    """Add a job seeker to the center; return their id."""
    return add_person(env, email, name, "seeker")


def add_person(env: Env, email: str, name: str, role: str) -> int:
    """Add a job seeker, a coach or an administrator to the center; return their id."""
    if role not in ROLES:
        raise InputError("role", f"{role!r} is not a role; use one of {', '.join(ROLES)}")
    email, name = parse.email("email", email), parse.name("name", name)
    require_center(env)
    if role == "seeker":  # with the rows each seeker's part of the database starts with
        return env.store.center.add_seeker(email, name)
    return env.store.roster.add_person(email, name, role)


def must_be_servable(env: Env) -> None:
    """Refuse to serve a center's database as a role that row-level security does not hold
    for: every job seeker would see everyone's rows."""
    require_center(env)
    if not env.store.center.walls_hold():
        raise InputError("db", "connect as the web app's role (postgresql://insidetrack_app@..."
                         ", as made by org init --app-role): this role is a superuser or "
                         "bypasses row-level security, so every job seeker would see "
                         "everyone's rows")
    if not env.store.center.made_for(env.store.center.current_role()):
        raise InputError("db", "connect as the web app's role (postgresql://insidetrack_app@..."
                         ", the --app-role org init was given): the role in this URL is not "
                         "the one the center was made for")
    if not env.store.center.up_to_date():
        raise InputError("db", "this center was made by an older insidetrack: run org init "
                         "again as its owner (insidetrack --db postgresql://OWNER@... org "
                         "init), which adds what this version needs")


def person_named(env: Env, email: str) -> OrgPerson:
    """Return the center's person an e-mail belongs to (whatever its case)."""
    require_center(env)
    address = parse.email("email", email)
    found = env.store.center.person_by_email(address)
    if found is None:
        raise InputError("email", f"{address} is not one of the center's people")
    return found[0]


def set_password(env: Env, email: str, password: str) -> OrgPerson:
    """Set the password one of the center's people signs in with (only its hash is kept);
    return who it is."""
    person = person_named(env, email)
    if len(password) < MIN_PASSWORD:
        raise InputError("password", f"use at least {MIN_PASSWORD} characters")
    env.store.center.set_password(person.email, hash_password(password))
    return person


def person_with_password(env: Env, email: str, password: str) -> OrgPerson | None:
    """Return the person an e-mail and password belong to, else None; one turned off too
    (`disabled`), whom only the right password tells so.

    An unknown e-mail costs the same argon2 check as a known one, so the time taken does
    not tell which addresses are the center's.
    """
    found = env.store.center.person_by_email(email.strip())
    stored = found[1] if found is not None else None
    matches = password_matches(stored or _decoy(), password)
    return found[0] if found is not None and stored and matches else None


def signed_in(env: Env, secret: str) -> OrgPerson | None:
    """Return who a live session of the center's is, else None."""
    person_id = session_person(env, secret)
    return None if person_id is None else env.store.center.person(person_id)


def token_holder(env: Env, secret: str) -> OrgPerson | None:
    """Return the job seeker a live API token of the center's belongs to, else None (a
    coach or an administrator has none: tokens are made bound to a seeker's rows)."""
    seeker_id = center_token_seeker(env, secret)
    return None if seeker_id is None else env.store.center.person(seeker_id)


def bind(env: Env, person: OrgPerson) -> int | None:
    """Bind the connection to a job seeker's rows; coaches and administrators get none."""
    if person.role != "seeker":
        return None
    env.store.center.bind(person.id)
    return person.id


@cache
def _decoy() -> str:
    return hash_password(secrets.token_urlsafe(16))
