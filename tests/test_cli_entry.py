"""The `today --json` fast path: same answer as the full CLI, or steps aside."""

from __future__ import annotations

import json
import os

import pytest

from dbs import delete_all
from insidetrack.cli.entry import fast_today, parse_today


@pytest.mark.parametrize(("argv", "expected"), [
    (["today", "--json"], (None, None)),
    (["--db", "x.db", "today", "--json"], ("x.db", None)),
    (["--db=x.db", "today", "--date", "2026-11-25", "--json"], ("x.db", "2026-11-25")),
    (["today", "--json", "--date=2026-11-25"], (None, "2026-11-25")),
    (["today"], None),
    (["plan", "1", "--json"], None),
    (["today", "--json", "--verbose"], None),
    (["--traceback", "today", "--json"], None),
    (["today", "--json", "--json"], None),
    (["today", "--date", "2026-11-25", "--date", "2026-11-26", "--json"], None),
])
def test_parse_today(argv, expected):
    assert parse_today(argv) == expected


@pytest.fixture
def demo_db(run, db_path):
    run.ok("demo")
    return db_path


def test_fast_path_prints_what_the_full_cli_prints(demo_db, run, capsys, monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    for day in ("2026-11-20", "2026-11-25", "2026-12-15"):
        assert fast_today(["--db", str(demo_db), "today", "--date", day, "--json"]) == 0
        text = capsys.readouterr().out
        fast = json.loads(text)
        assert text == json.dumps(fast, sort_keys=True, ensure_ascii=False) + "\n"
        full = run.json("today", "--date", day)
        assert fast == full
    assert any(i["overdue"] for i in fast["items"])


def test_fast_path_uses_the_timezone_setting(demo_db, run, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("TZ", "UTC")
    (tmp_path / "config.toml").write_text('timezone = "Asia/Tokyo"\n')
    assert fast_today(["--db", str(demo_db), "today", "--date", "2026-11-25", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    assert items and all(i["due"].endswith("+09:00") for i in items)


@pytest.mark.parametrize("problem", ["missing", "bad-date", "old-schema", "bad-settings",
                                     "zone-not-text", "unknown-zone"])
def test_fast_path_steps_aside(demo_db, tmp_path, problem, capsys):
    db, day = str(demo_db), "2026-11-25"
    if problem == "missing":
        db = str(tmp_path / "nowhere.db")
    elif problem == "bad-date":
        day = "2026-02-30"
    elif problem == "old-schema":
        delete_all(demo_db, "schema_migrations")
    elif problem == "zone-not-text":
        (tmp_path / "config.toml").write_text("timezone = 9\n")
    elif problem == "unknown-zone":
        (tmp_path / "config.toml").write_text('timezone = "Mars/Olympus_Mons"\n')
    else:
        (tmp_path / "config.toml").write_text("timezone = [\n")
    assert fast_today(["--db", db, "today", "--date", day, "--json"]) is None
    assert capsys.readouterr().out == ""
    assert problem != "missing" or not os.path.exists(db)


def test_the_fast_path_loads_neither_click_nor_the_domain():
    import subprocess
    import sys

    code = ("import sys, insidetrack.cli.entry as e, insidetrack.storage.agenda, "
            "insidetrack.storage.locations, insidetrack.cli.output\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'rich', 'jinja2')"
            " or m.startswith('insidetrack.domain')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_morning_today_loads_neither_platformdirs_nor_shutil(sqlite_path, tmp_path):
    """`today --json` imports no more than it needs, and neither does Python's start.

    urllib3-future (pulled in by caldav through niquests) ships a start-up hook
    that imports shutil in every Python of the environment; `make` installs it
    without that hook (URLLIB3_NO_OVERRIDE), and this test notices if it returns.
    """
    import subprocess
    import sys

    from conftest import Cli

    Cli(sqlite_path).ok("demo")
    code = ("import sys\nfrom insidetrack.cli.entry import fast_today\n"
            f"status = fast_today(['--db', {str(sqlite_path)!r}, 'today', '--json'])\n"
            "print(status, sorted(m for m in sys.modules if m in ('platformdirs', 'shutil')),"
            " file=sys.stderr)")
    env = {**os.environ, "HOME": str(tmp_path), "TZ": "UTC"}
    env.pop("INSIDETRACK_CONFIG", None)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env)
    assert out.stderr.strip() == "0 []"


@pytest.mark.parametrize("env", [
    {"HOME": "/home/ada"},
    {"HOME": "/home/ada/", "XDG_CONFIG_HOME": "/cfg", "XDG_DATA_HOME": "/data"},
    {"HOME": "/home/ada", "XDG_CONFIG_HOME": "relative", "XDG_DATA_HOME": ""},
    {"HOME": "/"},
])
def test_default_files_are_where_platformdirs_puts_them(env, monkeypatch):
    import platformdirs

    from insidetrack.storage import locations

    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "INSIDETRACK_CONFIG",
                 "INSIDETRACK_DB"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert locations.settings_file() == os.path.join(
        platformdirs.user_config_dir("insidetrack"), "config.toml")
    assert locations.database_file() == os.path.join(
        platformdirs.user_data_dir("insidetrack"), "insidetrack.db")


def _settle(db) -> None:
    """Make the database (and its log) look untouched for a while, as between two polls."""
    for path in (str(db), f"{db}-wal"):
        if os.path.exists(path):
            past = os.stat(path).st_mtime_ns - 10 * 10**9
            os.utime(path, ns=(past, past))


@pytest.fixture
def demo_file(sqlite_path):
    """The demo in a SQLite file: the answer is kept for files only (a server has no mtime)."""
    from conftest import Cli

    Cli(sqlite_path).ok("demo")
    return sqlite_path


def _printed(db, capsys, *day: str) -> str:
    assert fast_today(["--db", str(db), "today", *(("--date", *day) if day else ()),
                       "--json"]) == 0
    return capsys.readouterr().out


def test_the_kept_answer_is_the_full_cli_s_and_follows_every_change(demo_file, capsys,
                                                                     monkeypatch, tmp_path):
    from conftest import Cli
    from insidetrack.storage import today_cache

    run = Cli(demo_file)
    monkeypatch.setenv("TZ", "America/New_York")
    _settle(demo_file)
    first = _printed(demo_file, capsys, "2026-11-25")
    assert today_cache.read(str(demo_file), "2026-11-25") == first  # kept
    assert _printed(demo_file, capsys, "2026-11-25") == first  # and printed from there
    assert json.loads(first) == run.json("today", "--date", "2026-11-25")
    step = json.loads(first)["items"][0]["step"]
    run.ok("done", str(step))  # the database changes: the kept answer is not used
    after = json.loads(_printed(demo_file, capsys, "2026-11-25"))
    assert step not in [i["step"] for i in after["items"]]
    assert after == run.json("today", "--date", "2026-11-25")
    (tmp_path / "config.toml").write_text('timezone = "Asia/Tokyo"\n')  # so does the zone
    assert json.loads(_printed(demo_file, capsys, "2026-11-25"))["items"][0]["due"].endswith(
        "+09:00")


def test_an_answer_read_just_after_a_change_is_not_kept(demo_file, capsys, monkeypatch):
    """A coarse clock could stamp a later write with the same time: racy, so not kept."""
    from insidetrack.storage import today_cache

    monkeypatch.setenv("TZ", "America/New_York")
    now = os.stat(demo_file).st_mtime_ns
    os.utime(demo_file, ns=(now, max(now, today_cache.time.time_ns())))
    _printed(demo_file, capsys, "2026-11-25")
    assert today_cache.read(str(demo_file), "2026-11-25") is None


def test_today_s_answer_is_kept_for_that_day_only(demo_file, capsys, monkeypatch):
    from insidetrack.storage import today_cache

    monkeypatch.setenv("TZ", "America/New_York")
    _settle(demo_file)
    text = _printed(demo_file, capsys)
    assert today_cache.read(str(demo_file), None) == text
    before = today_cache.key(str(demo_file), None)
    today_cache.keep(str(demo_file), before, (0, 1), text)  # as if kept for a day long past
    assert today_cache.read(str(demo_file), None) is None
