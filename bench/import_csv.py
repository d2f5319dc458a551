"""Time `insidetrack import csv` of a generated spreadsheet into a new database, and its
peak memory (the maximum resident set size of the import process) and CPU time (user and
system: on a shared machine it varies less than the wall time).

Usage: python bench/import_csv.py [--rows 100000] [--runs 3] [--postgresql] [--against SRC]

With --postgresql each run imports into a new database of a throwaway PostgreSQL server
(started here as the tests start one); the memory is the import process's, not the server's.
With --against, the source folder of other code (e.g. an older commit's `src`, from
`git worktree add` or `git archive`) is run alternately with this one, run for run, so
both meet the same load on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import against_option, source_folders

HERE = Path(__file__).parent


def sheet(path: Path, rows: int) -> None:
    lines = ["Company,Position,Date applied,Interview date,Contact,Email,Status,Notes"]
    for n in range(rows):
        month, day = 1 + n % 11, 1 + n % 28
        interview = f"2026-{month:02d}-{day:02d} {9 + n % 8}:{(n * 7) % 60:02d}" if n % 4 else ""
        status = ("interviewing", "applied", "rejected", "waiting")[n % 4]
        lines.append(f"Firm {n % 20000},Role {n},2026-{month:02d}-01,{interview},Person {n},"
                     f"p{n}@firm{n % 20000}.example,{status},note {n}")
    path.write_text("\n".join(lines) + "\n")


Sample = tuple[float, float, float]  # wall time (s), peak memory (MB), CPU time (s)


def _measured(command: list[str], env: dict[str, str]) -> Sample:
    """Run a command; return its wall time in seconds, its peak memory in MB and its CPU
    time in seconds (the import process's own, not a database server's)."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(command)} failed with exit code {proc.returncode}")
    # Linux counts kilobytes
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def _databases(postgresql: bool, folder: Path) -> tuple[Callable[[str], str], Callable[[], None]]:
    """Return how to make a new empty database, and how to stop its server."""
    if not postgresql:
        return (lambda name: str(folder / f"{name}.db")), (lambda: None)
    sys.path.insert(0, str(HERE.parent / "tests"))
    import pg

    server = pg.Server()
    return (lambda name: server.new_database()), server.stop


def _summary(label: str, samples: list[Sample]) -> str:
    times, peaks, cpu = ([s[n] for s in samples] for n in range(3))
    return (f"{label}: median {statistics.median(times):.1f} s (runs: "
            f"{', '.join(f'{t:.1f}' for t in times)}), peak memory median "
            f"{statistics.median(peaks):.0f} MB (runs: {', '.join(f'{m:.0f}' for m in peaks)}), "
            f"CPU median {statistics.median(cpu):.1f} s (runs: "
            f"{', '.join(f'{c:.1f}' for c in cpu)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgresql", action="store_true", help="Import into PostgreSQL.")
    against_option(parser)
    args = parser.parse_args()
    codes = source_folders(args.against)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet(folder / "sheet.csv", args.rows)
        base = {**os.environ, "INSIDETRACK_CONFIG": str(folder / "config.toml"), "TZ": "UTC"}
        new_database, stop = _databases(args.postgresql, folder)
        samples: dict[str, list[Sample]] = {label: [] for label in codes}
        try:
            for run in range(args.runs):  # interleaved, so the machine's load hits both alike
                for n, (label, src) in enumerate(codes.items()):
                    env = {**base, "PYTHONPATH": src}
                    db = new_database(f"run{run}-{n}")
                    samples[label].append(_measured(
                        [sys.executable, "-m", "insidetrack", "--db", db, "import", "csv",
                         str(folder / "sheet.csv")], env))
        finally:
            stop()
    database = "PostgreSQL" if args.postgresql else "SQLite"
    for label, found in samples.items():
        print(_summary(f"import csv, {args.rows:,} rows, {database}, {label}", found))
    print("goal: < 5 s and < 150 MB")


if __name__ == "__main__":
    main()
