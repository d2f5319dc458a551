"""Open the SQLite database and bring its schema up to date."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from insidetrack.domain.errors import StorageError
from insidetrack.storage import SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000


def migrations() -> list[tuple[int, str, str]]:
    """Return the numbered migrations shipped with the package, in order."""
    folder = resources.files("insidetrack.storage.migrations")
    found = []
    for item in folder.iterdir():
        stem = item.name.removesuffix(".sql")
        if item.name.endswith(".sql") and stem[:4].isdigit():
            found.append((int(stem[:4]), stem, item.read_text(encoding="utf-8")))
    return sorted(found)


def connect(path: Path, *, upgrade: bool = True) -> sqlite3.Connection:
    """Open a database with WAL, foreign keys and a busy timeout, then migrate it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # One connection serves one command or one web request, which may hop threads.
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
    except (sqlite3.Error, OSError) as exc:
        raise StorageError(f"cannot open the database at {path}: {exc}") from exc
    if upgrade:
        migrate(conn)
    return conn


@contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run a block as one BEGIN IMMEDIATE transaction: all of it or nothing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}


def migrate(conn: sqlite3.Connection, *, up_to: int | None = None) -> list[int]:
    """Apply the migrations not yet recorded, each in its own transaction."""
    try:
        with write(conn):
            done = applied_versions(conn)
        newer = max(done, default=0) > SCHEMA_VERSION
        if newer:
            raise StorageError("this database was made by a newer insidetrack; upgrade first")
        applied = []
        for version, name, sql in migrations():
            if version in done or (up_to is not None and version > up_to):
                continue
            _apply(conn, version, name, sql)
            applied.append(version)
        return applied
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"the database cannot be used: {exc}") from exc


def _apply(conn: sqlite3.Connection, version: int, name: str, sql: str) -> None:
    code = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    statements = [s for s in code.split(";") if s.strip()]
    with write(conn):
        if version in applied_versions(conn):
            return
        for statement in statements:
            conn.execute(statement)
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (version, name, datetime.now(UTC).isoformat(timespec="seconds")),
        )
