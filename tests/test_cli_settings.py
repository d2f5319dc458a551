"""Settings: shown, changed with checks, and applied to open campaigns."""

from __future__ import annotations

import pytest

from insidetrack.storage.settings_file import Settings, load_settings, save_settings


def test_config_show_lists_every_default(run, tmp_path):
    shown = run.json("config", "show")
    assert shown["file"] == str(tmp_path / "config.toml")
    assert shown["settings"]["plan.max_letters"] == 6
    assert shown["settings"]["plan.call_gap_days"] == 30
    assert shown["settings"]["plan.workday_start"] == "09:00"


def test_config_set_replans_open_campaigns(run):
    run.ok("interview", "add", "--employer", "Acme", "--job-title", "Rep", "--at", "2026-11-18 10:00")
    assert "plan.max_letters = 3" in run.ok("config", "set", "plan.max_letters", "3")
    letters = [s for s in run.json("plan", "1")["steps"] if s["kind"] == "follow-up"]
    assert [(s["number"], s["status"]) for s in letters] == [
        (2, "pending"), (3, "pending"), (4, "cancelled"), (5, "cancelled"), (6, "cancelled"),
    ]
    run.ok("config", "set", "plan.workday_start", "08:30")
    letter = next(s for s in run.json("plan", "1")["steps"] if s["kind"] == "follow-up")
    assert letter["due"] == "2026-11-25T08:30:00-05:00"


@pytest.mark.parametrize(("key", "value", "message"), [
    ("plan.nonsense", "3", "KEY: 'plan.nonsense' is not a setting"),
    ("plan.max_letters", "many", "plan.max_letters: 'many' is not a whole number"),
    ("plan.max_letters", "0", "plan.max_letters: '0' is not a whole number from 1"),
    ("plan.workday_start", "9am", "plan.workday_start: '9am' is not a time of day"),
    ("timezone", "Mars/Olympus", "timezone: 'Mars/Olympus' is not a time zone"),
    ("holidays.country", "USA", "holidays.country: 'USA' is not a two-letter country code"),
    ("holidays.country", "XX", "holidays.country: 'XX' is not a country whose holidays are known"),
    ("holidays.region", "C@", "holidays.region: 'C@' is not a region code"),
])
def test_bad_settings_are_refused_and_not_saved(run, tmp_path, key, value, message):
    result = run("config", "set", key, value)
    assert result.exit_code == 2
    assert result.stderr == f"insidetrack: error: {message}" + result.stderr.split(message)[1]
    assert not (tmp_path / "config.toml").exists()


def test_settings_file_round_trip(tmp_path):
    path = tmp_path / "nested" / "config.toml"
    from insidetrack.storage.settings_file import apply

    settings = apply(apply(Settings(), "timezone", "Europe/Paris"), "plan.max_calls", "2")
    save_settings(settings, path)
    assert load_settings(path) == settings
    assert "max_calls = 2" in path.read_text()


def test_a_broken_settings_file_is_one_clear_error(run, tmp_path):
    (tmp_path / "config.toml").write_text("plan = [unclosed\n")
    result = run("config", "show")
    assert result.exit_code == 1
    assert result.stderr.startswith("insidetrack: error: the settings file")


@pytest.mark.parametrize(("key", "value", "message"), [
    ("draft.line_width", "5", "draft.line_width: '5' is not a whole number from 40 to 100"),
    ("draft.line_width", "101", "draft.line_width: '101' is not a whole number from 40 to 100"),
    ("plan.max_letters", "1000", "plan.max_letters: '1000' is not a whole number from 1 to 12"),
    ("plan.max_calls", "-1", "plan.max_calls: '-1' is not a whole number from 0 to 6"),
    ("plan.max_calls", "²", "plan.max_calls: '²' is not a whole number from 0 to 6"),
    ("caldav.url", "not-a-url", "caldav.url: 'not-a-url' is not a web address like https://"),
    ("caldav.url", "ftp://dav.example/", "caldav.url: 'ftp://dav.example/' is not a web address"),
    ("smtp.host", "mail example", "smtp.host: 'mail example' is not a host name"),
    ("web.allowed_hosts", "jobs.home.arpa, evil example", "web.allowed_hosts: 'evil example' is not"),
])
def test_each_setting_has_a_type_and_a_range(run, tmp_path, key, value, message):
    result = run("config", "set", key, value)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"insidetrack: error: {message}")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "config.toml").exists()


@pytest.mark.parametrize(("key", "value"), [
    ("plan.max_calls", "0"), ("plan.max_calls", "6"), ("draft.line_width", "40"),
    ("plan.max_letters", "12"), ("caldav.url", "https://dav.example/cal/"), ("caldav.url", ""),
    ("web.allowed_hosts", "jobs.home.arpa, 10.0.0.5"),
])
def test_values_in_range_are_saved(run, tmp_path, key, value):
    assert f"{key} = " in run.ok("config", "set", key, value)
    shown = run.json("config", "show")["settings"][key]
    assert str(shown) == value


def test_calls_can_be_turned_off(run):
    run.ok("interview", "add", "--employer", "Acme", "--job-title", "Rep", "--at", "2026-11-18 10:00")
    run.ok("config", "set", "plan.max_calls", "0")
    calls = [s for s in run.json("plan", "1")["steps"] if s["kind"] == "call"]
    assert {s["status"] for s in calls} <= {"cancelled"}


@pytest.mark.parametrize(("line", "message"), [
    ("[plan]\nmax_letters = 1000\n", "plan.max_letters: '1000' is not a whole number from 1 to 12"),
    ("[draft]\nline_width = 5\n", "draft.line_width: '5' is not a whole number from 40 to 100"),
    ("[plan]\nmax_leters = 3\n", "'plan.max_leters' is not a setting"),
    ("[plans]\nmax_letters = 3\n", "[plans] is not a table of settings"),
])
def test_a_bad_value_in_the_file_names_the_key_and_the_file(run, tmp_path, line, message):
    path = tmp_path / "config.toml"
    path.write_text(line)
    result = run("config", "show")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"insidetrack: error: the settings file {path}: {message}")
    assert result.stderr.count("\n") == 1


def test_every_setting_has_a_rule_and_the_choices_agree():
    from insidetrack.domain.setting_rules import RULES
    from insidetrack.domain.settings import PAPERS, SECURITY
    from insidetrack.storage.settings_file import SECTION_KEYS

    assert set(RULES) == set(SECTION_KEYS)
    assert RULES["draft.paper"].choices == PAPERS and RULES["smtp.security"].choices == SECURITY


def _due_of(run, kind: str, number: int) -> str:
    return next(s["due"] for s in run.json("plan", "1")["steps"]
                if s["kind"] == kind and s["number"] == number)


def test_no_follow_up_lands_on_thanksgiving_once_holidays_are_set(run):
    """A letter due on Thanksgiving (Thu 26 Nov 2026) moves to the Friday, like off a weekend."""
    run.ok("interview", "add", "--employer", "Acme", "--job-title", "Rep",
           "--at", "2026-11-19 10:00", "--interviewer", "Dana Scully")
    assert _due_of(run, "follow-up", 2) == "2026-11-26T09:00:00-05:00"
    assert "holidays.country = US" in run.ok("config", "set", "holidays.country", "us")
    assert _due_of(run, "follow-up", 2) == "2026-11-27T09:00:00-05:00"
    assert _due_of(run, "thank-you", 1) == "2026-11-20T11:00:00-05:00"  # keeps its 24 hours
    run.ok("config", "set", "holidays.country", "")
    assert _due_of(run, "follow-up", 2) == "2026-11-26T09:00:00-05:00"


def test_a_region_adds_its_own_holidays_and_a_wrong_one_is_named(run, tmp_path):
    run.ok("config", "set", "holidays.country", "DE")
    bad = run("config", "set", "holidays.region", "ZZ")
    assert bad.exit_code == 2
    assert bad.stderr.startswith("insidetrack: error: holidays.region: 'ZZ' is not a region of DE;")
    assert "BY" in bad.stderr and "holidays.region" not in (tmp_path / "config.toml").read_text()
    assert "holidays.region = BY" in run.ok("config", "set", "holidays.region", "by")
