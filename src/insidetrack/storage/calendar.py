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

    def rows(self, with_done: bool = False, until: datetime | None = None) -> list[CalendarRow]:
        """Return pending steps (and done ones) with what a calendar entry shows, by due.

        `until`: only the steps due before that moment.
        """
        where, params = _where(with_done, until)
        result = self.db.execute(
            "SELECT s.*, e.name AS employer, o.job_title" + _FROM + where + " ORDER BY s.due, s.id",
            params)
        return [CalendarRow(convert.step(r), r["revision"], r["employer"], r["job_title"])
                for r in result]

    def version(self, until: datetime) -> str:
        """Return one line that changes when the pending steps due before a moment change.

        Any change to a step raises its revision, and a step that comes or goes changes the
        count and the sum of ids (read from an index alone); a change to the names the
        entries show, or to which openings are archived, writes a new stamp (migration 0017's
        triggers), read as one row.
        """
        found = self.db.execute(
            "SELECT COUNT(*), COALESCE(SUM(revision), 0), COALESCE(SUM(id), 0),"
            " (SELECT stamp FROM calendar_stamp) FROM steps"
            " WHERE status = 'pending' AND due < ?", (str(iso(until)),)).fetchone()
        return " ".join(str(v) for v in found)

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


_FROM = (" FROM steps s JOIN interviews i ON i.id = s.interview_id"
         " JOIN openings o ON o.id = i.opening_id JOIN employers e ON e.id = o.employer_id")


def _where(with_done: bool, until: datetime | None) -> tuple[str, tuple[str, ...]]:
    statuses = "('pending', 'done')" if with_done else "('pending')"
    where = (f" WHERE s.status IN {statuses}"
             " AND o.archived_at IS NULL")  # archived: out of sight, in the calendar too
    if until is None:
        return where, ()
    return where + " AND s.due < ?", (str(iso(until)),)
