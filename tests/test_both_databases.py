"""The same scenario on SQLite and on PostgreSQL prints byte for byte the same thing."""

from __future__ import annotations

import re

import pytest

from conftest import Cli

READS = [
    ("today", "--json"), ("today", "--date", "2026-12-15", "--json"), ("interview", "list", "--json"),
    ("plan", "1", "--json"), ("plan", "4", "--json"), ("advise", "1", "--json"),
    ("advise", "3", "--json"), ("interview", "show", "2", "--json"), ("reference", "list", "--json"),
    ("employer", "list", "--json"), ("contact", "list", "--json"), ("outbox", "--json"),
    ("export", "json"), ("export", "csv"),
]
WRITES = [
    ("done", "1", "--at", "2026-11-25 09:00", "--note", "mailed it"),
    ("log", "2", "reply", "--at", "2026-11-24 16:00", "--note", "Zoë wrote back"),
    ("log", "3", "decision", "--outcome", "rejected"),
    ("interview", "add", "--employer", "Café Élan", "--job-title", "Sales Engineer [remote]",
     "--at", "2026-11-24 10:00", "--interviewer", "Zoë Martin <zoe@cafe.example>",
     "--interviewer", "王小明"),
    ("fact", "add", "1", "I closed the Hartwell account last week"),
    ("config", "set", "plan.max_letters", "4"),
]


def _instance_masked(text: str) -> str:
    # Each database has its own random name for calendar UIDs (two SQLite files do too).
    return re.sub(r'("key": "instance",\s*"value": )"[0-9a-f]+"', r'\1"…"', text)


def _transcript(run: Cli) -> list[tuple[tuple[str, ...], int, str]]:
    run.ok("demo")
    seen = []
    for args in [*READS, *WRITES, *READS]:
        result = run(*args)
        seen.append((args, result.exit_code, _instance_masked(result.output)))
    return seen


def test_sqlite_and_postgresql_print_the_same(tmp_path, postgres, monkeypatch):
    sqlite = _transcript(Cli(tmp_path / "insidetrack.db"))
    # The settings file is shared by both runs: start the second from the same defaults.
    (tmp_path / "config.toml").unlink(missing_ok=True)
    server = _transcript(Cli(postgres.new_database()))
    for mine, theirs in zip(sqlite, server, strict=True):
        assert mine == theirs
    assert all(code == 0 for _, code, _ in sqlite), [s[:2] for s in sqlite if s[1]]


@pytest.mark.parametrize("table", ["notes_of_the_user"])
def test_export_covers_a_table_the_schema_gains(run, db_path, table):
    from insidetrack.storage.database import open_database

    run.ok("demo")
    db = open_database(db_path)
    db.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    db.execute(f"INSERT INTO {table} (id, text) VALUES (1, 'kept')")
    db.close()
    assert '"text": "kept"' in run.ok("export", "json")


def test_an_empty_page_of_interviews_is_an_empty_list(run):
    from insidetrack.services.queries import interview_lines

    run.ok("demo")
    app = __import__("insidetrack.session", fromlist=["Session"]).Session(run.db, run.now)
    assert interview_lines(app.env(), limit=10, offset=10_000) == []
    assert interview_lines(app.env(), limit=2, offset=0)
