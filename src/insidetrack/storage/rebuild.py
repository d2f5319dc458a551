"""Rebuild SQLite's tables so that an id is never handed out twice (migration 0014).

SQLite gives a new row the highest id plus one unless the table was created with
AUTOINCREMENT, which only CREATE TABLE can say. So each table is made again under its own
definition with AUTOINCREMENT added, its rows copied, the old one dropped and the new one
renamed, its indexes made again: SQLite's documented way of changing a table
(https://www.sqlite.org/lang_altertable.html#otheralter), foreign keys off around it and
checked before the commit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from insidetrack.domain.errors import StorageError
from insidetrack.storage.database import Database

IDS_NEVER_REUSED = 14  # the migration this belongs to
_ID = re.compile(r"\bid\s+INTEGER\s+PRIMARY\s+KEY\b(?!\s+(AUTOINCREMENT|CHECK))", re.IGNORECASE)


def with_foreign_keys_off(db: Database, work: Callable[[], None]) -> None:
    """Run `work` with SQLite's foreign keys off (they cannot change inside a transaction)."""
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        work()
    finally:
        db.execute("PRAGMA foreign_keys = ON")


def ids_never_reused(db: Database) -> None:
    """Give every table with a plain `id INTEGER PRIMARY KEY` AUTOINCREMENT; keep its rows."""
    floors = _trashed_ids(db)
    for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                                " AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall():
        if _ID.search(sql):
            _rebuild(db, name, sql, floors.get(name, 0))
    broken = db.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise StorageError(f"database: rebuilding the tables broke {len(broken)} reference(s)"
                           f" (first in {broken[0][0]}); nothing changed")


def _rebuild(db: Database, name: str, sql: str, floor: int) -> None:
    indexes = [r[0] for r in db.execute("SELECT sql FROM sqlite_master WHERE type = 'index'"
                                        " AND tbl_name = ? AND sql IS NOT NULL", (name,))]
    made = _ID.sub("id INTEGER PRIMARY KEY AUTOINCREMENT", sql, count=1)
    made = re.sub(rf'^CREATE TABLE\s+"?{name}"?', f'CREATE TABLE "{name}__new"', made, count=1)
    db.execute(made)
    db.execute(f'INSERT INTO "{name}__new" SELECT * FROM "{name}"')
    db.execute(f'DROP TABLE "{name}"')
    db.execute(f'ALTER TABLE "{name}__new" RENAME TO "{name}"')
    for index in indexes:
        db.execute(index)
    top = db.execute(f'SELECT coalesce(max(id), 0) FROM "{name}"').fetchone()[0]
    db.execute("DELETE FROM sqlite_sequence WHERE name = ?", (name,))
    db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (name, max(top, floor)))


def _trashed_ids(db: Database) -> dict[str, int]:
    """Return, per table, the highest id the trash holds: a new row must not take it."""
    if "trash" not in db.tables():
        return {}
    floors: dict[str, int] = {}
    for (kept,) in db.execute("SELECT rows FROM trash"):
        for table, rows in json.loads(kept).get("removed", {}).items():
            ids = [r["id"] for r in rows if isinstance(r, dict) and isinstance(r.get("id"), int)]
            floors[table] = max([floors.get(table, 0), *ids])
    return floors
