"""A career center's people turned off (PostgreSQL only): a coach who left, a student who
finished, an account someone else got into.

`org_people.disabled_at` says since when; NULL: the person signs in as ever. Turning
someone off ends their sessions, spends their sign-in links and revokes a job seeker's
API tokens, all in one transaction; every way in (password, single sign-on, link,
session, token) then refuses them. Nothing of theirs is deleted: turned back on, they
find their records as they were, and sign in again (their old tokens stay revoked).

The administrators' role writes it (storage/org_settings.py): `disabled_at` is a column
of `org_people`, which it may update; to revoke a seeker's tokens it binds itself to that
seeker for the transaction alone, as storage/new_seekers.py does, so the seekers' own
policy admits those rows and no one else's.
"""

from __future__ import annotations

from datetime import datetime

from insidetrack.storage.database import Database, Repository
from insidetrack.storage.org import PEOPLE, SETTING


def organise_disabling(db: Database, app_role: str, admin_role: str) -> None:
    """Add `disabled_at` (if missing), what the administrators' role needs to write it, and
    what the token lookup needs to refuse a turned-off person's token (org_tokens.py)."""
    from insidetrack.storage.org_tokens import token_role

    db.execute(f"ALTER TABLE {PEOPLE} ADD COLUMN IF NOT EXISTS disabled_at TIMESTAMPTZ")
    db.execute(f"GRANT SELECT (disabled_at) ON {PEOPLE} TO {token_role(app_role)}")
    db.execute(f"GRANT SELECT (person_id), DELETE ON web_sessions TO {admin_role}")
    db.execute(f"GRANT SELECT (seeker_id, revoked_at), UPDATE (revoked_at) ON api_tokens"
               f" TO {admin_role}")


class Disabling(Repository):
    """Turning the center's people off and back on."""

    def disable(self, person_id: int, at: datetime) -> bool:
        """Turn a person off: sessions ended, links spent, a seeker's tokens revoked; False
        when they were off already."""
        with self.db.write():
            found = self.db.execute(f"UPDATE {PEOPLE} SET disabled_at = ? WHERE id = ?"
                                    " AND disabled_at IS NULL RETURNING role",
                                    (at, person_id)).fetchone()
            if found is None:
                return False
            self.db.execute("DELETE FROM web_sessions WHERE person_id = ?", (person_id,))
            # Spent, not deleted: opened later, a link still tells whose it was (turned off).
            self.db.execute("UPDATE sign_in_links SET used_at = ? WHERE person_id = ?"
                            " AND used_at IS NULL", (at, person_id))
            if found[0] == "seeker":
                self._revoke_tokens(person_id, at)
        return True

    def _revoke_tokens(self, seeker_id: int, at: datetime) -> None:
        """Revoke a seeker's live tokens, bound to them for this transaction alone."""
        before = self.db.execute("SELECT current_setting(?, true)", (SETTING,)).fetchone()[0]
        self.db.execute("SELECT set_config(?, ?, true)", (SETTING, str(seeker_id)))
        self.db.execute("UPDATE api_tokens SET revoked_at = ? WHERE revoked_at IS NULL", (at,))
        self.db.execute("SELECT set_config(?, ?, true)", (SETTING, before or ""))

    def enable(self, person_id: int) -> bool:
        """Turn a person back on; False when they were not off."""
        with self.db.write():
            cur = self.db.execute(f"UPDATE {PEOPLE} SET disabled_at = NULL WHERE id = ?"
                                  " AND disabled_at IS NOT NULL", (person_id,))
            return bool(cur.rowcount)
