"""A career center's single sign-on (PostgreSQL only): its settings, each person's subject at
the institution's provider, and the sign-ins started and not yet come back.

Shared tables, no seeker's (storage/org.py SHARED): sign-in reads them before it knows who
is asking. The owner writes the settings; the app's role reads them, links a person's
subject on their first sign-in, and keeps the sign-ins under way (so any worker process
can take the provider's answer).
"""

from __future__ import annotations

from datetime import datetime

from insidetrack.domain.sso import SignOn
from insidetrack.services.ports.rows import OrgPerson
from insidetrack.storage.database import Database, Repository
from insidetrack.storage.org import PEOPLE, PERSON

SETTINGS = "org_sso"
UNDER_WAY = "sso_sign_ins"
_COLUMNS = "issuer, client_id, client_secret, name, role_claim, coach_values, admin_values"


def organise_sso(db: Database, app_role: str) -> None:
    """Make the sign-on's tables and org_people's subject (if missing), for the app's role."""
    db.execute(f"CREATE TABLE IF NOT EXISTS {SETTINGS} (id INTEGER PRIMARY KEY CHECK (id = 1),"
               " issuer TEXT NOT NULL, client_id TEXT NOT NULL, client_secret TEXT NOT NULL,"
               " name TEXT NOT NULL, role_claim TEXT NOT NULL, coach_values TEXT[] NOT NULL,"
               " admin_values TEXT[] NOT NULL)")
    db.execute(f"CREATE TABLE IF NOT EXISTS {UNDER_WAY} (state TEXT PRIMARY KEY,"
               " nonce TEXT NOT NULL, verifier TEXT NOT NULL, redirect TEXT NOT NULL,"
               " started_at TIMESTAMPTZ NOT NULL)")
    db.execute(f"ALTER TABLE {PEOPLE} ADD COLUMN IF NOT EXISTS subject TEXT UNIQUE")
    db.execute(f"GRANT SELECT ON {SETTINGS} TO {app_role}")
    db.execute(f"GRANT SELECT, INSERT, DELETE ON {UNDER_WAY} TO {app_role}")
    db.execute(f"GRANT UPDATE (subject) ON {PEOPLE} TO {app_role}")


class SingleSignOn(Repository):
    """The center's sign-on settings, subjects, and sign-ins under way."""

    def settings(self) -> SignOn | None:
        """Return the settings; None when unset, or on a center older than sign-on."""
        if self.db.execute("SELECT to_regclass(?)", (SETTINGS,)).fetchone()[0] is None:
            return None
        row = self.db.execute(f"SELECT {_COLUMNS} FROM {SETTINGS}").fetchone()
        if row is None:
            return None
        return SignOn(row[0], row[1], row[2], row[3], row[4], tuple(row[5]), tuple(row[6]))

    def save(self, sign_on: SignOn) -> None:
        """Keep the settings; a new issuer forgets every subject (another provider's)."""
        s = sign_on
        with self.db.write():
            before = self.settings()
            if before is not None and before.issuer != s.issuer:
                self.db.execute(f"UPDATE {PEOPLE} SET subject = NULL")
            self.db.execute(
                f"INSERT INTO {SETTINGS} (id, {_COLUMNS}) VALUES (1, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET issuer = excluded.issuer,"
                " client_id = excluded.client_id, client_secret = excluded.client_secret,"
                " name = excluded.name, role_claim = excluded.role_claim,"
                " coach_values = excluded.coach_values, admin_values = excluded.admin_values",
                (s.issuer, s.client_id, s.client_secret, s.name, s.role_claim,
                 list(s.coach_values), list(s.admin_values)))

    def turn_off(self) -> bool:
        """Forget the settings (each person's subject stays); False when there were none."""
        with self.db.write():
            return bool(self.db.execute(f"DELETE FROM {SETTINGS}").rowcount)

    def person_by_subject(self, subject: str) -> OrgPerson | None:
        row = self.db.execute(f"SELECT {PERSON} FROM {PEOPLE} WHERE subject = ?",
                              (subject,)).fetchone()
        return None if row is None else OrgPerson(*row)

    def subject_of(self, person_id: int) -> str | None:
        row = self.db.execute(f"SELECT subject FROM {PEOPLE} WHERE id = ?",
                              (person_id,)).fetchone()
        return None if row is None else row[0]

    def link(self, person_id: int, subject: str) -> None:
        with self.db.write():
            self.db.execute(f"UPDATE {PEOPLE} SET subject = ? WHERE id = ? AND subject IS NULL",
                            (subject, person_id))

    def start(self, state: str, nonce: str, verifier: str, redirect: str,
              now: datetime, stale: datetime) -> None:
        """Keep a sign-in under way; forget those started before `stale`."""
        with self.db.write():
            self.db.execute(f"DELETE FROM {UNDER_WAY} WHERE started_at < ?", (stale,))
            self.db.execute(f"INSERT INTO {UNDER_WAY} (state, nonce, verifier, redirect,"
                            " started_at) VALUES (?, ?, ?, ?, ?)",
                            (state, nonce, verifier, redirect, now))

    def take(self, state: str, stale: datetime) -> tuple[str, str, str] | None:
        """Return (nonce, verifier, redirect) of a sign-in under way, once; None when
        unknown, already taken, or started before `stale`."""
        with self.db.write():
            row = self.db.execute(f"DELETE FROM {UNDER_WAY} WHERE state = ?"
                                  " RETURNING nonce, verifier, redirect, started_at",
                                  (state,)).fetchone()
        if row is None or row[3] < stale:
            return None
        return row[0], row[1], row[2]
