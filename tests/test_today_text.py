"""`today --json` to a pipe, written by SQLite: the same bytes as the full CLI's, in every zone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import Cli
from dbs import change
from insidetrack.cli.entry import fast_today
from insidetrack.services.today_file import agenda_text
from insidetrack.storage.agenda import agenda_of_file
from insidetrack.storage.agenda_text import offset_pieces

# Names a user types, with what JSON must escape and what it must keep as it is.
EMPLOYERS = ('Ærø "Quoted" \\ Back\\slash', "日本 株式会社", "Café Zoë", "Plain Ltd")
# Interviews on both sides of spring and autumn clock changes in Europe, America, Australia.
AT = ("2026-02-10 10:00", "2026-03-20 10:00", "2026-06-15 10:00", "2026-10-20 10:00")
ZONES = ("UTC", "Europe/Oslo", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu",
         "America/St_Johns")
DAYS = ("2026-11-25", "2026-03-29", "2026-11-01", "2027-06-01")


@pytest.fixture
def campaigns(sqlite_path):
    """Follow-ups pending from February to June next year, logged as a diligent user does,
    replies from the employers, and an archived opening."""
    run = Cli(sqlite_path)
    for employer, at in zip(EMPLOYERS, AT, strict=True):
        run.logged_on_time("interview", "add", "--employer", employer, "--job-title",
                           f"Analyst at {employer}", "--at", at)
    run.logged_on_time("interview", "add", "--employer", "Archived Co", "--job-title", "Clerk",
                       "--at", "2026-06-16 10:00")
    change(sqlite_path, "UPDATE openings SET archived_at = '2026-07-01T00:00:00+00:00'"
           " WHERE job_title = 'Clerk'")  # its steps leave the agenda
    for interview, at in ((1, "2026-11-24T16:00:00.250000+00:00"), (2, "2026-03-28T23:30:00+00:00")):
        change(sqlite_path, "INSERT INTO alerts (kind, interview_id, sender, subject, at)"
               " VALUES ('reply', ?, ?, ?, ?)",
               (interview, 'Åsa "HR" <hr@example.com>', "Re: next steps \\ 日程", at))
    return sqlite_path


def _printed(db, capsys, zone: str, day: str, monkeypatch) -> str:
    monkeypatch.setenv("TZ", zone)
    assert fast_today(["--db", str(db), "today", "--date", day, "--json"]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("zone", ZONES)
def test_the_printed_agenda_is_the_agenda_json_prints(campaigns, capsys, monkeypatch, zone):
    for day in DAYS:
        text = _printed(campaigns, capsys, zone, day, monkeypatch)
        document = agenda_of_file(str(campaigns), date.fromisoformat(day), ZoneInfo(zone))
        assert text == json.dumps(document, ensure_ascii=False) + "\n"
        assert agenda_text(str(campaigns), day) == text  # SQLite wrote it, not the fallback
    offsets = {item["due"][19:] for item in json.loads(text)["items"]}
    assert len(offsets) == (1 if zone in ("UTC", "Asia/Kathmandu") else 2)  # DST both ways
    assert {i["employer"] for i in json.loads(text)["items"]} == set(EMPLOYERS)
    assert json.loads(_printed(campaigns, capsys, zone, "2026-11-25", monkeypatch))["alerts"]


def test_the_printed_agenda_is_the_full_cli_s(campaigns, capsys, monkeypatch):
    run = Cli(campaigns)
    for day in DAYS:
        text = _printed(campaigns, capsys, "America/New_York", day, monkeypatch)
        full = run("today", "--date", day, "--json")
        assert full.exit_code == 0
        assert text == full.stdout


def test_an_empty_agenda_prints_as_before(sqlite_path, capsys, monkeypatch):
    Cli(sqlite_path).ok("today")  # makes the database
    text = _printed(sqlite_path, capsys, "Europe/Oslo", "2026-11-25", monkeypatch)
    assert text == '{"alerts": [], "date": "2026-11-25", "invitations": [], "items": []}\n'


@pytest.mark.parametrize("zone", ["Europe/Oslo", "America/New_York", "Australia/Lord_Howe",
                                  "America/Santiago", "Africa/Casablanca", "UTC"])
def test_each_piece_of_a_window_has_the_zone_s_offset(zone):
    tz = ZoneInfo(zone)
    since = datetime(2026, 1, 1, 0, 0, 7, tzinfo=UTC)
    pieces = offset_pieces(since, since + timedelta(days=400), tz)
    starts = [since] + [datetime.fromisoformat(p[0]) for p in pieces[1:]]
    for start, (_, seconds, text) in zip(starts, pieces, strict=True):
        assert start.astimezone(tz).utcoffset() == timedelta(seconds=seconds)
        assert start.astimezone(tz).isoformat().endswith(text)
    for before, start in zip(pieces, starts[1:], strict=False):  # each starts at its change
        earlier = (start - timedelta(seconds=1)).astimezone(tz).utcoffset()
        assert earlier == timedelta(seconds=before[1])
    moment = since
    while moment < since + timedelta(days=400):  # and holds until the next one
        n = sum(1 for s in starts if s <= moment) - 1
        assert moment.astimezone(tz).utcoffset() == timedelta(seconds=pieces[n][1])
        moment += timedelta(hours=1)


def test_a_pipe_in_utc_loads_neither_json_nor_re_nor_zone_data(campaigns, tmp_path):
    """The first `today --json` after a change, as a status bar runs it on a UTC machine."""
    code = ("import sys\nfrom insidetrack.cli.entry import fast_today\n"
            f"status = fast_today(['--db', {str(campaigns)!r}, 'today', '--date', '2026-11-25',"
            " '--json'])\n"
            "print(status, sorted(m for m in sys.modules if m in ('json', 're', 'zoneinfo')),"
            " file=sys.stderr)")
    env = {**os.environ, "TZ": "UTC", "XDG_CACHE_HOME": str(tmp_path / "empty-cache")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env)
    assert out.stderr.strip() == "0 []"
    document = agenda_of_file(str(campaigns), date(2026, 11, 25), ZoneInfo("UTC"))
    assert out.stdout == json.dumps(document, ensure_ascii=False) + "\n"


def test_any_text_in_the_database_prints_as_json_dumps_prints_it(campaigns, capsys, monkeypatch):
    """Names that came in by other roads (an import, an older version) print the same too."""
    odd = ("nul\x00 ctl\x01\x1f del\x7f", "\u2028\u2029 \ud7ff\ue000😀", 'tab\tnl\ncr\r"\\/')
    for n, text in enumerate(odd, start=1):
        change(campaigns, "UPDATE employers SET name = ? WHERE id = ?", (text, n))
        change(campaigns, "UPDATE openings SET job_title = ? WHERE id = ?", (text[::-1], n))
    printed = _printed(campaigns, capsys, "Europe/Oslo", "2026-11-25", monkeypatch)
    document = agenda_of_file(str(campaigns), date(2026, 11, 25), ZoneInfo("Europe/Oslo"))
    assert printed == json.dumps(document, ensure_ascii=False) + "\n"
    assert agenda_text(str(campaigns), "2026-11-25") == printed  # SQLite wrote it
    assert {i["employer"] for i in json.loads(printed)["items"]} >= set(odd)


def test_an_invitation_waiting_leaves_today_to_the_full_cli(campaigns, capsys, monkeypatch):
    """The quick path has no words for a proposal: with one waiting, the full CLI answers,
    and the proposal is in what it prints."""
    change(campaigns, "INSERT INTO invitations (uid, sequence, kind, state, starts_at, minutes,"
           " fields, interview_id, note, received_at) VALUES ('u-1@ats.example', 0, 'new',"
           " 'open', '2026-12-02T15:00:00+00:00', 30, '{}', NULL, '',"
           " '2026-11-24T10:00:00+00:00')")
    monkeypatch.setenv("TZ", "Europe/Oslo")
    assert fast_today(["--db", str(campaigns), "today", "--date", "2026-11-25", "--json"]) is None
    full = Cli(campaigns).ok("today", "--date", "2026-11-25", "--json")
    assert [i["id"] for i in json.loads(full)["invitations"]] == [1]


def test_the_console_script_prints_and_keeps_the_agenda_before_it_ends(campaigns, tmp_path):
    """The fast path ends without Python's clean-up: nothing printed or kept is lost."""
    script = str(Path(sys.executable).parent / "insidetrack")
    for written in (campaigns, Path(f"{campaigns}-wal")):  # changed long ago: worth keeping
        if written.exists():
            os.utime(written, (1_700_000_000, 1_700_000_000))
    env = {**os.environ, "TZ": "UTC", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    document = agenda_of_file(str(campaigns), date(2027, 6, 1), ZoneInfo("UTC"))
    for _ in range(2):  # computed, then the kept copy
        out = subprocess.run([script, "--db", str(campaigns), "today", "--date", "2027-06-01",
                              "--json"], capture_output=True, text=True, env=env)
        assert (out.returncode, out.stderr) == (0, "")
        assert out.stdout == json.dumps(document, ensure_ascii=False) + "\n"
        kept = list((tmp_path / "cache").rglob("*.json"))
        assert len(kept) == 1 and kept[0].read_text().endswith(out.stdout)


@pytest.mark.parametrize("zone", ["UTC", "Europe/Oslo"])
def test_every_opening_archived_prints_no_items(campaigns, capsys, monkeypatch, zone):
    """Steps still pending, but of archived openings only: an empty list, as before."""
    change(campaigns, "UPDATE openings SET archived_at = '2026-07-01T00:00:00+00:00'")
    change(campaigns, "DELETE FROM alerts")
    text = _printed(campaigns, capsys, zone, "2027-06-01", monkeypatch)
    assert json.loads(text)["items"] == []
    full = Cli(campaigns).ok("today", "--date", "2027-06-01", "--json")
    assert text == full
