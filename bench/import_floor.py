"""What the database alone takes to store what `import csv` stores: the floor under the
import's time, which no change to insidetrack's Python can go below.

Usage: python bench/import_floor.py [--rows 100000] [--runs 3] [--postgresql]

A generated spreadsheet (bench/import_csv.py's) is imported once with `insidetrack import
csv`; then, each run, every row that import stored is written again into a new, migrated
database of the same kind, by the database driver alone, from rows already in memory, in
one transaction, the way the import writes them (SQLite: `executemany` with the steps'
secondary indexes dropped and built again at the end, as `Steps.loading` does, foreign
keys checked; PostgreSQL: COPY). Its time is compared with whole imports run alternately
with it, so both meet the same load on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from import_csv import sheet

HERE = Path(__file__).parent
# The tables an import writes, parents first (the foreign keys hold at every row).
TABLES = ("employers", "openings", "contacts", "interviews", "interview_interviewers",
          "touchpoints", "steps")
Rows = dict[str, tuple[list[str], list[tuple[Any, ...]]]]


def _insidetrack(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "insidetrack", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _stored(db: Path) -> Rows:
    """Return every row the import stored, by table, with its columns."""
    conn = sqlite3.connect(db)
    found: Rows = {}
    for table in TABLES:
        cursor = conn.execute(f"SELECT * FROM {table}")  # noqa: S608 (our own names)
        found[table] = ([d[0] for d in cursor.description], cursor.fetchall())
    conn.close()
    return found


def _sqlite_write(path: str, rows: Rows) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "foreign_keys = ON", "synchronous = NORMAL"):
        conn.execute(f"PRAGMA {pragma}")
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                           "tbl_name = 'steps' AND sql IS NOT NULL").fetchall()
    for name, _ in indexes:
        conn.execute(f"DROP INDEX {name}")
    for table, (columns, values) in rows.items():
        conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
                         f"VALUES ({', '.join('?' * len(columns))})", values)
    for _, sql in indexes:
        conn.execute(sql)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def _postgresql_write(url: str, rows: Rows) -> float:
    import psycopg

    with psycopg.connect(url) as conn:
        started = time.perf_counter()
        with conn.transaction(), conn.cursor() as cursor:
            for table, (columns, values) in rows.items():
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for value in values:
                        copy.write_row(value)
        return time.perf_counter() - started


def _targets(postgresql: bool, folder: Path) -> tuple[Callable[[str], str], Callable[[], None]]:
    """Return how to make a new, migrated database, and how to stop its server."""
    if postgresql:
        sys.path.insert(0, str(HERE.parent / "tests"))
        import pg

        server = pg.Server()
        return (lambda name: server.new_database()), server.stop
    empty = folder / "empty.db"
    _insidetrack(["--db", str(empty), "today"], {**os.environ, "TZ": "UTC"})

    def copy(name: str) -> str:
        target = folder / f"{name}.db"
        target.write_bytes(empty.read_bytes())
        return str(target)

    return copy, lambda: None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgresql", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet(folder / "sheet.csv", args.rows)
        env = {**os.environ, "INSIDETRACK_CONFIG": str(folder / "config.toml"), "TZ": "UTC"}
        source = folder / "imported.db"
        _insidetrack(["--db", str(source), "import", "csv", str(folder / "sheet.csv")], env)
        rows = _stored(source)
        new, stop = _targets(args.postgresql, folder)
        write = _postgresql_write if args.postgresql else _sqlite_write
        floors, imports = [], []
        try:
            for run in range(args.runs):
                floors.append(write(new(f"floor{run}"), rows))
                imports.append(_insidetrack(["--db", new(f"import{run}"), "import", "csv",
                                             str(folder / "sheet.csv")], env))
        finally:
            stop()
    _report(args, rows, floors, imports)


def _report(args: argparse.Namespace, rows: Rows, floors: list[float],
            imports: list[float]) -> None:
    database = "PostgreSQL" if args.postgresql else "SQLite"
    counts = ", ".join(f"{len(v):,} {t}" for t, (_, v) in rows.items())
    print(f"{args.rows:,} rows imported store {counts}")
    for label, times in (("the database alone", floors), ("import csv", imports)):
        print(f"{database}, {label}: median {statistics.median(times):.1f} s "
              f"(runs: {', '.join(f'{t:.1f}' for t in times)})")
    print("goal for the whole import: < 5 s")


if __name__ == "__main__":
    main()
