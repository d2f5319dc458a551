"""The center's SECURITY DEFINER functions (cohort figures, API tokens): each owned by a
NOLOGIN role of its own, made so that `org init` works for an owner with CREATEROLE alone,
as on a managed PostgreSQL where no one is a superuser.

Two things only a superuser could otherwise do are done another way: the function sets
`insidetrack.coach` itself, for its own run (a `SET insidetrack.coach` clause on a
function takes a superuser, or a role granted SET on it, in PostgreSQL 15), which makes
the seekers' policy answer no one inside it, so the role's own policies are the only ones
read; and to give the functions to their role, the owner is one of its members, and the
role may create in the schema, for that transaction alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from insidetrack.storage.database import Database
from insidetrack.storage.org import COACH


def as_no_seeker(query: str) -> str:
    """Return a PL/pgSQL body that runs `query` (its rows are the function's) with the
    seekers' policy answering no one, and puts the setting back after."""
    return (f"\n#variable_conflict use_column\n"
            f"DECLARE was text := COALESCE(current_setting('{COACH}', true), '');\n"
            f"BEGIN PERFORM set_config('{COACH}', '0', true);\n"
            f"RETURN QUERY {query};\n"
            f"PERFORM set_config('{COACH}', was, true); END")


@contextmanager
def as_member_of(db: Database, role: str) -> Iterator[None]:
    """Inside the block (in the caller's transaction), let the owner make, replace and give
    away the role's functions: one of its members, the role able to create in the schema.
    An error rolls the whole transaction back, these grants with it."""
    member, creates = db.execute("SELECT pg_has_role(current_user, ?, 'MEMBER'),"
                                 " has_schema_privilege(?, current_schema(), 'CREATE')",
                                 (role, role)).fetchone()
    schema = '"{}"'.format(str(db.execute("SELECT current_schema()").fetchone()[0])
                           .replace('"', '""'))
    if not member:
        db.execute(f"GRANT {role} TO CURRENT_USER")
    if not creates:
        db.execute(f"GRANT CREATE ON SCHEMA {schema} TO {role}")
    yield
    if not creates:
        db.execute(f"REVOKE CREATE ON SCHEMA {schema} FROM {role}")
    if not member:
        db.execute(f"REVOKE {role} FROM CURRENT_USER")


def give_to(db: Database, role: str, functions: Iterable[str], run_by: Iterable[str]) -> None:
    """Make `role` the owner of functions (their signatures, e.g. "f(bigint)") that only
    the roles `run_by` may run ("CURRENT_USER": the owner of the database too); inside
    `as_member_of(db, role)`."""
    for function in functions:
        db.execute(f"ALTER FUNCTION {function} OWNER TO {role}")
        db.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        db.execute(f"GRANT EXECUTE ON FUNCTION {function} TO {', '.join(run_by)}")
