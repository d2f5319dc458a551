"""Bad input, generated: a clear error or a result, never a traceback, never partial data."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Cli
from insidetrack.compose.lint import Message, lint_email, lint_letter, lint_voicemail
from insidetrack.domain import parse
from insidetrack.domain.errors import InputError
from insidetrack.services.spreadsheet import read_sheet

NY = ZoneInfo("America/New_York")
ANY_TEXT = st.text(max_size=300) | st.text(min_size=1000, max_size=5000)


@settings(deadline=None)
@given(ANY_TEXT)
def test_email_and_phone_parsers_accept_or_refuse_by_name(value):
    for check, field in ((parse.email, "email"), (parse.phone, "phone")):
        try:
            result = check(field, value)
        except InputError as exc:
            assert exc.field == field
        else:
            assert result == result.strip() and len(result) <= 254


@settings(deadline=None)
@given(ANY_TEXT)
def test_names_refuse_control_characters_and_great_lengths(value):
    try:
        name = parse.name("NAME", value)
    except InputError as exc:
        assert exc.field == "name"
    else:
        import unicodedata

        assert name and len(name) <= parse.MAX_NAME
        assert not any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in name)


@settings(deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_as_a_spreadsheet(data):
    try:
        sheet = read_sheet(data, NY)
    except InputError as exc:
        assert exc.field in ("file", "map")
    else:
        assert all(row.employer and row.job_title for row in sheet.rows())


CELL = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)


@settings(deadline=None)
@given(st.lists(st.lists(CELL, min_size=3, max_size=3), max_size=20))
def test_any_cells_under_a_known_header(cells):
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Company", "Position", "Interview date"])
    writer.writerows(cells)
    try:
        sheet = read_sheet(out.getvalue().encode("utf-8"), NY)
    except InputError as exc:
        assert exc.field == "file"
        return
    rows = list(sheet.rows())
    assert len(rows) + len(sheet.problems) <= len(cells) and sheet.size <= len(cells)
    assert all(p.startswith("row ") for p in sheet.problems)


@settings(deadline=None)
@given(st.text(max_size=2000), st.text(max_size=100))
def test_the_linter_reads_any_text(body, subject):
    for findings in (lint_email(Message(body, {"Subject": subject})), lint_letter(body),
                     lint_voicemail(body)):
        assert all(f.line >= 1 and f.message for f in findings)


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60), st.text(max_size=60), st.text(max_size=30))
def test_the_cli_refuses_cleanly(tmp_path_factory, employer, title, when):
    run = Cli(tmp_path_factory.mktemp("fuzz") / "f.db")
    result = run("interview", "add", "--employer", employer, "--job-title", title, "--at", when)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert result.stderr.startswith("insidetrack: error: ") and result.stderr.count("\n") == 1
        assert run("interview", "list", "--json").stdout.strip() == "[]"
    assert result.exception is None or isinstance(result.exception, SystemExit)
