"""Queries for calendars: steps with their revision, and what was pushed where."""

from __future__ import annotations

from datetime import datetime

from insidetrack.services.ports import CalendarRow, Pushed
from insidetrack.storage import convert
from insidetrack.storage.convert import iso, moment
from insidetrack.storage.database import Repository


class CalendarState(Repository):
    """Steps with their revision, and what was pushed to which calendar."""

    def instance(self) -> str:
        return str(self.db.execute("SELECT value FROM meta WHERE key = 'instance'").fetchone()[0])

    def rows(self, with_done: bool = False) -> list[CalendarRow]:
        """Return pending steps (and done ones) with what a calendar entry shows, by due."""
        statuses = "('pending', 'done')" if with_done else "('pending')"
        result = self.db.execute(
            "SELECT s.*, e.name AS employer, o.job_title FROM steps s"
            " JOIN interviews i ON i.id = s.interview_id JOIN openings o ON o.id = i.opening_id"
            f" JOIN employers e ON e.id = o.employer_id WHERE s.status IN {statuses}"
            " AND o.archived_at IS NULL"  # archived: out of sight, in the calendar too
            " ORDER BY s.due, s.id"
        )
        return [CalendarRow(convert.step(r), r["revision"], r["employer"], r["job_title"])
                for r in result]

    def pushed(self) -> dict[int, Pushed]:
        """Return what was last written to a calendar, by step id."""
        rows = self.db.execute(
            "SELECT step_id, uid, revision, calendar, href, etag, items, due, completed"
            " FROM calendar_pushes")
        return {r[0]: Pushed(r[0], r[1], r[2], r[3], r[4], r[5], r[6], moment(r[7]), bool(r[8]))
                for r in rows}

    def record_push(self, p: Pushed, at: datetime) -> None:
        self.db.execute(
            "INSERT INTO calendar_pushes (step_id, uid, revision, calendar, href, etag, items,"
            " due, completed, pushed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (step_id) DO UPDATE SET uid = excluded.uid, revision = excluded.revision,"
            " calendar = excluded.calendar, href = excluded.href, etag = excluded.etag,"
            " items = excluded.items, due = excluded.due, completed = excluded.completed,"
            " pushed_at = excluded.pushed_at",
            (p.step_id, p.uid, p.revision, p.calendar, p.href, p.etag, p.items, iso(p.due),
             int(p.completed), iso(at)),
        )

    def forget_push(self, step_id: int) -> None:
        self.db.execute("DELETE FROM calendar_pushes WHERE step_id = ?", (step_id,))
