"""Openings as applications: their details, archive mark and interviews."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from insidetrack.services.ports.applications import Application, ApplicationDetails
from insidetrack.storage import convert
from insidetrack.storage.convert import iso
from insidetrack.storage.database import Repository

_SELECT = (
    "SELECT o.id, o.employer_id, e.name AS employer, o.job_title, o.status, o.applied_on,"
    " o.link, o.salary, o.notes, o.archived_at FROM openings o"
    " JOIN employers e ON e.id = o.employer_id"
)


class Applications(Repository):
    """Openings with their application details and archive mark."""

    def add(self, employer_id: int, job_title: str, status: str,
            details: ApplicationDetails) -> int:
        return self._insert(
            "INSERT INTO openings (employer_id, job_title, status, applied_on, link, salary,"
            " notes) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (employer_id, job_title, status, iso(details.applied_at), details.link,
             details.salary, details.notes))

    def application(self, opening_id: int) -> Application:
        row = self._one(_SELECT + " WHERE o.id = ?", [opening_id],
                        "application")
        return self._made(row, self._interviews([opening_id]))

    def applications(self, archived: bool | None = None, waiting: bool = False,
                     limit: int | None = None, offset: int = 0) -> list[Application]:
        """Return every opening, oldest first; `archived` keeps only those (not) archived,
        `waiting` only those with no interview yet; `limit`/`offset`: one page of them."""
        page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
        rows = self.db.execute(_SELECT + _where(archived, waiting) + " ORDER BY o.id"
                               + page).fetchall()
        everything = limit is None and offset == 0
        interviews = ({} if waiting else
                      self._interviews(None if everything else [r["id"] for r in rows]))
        return [self._made(r, interviews) for r in rows]

    def count_applications(self, archived: bool | None = None, waiting: bool = False) -> int:
        """Return how many openings `applications` would list without a page."""
        sql = "SELECT COUNT(*) FROM openings o" + _where(archived, waiting)
        return int(self.db.execute(sql).fetchone()[0])

    def save(self, opening_id: int, job_title: str, status: str,
             details: ApplicationDetails) -> None:
        self.db.execute(
            "UPDATE openings SET job_title = ?, status = ?, applied_on = ?, link = ?, salary = ?,"
            " notes = ? WHERE id = ?",
            (job_title, status, iso(details.applied_at), details.link, details.salary,
             details.notes, opening_id))

    def set_archived(self, opening_id: int, at: datetime | None) -> None:
        self.db.execute("UPDATE openings SET archived_at = ? WHERE id = ?", (iso(at), opening_id))

    def _interviews(self, opening_ids: list[int] | None) -> dict[int, tuple[int, ...]]:
        """Return opening -> its interviews' ids, by start."""
        sql = "SELECT opening_id, id FROM interviews"
        params: tuple[int, ...] = ()
        if opening_ids is not None:
            if not opening_ids:
                return {}
            marks = ", ".join("?" * len(opening_ids))
            sql, params = sql + f" WHERE opening_id IN ({marks})", tuple(opening_ids)
        found: dict[int, tuple[int, ...]] = {}
        for opening_id, interview_id in self.db.execute(sql + " ORDER BY starts_at, id", params):
            found[opening_id] = (*found.get(opening_id, ()), interview_id)
        return found

    @staticmethod
    def _made(row: Any, interviews: dict[int, tuple[int, ...]]) -> Application:
        return Application(
            row["id"], row["employer_id"], row["employer"], row["job_title"], row["status"],
            convert.moment(row["applied_on"]), row["link"], row["salary"], row["notes"],
            convert.moment(row["archived_at"]), interviews.get(row["id"], ()))


def _where(archived: bool | None, waiting: bool) -> str:
    """Return the WHERE clause keeping openings (not) archived and/or with no interview."""
    terms = {None: [], True: ["o.archived_at IS NOT NULL"],
             False: ["o.archived_at IS NULL"]}[archived]
    terms += ["NOT EXISTS (SELECT 1 FROM interviews i WHERE i.opening_id = o.id)"] * waiting
    return " WHERE " + " AND ".join(terms) if terms else ""
