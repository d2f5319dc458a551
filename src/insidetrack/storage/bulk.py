"""Insert many rows at once, with ids chosen by the caller inside its write transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from insidetrack.storage.database import Database

# The columns each bulk insert fills, in the order the caller gives values.
COLUMNS = {
    "employers": ("id", "name", "name_key", "traditionalist", "high_tech"),
    "contacts": ("id", "employer_id", "name", "role", "email", "title"),
    "openings": ("id", "employer_id", "job_title", "status", "applied_on", "notes", "link",
                 "salary"),
    "interviews": ("id", "opening_id", "starts_at", "duration_minutes", "round"),
    "interview_interviewers": ("interview_id", "contact_id", "position"),
    "touchpoints": ("opening_id", "interview_id", "kind", "channel", "outcome", "at", "note"),
}


def next_ids(db: Database) -> dict[str, int]:
    """Return the next free id of each table that takes new rows in bulk."""
    return {table: int(db.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
                       .fetchone()[0]) for table in ("employers", "contacts", "openings",
                                                     "interviews")}


def insert(db: Database, table: str, rows: Iterable[Sequence[object]]) -> None:
    """Insert rows of a table's bulk columns (COPY on PostgreSQL), then say ids were taken."""
    columns = COLUMNS[table]
    db.copy(table, columns, rows)
    if columns[0] == "id":
        db.ids_taken([table])
