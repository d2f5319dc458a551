"""Open a database and bring its schema up to date with the numbered migrations."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from insidetrack.domain.errors import StorageError
from insidetrack.storage import SCHEMA_VERSION, rebuild
from insidetrack.storage.database import Database, open_database

# SQLite's header field that says which program a database file belongs to ("iTrk").
APPLICATION_ID = 0x6954726B
_MIGRATED: set[str] = set()  # servers this process has already brought up to date


def migrations(dialect: str = "sqlite") -> list[tuple[int, str, str]]:
    """Return the numbered migrations shipped with the package, in order, as a dialect runs them.

    Most are one file both run (PostgreSQL's through `pg_ddl`); `NNNN_name.postgresql.sql`
    beside `NNNN_name.sql` is what PostgreSQL runs instead, for what cannot be said alike
    (triggers).
    """
    folder = resources.files("insidetrack.storage.migrations")
    texts = {item.name: item for item in folder.iterdir() if item.name.endswith(".sql")}
    found = []
    for file_name, item in texts.items():
        stem = file_name.removesuffix(".sql")
        if stem[:4].isdigit() and "." not in stem:
            own = texts.get(f"{stem}.{dialect}.sql", item)
            found.append((int(stem[:4]), stem, own.read_text(encoding="utf-8")))
    return sorted(found)


def connect(location: str | Path, *, upgrade: bool = True, pooled: bool = False) -> Database:
    """Open the database (a file or a postgresql:// URL), then migrate it."""
    db = open_database(location, pooled=pooled)
    if upgrade and (db.dialect == "sqlite" or db.location not in _MIGRATED):
        try:
            _claim(db)
            migrate(db)
        except BaseException:
            db.close()
            raise
        if db.dialect != "sqlite":
            _MIGRATED.add(db.location)
    return db


def _claim(db: Database) -> None:
    """Refuse a database another program made; mark a new one (or an old one of ours) as ours."""
    if db.dialect != "sqlite":
        return  # a server database is named for us by whoever runs the server
    mark = int(db.execute("PRAGMA application_id").fetchone()[0])
    if mark == APPLICATION_ID:
        return
    tables = set(db.tables())
    if mark != 0 or (tables and "schema_migrations" not in tables):
        raise StorageError(f"{db.location} belongs to another program (it holds tables "
                           "insidetrack did not make); choose another file with --db")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def applied_versions(db: Database) -> set[int]:
    # Made only when missing: a role that may not create (a career center's app role)
    # still reads which migrations its database has.
    if db.dialect == "sqlite" or db.execute(
            "SELECT to_regclass('schema_migrations') IS NULL").fetchone()[0]:
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
    return {int(row[0]) for row in db.execute("SELECT version FROM schema_migrations")}


def migrate(db: Database, *, up_to: int | None = None) -> list[int]:
    """Apply the migrations not yet recorded, each in its own transaction."""
    with db.write():
        done = applied_versions(db)
    if max(done, default=0) > SCHEMA_VERSION:
        raise StorageError("this database was made by a newer insidetrack; upgrade first")
    applied = []
    for version, name, sql in migrations(db.dialect):
        if version in done or (up_to is not None and version > up_to):
            continue
        _apply(db, version, name, sql)
        applied.append(version)
    return applied


def _apply(db: Database, version: int, name: str, sql: str) -> None:
    if db.dialect == "sqlite" and version == rebuild.IDS_NEVER_REUSED:
        rebuild.with_foreign_keys_off(db, lambda: _run(db, version, name, sql))
    else:
        _run(db, version, name, sql)


def _run(db: Database, version: int, name: str, sql: str) -> None:
    with db.write():
        if version in applied_versions(db):  # another process got there first
            return
        db.script(sql)
        if db.dialect == "sqlite" and version == rebuild.IDS_NEVER_REUSED:
            rebuild.ids_never_reused(db)
        db.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (version, name, datetime.now(UTC).isoformat(timespec="seconds")),
        )
