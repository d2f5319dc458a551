"""A career center's OAuth clients for its students' own mail (PostgreSQL only), and the
students' mail sign-ins under way.

The clients are the center's: one per provider, in `org_settings` (`oauth.<provider>.*`,
the secret sealed), written by the owner, read by the app's role. A sign-in under way is
kept in `mail_sign_ins` (state, whose, the PKCE verifier; taken once) so any worker may
take the provider's answer: a shared table, since the answer comes back before anyone's
session is known (the session's cookie is strict), and the row says whose it is.
"""

from __future__ import annotations

from datetime import datetime

from insidetrack.storage.database import Database, Repository

SETTINGS = "org_settings"
UNDER_WAY = "mail_sign_ins"
PREFIX = "oauth."
FIELDS = ("client_id", "client_secret_sealed", "issuer")


def organise_own_oauth(db: Database, app_role: str) -> None:
    """Make the table of mail sign-ins under way (if missing), for the app's role."""
    db.execute(f"CREATE TABLE IF NOT EXISTS {UNDER_WAY} (state TEXT PRIMARY KEY,"
               " seeker_id BIGINT NOT NULL, provider TEXT NOT NULL, email TEXT NOT NULL,"
               " verifier TEXT NOT NULL, redirect TEXT NOT NULL,"
               " started_at TIMESTAMPTZ NOT NULL)")
    db.execute(f"GRANT SELECT, INSERT, DELETE ON {UNDER_WAY} TO {app_role}")


class MailClients(Repository):
    """The center's OAuth clients per provider, and the mail sign-ins under way."""

    def clients(self) -> dict[str, dict[str, str]]:
        """Return each registered provider's client (id, sealed secret, issuer)."""
        if self.db.dialect != "postgresql" or SETTINGS not in self.db.tables():
            return {}
        rows = self.db.execute(f"SELECT key, value FROM {SETTINGS} WHERE key LIKE ?",
                               (PREFIX + "%",)).fetchall()
        found: dict[str, dict[str, str]] = {}
        for key, value in rows:
            _, provider, field = str(key).split(".", 2)
            found.setdefault(provider, {})[field] = str(value)
        return {p: c for p, c in found.items() if c.get("client_id")}

    def set_client(self, provider: str, client: dict[str, str]) -> None:
        """Keep a provider's client (what it had before goes)."""
        with self.db.write():
            self._delete(provider)
            self.db.executemany(f"INSERT INTO {SETTINGS} (key, value) VALUES (?, ?)",
                                [(f"{PREFIX}{provider}.{f}", client[f]) for f in FIELDS
                                 if client.get(f)])

    def remove_client(self, provider: str) -> bool:
        """Forget a provider's client; False when there was none."""
        with self.db.write():
            return self._delete(provider) > 0

    def _delete(self, provider: str) -> int:
        return int(self.db.execute(f"DELETE FROM {SETTINGS} WHERE key LIKE ?",
                                   (f"{PREFIX}{provider}.%",)).rowcount)

    def start(self, state: str, seeker_id: int, provider: str, email: str, verifier: str,
              redirect: str, now: datetime, stale: datetime) -> None:
        """Keep a sign-in under way; forget those started before `stale`."""
        with self.db.write():
            self.db.execute(f"DELETE FROM {UNDER_WAY} WHERE started_at < ?", (stale,))
            self.db.execute(f"INSERT INTO {UNDER_WAY} (state, seeker_id, provider, email,"
                            " verifier, redirect, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (state, seeker_id, provider, email, verifier, redirect, now))

    def take(self, state: str, stale: datetime) -> tuple[int, str, str, str, str] | None:
        """Return (seeker id, provider, e-mail, verifier, redirect) of a sign-in under way,
        once; None when unknown, already taken, or started before `stale`."""
        with self.db.write():
            row = self.db.execute(f"DELETE FROM {UNDER_WAY} WHERE state = ? RETURNING"
                                  " seeker_id, provider, email, verifier, redirect, started_at",
                                  (state,)).fetchone()
        if row is None or row[5] < stale:
            return None
        return int(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4])
