"""A career center's one-time sign-in links (PostgreSQL only): how a new person chooses their
first password.

An administrator (or the owner) makes a link for one of the center's people; only the
SHA-256 of its secret is kept, with its expiry. Whoever opens it before it expires chooses
a password, and the link is spent. Shared table, no seeker's (storage/org.py SHARED): it is
read before anyone is signed in.

A link is for a first password only: for someone with no password and no single sign-on
yet (else an administrator could take over a student's account and read their records,
which only the student's grant may show). The app's role may read the links but not write
a password: it spends a link through `use_sign_in_link`, a function of the owner's that
sets that one person's password (if they still have none), ends their sessions and marks
the link used, and nothing else. A spent link is kept (`used_at`; turning a person off
spends theirs) until the person's next link, so it still tells whose it was: a turned-off
person is told so, and a form sent twice (a double click) finds them signed in.
"""

from __future__ import annotations

from datetime import datetime

from insidetrack.services.ports.rows import OrgPerson
from insidetrack.services.ports.sign_in_links import LinkFound
from insidetrack.storage.database import Database, Repository
from insidetrack.storage.org import PEOPLE, PERSON

TABLE = "sign_in_links"
_USE = f"""
CREATE OR REPLACE FUNCTION use_sign_in_link(secret_hash TEXT, new_hash TEXT, at TIMESTAMPTZ)
RETURNS BIGINT LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH link AS (UPDATE {TABLE} SET used_at = at WHERE token_hash = secret_hash
                AND expires_at > at AND used_at IS NULL RETURNING person_id),
       person AS (UPDATE {PEOPLE} SET password_hash = new_hash
                  WHERE id = (SELECT person_id FROM link) AND password_hash IS NULL
                  AND subject IS NULL RETURNING id),
       ended AS (DELETE FROM web_sessions WHERE person_id = (SELECT id FROM person))
  SELECT id FROM person
$$"""


def organise_links(db: Database, app_role: str, admin_role: str) -> None:
    """Make the links' table and the function that spends one (if missing)."""
    db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (token_hash TEXT PRIMARY KEY,"
               f" person_id BIGINT NOT NULL REFERENCES {PEOPLE} (id) ON DELETE CASCADE,"
               " expires_at TIMESTAMPTZ NOT NULL)")
    db.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_person ON {TABLE} (person_id)")
    db.execute(f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS used_at TIMESTAMPTZ")
    db.execute(_USE)
    db.execute("REVOKE ALL ON FUNCTION use_sign_in_link(TEXT, TEXT, TIMESTAMPTZ) FROM PUBLIC")
    db.execute("GRANT EXECUTE ON FUNCTION use_sign_in_link(TEXT, TEXT, TIMESTAMPTZ)"
               f" TO {app_role}")
    db.execute(f"GRANT SELECT ON {TABLE} TO {app_role}")
    db.execute(f"GRANT SELECT, INSERT, DELETE, UPDATE (used_at) ON {TABLE} TO {admin_role}")


class SignInLinks(Repository):
    """The center's one-time sign-in links."""

    def make(self, person_id: int, token_hash: str, expires: datetime) -> None:
        """Keep a new link for a person; any link they had before stops working."""
        with self.db.write():
            self.db.execute(f"DELETE FROM {TABLE} WHERE person_id = ?", (person_id,))
            self.db.execute(f"INSERT INTO {TABLE} (token_hash, person_id, expires_at)"
                            " VALUES (?, ?, ?)", (token_hash, person_id, expires))

    def first_sign_in(self, person_id: int) -> bool:
        """Say whether a person has neither a password nor a single sign-on yet."""
        row = self.db.execute(f"SELECT password_hash IS NULL AND subject IS NULL FROM {PEOPLE}"
                              " WHERE id = ?", (person_id,)).fetchone()
        return bool(row is not None and row[0])

    def newcomers(self, person_ids: list[int]) -> set[int]:
        """Return which of these people have neither a password nor a single sign-on."""
        rows = self.db.execute(f"SELECT id FROM {PEOPLE} WHERE id = ANY(?::bigint[])"
                               " AND password_hash IS NULL AND subject IS NULL", (person_ids,))
        return {int(r[0]) for r in rows}

    def everyone_new(self) -> list[OrgPerson]:
        """Return everyone with no password, no single sign-on, and not turned off."""
        rows = self.db.execute(f"SELECT {PERSON} FROM {PEOPLE} WHERE password_hash IS NULL"
                               " AND subject IS NULL AND disabled_at IS NULL ORDER BY email")
        return [OrgPerson(*r) for r in rows]

    def find(self, token_hash: str) -> LinkFound | None:
        """Return whose a link is, live or not, and whether they are turned off."""
        row = self.db.execute(f"SELECT l.person_id, l.expires_at, l.used_at, p.disabled_at"
                              f" IS NOT NULL FROM {TABLE} l JOIN {PEOPLE} p ON p.id ="
                              " l.person_id WHERE l.token_hash = ?", (token_hash,)).fetchone()
        return None if row is None else LinkFound(int(row[0]), *row[1:])

    def use(self, token_hash: str, password_hash: str, at: datetime) -> int | None:
        """Spend a live link: set its person's password, end their sessions; return who."""
        row = self.db.execute("SELECT use_sign_in_link(?, ?, ?)",
                              (token_hash, password_hash, at)).fetchone()
        return None if row is None or row[0] is None else int(row[0])
