"""The installed `insidetrack` command, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = str(Path(sys.executable).parent / "insidetrack")


def _run(*args: str, env_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "TZ": "America/Chicago",
           "INSIDETRACK_CONFIG": str(env_dir / "c.toml"), "HOME": str(env_dir), "NO_COLOR": "1"}
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.skipif(not Path(SCRIPT).exists(), reason="console script not installed")
def test_demo_then_today_through_the_console_script(tmp_path):
    db = str(tmp_path / "demo.db")
    assert _run("--db", db, "demo", env_dir=tmp_path).returncode == 0
    out = _run("--db", db, "today", "--json", env_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["items"] and all(i["due"][-6:] in ("-06:00", "-05:00") for i in data["items"])


@pytest.mark.skipif(not Path(SCRIPT).exists(), reason="console script not installed")
def test_errors_are_one_line_without_traceback(tmp_path):
    out = _run("--db", str(tmp_path / "x.db"), "plan", "12", env_dir=tmp_path)
    expected = ("insidetrack: error: no interview 12: "
                "see `insidetrack interview list` for the interviews and their numbers\n")
    assert (out.returncode, out.stderr) == (3, expected)


@pytest.mark.skipif(not Path(SCRIPT).exists(), reason="console script not installed")
def test_default_database_lives_in_the_users_data_folder(tmp_path):
    out = _run("employer", "add", "Acme", env_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    assert list(tmp_path.rglob("insidetrack.db"))
