"""A job seeker's API tokens in a career center: whose a token is, found before binding.

`api_tokens` is a seeker's table, walled off by row-level security like the others, so
a connection bound to a seeker makes, lists and revokes that seeker's tokens alone. A
request with a token has to find whose it is before anything is bound, while the walls
hide every row. The center's owner makes a lookup role (`<app role>_tokens`, NOLOGIN,
which no one may SET, the app's role included) that may read only a token's hash, seeker
and revocation and write only when it was last used, through policies of its own; it owns
one SECURITY DEFINER function, `token_seeker(hash, at)`, that returns the job seeker of a
live token (marking it used) or nothing. The app's role may only EXECUTE it: it cannot
list tokens, and a hash it does not already know finds no one.

As for the cohort functions (cohort_report.py), not a function owned by the owner: with
FORCE row-level security a non-superuser owner is held by the seekers' policy too, and a
superuser owner would put a function that bypasses every wall in the app's reach.
"""

from __future__ import annotations

from datetime import datetime

from insidetrack.storage.convert import iso
from insidetrack.storage.database import Database
from insidetrack.storage.definer import as_member_of, as_no_seeker, give_to
from insidetrack.storage.org import PEOPLE

FUNCTION = "token_seeker"
# A revoked token, or one of someone who is no longer a job seeker or is turned off
# (storage/disabling.py, which lets the lookup role read `disabled_at`), finds no one, for
# every caller.
# $1: the token's hash; $2: when it is used (ISO 8601, as the column keeps it).
_LOOKUP = f"""UPDATE api_tokens t SET last_used_at = $2 FROM {PEOPLE} p
  WHERE t.token_hash = $1 AND t.revoked_at IS NULL
    AND (t.expires_at IS NULL OR t.expires_at > $2)
    AND p.id = t.seeker_id AND p.role = 'seeker' AND p.disabled_at IS NULL
  RETURNING t.seeker_id"""


def token_role(app_role: str) -> str:
    return f"{app_role[:56]}_tokens"


def organise_tokens(db: Database, app_role: str) -> None:
    """Make the lookup role, its policies and `token_seeker` (again when they exist: `org
    init` on a center made before them)."""
    role = token_role(app_role)
    if not db.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (role,)).fetchone():
        db.execute(f"CREATE ROLE {role} NOLOGIN")
    db.execute(f"GRANT SELECT (id, seeker_id, token_hash, revoked_at, expires_at),"
               " UPDATE (last_used_at)"
               f" ON api_tokens TO {role}")
    db.execute(f"GRANT SELECT (id, role) ON {PEOPLE} TO {role}")
    for name, command in (("lookup", "SELECT"), ("used", "UPDATE")):
        db.execute(f"DROP POLICY IF EXISTS api_tokens_{name} ON api_tokens")
        db.execute(f"CREATE POLICY api_tokens_{name} ON api_tokens FOR {command} TO {role}"
                   " USING (true)")
    # Inside it the seekers' policy answers no one (definer.py), so the lookup role's own
    # policies are the only ones read.
    with as_member_of(db, role):  # `org init` again replaces the role's own function
        db.execute(
            f"CREATE OR REPLACE FUNCTION {FUNCTION}(text, text) RETURNS SETOF bigint"
            " LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$"
            + as_no_seeker(f"WITH used AS ({_LOOKUP}) SELECT seeker_id FROM used") + " $$")
        give_to(db, role, [f"{FUNCTION}(text, text)"], [app_role])


def token_seeker(db: Database, token_hash: str, at: datetime) -> int | None:
    """Return the job seeker whose live token has this hash (noting it used at `at`)."""
    row = db.execute(f"SELECT * FROM {FUNCTION}(?, ?)", (token_hash, iso(at))).fetchone()
    return None if row is None else int(row[0])
