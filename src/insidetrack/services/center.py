"""Career-center mode, being built (issue 15; docs/career-center.md): one PostgreSQL
database for many job seekers, each one's rows walled off from the others'."""

from __future__ import annotations

import re

from insidetrack.domain import parse
from insidetrack.domain.errors import ConflictError, InputError
from insidetrack.services.context import Env
from insidetrack.services.ports.roster import ROLES

_ROLE = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def organise(env: Env, app_role: str) -> bool:
    """Make the (new, empty) PostgreSQL database a center's; False when it already was."""
    if not _ROLE.fullmatch(app_role):
        raise InputError("app_role", f"{app_role!r} is not a plain role name: lower-case "
                         "letters, digits and _, not starting with a digit")
    _postgresql(env)
    return env.store.center.organise(app_role)


def _postgresql(env: Env) -> None:
    if env.store.dialect != "postgresql":
        raise InputError("db", "career-center mode needs a PostgreSQL database: give its "
                         "postgresql://... URL")


def require_center(env: Env) -> None:
    """Refuse a database that is not a career center's, saying how it becomes one."""
    _postgresql(env)
    if not env.store.roster.is_center():
        raise ConflictError("this database is not a career center's yet; "
                            "make it one with: insidetrack org init")


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
