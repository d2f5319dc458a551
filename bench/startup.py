"""Time the CLI's start-up against Python's own, interleaved, on a shared machine.

Runs `insidetrack --help`, `insidetrack today --json` on an empty database and
`python -c pass` one after the other, round after round, so that whatever else
the machine is doing weighs on all three alike; prints each one's median, its
interquartile range and its ratio to the floor measured in the same run.

Usage: python bench/startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def _time(argv: list[str], env: dict[str, str]) -> float:
    """Run argv once with its output thrown away; return the wall time in ms."""
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return (time.perf_counter() - start) * 1000


def _commands(db: Path) -> dict[str, list[str]]:
    """Name each command timed, the floor first."""
    script = str(BIN / "insidetrack")
    return {
        "python -c pass (the floor)": [sys.executable, "-c", "pass"],
        "insidetrack --help": [script, "--help"],
        "insidetrack today --json (empty db)": [script, "--db", str(db), "today", "--json"],
    }


def _row(name: str, times: list[float], floor: float) -> str:
    """Say one command's median, interquartile range and ratio to the floor."""
    q1, median, q3 = statistics.quantiles(times, n=4)
    median = statistics.median(times)
    return (f"{name:38} median {median:6.1f} ms  IQR {q1:6.1f}-{q3:6.1f} ms "
            f"({(q3 - q1) / median:5.1%})  x{median / floor:4.2f}")


def main() -> None:
    """Time every command interleaved and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    env = {**os.environ, "NO_COLOR": "1"}
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "empty.db"
        env["INSIDETRACK_CONFIG"] = str(Path(folder) / "config.toml")
        commands = _commands(db)
        for argv in commands.values():  # warm the caches; the first call also makes the db
            _time(argv, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, argv in commands.items():
                times[name].append(_time(argv, env))
    floor = statistics.median(next(iter(times.values())))
    print(f"{runs} interleaved runs each, {os.cpu_count()} cores")
    for name, taken in times.items():
        print(_row(name, taken, floor))


if __name__ == "__main__":
    main()
