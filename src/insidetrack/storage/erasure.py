"""Erasing a career center's job seeker and everything of theirs (PostgreSQL only): a
student who asks for their data to be deleted.

The center's owner does it (`org person remove`): bound to that seeker for the transaction
alone, so the seekers' own policy admits their rows and no one else's, it deletes their
rows of every table that has a `seeker_id`, children before parents (the foreign keys'
order), then the person, whose sessions, sign-in links, cohort places and coaches go with
them (ON DELETE CASCADE). All of it or nothing. The audit log of coaches' looks lets no
one delete (a seeker's connection only reads it): `audit_erase` lets the owner alone.
"""

from __future__ import annotations

from graphlib import TopologicalSorter

from insidetrack.storage.database import Database, Repository
from insidetrack.storage.org import BOUND, COACH, PEOPLE, SETTING, SHARED

OWNER = "seeker_id"


def organise_erasure(db: Database) -> None:
    """Let the owner (who runs `org init`) delete a seeker's audit log, and no one else."""
    db.execute("DROP POLICY IF EXISTS audit_erase ON audit")
    db.execute(f"CREATE POLICY audit_erase ON audit FOR DELETE TO CURRENT_USER USING ({BOUND})")


class Erasure(Repository):
    """Deleting a job seeker and all their rows."""

    def erase_seeker(self, seeker_id: int) -> dict[str, int]:
        """Delete a seeker's rows of every table, then the seeker; return the rows deleted
        by table (the person's row under org_people)."""
        deleted: dict[str, int] = {}
        with self.db.write():
            self.db.execute("SELECT set_config(?, ?, true), set_config(?, '', true)",
                            (SETTING, str(seeker_id), COACH))
            for table in self._children_first():
                cur = self.db.execute(f"DELETE FROM {table} WHERE {OWNER} = ?", (seeker_id,))
                if cur.rowcount:
                    deleted[table] = cur.rowcount
            cur = self.db.execute(f"DELETE FROM {PEOPLE} WHERE id = ? AND role = 'seeker'",
                                  (seeker_id,))
            deleted[PEOPLE] = cur.rowcount
        return deleted

    def _children_first(self) -> list[str]:
        """The tables a seeker has rows in, each before the ones it refers to."""
        owned = {t for t in self.db.tables() if t not in SHARED and OWNER in self.db.columns(t)}
        refers: dict[str, set[str]] = {t: set() for t in owned}
        for child, parent in self.db.execute(
                "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text"
                " FROM pg_constraint c WHERE c.contype = 'f'").fetchall():
            if child in owned and parent in owned and child != parent:
                refers[parent].add(child)  # the parent waits for its children
        return list(TopologicalSorter(refers).static_order())
