"""Read a test's database directly, whichever it is (a SQLite file or a PostgreSQL URL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from insidetrack.storage import tables
from insidetrack.storage.database import open_database


def query(location: str | Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
    """Return the rows of one query."""
    db = open_database(location)
    try:
        return [tuple(r) for r in db.execute(sql, params).fetchall()]
    finally:
        db.close()


def dump(location: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Return every row of every table, to compare a database before and after."""
    db = open_database(location)
    try:
        return {t: tables.read_rows(db, t) for t in tables.table_names(db)}
    finally:
        db.close()


def change(location: str | Path, sql: str, params: tuple[object, ...] = ()) -> None:
    """Change rows behind the program's back (as a crash or another program would)."""
    db = open_database(location)
    try:
        db.execute(sql, params)
    finally:
        db.close()


def delete_all(location: str | Path, table: str) -> None:
    change(location, f"DELETE FROM {table}")
