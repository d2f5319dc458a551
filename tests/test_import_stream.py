"""`import csv` of a sheet longer than one written batch: still all of it or nothing."""

from __future__ import annotations

from pathlib import Path

from dbs import dump, query

FILLER = 2500  # more rows than the import plans in memory before it writes them


def _sheet(tmp_path, first: str, last: str):
    lines = ["Company,Position,Interview date,Contact,Email,Status", first]
    lines += [f"Firm {n},Role {n},,,,applied" for n in range(FILLER)]
    lines.append(last)
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _indexes(db_path: str | Path) -> list[str]:
    """Return the names of the steps' indexes: a long import drops and rebuilds some."""
    sql = ("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'steps'"
           if isinstance(db_path, Path) else
           "SELECT indexname FROM pg_indexes WHERE tablename = 'steps'")
    return sorted(r[0] for r in query(db_path, sql))


def test_a_bad_last_row_of_a_long_sheet_leaves_nothing_written(run, tmp_path, db_path):
    sheet = _sheet(tmp_path, "Acme,Rep,2026-11-20 10:00,Jane Roe,jane@acme.example,",
                   "Beta,Rep,2026-13-45,,,")
    run.ok("employer", "list")
    before = dump(db_path)
    result = run("import", "csv", str(sheet))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"insidetrack: error: FILE: 1 bad row(s), nothing imported: row {FILLER + 3}: "
        f"column 'Interview date', value '2026-13-45': not a date like")
    assert result.stderr.count("\n") == 1
    assert dump(db_path) == before
    assert "steps_agenda" in _indexes(db_path)


def test_an_opening_named_again_far_down_is_one_opening_in_two_rounds(run, tmp_path, db_path):
    run.ok("employer", "list")
    indexes = _indexes(db_path)
    sheet = _sheet(tmp_path, "Acme,Rep,2026-11-16 10:00,Jane Roe,jane@acme.example,",
                   "acme,REP,2026-11-20 10:00,Jane Roe,jane@acme.example,")
    out = run.ok("import", "csv", str(sheet))
    assert (f"Created {FILLER + 1} employer(s), {FILLER + 1} opening(s), 2 interview(s) with "
            f"their follow-up plans, 1 contact(s); 0 interview(s) were there already.") in out
    acme = sorted((i for i in run.json("interview", "list") if i["employer"] == "Acme"),
                  key=lambda i: i["at"])
    assert [i["round"] for i in acme] == [1, 2]
    # The second round replaces the first round's follow-ups, as `interview add` does.
    assert acme[0]["pending"] < acme[1]["pending"]
    assert "2 interview(s) were there already" in run.ok("import", "csv", str(sheet))
    assert _indexes(db_path) == indexes
