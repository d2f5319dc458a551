"""A database made by the first schema, with real-looking data, upgrades without loss."""

from __future__ import annotations

import pytest

from dbs import query
from insidetrack.storage import SCHEMA_VERSION, db

V1_DATA = """
INSERT INTO profile VALUES (1, 'Dana Whitfield', 'dana@example.com', '+1 555 0100',
  '12 Elm Street', 'Sales', 6, 'autos', 0);
INSERT INTO employers VALUES (1, 'Café Élan Group', 'café élan group', '8 Market St',
  '+1 555 0160', '', 1, 0);
INSERT INTO contacts VALUES (1, 1, 'Zoë Martin', 'interviewer', 'zoe@cafe.example', '');
INSERT INTO openings VALUES (1, 1, 'Regional Sales Lead', 'Wholesale', 'post', 0, 'waiting');
INSERT INTO interviews VALUES (1, 1, '2026-11-10T15:00:00+00:00', 60, 1, 0, 0, NULL);
INSERT INTO interview_interviewers VALUES (1, 1, 0);
INSERT INTO interview_notes VALUES (1, 1, 'topic', 'opening five new cafés');
INSERT INTO interview_notes VALUES (2, 1, 'problem', 'supplier turnover');
INSERT INTO reference_people VALUES (1, 'Alan Reyes', '+1 555 0199', '', 'former director',
  '2026-11-11T17:00:00+00:00');
INSERT INTO reference_links VALUES (1, 1);
INSERT INTO steps VALUES (1, 1, 'thank-you:1', 'thank-you', 'letter',
  '2026-11-11T16:00:00+00:00', 'done', 1, 0, 'Zoë Martin', 1, NULL, 0, 0,
  '2026-11-10T22:00:00+00:00');
INSERT INTO steps VALUES (2, 1, 'follow-up:2', 'follow-up', 'letter',
  '2026-11-17T14:00:00+00:00', 'pending', 2, 0, 'Zoë Martin', 1, NULL, 0, 0, NULL);
INSERT INTO touchpoints VALUES (1, 1, 1, 1, 'letter-sent', 'letter', '',
  '2026-11-10T22:00:00+00:00', 'mailed');
INSERT INTO facts VALUES (1, 1, 'I won the regional award', NULL);
INSERT INTO clippings VALUES (1, 1, 'Cafés court offices again', 'https://news.example/c', NULL);
"""


@pytest.fixture
def blank(backend, request, tmp_path):
    if backend == "sqlite":
        return tmp_path / "insidetrack.db"
    return request.getfixturevalue("postgres").new_database(migrated=False)


@pytest.fixture
def run_blank(blank):
    from conftest import Cli

    return Cli(blank)


def test_first_schema_with_data_upgrades_through_every_migration(blank, run_blank):
    db_path, run = blank, run_blank
    conn = db.connect(db_path, upgrade=False)
    db.migrate(conn, up_to=1)
    with conn.write():
        conn.script(V1_DATA)
        conn.ids_taken(["employers", "contacts", "openings", "interviews", "interview_notes",
                        "reference_people", "steps", "touchpoints", "facts", "clippings"])
    conn.close()

    conn = db.connect(db_path)  # every later migration runs here
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY 1")]
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    if conn.dialect == "sqlite":
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()

    shown = run.json("interview", "show", "1")
    assert shown["employer"]["name"] == "Café Élan Group"
    assert shown["interviewers"][0]["name"] == "Zoë Martin"
    assert shown["notes"]["topics"] == ["opening five new cafés"]
    assert shown["touchpoints"][0]["note"] == "mailed"
    assert shown["facts"] == [{"id": 1, "text": "I won the regional award", "used": False,
                               "used_at": None}]
    steps = {s["id"]: s for s in shown["steps"]}
    assert steps[1]["status"] == "done" and steps[2]["status"] == "pending"
    assert run.json("reference", "list")[0]["last_prepared"] == "2026-11-11T12:00:00-05:00"
    assert run.ok("draft", "2").startswith("Dana Whitfield\n12 Elm Street")
    run.ok("log", "1", "reply", "--at", "2026-11-20 10:00")
    assert any(s["kind"] == "call" for s in run.json("plan", "1")["steps"])
    assert query(db_path, "SELECT COUNT(*) FROM steps")[0][0] > 2
    upgraded = run.json("contact", "list")[0]
    assert (upgraded["title"], upgraded["salutation"]) == ("", "")
    run.ok("contact", "set", "1", "--title", "ms")
    assert "\nDear Ms. Martin:\n" in run.ok("draft", "2")
    # 0011: a clipping from before is an article; a new one can be a cartoon.
    assert [k["kind"] for k in run.json("interview", "show", "1")["clippings"]] == ["article"]
    run.ok("clipping", "add", "1", "--title", "Cafe queues, drawn", "--kind", "cartoon")
    kinds = {k["title"]: k["kind"] for k in run.json("interview", "show", "1")["clippings"]}
    assert kinds == {"Cafés court offices again": "article", "Cafe queues, drawn": "cartoon"}
    # 0012: an opening from before is an application with no link or salary, not archived.
    old = run.json("application", "show", "1")
    assert (old["link"], old["salary"], old["archived"], old["interviews"]) == ("", "", False, [1])
    assert run.json("application", "edit", "1", "--salary", "$70k")["salary"] == "$70k"


def test_the_clipping_kind_survives_an_export_and_an_import(run, backend, request, tmp_path):
    from conftest import Cli, new_database
    from test_cli import PROFILE

    run.ok(*PROFILE)
    run.ok("interview", "add", "--employer", "Acme", "--job-title", "Rep", "--at",
           "2026-11-18 10:00", "--topic", "pricing")
    run.ok("clipping", "add", "1", "--title", "Pricing, drawn", "--kind", "cartoon")
    run.ok("clipping", "add", "1", "--title", "Prices rise again")
    before = run.json("interview", "show", "1")["clippings"]
    assert [k["kind"] for k in before] == ["cartoon", "article"]
    saved = tmp_path / "export.json"
    run.ok("export", "json", "--out", str(saved))
    again = Cli(new_database(backend, request, tmp_path, "again.db"))
    again.ok("import", "json", str(saved))
    assert again.json("interview", "show", "1")["clippings"] == before


def test_sqlite_ids_are_never_handed_out_twice_after_the_upgrade(tmp_path):
    """Migration 0014 rebuilds SQLite's tables with AUTOINCREMENT and keeps every row."""
    import json

    import dbs
    from conftest import Cli
    from insidetrack.storage import tables

    made = tmp_path / "made.db"
    Cli(made).ok("demo")
    rows = dbs.dump(made)
    old = tmp_path / "insidetrack.db"  # the same data in a database as 0013 left it
    conn = db.connect(old, upgrade=False)
    db.migrate(conn, up_to=13)
    with conn.write():
        tables.clear(conn, tables.table_names(conn))
        for table in tables.table_names(conn):
            tables.write_rows(conn, table, rows.get(table, []))
        conn.execute("INSERT INTO trash (deleted_at, what, rows) VALUES (?, ?, ?)",
                     ("2026-11-20T10:00:00+00:00", "an interview deleted long ago",
                      json.dumps({"removed": {"interviews": [{"id": 40}]}, "changed": {}})))
    conn.close()

    run = Cli(old)  # the upgrade runs here
    assert run.json("interview", "list") == Cli(made).json("interview", "list")
    assert {t: r for t, r in dbs.dump(old).items() if t != "trash"} == {
        t: r for t, r in rows.items() if t != "trash"}
    added = run.json("interview", "add", "--employer", "Acme Motors", "--job-title",
                     "Sales Manager", "--at", "2026-11-24 10:00")
    assert added["id"] == 41  # above the one in the trash, not 7
    run.ok("interview", "delete", "41", "--yes")
    again = run.json("interview", "add", "--employer", "Acme Motors", "--job-title",
                     "Sales Manager", "--at", "2026-11-24 10:00")
    assert again["id"] == 42
    conn = db.connect(old)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    conn.close()


def test_every_sqlite_table_with_an_id_never_hands_it_out_twice(tmp_path):
    """A table a later migration adds says AUTOINCREMENT too (see migration 0014)."""
    conn = db.connect(tmp_path / "insidetrack.db")
    made = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    conn.close()
    plain = [name for name, sql in made
             if "id" in _columns(sql) and "AUTOINCREMENT" not in sql.upper()
             and "CHECK (id = 1)" not in sql and name != "schema_migrations"]
    assert plain == [], "write `id INTEGER PRIMARY KEY AUTOINCREMENT` in these tables"


def _columns(sql: str) -> list[str]:
    body = sql[sql.index("(") + 1:]
    return [part.split()[0].strip('"') for part in body.split(",\n") if part.strip()]


def test_an_export_of_the_first_schema_imports_into_this_one(run, tmp_path):
    """A JSON export or PostgreSQL backup made by an older insidetrack is not lost: its rows
    go through the same migrations as that user's database would."""
    import json

    from insidetrack.storage.tables import read_rows, table_names

    old = db.connect(tmp_path / "first.db", upgrade=False)
    db.migrate(old, up_to=1)
    with old.write():
        old.script(V1_DATA)
    tables = {t: read_rows(old, t) for t in table_names(old)}
    old.close()
    export = tmp_path / "first-schema.json"
    export.write_text(json.dumps({"format": "insidetrack-export", "schema": 1, "tables": tables}))

    run.ok("import", "json", str(export))
    shown = run.json("interview", "show", "1")
    assert shown["employer"]["name"] == "Café Élan Group"
    assert shown["interviewers"][0]["name"] == "Zoë Martin"
    assert shown["facts"][0]["text"] == "I won the regional award"
    assert [k["kind"] for k in shown["clippings"]] == ["article"]  # 0011's default
    assert {s["id"]: s["status"] for s in shown["steps"]}[1] == "done"
    again = json.loads(run.ok("export", "json"))
    assert again["schema"] == SCHEMA_VERSION


def test_an_export_from_a_newer_insidetrack_is_refused_and_nothing_written(run, tmp_path):
    export = tmp_path / "newer.json"
    export.write_text(f'{{"format": "insidetrack-export", "schema": {SCHEMA_VERSION + 1},'
                      ' "tables": {}}')
    result = run("import", "json", str(export))
    assert result.exit_code == 2
    assert "made by a newer insidetrack" in result.stderr
    assert run.json("interview", "list") == []
