"""Import, export, backup and restore: nothing lost, nothing doubled, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Cli
from dbs import dump, query

SHEET = (
    "Company;Position;Date applied;Interview date;Contact;Email;Status;Notes\r\n"
    "Acme Motors;Sales Manager;2026-11-01;2026-11-20 10:00;Jane Roe;jane@acme.example;"
    "interviewing;Great team\r\n"
    "Café Élan;Vendeur;2026-11-05;;;;applied;Sent CV\r\n"
    "Brightwave;AE;2026-10-01;2026-10-15;Priya;priya@bw.example;rejected;\r\n"
)




@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", ","])
def test_import_reads_the_usual_spreadsheets(run, tmp_path, encoding, delimiter):
    sheet = tmp_path / "jobs.csv"
    sheet.write_bytes(SHEET.replace(";", delimiter).encode(encoding))
    out = run.ok("import", "csv", str(sheet))
    assert "Created 3 employer(s), 3 opening(s), 2 interview(s)" in out
    listed = {i["employer"]: i for i in run.json("interview", "list")}
    # Imported five days after the interview: its thank-you is missed, the rest is due.
    assert listed["Acme Motors"]["pending"] == 8 and listed["Acme Motors"]["status"] == "interviewing"
    assert listed["Brightwave"]["pending"] == 0 and listed["Brightwave"]["status"] == "closed"
    assert [e["name"] for e in run.json("employer", "list")] == ["Acme Motors", "Brightwave",
                                                                  "Café Élan"]
    shown = run.json("interview", "show", str(listed["Acme Motors"]["id"]))
    assert shown["interviewers"] == [{"id": 1, "name": "Jane Roe", "email": "jane@acme.example",
                                      "title": ""}]
    assert shown["at"] == "2026-11-20T10:00:00-05:00"


def _mixed(tmp_path, header: str, last: bytes) -> Path:
    """A sheet in UTF-8 at the top, with other bytes far below, past the first reads."""
    lines = [header, "Café Noël,Vendeur,"] + [f"Firm {n},Role {n}," for n in range(1000)]
    sheet = tmp_path / "mixed.csv"
    sheet.write_bytes("\n".join(lines).encode("utf-8") + b"\n" + last)
    return sheet


def test_a_sheet_is_read_in_the_one_encoding_the_whole_file_is_in(sqlite_path, tmp_path):
    run = Cli(sqlite_path)
    # One Windows-1252 byte far down makes the whole file Windows-1252, the top too.
    sheet = _mixed(tmp_path, "Company,Position,Interview date", "Zoë Ltd,Rep,\n".encode("cp1252"))
    run.ok("import", "csv", str(sheet))
    names = {e["name"] for e in run.json("employer", "list")}
    assert {"CafÃ© NoÃ«l", "Zoë Ltd"} <= names and "Café Noël" not in names
    # A byte Windows-1252 lacks (0x81) makes it Latin-1, which reads any byte.
    latin = _mixed(tmp_path, "Company,Position,Misc", b"Zo\xeb GmbH,Rep,\x81\n")
    run.ok("import", "csv", str(latin))
    assert "Zoë GmbH" in {e["name"] for e in run.json("employer", "list")}
    # A column that is not there is named as the file's encoding reads it, top to bottom.
    bad = run("import", "csv", str(_mixed(tmp_path, "Société,Poste,Misc", b"\x81\n")),
              "--map", "Missing=notes")
    assert bad.exit_code == 2 and "'SociÃ©tÃ©'" in bad.stderr


def test_import_twice_duplicates_nothing_and_dry_run_changes_nothing(run, tmp_path, db_path):
    sheet = tmp_path / "jobs.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    run.ok("employer", "list")
    before = dump(db_path)
    assert "Would create 3 employer(s)" in run.ok("import", "csv", str(sheet), "--dry-run")
    assert dump(db_path) == before
    run.ok("import", "csv", str(sheet))
    after = dump(db_path)
    assert "2 interview(s) were there already" in run.ok("import", "csv", str(sheet))
    assert dump(db_path) == after


def test_bad_rows_are_all_reported_and_nothing_is_written(run, tmp_path, db_path):
    sheet = tmp_path / "bad.csv"
    sheet.write_text("Company,Position,Interview date,Email\n"
                     "Acme,Rep,2026-11-20,jane@acme.example\n"
                     "Beta,Rep,2026-13-45,\n"
                     ",Clerk,,\n"
                     "Gamma,Rep,,not-an-email\n", encoding="utf-8")
    run.ok("employer", "list")
    before = dump(db_path)
    result = run("import", "csv", str(sheet))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "3 bad row(s), nothing imported" in result.stderr
    assert "row 3: column 'Interview date', value '2026-13-45'" in result.stderr
    assert "row 4: column 'Company', value ''" in result.stderr
    assert "row 5: column 'Email', value 'not-an-email'" in result.stderr
    assert dump(db_path) == before


def test_unknown_columns_can_be_mapped(run, tmp_path):
    sheet = tmp_path / "mine.csv"
    sheet.write_text("Laden,Aufgabe,Treffen\nAcme,Rep,2026-11-20 14:00\n", encoding="utf-8")
    refused = run("import", "csv", str(sheet))
    assert refused.exit_code == 2 and "--map COLUMN=employer" in refused.stderr
    out = run.ok("import", "csv", str(sheet), "--map", "Laden=employer", "--map",
                 "Aufgabe=job_title", "--map", "Treffen=interview_at")
    assert "1 interview(s)" in out
    bad = run("import", "csv", str(sheet), "--map", "Laden=boss")
    assert bad.exit_code == 2 and "'boss' is not a field" in bad.stderr


@pytest.mark.parametrize("content", [b"", b"\x00\x00\x00", b"Company,Position\n\"Acme,Rep\n",
                                     b"\"Com\npany\",Position\nAcme,Rep\n"])
def test_broken_files_get_one_clear_line(run, tmp_path, content, db_path):
    sheet = tmp_path / "broken.csv"
    sheet.write_bytes(content)
    run.ok("employer", "list")
    before = dump(db_path)
    result = run("import", "csv", str(sheet))
    assert result.exit_code in (1, 2) and result.stderr.startswith("insidetrack: error:")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert dump(db_path) == before


def test_json_export_comes_back_identical(run, tmp_path):
    run.ok("demo")
    run.ok("draft", "12", "--format", "eml", "--out", str(tmp_path / "m.eml"))
    first = tmp_path / "first.json"
    run.ok("export", "json", "--out", str(first))
    doc = json.loads(first.read_text())
    assert doc["format"] == "insidetrack-export" and len(doc["tables"]["steps"]) > 40
    other = Cli(tmp_path / "other.db")
    out = other.ok("import", "json", str(first))
    assert "6 interviews" in out
    second = tmp_path / "second.json"
    other.ok("export", "json", "--out", str(second))
    assert second.read_bytes() == first.read_bytes()
    assert other.json("today") == run.json("today")
    refused = run("import", "json", str(first))
    assert refused.exit_code == 1 and "not empty" in refused.stderr


def test_an_export_loaded_into_postgresql_is_counted_for_its_query_planner(tmp_path, postgres):
    """Without statistics, PostgreSQL planned the Today page of a freshly loaded database
    badly: 6 to 10 s at 10,000 interviews until autovacuum came by (bench/RESULTS.md)."""
    here = Cli(tmp_path / "here.db")
    here.ok("demo")
    export = tmp_path / "e.json"
    here.ok("export", "json", "--out", str(export))
    url = postgres.new_database()
    Cli(url).ok("import", "json", str(export))
    steps = query(url, "SELECT COUNT(*) FROM steps")[0][0]
    known = query(url, "SELECT reltuples FROM pg_class WHERE relname = 'steps'")[0][0]
    assert steps > 40 and known == steps


def test_a_spreadsheet_loaded_into_postgresql_is_counted_for_its_query_planner(tmp_path,
                                                                              postgres):
    sheet = tmp_path / "jobs.csv"
    sheet.write_text(SHEET)
    url = postgres.new_database()
    Cli(url).ok("import", "csv", str(sheet))
    steps = query(url, "SELECT COUNT(*) FROM steps")[0][0]
    known = query(url, "SELECT reltuples FROM pg_class WHERE relname = 'steps'")[0][0]
    assert steps > 10 and known == steps


def test_json_import_refuses_what_is_not_an_export(run, tmp_path):
    bad = tmp_path / "x.json"
    for text in ("{not json", '{"format": "other"}', '{"format": "insidetrack-export", '
                 '"schema": "1", "tables": {}}', '{"format": "insidetrack-export", '
                 '"schema": 1, "tables": {"steps": [{"no_such_column": 1}]}}'):
        bad.write_text(text)
        result = run("import", "json", str(bad))
        assert result.exit_code == 2 and "insidetrack: error: FILE:" in result.stderr


def test_csv_export_reads_back_into_a_new_database(run, tmp_path):
    sheet = tmp_path / "jobs.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    run.ok("import", "csv", str(sheet))
    exported = tmp_path / "out.csv"
    run.ok("export", "csv", "--out", str(exported))
    other = Cli(tmp_path / "other.db")
    other.ok("import", "csv", str(exported))
    def shape(cli):
        return sorted((i["employer"], i["job_title"], i["at"], i["status"])
                      for i in cli.json("interview", "list"))
    assert shape(other) == shape(run)


def test_backup_and_restore(run, tmp_path, db_path, backend):
    run.ok("demo")
    backup = tmp_path / "backup.db"
    said = run.ok("backup", str(backup))
    kind = "SQLite database" if backend == "sqlite" else "insidetrack JSON export"
    assert f"({kind})" in said
    saved, everything = run.json("today"), run.ok("export", "json")
    run.ok("log", "1", "decision", "--outcome", "rejected")
    assert run.json("today") != saved
    out = run.ok("restore", str(backup))
    assert run.json("today") == saved
    assert run.ok("export", "json") == everything
    if backend == "postgresql":
        return  # a server's data is replaced in one transaction; no file is set aside
    assert "previous database is kept as" in out
    aside = list(tmp_path.glob("insidetrack.db.before-restore-*"))
    assert len(aside) == 1
    assert query(aside[0], "SELECT COUNT(*) FROM touchpoints WHERE kind = 'decision'"
                 " AND outcome = 'rejected' AND interview_id = 1") == [(1,)]


def test_a_json_export_restores_a_database_of_either_kind(run, tmp_path):
    run.ok("demo")
    export = tmp_path / "all.json"
    run.ok("export", "json", "--out", str(export))
    everything = export.read_text()
    run.ok("log", "1", "decision", "--outcome", "rejected")
    run.ok("restore", str(export))
    assert run.ok("export", "json") == everything


def test_restore_refuses_a_file_that_is_not_a_backup(run, tmp_path, db_path):
    run.ok("demo")
    before = dump(db_path)
    junk = tmp_path / "junk.db"
    junk.write_text("not a database at all" * 50)
    result = run("restore", str(junk))
    assert result.exit_code == 2 and "is not an insidetrack backup" in result.stderr
    assert dump(db_path) == before
    if isinstance(db_path, Path):
        assert run("backup", str(db_path)).exit_code == 2


def test_a_binary_file_is_refused_in_one_short_line(run, tmp_path, db_path):
    import zlib

    sheet = tmp_path / "jobs.xlsx.csv"
    sheet.write_bytes(b"PK\x03\x04" + zlib.compress(bytes(range(256)) * 40))
    result = run("import", "csv", str(sheet))
    assert result.exit_code == 2
    assert result.stderr == ("insidetrack: error: FILE: this is not a CSV text file (it holds binary "
                             "data); save the spreadsheet as CSV and import that\n")


def test_an_imported_interview_date_must_be_within_a_few_years(run, tmp_path, db_path):
    sheet = tmp_path / "old.csv"
    sheet.write_text("Company,Position,Interview date\nAcme,Rep,1900-01-01 10:00\n"
                     "Initech,Analyst,2026-11-20 10:00\n")
    run.ok("interview", "list")
    before = dump(db_path)
    result = run("import", "csv", str(sheet))
    assert result.exit_code == 2
    assert "1900-01-01 is out of range; an interview falls from 2021-11-25 to 2028-11-25" in result.stderr
    assert dump(db_path) == before
