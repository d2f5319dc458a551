"""Time the cell checking of `import csv` alone: reading every row of a generated spreadsheet
into checked rows (`Sheet.rows`), nothing planned or written.

Usage: python bench/import_rows.py [--rows 20000] [--runs 5] [--against SRC]

Each run is a new process (`-c`, with PYTHONPATH set to the code's `src`); with --against,
other code is run alternately with this one, run for run, as bench/import_csv.py does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import against_option, source_folders
from import_csv import sheet

HERE = Path(__file__).parent

# Run in the child: the survey first (untimed), then the timed pass over every row.
TIMED = """
import sys, time
from datetime import UTC, date
from pathlib import Path
from insidetrack.services.spreadsheet import read_sheet
found = read_sheet(Path(sys.argv[1]), UTC, today=date(2026, 11, 27))
started = time.perf_counter()
rows = sum(1 for _ in found.rows())
assert rows and not found.problems, found.problems[:3]
print(time.perf_counter() - started)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    against_option(parser)
    args = parser.parse_args()
    codes = source_folders(args.against)
    times: dict[str, list[float]] = {label: [] for label in codes}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sheet.csv"
        sheet(path, args.rows)
        for _ in range(args.runs):
            for label, src in codes.items():
                out = subprocess.run([sys.executable, "-c", TIMED, str(path)], check=True,
                                     env={**os.environ, "PYTHONPATH": src, "TZ": "UTC"},
                                     capture_output=True, text=True).stdout
                times[label].append(float(out))
    for label, found in times.items():
        print(f"checking {args.rows:,} rows, {label}: median {statistics.median(found):.3f} s "
              f"(runs: {', '.join(f'{t:.3f}' for t in found)})")


if __name__ == "__main__":
    main()
