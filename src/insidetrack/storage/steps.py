"""The planned steps of every campaign, and the agenda over them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, tzinfo
from typing import Any

from insidetrack.domain.model import (
    Step,
)
from insidetrack.services.ports import DueItem
from insidetrack.storage import agenda, convert
from insidetrack.storage.convert import STEP_COLUMNS
from insidetrack.storage.database import Repository
from insidetrack.storage.step_rows import PlannedRows

# What a spreadsheet import fills: counted for PostgreSQL's planner once it is loaded.
BULK_TABLES = ("employers", "openings", "contacts", "interviews", "interview_interviewers",
               "steps")

STEP_COLUMN_NAMES = tuple(c.strip() for c in STEP_COLUMNS.split(","))


class Steps(Repository):
    """The planned steps of every campaign, and the agenda over them."""


    def steps_of_interview(self, interview_id: int) -> list[Step]:
        rows = self.db.execute(
            "SELECT * FROM steps WHERE interview_id = ? ORDER BY due, id", (interview_id,)
        )
        return [convert.step(r) for r in rows]

    def step(self, step_id: int) -> Step:
        row = self._one("SELECT * FROM steps WHERE id = ?", [step_id], "step")
        return convert.step(row)

    @contextmanager
    def loading(self, count: int) -> Iterator[None]:
        """Add about `count` steps faster, inside the caller's write transaction.

        On SQLite, when they outnumber the stored steps, the steps' secondary indexes are
        dropped and built once at the end: about twice as fast as keeping them up to date
        row by row. The transaction keeps it all or nothing, and readers (WAL) see the old
        indexes meanwhile. PostgreSQL keeps its indexes: dropping one would lock every
        reader of the table out until the import ends.
        """
        bulk = count > self._count()
        indexes = self._droppable() if bulk else []
        for name, _ in indexes:
            self.db.execute(f"DROP INDEX {name}")
        yield
        for _, sql in indexes:
            self.db.execute(sql)
        if bulk:  # PostgreSQL counts the tables now, not when autovacuum comes by
            self.db.loaded(BULK_TABLES)

    def _droppable(self) -> list[tuple[str, str]]:
        if self.db.dialect != "sqlite":
            return []
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'steps'"
            " AND sql IS NOT NULL")]

    def _count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM steps").fetchone()[0])

    def add_steps(self, steps: Iterable[Step]) -> None:
        self.db.copy("steps", STEP_COLUMN_NAMES, (convert.step_values(s) for s in steps))

    def planned_rows(self, steps: Iterable[Step]) -> PlannedRows:
        """Return a plan's steps as rows to store, to be given each campaign's ids."""
        return PlannedRows(steps)

    def add_step_rows(self, rows: Iterable[Sequence[object]]) -> None:
        """Add steps given as rows that `planned_rows` made."""
        self.db.copy("steps", STEP_COLUMN_NAMES, rows)

    def update_steps(self, steps: Iterable[Step]) -> None:
        columns = ", ".join(f"{c.strip()} = ?" for c in STEP_COLUMNS.split(","))
        self.db.executemany(
            f"UPDATE steps SET {columns}, revision = revision + 1 WHERE id = ?",
            [(*convert.step_values(s), s.id) for s in steps],
        )

    def open_steps_of_kind(self, kind: str) -> list[Step]:
        """Return the steps of a kind still to do (pending or missed), in every campaign."""
        rows = self.db.execute(
            "SELECT * FROM steps WHERE kind = ? AND status IN ('pending', 'missed') ORDER BY id",
            (kind,),
        )
        return [convert.step(r) for r in rows]

    def delete_steps(self, step_ids: Iterable[int]) -> None:
        """Delete steps never done, with their drafts' records and unsent outbox items."""
        ids = [(i,) for i in step_ids]
        self.db.executemany("UPDATE touchpoints SET step_id = NULL WHERE step_id = ?", ids)
        self.db.executemany("DELETE FROM messages WHERE step_id = ?", ids)
        self.db.executemany("DELETE FROM outbox WHERE step_id = ? AND state <> 'sent'", ids)
        self.db.executemany("DELETE FROM steps WHERE id = ?", ids)

    def due_items(
        self, before: datetime, since: datetime | None = None, limit: int = -1
    ) -> list[DueItem]:
        """Return pending steps due in [since, before), with employer and job."""
        rows = agenda.due_rows(self.db, before, since, full=True, limit=limit)
        return [DueItem(convert.step(r), r["employer"], r["job_title"]) for r in rows]

    def count_due(self, before: datetime) -> int:
        return agenda.count_due(self.db, before)

    def agenda_json(self, day: date, tz: tzinfo) -> dict[str, Any]:
        """Return the `today --json` document for a local day."""
        return agenda.agenda_json(self.db, day, tz)

    def alerts(self, day: date, tz: tzinfo) -> list[Any]:
        """Return replies of the last week and addresses still bouncing, as of a local day."""
        return agenda.alert_rows(self.db, day, tz)
