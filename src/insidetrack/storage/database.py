"""One database handle over SQLite or PostgreSQL: the only place that knows a driver.

Everything in `storage/` writes its SQL once, with `?` placeholders, in the subset both
databases run the same way; this module turns it into each driver's calls and each
driver's errors into insidetrack's.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from insidetrack.domain.errors import ConflictError, NoSuchRecord, StorageError
from insidetrack.storage.locations import is_url

BUSY_TIMEOUT_MS = 10_000
# Writers take turns, as SQLite's BEGIN IMMEDIATE makes them: one lock for the database
# (on a career center's, one per job seeker: PostgresDatabase._begin).
WRITE_LOCK = 0x1D5E7  # any number; the same in every insidetrack process


def _failure(exc: Exception) -> Exception:
    """Turn a driver's error into insidetrack's: a conflict in the data, or the database."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, sqlite3.IntegrityError) or type(exc).__name__ in _INTEGRITY:
        return ConflictError(f"the data does not hold together: {text}")
    if type(exc).__name__ == "InsufficientPrivilege":
        return StorageError(f"database: {text} (the role in the --db URL may not do this; "
                            "a career center's org commands take its owner's URL)")
    return StorageError(f"database: {text}")


_INTEGRITY = {"IntegrityError", "UniqueViolation", "ForeignKeyViolation", "CheckViolation",
              "NotNullViolation"}


class Database:
    """What storage needs of a database; see SqliteDatabase and PostgresDatabase."""

    dialect: str
    location: str
    _writing = False  # inside write(): a nested write joins the transaction
    per_seeker = False  # bound to one job seeker of a center's database (storage/org.py)
    seeker: int | None = None  # that job seeker's id

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def unset_when_returned(self, *settings: str) -> None:
        """Undo settings of this connection's session, and any role it took on, when it
        goes back to a pool."""

    def unique(self, *columns: str) -> str:
        """Name the columns of a key that is unique per job seeker in a center's database
        (an upsert's conflict target must match the key exactly)."""
        return ", ".join(("seeker_id", *columns) if self.per_seeker else columns)

    def copy(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Insert many rows into a table's columns at once, inside the caller's transaction."""
        self.executemany(f"INSERT INTO {table} ({', '.join(columns)})"
                         f" VALUES ({', '.join('?' * len(columns))})", rows)

    def script(self, sql: str) -> None:
        """Run several statements at once (a migration)."""
        raise NotImplementedError

    def insert(self, sql: str, params: Sequence[Any]) -> int:
        """Run an INSERT and return the id of the new row."""
        return int(self.execute(f"{sql} RETURNING id", params).fetchone()[0])

    @contextmanager
    def write(self) -> Iterator[Database]:
        """Run a block as one transaction that no other writer interleaves with; a write
        inside another is part of the outer one (all of it or nothing)."""
        if self._writing:
            yield self
            return
        self._begin()
        self._writing = True
        try:
            yield self
        except BaseException:
            self._writing = False
            self.execute("ROLLBACK")
            raise
        self._writing = False
        self.execute("COMMIT")

    def _begin(self) -> None:
        raise NotImplementedError

    def tables(self) -> list[str]:
        raise NotImplementedError

    def columns(self, table: str) -> list[str]:
        raise NotImplementedError

    def ids_taken(self, tables: Iterable[str]) -> None:
        """Say that rows were inserted with ids of our choosing (PostgreSQL counts on)."""

    def loaded(self, tables: Iterable[str]) -> None:
        """Say that these tables were just filled in bulk (PostgreSQL then counts them).

        Ours: SQLite plans the app's queries well without statistics, so it does nothing.
        """

    def settle(self, tables: Iterable[str]) -> None:
        """Tidy tables filled in bulk, outside any transaction (PostgreSQL vacuums them)."""

    def close(self) -> None:
        raise NotImplementedError


class Repository:
    """A repository over one database handle, with the two lookups every one of them needs."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _one(self, sql: str, params: Iterable[object], what: str) -> Any:
        """Return the one row a query finds by its id (the first parameter), or say that no
        `what` ("step") has that number."""
        params = tuple(params)
        row = self.db.execute(sql, params).fetchone()
        if row is None:
            raise NoSuchRecord(what, params[0])
        return row

    def _insert(self, sql: str, params: Iterable[object]) -> int:
        return self.db.insert(sql, tuple(params))


class SqliteDatabase(Database):
    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.location = str(path)
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
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.conn.execute(sql, params)
        except OverflowError:  # an id larger than any SQLite integer names nothing here
            return self.conn.execute("SELECT 1 WHERE 0")
        except sqlite3.Error as exc:
            raise _failure(exc) from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            self.conn.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise _failure(exc) from exc

    def script(self, sql: str) -> None:
        # executescript() would commit the caller's transaction first, so run the statements
        # one by one, split where SQLite itself says a statement is complete.
        for statement in _statements(sql):
            self.execute(statement)

    def _begin(self) -> None:
        self.execute("BEGIN IMMEDIATE")

    def tables(self) -> list[str]:
        rows = self.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                            " AND name NOT LIKE 'sqlite_%' ORDER BY name")
        return [r[0] for r in rows]

    def columns(self, table: str) -> list[str]:
        return [r[1] for r in self.execute(f"PRAGMA table_info({table})")]

    def close(self) -> None:
        self.conn.close()


def _statements(sql: str) -> Iterator[str]:
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip():
                yield pending
            pending = ""
    if pending.strip() and not all(
            ln.strip().startswith("--") or not ln.strip() for ln in pending.splitlines()):
        yield pending


class Row(tuple):  # type: ignore[type-arg]
    """A PostgreSQL row read by position or by column name, as sqlite3.Row is."""

    _index: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor: Any) -> Any:
    names = [c.name for c in cursor.description or ()]
    row_type = type("Row", (Row,), {"_index": {n: i for i, n in enumerate(names)}})
    return lambda values: row_type(values)


@lru_cache(maxsize=512)
def _pg_sql(sql: str) -> str:
    """Turn `?` placeholders into psycopg's `%s` (and a literal % into %%)."""
    return sql.replace("%", "%%").replace("?", "%s")


# What the shared migrations say in SQLite's words, said in PostgreSQL's.
_PG_DDL = (
    # SQLite's AUTOINCREMENT (never reuse an id) is what an identity column does anyway.
    (re.compile(r"\bid INTEGER PRIMARY KEY AUTOINCREMENT\b"),
     "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bid INTEGER PRIMARY KEY\b"), "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    # Text sorts by code point, as in SQLite, whatever the server's locale.
    (re.compile(r"\bTEXT\b"), 'TEXT COLLATE "C"'),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"lower\(hex\(randomblob\((\d+)\)\)\)"), r"substr(md5(random()::text), 1, 2 * \1)"),
)


def pg_ddl(sql: str) -> str:
    for pattern, replacement in _PG_DDL:
        sql = pattern.sub(replacement, sql)
    return sql


_POOLS: dict[str, Any] = {}
# Pooled connections a setting was made on (a center's seeker), and the setting's name.
_SETTINGS: weakref.WeakKeyDictionary[Any, tuple[str, ...]] = weakref.WeakKeyDictionary()
_POOLS_LOCK = threading.Lock()  # the web app's first requests come on several threads at once


def _forget_pools() -> None:
    """In a forked child, forget the parent's pools: their connections and threads are the
    parent's, and two processes talking on one connection garble it."""
    global _POOLS_LOCK
    _POOLS.clear()
    _POOLS_LOCK = threading.Lock()


os.register_at_fork(after_in_child=_forget_pools)


def _pool(url: str) -> Any:
    """Return this process's pool of connections to a server (the web app's workers share it)."""
    with _POOLS_LOCK:
        if url not in _POOLS:
            from psycopg_pool import ConnectionPool

            _POOLS[url] = ConnectionPool(url, min_size=1, max_size=8, open=True,
                                         kwargs={"autocommit": True}, name="insidetrack",
                                         reset=_unset)
        return _POOLS[url]


def _unset(conn: Any) -> None:
    """Undo the setting a connection was bound with as it goes back to its pool: the next
    request on it reads nothing until bound again (a query that needs it fails). Should
    this fail, the pool drops the connection."""
    settings = _SETTINGS.pop(conn, None)
    if settings is not None:  # one round trip (statements without parameters)
        conn.execute("; ".join(["RESET ROLE", *(f"RESET {name}" for name in settings)]))


class PostgresDatabase(Database):
    dialect = "postgresql"

    def __init__(self, url: str, *, pooled: bool = False) -> None:
        import psycopg

        self.location = url
        self._pooled = pooled
        try:
            if pooled:
                self._pool = _pool(url)  # given back to the pool it came from
                self.conn = self._pool.getconn()
            else:
                self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except Exception as exc:  # psycopg.Error, or the pool's timeout
            raise StorageError(f"cannot reach the database at {shown(url)}: "
                               f"{str(exc).strip().splitlines()[0]}") from exc
        self.conn.row_factory = _row_factory
        self._errors = psycopg.Error

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.conn.execute(_pg_sql(sql), tuple(params))
        except self._errors as exc:
            raise _failure(exc) from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            with self.conn.cursor() as cur:
                cur.executemany(_pg_sql(sql), [tuple(r) for r in rows])
        except self._errors as exc:
            raise _failure(exc) from exc

    def unset_when_returned(self, *settings: str) -> None:
        if self._pooled:
            _SETTINGS[self.conn] = settings

    def copy(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Load the rows with COPY ... FROM STDIN: one stream, not a statement per row."""
        if self.per_seeker:  # PostgreSQL refuses COPY FROM under row-level security
            super().copy(table, columns, rows)
            return
        pending = iter(rows)
        first = next(pending, None)
        if first is None:
            return
        try:
            with self.conn.cursor() as cur, cur.copy(
                    f"COPY {table} ({', '.join(columns)}) FROM STDIN") as stream:
                stream.write_row(first)
                for row in pending:
                    stream.write_row(row)
        except self._errors as exc:
            raise _failure(exc) from exc

    def script(self, sql: str) -> None:
        try:
            self.conn.execute(pg_ddl(sql).encode())  # no parameters: run as written
        except self._errors as exc:
            raise _failure(exc) from exc

    def _begin(self) -> None:
        """Begin a transaction that waits for the writer before it: the database's one, or
        on a connection bound to a job seeker, that seeker's (two seekers' writes touch
        none of the same rows, so neither waits for the other)."""
        self.execute("BEGIN")
        try:
            if self.seeker is None:
                self.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
            else:  # the two-key form: a lock apart from the one-key WRITE_LOCK
                self.execute("SELECT pg_advisory_xact_lock(?::integer, ?::integer)",
                             (WRITE_LOCK, self.seeker % 2**31))
        except BaseException:  # a lock not had (a timeout): leave no transaction open
            self.execute("ROLLBACK")
            raise

    def tables(self) -> list[str]:
        rows = self.execute("SELECT table_name FROM information_schema.tables"
                            " WHERE table_schema = current_schema() ORDER BY table_name")
        return [r[0] for r in rows]

    def columns(self, table: str) -> list[str]:
        rows = self.execute("SELECT column_name FROM information_schema.columns"
                            " WHERE table_schema = current_schema() AND table_name = ?"
                            " ORDER BY ordinal_position", (table,))
        return [r[0] for r in rows]

    def ids_taken(self, tables: Iterable[str]) -> None:
        for table in tables:
            self.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                         f" GREATEST((SELECT MAX(id) FROM {table}), 1),"
                         f" (SELECT MAX(id) FROM {table}) IS NOT NULL)")

    def loaded(self, tables: Iterable[str]) -> None:
        """Gather the planner's statistics now, not when autovacuum comes by: without them a
        freshly loaded database answered the Today page in 6 to 10 s instead of 0.1 s."""
        for table in tables:
            self.execute(f"ANALYZE {table}")

    def settle(self, tables: Iterable[str]) -> None:
        """Vacuum now, not when autovacuum comes by (up to a minute or more later): until a
        table is vacuumed, an index cannot answer alone (nothing marks its rows visible to
        all), and the calendar feed's check read every step, 14 ms instead of 4.5 at 10,000
        interviews."""
        names = ", ".join(tables)
        if names:
            self.execute(f"VACUUM (ANALYZE) {names}")

    def close(self) -> None:
        self.per_seeker, self.seeker = False, None  # a pooled connection is bound afresh
        if self._pooled:
            self._pool.putconn(self.conn)
        else:
            self.conn.close()


def shown(url: str) -> str:
    """Return a location without a URL's password, to show in a message."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


def open_database(location: str | Path, *, pooled: bool = False) -> Database:
    """Open the database a location names: a PostgreSQL URL, else a SQLite file."""
    if is_url(location):
        return PostgresDatabase(str(location), pooled=pooled)
    return SqliteDatabase(Path(location))


def close_pool(url: str) -> None:
    """Close this process's connections to a server, if it has any."""
    pool = _POOLS.pop(url, None)
    if pool is not None:
        pool.close()
