"""The database handle: connection set-up, migrations, all-or-nothing writes, on both databases."""

from __future__ import annotations

import pytest

from insidetrack.domain.errors import ConflictError, StorageError
from insidetrack.storage import bulk, db
from insidetrack.storage.database import BUSY_TIMEOUT_MS


@pytest.fixture
def blank(backend, request, tmp_path):
    """A database with nothing in it, not even the schema."""
    if backend == "sqlite":
        return tmp_path / "blank.db"
    return request.getfixturevalue("postgres").new_database(migrated=False)


def test_sqlite_connection_setup(sqlite_path):
    conn = db.connect(sqlite_path).conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS


def test_migrations_are_applied_once_and_recorded(blank):
    conn = db.connect(blank)
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY 1")]
    assert versions == [v for v, _, _ in db.migrations()]
    assert db.migrate(conn) == []
    conn.close()
    assert db.migrate(db.connect(blank, upgrade=False)) == []


def test_migrations_are_numbered_without_gaps():
    versions = [v for v, _, _ in db.migrations()]
    assert versions == list(range(1, len(versions) + 1))


def test_each_migration_upgrades_a_database_of_the_previous_version(blank):
    """Stop at every version, put data in, and upgrade: nothing is lost."""
    conn = db.connect(blank, upgrade=False)
    for version, _, _ in db.migrations():
        db.migrate(conn, up_to=version)
        conn.execute("INSERT INTO employers (name, name_key) VALUES (?, ?)",
                     (f"Employer {version}", f"employer {version}"))
    db.migrate(conn)
    names = [r[0] for r in conn.execute("SELECT name FROM employers ORDER BY id")]
    assert names == [f"Employer {v}" for v, _, _ in db.migrations()]


def test_a_database_from_a_newer_version_is_refused(blank):
    conn = db.connect(blank)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')")
    conn.close()
    db._MIGRATED.clear()  # a new process would look again
    with pytest.raises(StorageError, match="newer insidetrack"):
        db.connect(blank)


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_text("this is a shopping list, not a database\n" * 100)
    with pytest.raises(StorageError, match="file is not a database"):
        db.connect(junk)
    assert junk.read_text().startswith("this is a shopping list")


def test_a_server_that_is_not_there_is_one_clear_error():
    with pytest.raises(StorageError, match="cannot reach the database at "
                       r"postgresql://dana:\*\*\*@127.0.0.1:1/x"):
        db.connect("postgresql://dana:secret@127.0.0.1:1/x")


def test_write_is_all_or_nothing(db_path):
    conn = db.connect(db_path)
    with pytest.raises(RuntimeError), conn.write():
        conn.execute("INSERT INTO employers (name, name_key) VALUES ('A', 'a')")
        raise RuntimeError("crash in the middle")
    assert conn.execute("SELECT COUNT(*) FROM employers").fetchone()[0] == 0


def test_a_write_inside_a_write_is_part_of_it(db_path):
    """A use case made of others (accepting an invitation logs an interview) is one
    transaction: when the outer part fails, the inner part is not kept either."""
    conn = db.connect(db_path)
    with pytest.raises(RuntimeError), conn.write():
        with conn.write():
            conn.execute("INSERT INTO employers (name, name_key) VALUES ('A', 'a')")
        raise RuntimeError("crash after the inner write")
    assert conn.execute("SELECT COUNT(*) FROM employers").fetchone()[0] == 0
    with conn.write():
        conn.execute("INSERT INTO employers (name, name_key) VALUES ('B', 'b')")
    assert conn.execute("SELECT COUNT(*) FROM employers").fetchone()[0] == 1


def test_a_bulk_load_keeps_every_value_and_is_all_or_nothing(db_path):
    """Rows loaded at once (COPY on PostgreSQL) come back as they went in, and a row that
    breaks a rule takes the whole write with it."""
    conn = db.connect(db_path)
    names = ["Tab\there", "Line\nbreak", "Back\\slash \\N", "Ærø", "\\."]
    rows = [(n, name, f"k{n}", 1, 0) for n, name in enumerate(names, start=1)]
    with conn.write():
        bulk.insert(conn, "employers", rows)
    assert [tuple(r) for r in conn.execute(
        "SELECT id, name, name_key, traditionalist, high_tech FROM employers ORDER BY id")] == rows
    with pytest.raises(ConflictError, match="does not hold together"), conn.write():
        bulk.insert(conn, "employers", [(9, "New", "k9", 0, 0)])
        bulk.insert(conn, "contacts", [(1, 9, "Jane", "interviewer", "", ""),
                                       (2, 42, "Nobody's", "interviewer", "", "")])
    assert conn.execute("SELECT COUNT(*) FROM employers").fetchone()[0] == len(names)
    assert conn.execute("SELECT COUNT(*) FROM contacts").fetchone()[0] == 0


def test_foreign_keys_are_enforced(db_path):
    conn = db.connect(db_path)
    with pytest.raises(ConflictError, match="does not hold together"):
        conn.execute("INSERT INTO openings (employer_id, job_title, status) VALUES (42, 'x', 'applied')")


def test_text_sorts_by_code_point_on_both(db_path):
    conn = db.connect(db_path)
    for n, name in enumerate(["b", "B", "a", "É", "_"]):
        conn.execute("INSERT INTO employers (name, name_key) VALUES (?, ?)", (name, str(n)))
    assert [r[0] for r in conn.execute("SELECT name FROM employers ORDER BY name")] == \
        ["B", "_", "a", "b", "É"]


def test_today_reads_a_covering_index(sqlite_path):
    from insidetrack.storage.agenda import _COLUMNS, _SQL

    conn = db.connect(sqlite_path)
    plan = " ".join(r[3] for r in conn.execute(
        "EXPLAIN QUERY PLAN " + _SQL.format(columns=_COLUMNS), ("", "x")
    ))
    assert "COVERING INDEX steps_agenda" in plan


def test_schema_version_names_the_newest_migration():
    from insidetrack.storage import SCHEMA_VERSION

    assert max(v for v, _, _ in db.migrations()) == SCHEMA_VERSION


def test_another_programs_database_is_refused_and_left_alone(tmp_path):
    import sqlite3

    notes = tmp_path / "notes-app.db"
    with sqlite3.connect(notes) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.execute("INSERT INTO notes (text) VALUES ('buy milk')")
    conn.close()
    with pytest.raises(StorageError, match="belongs to another program"):
        db.connect(notes)
    with sqlite3.connect(notes) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert tables == ["notes"]


def test_our_databases_are_marked_and_older_ones_accepted(tmp_path):
    import sqlite3

    fresh = db.connect(tmp_path / "new.db")
    assert fresh.execute("PRAGMA application_id").fetchone()[0] == db.APPLICATION_ID
    older = tmp_path / "older.db"  # made before databases were marked: id 0, our tables
    conn = db.connect(older)
    conn.execute("PRAGMA application_id = 0")
    conn.close()
    assert db.connect(older).execute("PRAGMA application_id").fetchone()[0] == db.APPLICATION_ID
    with sqlite3.connect(tmp_path / "other.db") as other:
        other.execute("PRAGMA application_id = 1234")
    with pytest.raises(StorageError, match="another program"):
        db.connect(tmp_path / "other.db")


def test_the_web_app_s_first_requests_at_once_share_one_pool(postgres):
    """Several requests arriving together on a new server (a wrk run, a browser's parallel
    loads) each open a pooled connection; each must go back to the pool it came from."""
    import threading

    from insidetrack.storage.database import close_pool, open_database

    url = postgres.new_database()
    start, failures = threading.Barrier(8), []

    def request() -> None:
        start.wait()
        try:
            handle = open_database(url, pooled=True)
            handle.execute("SELECT 1")
            handle.close()
        except Exception as exc:  # what the web app's user would have got as a dropped page
            failures.append(exc)

    try:
        threads = [threading.Thread(target=request) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        close_pool(url)
    assert failures == []
