"""Applications tracked before any interview, and the archive, tried from the command line
on both databases."""

from __future__ import annotations

from conftest import Cli, new_database
from dbs import dump
from test_cli import PROFILE

ACME = ("application", "add", "Acme Motors", "Sales Manager", "--link",
        "https://acme.example/jobs/42", "--salary", "$90,000-110,000", "--notes", "Dana referred me")


def _interview(run: Cli, employer: str = "Acme Motors", title: str = "Sales Manager") -> object:
    return run.logged_on_time("interview", "add", "--employer", employer, "--job-title", title,
                              "--at", "2026-11-24 10:00", "--interviewer",
                              "Jane Roe <jane@acme.example>")


def test_an_application_is_tracked_listed_changed_and_deleted(run):
    said = run.ok(*ACME)
    assert said.startswith("Tracking application 1.\nApplication 1: Sales Manager at Acme Motors")
    assert "   Applied: 2026-11-25\n" in said  # today, in the user's zone
    run.ok("application", "add", "Globex", "Account Manager", "--not-yet")
    listed = run.json("application", "list")
    assert [(a["employer"], a["status"], a["applied_on"]) for a in listed] == [
        ("Acme Motors", "applied", "2026-11-25"), ("Globex", "saved", None)]
    assert listed[0]["link"] == "https://acme.example/jobs/42"
    assert listed[0]["salary"] == "$90,000-110,000" and listed[0]["notes"] == "Dana referred me"
    changed = run.json("application", "edit", "2", "--applied-on", "2026-11-20", "--salary", "")
    assert (changed["status"], changed["applied_on"]) == ("applied", "2026-11-20")
    back = run.json("application", "edit", "2", "--not-yet")
    assert (back["status"], back["applied_on"]) == ("saved", None)
    assert run.json("application", "show", "1")["salary"] == "$90,000-110,000"  # untouched
    run.ok("application", "delete", "2", "--yes")
    assert [a["id"] for a in run.json("application", "list")] == [1]
    gone = run("application", "show", "2")
    assert gone.exit_code == 3 and "no application 2" in gone.stderr


def test_bad_input_gets_one_line_naming_the_option_and_writes_nothing(run, db_path):
    run.ok(*ACME)
    before = dump(db_path)
    for args, option in [
        (("Initech", "Rep", "--link", "ftp://initech.example"), "--link"),
        (("Initech", "Rep", "--applied-on", "2026-12-25"), "--applied-on"),
        (("Initech", "Rep", "--applied-on", "2026-02-30"), "--applied-on"),
        (("Initech", "Rep", "--applied-on", "2026-11-20", "--not-yet"), "--applied-on"),
        (("", "Rep"), "EMPLOYER"),
        (("Initech", "  "), "JOB_TITLE"),
    ]:
        result = run("application", "add", *args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.startswith(f"insidetrack: error: {option}: "), result.stderr
        assert result.stderr.count("\n") == 1
    twice = run(*ACME)
    assert twice.exit_code == 1 and "already track Acme Motors, Sales Manager" in twice.stderr
    assert dump(db_path) == before


def test_an_interview_joins_the_application_and_keeps_it(run):
    run.ok(*PROFILE)
    run.ok(*ACME)
    added = _interview(run, "acme motors", "sales manager")
    assert added["opening"] == 1 and added["opening_created"] is False
    shown = run.json("application", "show", "1")
    assert shown["status"] == "interviewing" and shown["interviews"] == [added["id"]]
    assert shown["applied_on"] == "2026-11-25" and shown["link"] == "https://acme.example/jobs/42"
    refused = run("application", "delete", "1", "--yes")
    assert refused.exit_code == 1
    assert refused.stderr == ("insidetrack: error: application 1 has an interview (1); delete "
                              "the interview first\n")


def test_a_decided_opening_is_archived_out_of_today_and_back(run):
    run.ok(*PROFILE)
    _interview(run)
    live = run("archive", "1")
    assert live.exit_code == 1 and "record the employer's decision first" in live.stderr
    run.ok("log", "1", "decision", "--outcome", "rejected", "--at", "2026-11-25 12:00")
    due = [i["employer"] for i in run.json("today", "--date", "2026-12-31")["items"]]
    assert "Acme Motors" in due  # the gracious reply after a rejection
    said = run.ok("archive", "1")
    assert said.startswith("Archived opening 1: it leaves Today and Pipeline")
    assert run.json("today", "--date", "2026-12-31")["items"] == []
    assert run.json("application", "list") == []
    assert [a["archived"] for a in run.json("application", "list", "--archived")] == [True]
    found = run.json("search", "Acme")
    assert found[0]["archived"] is True and "closed, archived" in run.ok("search", "Acme")
    run.ok("unarchive", "1")
    assert "Acme Motors" in [i["employer"] for i in run.json("today", "--date", "2026-12-31")["items"]]
    run.ok("archive", "1")
    run.ok("log", "1", "decision", "--undo")  # the campaign goes on: the opening is in sight
    assert [(a["status"], a["archived"]) for a in run.json("application", "list")] == [
        ("interviewing", False)]


def test_giving_up_an_application_asks_closes_it_and_undoes(run):
    run.ok(*ACME)
    asked = run("application", "archive", "1")
    assert asked.exit_code == 2 and "add --yes" in asked.stderr
    assert run.json("application", "show", "1")["status"] == "applied"
    done = run.json("application", "archive", "1", "--yes")
    assert (done["status"], done["archived"]) == ("closed", True)
    again = run("application", "archive", "1", "--yes")
    assert again.exit_code == 1 and "archived already" in again.stderr
    back = run.json("application", "unarchive", "1")
    assert (back["status"], back["archived"]) == ("applied", False)


def test_applications_survive_a_json_export_and_import(run, backend, request, tmp_path):
    run.ok(*ACME)
    run.ok("application", "add", "Globex", "Account Manager", "--not-yet")
    run.ok("application", "archive", "2", "--yes")
    saved = tmp_path / "export.json"
    run.ok("export", "json", "--out", str(saved))
    again = Cli(new_database(backend, request, tmp_path, "again.db"))
    again.ok("import", "json", str(saved))
    everything = ("application", "list", "--all")
    assert again.json(*everything) == run.json(*everything)
    assert again.json(*everything)[0]["salary"] == "$90,000-110,000"
    sheet = tmp_path / "out.csv"
    said = run("export", "csv", "--out", str(sheet)).stderr
    assert "  archive marks: 1\n" in said  # all the CSV leaves out
    from_sheet = Cli(new_database(backend, request, tmp_path, "sheet.db"))
    from_sheet.ok("import", "csv", str(sheet))
    read_back = from_sheet.json("application", "list", "--all")
    assert [(a["employer"], a["applied_on"], a["link"], a["salary"], a["status"])
            for a in read_back] == [
        ("Acme Motors", "2026-11-25", "https://acme.example/jobs/42", "$90,000-110,000", "applied"),
        ("Globex", None, "", "", "closed")]


def test_search_finds_an_application_with_no_interview_yet(run):
    run.ok(*ACME)
    run.ok("application", "add", "Globex", "Account Manager", "--not-yet", "--notes",
           "Ask Dana about the fleet team")
    run.ok("application", "archive", "2", "--yes")
    found = run.json("search", "dana")
    assert [(f["application"], f["interview"], f["archived"]) for f in found] == [
        (2, None, True), (1, None, False)]
    assert found[1]["found"] == [{"in": "note", "text": "Dana referred me"}]
    assert found[1]["at"] == "2026-11-25T00:00:00-05:00"  # the day it went in
    text = run.ok("search", "globex")
    assert "application 2, no interview yet: Globex, Account Manager (closed, archived)" in text


def test_interview_list_marks_an_archived_interview(run):
    run.ok("profile", "set", "--name", "Dana Whitfield", "--email", "dana@example.com",
           "--phone", "+1 555 0100", "--field", "Sales", "--years", "6")
    run.logged_on_time("interview", "add", "--employer", "Acme Motors", "--job-title",
                       "Sales Manager", "--at", "2026-11-24 10:00",
                       "--interviewer", "Jane Roe <jane@acme.example>")
    run.ok("log", "1", "decision", "--outcome", "rejected")
    assert run.json("interview", "list")[0]["archived"] is False
    run.ok("archive", "1")
    assert run.json("interview", "list")[0]["archived"] is True
    assert "closed (archived)" in run.ok("interview", "list")
