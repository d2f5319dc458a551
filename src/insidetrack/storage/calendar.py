"""Queries for calendars: steps with their revision, and what was pushed where."""

from __future__ import annotations

from datetime import datetime

from insidetrack.services.ports import CalendarRow
from insidetrack.storage import convert
from insidetrack.storage.convert import iso
from insidetrack.storage.database import Repository


class CalendarState(Repository):
    """Steps with their revision, and what was pushed to which calendar."""

    def instance(self) -> str:
        return str(self.db.execute("SELECT value FROM meta WHERE key = 'instance'").fetchone()[0])

    def rows(self, pending_only: bool = True) -> list[CalendarRow]:
        """Return steps with what a calendar entry shows, in due order."""
        where = "WHERE s.status = 'pending'" if pending_only else ""
        result = self.db.execute(
            "SELECT s.*, e.name AS employer, o.job_title FROM steps s"
            " JOIN interviews i ON i.id = s.interview_id JOIN openings o ON o.id = i.opening_id"
            f" JOIN employers e ON e.id = o.employer_id {where} ORDER BY s.due, s.id"
        )
        return [CalendarRow(convert.step(r), r["revision"], r["employer"], r["job_title"])
                for r in result]

    def pushed(self) -> dict[int, tuple[str, int]]:
        """Return step id -> (uid, revision) for what the calendar holds."""
        return {r[0]: (r[1], r[2]) for r in
                self.db.execute("SELECT step_id, uid, revision FROM calendar_pushes")}

    def record_push(self, step_id: int, uid: str, revision: int,
                    at: datetime) -> None:
        self.db.execute(
            "INSERT INTO calendar_pushes (step_id, uid, revision, pushed_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (step_id) DO UPDATE SET uid = excluded.uid, revision = excluded.revision,"
            " pushed_at = excluded.pushed_at", (step_id, uid, revision, iso(at)),
        )

    def forget_push(self, step_id: int) -> None:
        self.db.execute("DELETE FROM calendar_pushes WHERE step_id = ?", (step_id,))
