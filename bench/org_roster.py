"""A career center's roster import at university size: `org roster import` of a generated
CSV (--rows students, 16,000 by default, in 20 cohorts), into a new center, then again (the
same file: nothing changes). The median of --runs, each on a new database.

Starts a throwaway PostgreSQL (as the tests do: tests/pg.py). The goal (issue 15's trial):
under 10 s for 16,000 students, where the import one INSERT at a time took 2 min 30 s.
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

HERE = Path(__file__).parent
SCRIPT = str(Path(sys.executable).parent / "insidetrack")


def roster(path: Path, rows: int) -> None:
    """Write a roster of `rows` students, as a student system exports it."""
    with path.open("w", encoding="utf-8") as out:
        out.write("email,name,cohort,coach\n")
        for n in range(rows):
            out.write(f"student{n:06d}@uni.example,Étudiant Número {n} Ñandú,"
                      f"Cohort {n % 20:02d} 2026,\n")


def timed(url: str, path: Path, env: dict[str, str]) -> tuple[float, str]:
    """Run `org roster import` once; return its wall-clock seconds and what it said."""
    began = time.perf_counter()
    done = subprocess.run([SCRIPT, "--db", url, "org", "roster", "import", str(path)],
                          env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - began, done.stdout.strip().splitlines()[0]


def web_import(url: str, path: Path, env: dict[str, str]) -> tuple[float, str]:
    """Upload the roster on /center/admin as an administrator (the app's role, row-level
    security holding); return the seconds the answer took and what the page said."""
    import warnings

    from fastapi.testclient import TestClient

    from insidetrack.web.app import create_app
    from insidetrack.web.context import WebConfig
    from insidetrack.web.security import Guard

    warnings.filterwarnings("ignore", category=DeprecationWarning)
    subprocess.run([SCRIPT, "--db", url, "org", "person", "add", "--email", "ad@uni.example",
                    "--name", "Ada Admin", "--role", "admin"], env=env, check=True,
                   capture_output=True)
    subprocess.run([SCRIPT, "--db", url, "org", "password", "--email", "ad@uni.example",
                    "--password-stdin"], input="a bench's password\n", env=env, check=True,
                   capture_output=True, text=True)
    base = "http://127.0.0.1:8765"
    app = create_app(WebConfig(url.replace("postgres@", "insidetrack_app@"), org=True),
                     Guard(port=8765, org=True))
    web = TestClient(app, base_url=base, follow_redirects=False, headers={"Origin": base})
    web.post("/login", data={"email": "ad@uni.example", "password": "a bench's password"})
    began = time.perf_counter()
    answer = web.post("/center/admin/roster",
                      files={"roster": ("roster.csv", path.read_bytes(), "text/csv")})
    seconds = time.perf_counter() - began
    began = time.perf_counter()
    said = web.get("/center/admin").text
    shown = time.perf_counter() - began
    found = said[said.find("Roster imported"):].split("<")[0]
    return seconds, (f"{answer.status_code}: {found}; then /center/admin in {shown:.2f} s, "
                     f"{len(said):,} bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=16_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path[:0] = [str(HERE.parent / "tests")]
    import pg

    env = {**os.environ, "NO_COLOR": "1"}
    server = pg.Server()
    first: list[float] = []
    again: list[float] = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "roster.csv"
            roster(path, args.rows)
            size = path.stat().st_size
            for run in range(args.runs):
                url = server.new_database()
                subprocess.run([SCRIPT, "--db", url, "org", "init"], env=env, check=True,
                               capture_output=True)
                seconds, said = timed(url, path, env)
                first.append(seconds)
                seconds_again, said_again = timed(url, path, env)
                again.append(seconds_again)
                print(f"run {run + 1}: {first[-1]:.2f} s ({said}); again {again[-1]:.2f} s "
                      f"({said_again})", flush=True)
            url = server.new_database()
            subprocess.run([SCRIPT, "--db", url, "org", "init"], env=env, check=True,
                           capture_output=True)
            web_seconds, web_said = web_import(url, path, env)
            print(f"on the web, as an administrator: {web_seconds:.2f} s ({web_said})")
    finally:
        server.stop()
    print(f"{args.rows:,} students ({size:,} bytes), median of {args.runs}: import "
          f"{statistics.median(first):.2f} s, the same file again "
          f"{statistics.median(again):.2f} s; load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
