"""Web sessions and API tokens, kept as hashes of their secrets."""

from __future__ import annotations

from datetime import datetime

from insidetrack.services.ports import ApiToken
from insidetrack.storage.convert import iso, moment, must_moment
from insidetrack.storage.database import Repository


class Access(Repository):
    """Who may use the web app and the API."""

    def add_session(self, token_hash: str, at: datetime, expires: datetime) -> None:
        self.db.execute("INSERT INTO web_sessions (token_hash, created_at, expires_at)"
                        " VALUES (?, ?, ?)", (token_hash, iso(at), iso(expires)))

    def add_person_session(self, token_hash: str, at: datetime, expires: datetime,
                           person_id: int) -> None:
        """Keep a session of one of a career center's people."""
        self.db.execute("INSERT INTO web_sessions (token_hash, created_at, expires_at, person_id)"
                        " VALUES (?, ?, ?, ?)", (token_hash, iso(at), iso(expires), person_id))

    def session_person(self, token_hash: str) -> tuple[int, datetime] | None:
        """Return who a center's session is and when it expires."""
        row = self.db.execute("SELECT person_id, expires_at FROM web_sessions"
                              " WHERE token_hash = ? AND person_id IS NOT NULL",
                              (token_hash,)).fetchone()
        return None if row is None else (int(row[0]), must_moment(row[1]))

    def session_expiry(self, token_hash: str) -> datetime | None:
        row = self.db.execute("SELECT expires_at FROM web_sessions WHERE token_hash = ?",
                              (token_hash,)).fetchone()
        return None if row is None else moment(row[0])

    def end_session(self, token_hash: str) -> None:
        self.db.execute("DELETE FROM web_sessions WHERE token_hash = ?", (token_hash,))

    def end_sessions_before(self, at: datetime) -> None:
        self.db.execute("DELETE FROM web_sessions WHERE expires_at < ?", (iso(at),))

    def add_token(self, name: str, token_hash: str, at: datetime,
                  expires: datetime | None = None) -> int:
        return self.db.insert("INSERT INTO api_tokens (name, token_hash, created_at, expires_at)"
                              " VALUES (?, ?, ?, ?)", (name, token_hash, iso(at), iso(expires)))

    def tokens(self) -> list[ApiToken]:
        rows = self.db.execute("SELECT * FROM api_tokens ORDER BY id")
        return [ApiToken(r["id"], r["name"], datetime.fromisoformat(r["created_at"]),
                         moment(r["last_used_at"]), moment(r["revoked_at"]),
                         moment(r["expires_at"])) for r in rows]

    def live_token(self, token_hash: str, at: datetime) -> int | None:
        row = self.db.execute("SELECT id FROM api_tokens WHERE token_hash = ?"
                              " AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)",
                              (token_hash, iso(at))).fetchone()
        return None if row is None else int(row[0])

    def token_seeker(self, token_hash: str, at: datetime) -> int | None:
        """Return the job seeker of a career center's live token, noting it used (unbound:
        through org_tokens.py's function, since row-level security hides every token)."""
        from insidetrack.storage.org_tokens import token_seeker

        return token_seeker(self.db, token_hash, at)

    def token_used(self, token_id: int, at: datetime) -> None:
        self.db.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", (iso(at), token_id))

    def revoke_token(self, token_id: int, at: datetime) -> bool:
        cur = self.db.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ?"
                              " AND revoked_at IS NULL", (iso(at), token_id))
        return bool(cur.rowcount == 1)

    def login_tries(self, client: str) -> tuple[int, float] | None:
        """Return a client's wrong passwords in a row and when it last tried, if any."""
        row = self.db.execute("SELECT failures, last_try FROM login_tries WHERE client = ?",
                              (client,)).fetchone()
        return None if row is None else (int(row[0]), float(row[1]))

    def set_login_tries(self, client: str, failures: int, at: float) -> None:
        self.db.execute("INSERT INTO login_tries (client, failures, last_try) VALUES (?, ?, ?)"
                        " ON CONFLICT (client) DO UPDATE SET failures = excluded.failures,"
                        " last_try = excluded.last_try", (client, failures, at))

    def forget_login_tries(self, client: str) -> None:
        self.db.execute("DELETE FROM login_tries WHERE client = ?", (client,))

    def forget_login_tries_before(self, at: float) -> None:
        self.db.execute("DELETE FROM login_tries WHERE last_try < ?", (at,))
