"""Dates typed on the command line stay within a sensible range of today (NOW: 2026-11-25)."""

from __future__ import annotations

import pytest

from dbs import dump as _dump
from test_cli import INTERVIEW, PROFILE


@pytest.fixture
def logged(run):
    run.ok(*PROFILE)
    return run.logged_on_time(*INTERVIEW)


def _refused(run, db_path, args, message):
    before = _dump(db_path)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"insidetrack: error: {message}\n"
    assert _dump(db_path) == before


@pytest.mark.parametrize(("at", "shown"), [
    ("1900-01-01 10:00", "1900-01-01"), ("9999-12-31 23:59", "9999-12-31"),
    ("0001-01-01 00:00", "0001-01-01"), ("2028-11-26 09:00", "2028-11-26"),
])
def test_an_interview_is_within_five_years_back_and_two_ahead(logged, run, db_path, at, shown):
    args = ("interview", "add", "--employer", "Initech", "--job-title", "Analyst", "--at", at)
    _refused(run, db_path, args, f"--at: {shown} is out of range; an interview falls "
                                 "from 2021-11-25 to 2028-11-25")


def test_the_edges_of_the_range_are_accepted(logged, run):
    for at in ("2021-11-25 00:00", "2028-11-25 23:59"):
        run.ok("interview", "add", "--employer", "Initech", "--job-title", "Analyst", "--at", at)


@pytest.mark.parametrize("args", [
    ("done", "1", "--at", "2026-12-25 10:00"),
    ("done", "1", "--at", "9999-12-31 23:59"),
    ("log", "1", "call", "--outcome", "connected", "--at", "2026-11-27 08:00"),
    ("log", "1", "reply", "--at", "2027-01-04 10:00"),
    ("log", "1", "decision", "--outcome", "offer", "--at", "2030-01-01 10:00"),
])
def test_what_happened_is_not_in_the_future(logged, run, db_path, args):
    shown = args[-1][:10]
    _refused(run, db_path, args, f"--at: {shown} is out of range; what happened falls "
                                 "from 2021-11-25 to 2026-11-26")


def test_a_day_of_tolerance_for_time_zones(logged, run):
    assert run("log", "1", "reply", "--at", "2026-11-26 08:00").exit_code == 0


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_today_on_a_far_day_is_refused(run, db_path, day):
    run.ok(*PROFILE)
    _refused(run, db_path, ("today", "--date", day),
             f"--date: {day} is out of range; the day to list falls from 2021-11-25 to 2031-11-25")


def test_an_expected_decision_years_ahead_is_refused(run, db_path):
    run.ok(*PROFILE)
    args = ("interview", "add", "--employer", "Initech", "--job-title", "Analyst",
            "--at", "2026-11-20 10:00", "--expected-decision", "2035-01-01")
    _refused(run, db_path, args, "--expected-decision: 2035-01-01 is out of range; "
                                 "a decision date falls from 2021-11-25 to 2029-11-25")
