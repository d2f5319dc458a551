"""Files the CLI writes (--out, exports, backup): atomic for files, through for the rest."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from dbs import query

EXPORTS = [("export", "json"), ("export", "csv"), ("export", "ics")]
PROFILE = ("profile", "set", "--name", "Dana Whitfield", "--email", "dana@example.com",
           "--phone", "+1 555 0100", "--field", "Sales", "--years", "6", "--specialty", "autos",
           "--address", "12 Elm Street, Springfield, IL 62701")


@pytest.fixture
def data(run):
    run.ok(*PROFILE)
    run.ok("interview", "add", "--employer", "Acme", "--job-title", "Rep", "--at",
           "2026-11-18 10:00", "--interviewer", "Zoe Martin <zoe@acme.example>")
    return run


def _one_line(result, start: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"insidetrack: error: {start}"), result.stderr
    assert result.stderr.count("\n") == 1 and "internal error" not in result.stderr


@pytest.mark.parametrize("command", EXPORTS)
def test_an_existing_file_is_replaced_only_with_force(data, tmp_path, command):
    out = tmp_path / "mine.txt"
    out.write_text("my own notes\n")
    refused = data(*command, "--out", str(out))
    _one_line(refused, "--out: ")
    assert "already exists; add --force to replace it" in refused.stderr
    assert out.read_text() == "my own notes\n"
    data.ok(*command, "--out", str(out), "--force")
    assert out.read_text() != "my own notes\n" and out.stat().st_size > 0


def test_a_new_file_needs_no_force_and_leaves_no_temporary_file(data, tmp_path):
    out = tmp_path / "all.json"
    data.ok("export", "json", "--out", str(out))
    assert json.loads(out.read_text())["format"] == "insidetrack-export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_symlink_stays_a_symlink_and_its_file_gets_the_data(data, tmp_path):
    real = tmp_path / "real.json"
    link = tmp_path / "link.json"
    link.symlink_to(real)
    data.ok("export", "json", "--out", str(link))  # its file did not exist: no --force needed
    assert link.is_symlink() and json.loads(real.read_text())["format"] == "insidetrack-export"
    real.write_text("kept\n")
    _one_line(data("export", "json", "--out", str(link)), "--out: ")
    assert real.read_text() == "kept\n"
    data.ok("export", "json", "--out", str(link), "--force")
    assert link.is_symlink() and json.loads(real.read_text())["format"] == "insidetrack-export"


def test_a_pipe_is_written_through_never_replaced(data, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        data.ok("export", "csv", "--out", str(fifo))
        received = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received.startswith(b"employer,") or b"Acme" in received


def test_a_device_is_written_through_never_replaced(data, tmp_path):
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    except PermissionError:
        pytest.skip("making a device file needs root")
    data.ok("export", "json", "--out", str(null))
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_dev_stdout_is_written_through(data, db_path, tmp_path):
    script = Path(sys.executable).parent / "insidetrack"
    if not script.exists():
        pytest.skip("console script not installed")
    env = {**os.environ, "INSIDETRACK_CONFIG": str(tmp_path / "config.toml")}
    done = subprocess.run([str(script), "--db", str(db_path), "export", "json", "--out",
                           "/dev/stdout"], capture_output=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["format"] == "insidetrack-export"
    assert Path("/dev/stdout").is_symlink()


@pytest.mark.parametrize(("where", "says"), [
    ("missing/x.json", "there is no folder"),
    ("file.txt/x.json", "is a file, not a folder"),
    ("/proc/insidetrack-test.json", "cannot write /proc/insidetrack-test.json"),
])
def test_unwritable_paths_get_one_clear_line(data, tmp_path, where, says):
    (tmp_path / "file.txt").write_text("a file\n")
    out = where if where.startswith("/") else str(tmp_path / where)
    result = data("export", "json", "--out", out)
    _one_line(result, "--out: ")
    assert says in result.stderr
    assert not (tmp_path / "missing").exists()


def test_draft_out_refuses_an_existing_file_and_records_nothing(data, tmp_path, db_path):
    out = tmp_path / "thanks.eml"
    out.write_text("not mine to replace\n")
    _one_line(data("draft", "1", "--format", "eml", "--out", str(out)), "--out: ")
    assert out.read_text() == "not mine to replace\n"
    assert query(db_path, "SELECT COUNT(*) FROM messages") == [(0,)]
    data.ok("draft", "1", "--format", "eml", "--out", str(out), "--force")
    assert out.read_bytes().startswith(b"From:") or b"Subject:" in out.read_bytes()


def test_draft_pdf_default_file_is_not_replaced_without_force(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run.ok(*PROFILE)
    run.ok("employer", "add", "Northwind", "--traditionalist")
    run.ok("interview", "add", "--employer", "Northwind", "--job-title", "Rep", "--at",
           "2026-11-18 10:00", "--interviewer", "Maria Lopez")
    run.ok("draft", "1", "--format", "pdf")
    first = (tmp_path / "insidetrack-step-1.pdf").read_bytes()
    assert first.startswith(b"%PDF")
    _one_line(run("draft", "1", "--format", "pdf"), "--out: ")
    run.ok("draft", "1", "--format", "pdf", "--force")


def test_backup_checks_its_target_like_every_other_file(data, tmp_path):
    existing = tmp_path / "old.db"
    existing.write_text("an older backup\n")
    _one_line(data("backup", str(existing)), "FILE: ")
    assert existing.read_text() == "an older backup\n"
    data.ok("backup", str(existing), "--force")
    if existing.read_bytes().startswith(b"SQLite format 3"):
        assert query(existing, "SELECT COUNT(*) FROM interviews") == [(1,)]
    else:  # a PostgreSQL database backs up as the JSON export
        assert len(json.loads(existing.read_text())["tables"]["interviews"]) == 1
    link = tmp_path / "link.db"
    link.symlink_to(tmp_path / "elsewhere.db")
    refused = data("backup", str(link), "--force")
    _one_line(refused, "FILE: ")
    assert "symbolic link" in refused.stderr and link.is_symlink()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    _one_line(data("backup", str(fifo), "--force"), "FILE: ")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    _one_line(data("backup", str(tmp_path / "missing" / "b.db")), "FILE: ")
    assert not (tmp_path / "missing").exists()
    _one_line(data("backup", "/proc/insidetrack-test.db"), "FILE: ")
