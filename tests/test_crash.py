"""SIGKILL in the middle of an import, a re-plan and a send, many times at random points."""

from __future__ import annotations

import email
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from email import policy
from pathlib import Path

import pytest

from dbs import query
from servers import Recorder, free_port

SCRIPT = str(Path(sys.executable).parent / "insidetrack")
ROWS = 6000


def _run(db: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([SCRIPT, "--db", str(db), *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _kill_after(proc: subprocess.Popen[bytes], seconds: float) -> bool:
    """Kill the process after a while; say whether it was still running."""
    time.sleep(seconds)
    running = proc.poll() is None
    if running:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    return running


def _integrity(db: str | Path) -> str:
    """Return SQLite's integrity check; a PostgreSQL server checks its own pages."""
    if not isinstance(db, Path):
        return "ok"
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def _count(db: str | Path, sql: str) -> int:
    return int(query(db, sql)[0][0])


@pytest.fixture
def fresh(backend, request, tmp_path):
    """Hand out new, empty databases with the schema in place, on the test's backend."""
    if backend == "postgresql":
        server = request.getfixturevalue("postgres")
        return lambda name: server.new_database()
    template = tmp_path / "empty.db"
    subprocess.run([SCRIPT, "--db", str(template), "interview", "list"], check=True,
                   capture_output=True, timeout=60)

    def copy(name: str) -> Path:
        shutil.copy(template, tmp_path / name)
        return tmp_path / name
    return copy


@pytest.fixture
def big_sheet(tmp_path):
    path = tmp_path / "big.csv"
    lines = ["Company,Position,Interview date,Contact,Email"]
    lines += [f"Firm {n},Rep {n},2026-11-{1 + n % 20:02d} 10:00,Person {n},p{n}@firm{n}.example"
              for n in range(ROWS)]
    path.write_text("\n".join(lines) + "\n")
    return path


def _start_import(db: Path, sheet: Path) -> subprocess.Popen[bytes]:
    """Start an import and return once it has read the sheet and is about to write."""
    proc = subprocess.Popen([SCRIPT, "--db", str(db), "import", "csv", str(sheet)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith(b"Columns:")
    return proc


def test_an_import_killed_anywhere_is_all_or_nothing(fresh, big_sheet):
    # Every round imports into a fresh, empty, migrated database, so every round does the
    # whole import and the kill lands inside it (a database that already holds the rows
    # would make the import a quick no-op that ends before the kill).
    measured = fresh("measured.db")
    proc = _start_import(measured, big_sheet)
    began = time.monotonic()  # from the "Columns:" line, as each kill below is timed
    assert proc.wait(timeout=300) == 0
    work = time.monotonic() - began
    assert _count(measured, "SELECT COUNT(*) FROM interviews") == ROWS
    assert _count(measured, "SELECT COUNT(*) FROM steps") == ROWS * 9

    rng = random.Random(7)
    killed = 0
    for round_ in range(6):
        db = fresh(f"round{round_}.db")
        was_running = _kill_after(_start_import(db, big_sheet), rng.uniform(0.05, 0.6) * work)
        assert _integrity(db) == "ok"
        interviews = _count(db, "SELECT COUNT(*) FROM interviews")
        steps = _count(db, "SELECT COUNT(*) FROM steps")
        assert (interviews, steps) in ((0, 0), (ROWS, ROWS * 9))
        killed += was_running and interviews == 0  # killed inside the transaction: nothing
    assert killed >= 4, f"only {killed} of 6 imports were killed before they committed"
    done = subprocess.run([SCRIPT, "--db", str(db), "import", "csv", str(big_sheet)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _count(db, "SELECT COUNT(*) FROM interviews") == ROWS
    assert _count(db, "SELECT COUNT(*) FROM steps") == ROWS * 9


def test_a_replan_killed_anywhere_leaves_one_plan_or_the_other(fresh, big_sheet):
    db = fresh("replan.db")
    subprocess.run([SCRIPT, "--db", str(db), "import", "csv", str(big_sheet)], check=True,
                   capture_output=True, timeout=300)
    rng = random.Random(11)
    for letters in (3, 5, 4, 6):
        _kill_after(_run(db, "config", "set", "plan.max_letters", str(letters)),
                    rng.uniform(0.3, 3.0))
        assert _integrity(db) == "ok"
        pending = {r for (r,) in query(
            db, "SELECT COUNT(*) FROM steps WHERE kind = 'follow-up'"
            " AND status IN ('pending', 'missed') GROUP BY interview_id")}
        assert len(pending) == 1  # every campaign has the same plan: the old or the new


def test_a_send_killed_anywhere_never_sends_twice(tmp_path, run, monkeypatch):
    from aiosmtpd.controller import Controller

    handler = Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        run.ok("profile", "set", "--name", "Dana", "--email", "dana@example.com", "--phone",
               "+1 555 0100", "--field", "Sales")
        for n in range(8):
            run.ok("interview", "add", "--employer", f"Firm {n}", "--job-title", "Rep", "--at",
                   "2026-11-20 10:00", "--interviewer", f"P {n} <p{n}@firm.example>",
                   "--topic", "pricing")
        for key, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(controller.port)),
                           ("smtp.security", "none")):
            run.ok("config", "set", key, value)
        rng = random.Random(5)
        steps = [s["step"] for s in run.json("today", "--date", "2026-11-30")["items"]
                 if s["kind"] == "thank-you"]
        for step in steps:
            _kill_after(_run(run.db, "send", str(step), "--yes"), rng.uniform(0.05, 1.2))
            assert _integrity(run.db) == "ok"
        run("outbox", "retry")
        ids = [email.message_from_bytes(raw, policy=policy.default)["Message-ID"]
               for raw in handler.received]
        assert len(ids) == len(set(ids))  # no message twice
        outbox = run.json("outbox")
        assert len({i["step"] for i in outbox}) == len(outbox)  # one message a step at most
        sent = {i["message_id"] for i in outbox if i["state"] == "sent"}
        assert sent <= set(ids)  # marked sent only when the server had it
    finally:
        controller.stop()
