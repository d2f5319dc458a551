"""`import csv` on exports of real trackers, and the CSV round trip.

The files in tests/sheets/ are written here in the shapes those programs export: Huntr (the
header of a real Huntr export, "-" for an empty cell), Teal (its columns and statuses),
Google Sheets (File > Download > CSV), Excel US (CSV UTF-8, with a BOM), Excel German
(Windows-1252, semicolons) and Excel UK (day/month/year).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import Cli
from dbs import dump

SHEETS = Path(__file__).parent / "sheets"


def exported(cli: Cli) -> dict[str, dict[str, str]]:
    """Return `export csv` as rows by company: what the database holds, as a user sees it."""
    rows = csv.DictReader(io.StringIO(cli.ok("export", "csv")))
    return {row["Company"]: row for row in rows}


def statuses(cli: Cli) -> dict[str, str]:
    return {company: row["Status"] for company, row in exported(cli).items()}


def test_a_huntr_export_imports_as_it_is(run):
    result = run("import", "csv", str(SHEETS / "huntr.csv"))
    assert result.exit_code == 0, result.output
    assert ("Columns: companyName -> employer, title -> job_title, listName -> status, "
            "url -> link, salary -> salary") in result.stdout
    assert "Not imported: id, createdAt, location" in result.stdout
    tracked = {a["employer"]: a for a in run.json("application", "list")}
    assert tracked["Brightwave Software"]["link"] == "https://jobs.example/ae"
    assert tracked["Northwind Motors"]["salary"] == "95000"
    assert statuses(run) == {"Brightwave Software": "saved", "Northwind Motors": "applied",
                             "Café Élan Group": "interviewing", "Summit Auto Group": "offer",
                             "Harbor Logistics": "closed", "Keystone Insurance": "applied"}
    # Huntr's lists are the user's own: one insidetrack does not know is kept, with a warning.
    assert result.stderr == (
        "warning: row 7: status 'Dream Jobs' is not one insidetrack knows; it is kept in the notes "
        "and the opening counts as applied (interviewing with an interview date). Say what it "
        "means with --status \"Dream Jobs=STATUS\" (STATUS: saved, applied, interviewing, "
        "waiting, offer, hired, rejected, withdrawn)\n")
    assert exported(run)["Keystone Insurance"]["Notes"] == "Status: Dream Jobs"


def test_a_teal_export_keeps_its_statuses_dates_and_notes(run):
    result = run("import", "csv", str(SHEETS / "teal.csv"), "--status", "Archived=rejected")
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert statuses(run) == {"Brightwave Software": "saved", "Northwind Motors": "interviewing",
                             "Café Élan Group": "closed", "Summit Auto Group": "closed",
                             "Harbor Logistics": "offer", "Keystone Insurance": "closed"}
    northwind = exported(run)["Northwind Motors"]
    assert northwind["Notes"] == ("Met Maria and Tom.\nAsk about the fleet program.\n\n"
                                  "Bring the Q3 numbers.")
    assert northwind["Date applied"] == "2026-10-03 09:00"
    shown = run.json("interview", "show", "1")
    assert shown["at"] == "2026-11-20T14:30:00-05:00"  # "Nov 20, 2026 2:30 PM"


def test_google_sheets_dates_and_times_in_two_columns(run):
    result = run("import", "csv", str(SHEETS / "google_sheets.csv"))
    assert result.exit_code == 0 and result.stderr == "", result.output
    listed = {i["employer"]: i for i in run.json("interview", "list")}
    assert listed["Northwind Motors"]["at"] == "2026-11-20T14:30:00-05:00"
    assert listed["Northwind Motors"]["status"] == "interviewing"  # "Phone Screen"
    assert listed["Brightwave Software"]["at"] == "2026-11-14T10:00:00-05:00"
    assert listed["Brightwave Software"]["status"] == "waiting"  # "Ghosted": keep following up
    shown = run.json("interview", "show", str(listed["Northwind Motors"]["id"]))
    assert [p["name"] for p in shown["interviewers"]] == ["Maria López"]
    assert exported(run)["Northwind Motors"]["Notes"] == "Panel of two.\nSend samples."


@pytest.mark.parametrize("name, expected", [
    ("excel_us.csv", {"Northwind Motors": ("interviewing", "2026-11-20 14:30"),
                      "Brightwave Software": ("saved", ""),
                      "Harbor Logistics": ("closed", "2026-10-28 10:00")}),
    ("excel_de.csv", {"Müller & Söhne GmbH": ("interviewing", "2026-11-20 14:30"),
                      "Bäckerei Groß": ("applied", ""),
                      "Autohaus Süd": ("closed", "2026-10-01 09:00"),
                      "Stadtwerke Nord": ("offer", "")}),
    ("excel_uk.csv", {"Northwind Motors": ("interviewing", "2026-11-24 14:30"),
                      "Brightwave Software": ("applied", "")}),
])
def test_excel_exports_of_three_countries(run, name, expected):
    result = run("import", "csv", str(SHEETS / name))
    assert result.exit_code == 0 and result.stderr == "", result.output
    got = {c: (row["Status"], row["Interview date"]) for c, row in exported(run).items()}
    assert got == expected
    if name == "excel_uk.csv":
        assert "Dates: day first, as '24/11/2026 14:30' in 'Interview date' shows" in result.stdout
        assert exported(run)["Northwind Motors"]["Date applied"] == "2026-11-03 09:00"


def test_day_first_can_be_said_when_the_file_does_not_show_it(run, tmp_path):
    sheet = tmp_path / "uk.csv"
    sheet.write_text("Company,Position,Interview date\nAcme,Rep,03/11/2026 10:00\n")
    run.ok("import", "csv", str(sheet), "--day-first")
    assert run.json("interview", "list")[0]["at"] == "2026-11-03T10:00:00-05:00"


def test_map_moves_a_column_into_the_notes_or_drops_it(run, tmp_path):
    sheet = tmp_path / "mine.csv"
    sheet.write_text("Company,Position,Status,Notes\nAcme,Rep,Gone quiet,Call back in May\n"
                     "Initech,Analyst,Applied,\n")
    moved = run("import", "csv", str(sheet), "--map", "Status=notes", "--dry-run")
    assert moved.exit_code == 0 and moved.stderr == "", moved.output
    assert "Columns: Company -> employer, Position -> job_title, Status -> notes, " \
           "Notes -> notes" in moved.stdout
    run.ok("import", "csv", str(sheet), "--map", "Status=notes")
    rows = exported(run)
    assert rows["Acme"]["Notes"] == "Status: Gone quiet\nCall back in May"
    assert rows["Initech"]["Notes"] == "Status: Applied"
    assert rows["Acme"]["Status"] == "applied"  # the status column is notes now, not a status


def test_map_drops_a_column(run, tmp_path):
    sheet = tmp_path / "mine.csv"
    sheet.write_text("Company,Position,Status\nAcme,Rep,Gone quiet\n")
    out = run.ok("import", "csv", str(sheet), "--map", "status=")
    assert "Not imported: Status" in out
    assert exported(run)["Acme"]["Notes"] == ""


def test_map_refuses_two_columns_for_one_field(run, tmp_path):
    sheet = tmp_path / "mine.csv"
    sheet.write_text("Company,Firm,Position\nAcme,Acme Inc,Rep\n")
    result = run("import", "csv", str(sheet), "--map", "Company=employer", "--map", "Firm=employer")
    assert result.exit_code == 2
    assert result.stderr == ("insidetrack: error: --map: both 'Company' and 'Firm' are mapped to "
                             "employer; map one of them\n")


def test_a_dry_run_shows_the_warnings_and_changes_nothing(run, db_path):
    run.ok("interview", "list")
    before = dump(db_path)
    result = run("import", "csv", str(SHEETS / "huntr.csv"), "--dry-run")
    assert result.exit_code == 0
    assert "status 'Dream Jobs' is not one insidetrack knows" in result.stderr
    assert "Would create 6 employer(s)" in result.stdout
    assert dump(db_path) == before


def test_a_bad_status_word_is_refused_by_name(run):
    result = run("import", "csv", str(SHEETS / "teal.csv"), "--status", "Archived=gone")
    assert result.exit_code == 2
    assert result.stderr.startswith("insidetrack: error: --status: 'gone' is not a status; use one")


def test_the_help_states_the_formats(run):
    out = run.ok("import", "csv", "--help")
    for said in ("Nov 24, 2026", "24.11.2026", "11/24/2026", "2:30 PM", "--status WORD=STATUS",
                 "--day-first", "COLUMN= leaves"):
        assert said in " ".join(out.split()), said


def _plan(cli: Cli, interview: int) -> list[tuple[object, ...]]:
    steps = cli.json("plan", str(interview))["steps"]
    return sorted((s["kind"], s["number"], s["to"], s["channel"], s["status"], s["due"],
                   s["done_at"]) for s in steps)


def test_the_csv_round_trip_keeps_panels_steps_done_and_traditionalists(run, tmp_path):
    run.ok("employer", "add", "Northwind Motors", "--traditionalist")
    run.logged_on_time("interview", "add", "--employer", "Northwind Motors", "--job-title",
                       "Sales Manager", "--at", "2026-11-20 10:00",
                       "--interviewer", "Maria López <maria@northwind.example>",
                       "--interviewer", "Tom Becker <tom@northwind.example>")
    steps = {(s["kind"], s["number"], s["to"]): s["id"] for s in run.json("plan", "1")["steps"]}
    run.ok("done", str(steps[("thank-you", 1, "Maria López")]), "--at", "2026-11-21 09:00")
    run.ok("done", str(steps[("follow-up", 2, "Maria López")]), "--at", "2026-11-25 14:00")
    sheet = tmp_path / "out.csv"
    result = run("export", "csv", "--out", str(sheet))
    assert result.exit_code == 0  # and nothing here that a CSV cannot carry:
    assert result.stderr == f"Wrote {sheet}\n"
    other = Cli(tmp_path / "other.db")
    out = other.ok("import", "csv", str(sheet))
    assert "2 step(s) marked done" in out
    assert _plan(other, 1) == _plan(run, 1)
    done = [step for step in _plan(other, 1) if step[4] == "done"]
    assert [step[:4] + step[6:] for step in done] == [
        ("follow-up", 2, "Maria López", "letter", "2026-11-25T14:00:00-05:00"),
        ("thank-you", 1, "Maria López", "letter", "2026-11-21T09:00:00-05:00")]
    assert ("thank-you", 1, "Tom Becker", "letter", "pending") in [s[:5] for s in _plan(other, 1)]
    shown = other.json("interview", "show", "1")
    assert [(p["name"], p["email"]) for p in shown["interviewers"]] == [
        ("Maria López", "maria@northwind.example"), ("Tom Becker", "tom@northwind.example")]
    assert other.json("today") == run.json("today")


def test_export_csv_says_exactly_what_it_leaves_out(run, tmp_path):
    run.ok("demo")
    result = run("export", "csv", "--out", str(tmp_path / "demo.csv"))
    assert result.exit_code == 0
    assert result.stderr == (
        f"Wrote {tmp_path / 'demo.csv'}\n"
        "Not in the CSV (`insidetrack export json` keeps everything):\n"
        "  your profile\n"
        "  employer addresses, phones or faxes: 6\n"
        "  contacts who are not interviewers (gatekeepers, HR): 1\n"
        "  contact phone numbers or bounce marks: 1\n"
        "  departments, resume channels or requests for e-mail: 3\n"
        "  interview lengths, rounds out of order, urgency, dialogue or decision dates: 4\n"
        "  interview notes: 14\n"
        "  references: 1\n"
        "  links of references to openings: 2\n"
        "  calls without an answer and replies logged: 4\n"
        "  decision dates: 2\n"
        "  notes on what you did: 2\n"
        "  facts: 5\n"
        "  clippings: 4\n")


def test_the_csv_round_trip_keeps_rounds_in_order(run, tmp_path):
    for at in ("2026-11-10 10:00", "2026-11-20 10:00"):
        run.logged_on_time("interview", "add", "--employer", "Acme", "--job-title", "Rep",
                           "--at", at, "--interviewer", "Jane Roe <jane@acme.example>")
    sheet = tmp_path / "out.csv"
    run.ok("export", "csv", "--out", str(sheet))
    other = Cli(tmp_path / "other.db")
    other.ok("import", "csv", str(sheet))
    assert other.json("interview", "list") == run.json("interview", "list")
    # The first round's follow-ups gave way to the second's: in the database they came from
    # they were planned and then cancelled, in the new one never planned.
    def live(cli: Cli, interview: int) -> list[tuple[object, ...]]:
        return [step for step in _plan(cli, interview) if step[4] != "cancelled"]

    assert live(other, 1) == live(run, 1) and len(live(run, 1)) == 1
    assert live(other, 2) == live(run, 2)


def test_export_csv_names_the_missed_steps_it_cannot_carry(run, tmp_path):
    run.ok("interview", "add", "--employer", "Acme", "--job-title", "Rep",
           "--at", "2026-11-10 10:00")  # logged two weeks late: its thank-you is missed
    result = run("export", "csv", "--out", str(tmp_path / "out.csv"))
    assert "  steps missed (an interview logged late; imported again, they are due): 1\n" in (
        result.stderr)


def test_bad_rows_are_numbered_as_the_spreadsheet_shows_them(run, tmp_path):
    sheet = tmp_path / "notes.csv"
    sheet.write_bytes(b'Company,Position,Interview date,Notes\r\n'
                      b'Acme,Rep,2026-11-20 10:00,"three\nlines\nof notes"\r\n'
                      b'Beta,Rep,soon,\r\n'
                      b'\r\n'
                      b'Gamma,Rep,later,\r\n')
    result = run("import", "csv", str(sheet))
    assert result.exit_code == 2
    assert "2 bad row(s), nothing imported: row 3: column 'Interview date', value 'soon'" \
        in result.stderr
    assert "; row 5: column 'Interview date', value 'later'" in result.stderr


def test_a_time_with_a_zone_abbreviation_is_refused_not_misread(run, tmp_path):
    sheet = tmp_path / "zones.csv"
    sheet.write_text('Company,Position,Interview date\nAcme,Rep,"Nov 20, 2026 2:30 PM PST"\n'
                     "Beta,Rep,2026-11-20T19:30:00Z\n")
    result = run("import", "csv", str(sheet))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert ("row 2: column 'Interview date', value 'Nov 20, 2026 2:30 PM PST': names a time "
            "zone by its abbreviation") in result.stderr
    sheet.write_text("Company,Position,Interview date\nBeta,Rep,2026-11-20T19:30:00Z\n")
    run.ok("import", "csv", str(sheet))
    assert run.json("interview", "list")[0]["at"] == "2026-11-20T14:30:00-05:00"
