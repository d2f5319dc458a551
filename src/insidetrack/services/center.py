"""Career-center mode, being built (issue 15; docs/career-center.md): one PostgreSQL
database for many job seekers, each one's rows walled off from the others'."""

from __future__ import annotations

import re

from insidetrack.domain import parse
from insidetrack.domain.errors import InputError
from insidetrack.services.context import Env

_ROLE = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def organise(env: Env, app_role: str) -> bool:
    """Make the (new, empty) PostgreSQL database a center's; False when it already was."""
    if not _ROLE.fullmatch(app_role):
        raise InputError("app_role", f"{app_role!r} is not a plain role name: lower-case "
                         "letters, digits and _, not starting with a digit")
    if env.store.dialect != "postgresql":
        raise InputError("db", "career-center mode needs a PostgreSQL database: give its "
                         "postgresql://... URL")
    return env.store.center.organise(app_role)


def add_seeker(env: Env, email: str, name: str) -> int:
    """Add a job seeker to the center; return their id."""
    return env.store.center.add_seeker(parse.email("email", email), parse.name("name", name))
