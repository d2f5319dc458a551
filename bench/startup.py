"""Time the CLI's start-up against Python's own, interleaved, on a shared machine.

Runs `insidetrack --help`, `insidetrack today --json` on an empty database,
`insidetrack employer --help` (one command's help) and `python -c pass` one
after the other, round after round, so that whatever else the machine is
doing weighs on all of them alike; prints each one's median, its
interquartile range and its ratio to the floor measured in the same run.

With `--before SRC` it also times the three commands from another
source tree (e.g. `git archive REV src | tar -x -C DIR`, then DIR/src), run
through the same console-script entry point, in the same rounds.

Usage: python bench/startup.py [--runs 21] [--before SRC]
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


def _time(argv: list[str], env: dict[str, str], src: str | None) -> float:
    """Run argv once (from src if given) with its output thrown away; return the wall ms."""
    if src:
        env = {**env, "PYTHONPATH": src}
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return (time.perf_counter() - start) * 1000


def _commands(db: Path, before: str | None) -> dict[str, tuple[list[str], str | None]]:
    """Name each command timed, with the source tree it runs from; the floor first."""
    script = str(BIN / "insidetrack")
    entry = [sys.executable, "-c", "import sys; from insidetrack.cli.entry import main; "
             "sys.argv[0] = 'insidetrack'; main()"]
    timed: dict[str, tuple[list[str], str | None]] = {
        "python -c pass (the floor)": ([sys.executable, "-c", "pass"], None),
        "insidetrack --help": ([script, "--help"], None),
        "insidetrack today --json (empty db)": ([script, "--db", str(db), "today", "--json"], None),
        "insidetrack employer --help": ([script, "employer", "--help"], None),
        # the same help through click and the lazy group (the kept text is not used)
        "insidetrack --traceback --help": ([script, "--traceback", "--help"], None),
    }
    if before:
        timed["before: --help"] = ([*entry, "--help"], before)
        timed["before: today --json (empty db)"] = ([*entry, "--db", str(db), "today", "--json"],
                                                    before)
        timed["before: employer --help"] = ([*entry, "employer", "--help"], before)
    return timed


def _row(name: str, times: list[float], floor: float) -> str:
    """Say one command's median, interquartile range and ratio to the floor."""
    q1, median, q3 = statistics.quantiles(times, n=4)
    return (f"{name:38} median {median:6.1f} ms  IQR {q1:6.1f}-{q3:6.1f} ms "
            f"({(q3 - q1) / median:5.1%})  x{median / floor:4.2f}")


def main() -> None:
    """Time every command interleaved and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--before", help="another source tree's src folder to time as well")
    args = parser.parse_args()
    runs = args.runs
    env = {**os.environ, "NO_COLOR": "1"}
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "empty.db"
        env["INSIDETRACK_CONFIG"] = str(Path(folder) / "config.toml")
        commands = _commands(db, args.before)
        for argv, src in commands.values():  # warm the caches; the first call makes the db
            _time(argv, env, src)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, (argv, src) in commands.items():
                times[name].append(_time(argv, env, src))
    floor = statistics.median(next(iter(times.values())))
    print(f"{runs} interleaved runs each, {os.cpu_count()} cores")
    for name, taken in times.items():
        print(_row(name, taken, floor))


if __name__ == "__main__":
    main()
