"""Back up with SQLite's online backup, and restore a checked file, keeping the old one."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from insidetrack.domain.errors import ConflictError, InputError
from insidetrack.storage import SCHEMA_VERSION
from insidetrack.storage.database import SqliteDatabase


def _copy(source: sqlite3.Connection, dest: Path) -> None:
    """Copy a live database into `dest` atomically: a temp file, then a rename."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    os.close(fd)
    try:
        target = sqlite3.connect(tmp)
        with target:
            source.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
        target.close()
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def backup_to(db: SqliteDatabase, dest: Path) -> None:
    """Write a consistent copy of the open database, even while others write to it."""
    if Path(db.location).resolve() == dest.resolve():
        raise InputError("FILE", "that is the database itself; back up to another file")
    _copy(db.conn, dest)


def check_backup(path: Path) -> int:
    """Return the schema version of a backup after checking it is whole and ours."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise InputError("FILE", f"{path} is damaged (integrity check failed)")
            version = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise InputError("FILE", f"{path} is not an insidetrack backup: {exc}") from exc
    if version is None or version > SCHEMA_VERSION:
        raise InputError("FILE", f"{path} was made by another insidetrack (schema {version})")
    return int(version)


def restore_from(backup: Path, database: Path) -> Path | None:
    """Put a checked backup in place of the database; return where the old one went."""
    check_backup(backup)
    if database.exists() and database.resolve() == backup.resolve():
        raise ConflictError("that backup is the database itself")
    aside = None
    if database.exists():
        live = sqlite3.connect(database)
        live.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        live.close()
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        aside = database.with_name(f"{database.name}.before-restore-{stamp}")
        os.replace(database, aside)
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        _copy(source, database)
    finally:
        source.close()
    return aside
