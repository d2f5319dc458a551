"""Time `insidetrack import csv` of a generated spreadsheet into a new database.

Usage: python bench/import_csv.py [--rows 100000] [--runs 3]
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


def sheet(path: Path, rows: int) -> None:
    lines = ["Company,Position,Date applied,Interview date,Contact,Email,Status,Notes"]
    for n in range(rows):
        month, day = 1 + n % 11, 1 + n % 28
        interview = f"2026-{month:02d}-{day:02d} {9 + n % 8}:{(n * 7) % 60:02d}" if n % 4 else ""
        status = ("interviewing", "applied", "rejected", "waiting")[n % 4]
        lines.append(f"Firm {n % 20000},Role {n},2026-{month:02d}-01,{interview},Person {n},"
                     f"p{n}@firm{n % 20000}.example,{status},note {n}")
    path.write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    script = str(Path(sys.executable).parent / "insidetrack")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet(folder / "sheet.csv", args.rows)
        env = {**os.environ, "INSIDETRACK_CONFIG": str(folder / "config.toml"), "TZ": "UTC"}
        times = []
        for run in range(args.runs):
            db = folder / f"run{run}.db"
            started = time.perf_counter()
            subprocess.run([script, "--db", str(db), "import", "csv", str(folder / "sheet.csv")],
                           env=env, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"import csv, {args.rows:,} rows: median {median:.1f} s (runs: "
          f"{', '.join(f'{t:.1f}' for t in times)}; goal < 20 s)")


if __name__ == "__main__":
    main()
