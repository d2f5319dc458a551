"""A career center under load: 2,000 job seekers, `serve --org --workers 2`, 50 users (locust).

Usage: python bench/org_load.py [--seekers 2000] [--interviews 20] [--users 50]
                                [--duration 60] [--workers 2] [--wait 0.5,1.5] [--regenerate]

Starts a throwaway PostgreSQL (as the tests do: tests/pg.py), makes a center of --seekers job
seekers with --interviews interviews each (bench/org_center.py; kept in bench/out/ as a
pg_dump and restored on the next run), serves it as the center's app role, and runs
locust's simulated seekers (bench/org_load_users.py) headless for --duration seconds: each
signs in once as a seeker of their own, then loops Today, an interview, a draft and mark done,
waiting --wait seconds (least,most) between two. Prints median and p99 per action, requests/s
and errors as locust measures them, and the machine's load average (it may be shared).
Needs locust: pip install -e '.[bench]' (`make bench` does).
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE / "out"
ACTIONS = ("sign in", "list interviews (once)", "Today", "an interview", "a draft", "mark done")
GOAL_MS = 200  # p99 of each action of the loop, with no error


def main() -> None:
    args = _arguments()
    bin_folder = Path(sys.executable).parent
    if not (bin_folder / "locust").exists():
        sys.exit("locust is not installed here: pip install -e '.[bench]' (make bench does)")
    sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]
    from org_center import PASSWORD, app_url

    import pg

    postgres = pg.Server()
    try:
        url = _center(postgres, args)
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "INSIDETRACK_CONFIG": str(Path(tmp) / "c.toml"), "TZ": "UTC",
                   "ORG_LOAD_SEEKERS": str(args.seekers), "ORG_LOAD_PASSWORD": PASSWORD,
                   "ORG_LOAD_WAIT": args.wait, "PYTHONPATH": str(HERE)}
            server, base = _serve(app_url(url), env, args.workers)
            try:
                _load(base, env, args, Path(tmp))
            finally:
                server.terminate()
                server.wait(timeout=20)
    finally:
        postgres.stop()


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seekers", type=int, default=2000)
    parser.add_argument("--interviews", type=int, default=20, help="each seeker's")
    parser.add_argument("--passes", type=int, default=0,
                        help="late steps done per interview when generating (0: each is logged"
                             " on the day the center began, so what fell due before is missed)")
    parser.add_argument("--users", type=int, default=50, help="concurrent simulated seekers")
    parser.add_argument("--spawn-rate", type=float, default=5, help="users started a second")
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--workers", type=int, default=2, help="serve --workers")
    parser.add_argument("--wait", default="0.5,1.5",
                        help="least,most seconds a user waits between two actions")
    parser.add_argument("--regenerate", action="store_true",
                        help="make the center again even if bench/out/ keeps one")
    args = parser.parse_args()
    if args.users > args.seekers:
        parser.error("--users: each user signs in as a seeker of their own; at most --seekers")
    return args


def _center(postgres: object, args: argparse.Namespace) -> str:
    """Return the owner's URL of a database holding the center, restored or made."""
    import org_center

    import pg

    kept = org_center.dump_path(OUT, args.seekers, args.interviews, args.passes)
    pg_bin = Path(str(pg._binary("pg_dump"))).parent
    if kept.exists() and not args.regenerate:
        url = postgres.new_database(migrated=False)  # type: ignore[attr-defined]
        started = time.perf_counter()
        org_center.restore(kept, url, postgres.admin, pg_bin)  # type: ignore[attr-defined]
        print(f"center restored from {kept} in {time.perf_counter() - started:.1f} s")
        return str(url)
    url = postgres.new_database()  # type: ignore[attr-defined]
    print(f"generating {args.seekers} seekers x {args.interviews} interviews "
          f"(up to {args.passes} late steps done each)...", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        org_center.make(url, Path(tmp), args.seekers, args.interviews, args.passes)
    org_center.analyse(url)
    org_center.dump(url, kept, pg_bin)
    print(f"kept in {kept} ({kept.stat().st_size / 1e6:.0f} MB)")
    return str(url)


def _serve(url: str, env: dict[str, str], workers: int) -> tuple[subprocess.Popen[bytes], str]:
    """Start `serve --org` as the app role; return it and its address once it answers."""
    from servers import free_port, wait_for_port

    port = free_port()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "insidetrack"), "--db", url,
                             "serve", "--org", "--port", str(port), "--workers", str(workers)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for_port(port, proc, "insidetrack serve --org", seconds=60)
    return proc, f"http://127.0.0.1:{port}"


def _load(base: str, env: dict[str, str], args: argparse.Namespace, folder: Path) -> None:
    """Run locust headless against the server and print what it measured."""
    prefix = folder / "locust"
    before = os.getloadavg()
    print(f"{args.users} users, {args.workers} workers, {args.duration} s, waits "
          f"{args.wait} s; load average before {before[0]:.2f} {before[1]:.2f}", flush=True)
    ran = subprocess.run(
        [str(Path(sys.executable).parent / "locust"), "-f", str(HERE / "org_load_users.py"),
         "--headless", "--only-summary", "-u", str(args.users), "-r", str(args.spawn_rate),
         "--run-time", f"{args.duration}s", "--host", base, "--csv", str(prefix),
         "--stop-timeout", "10", "--loglevel", "WARNING"],
        env=env, capture_output=True, text=True)
    after = os.getloadavg()
    if not (folder / "locust_stats.csv").exists():
        sys.exit(f"locust failed ({ran.returncode}):\n{ran.stdout}{ran.stderr}")
    _report(folder / "locust_stats.csv", folder / "locust_failures.csv")
    print(f"load average after (1, 5 min): {after[0]:.2f} {after[1]:.2f} on "
          f"{os.cpu_count()} cores")


def _report(stats: Path, failures: Path) -> None:
    rows = {r["Name"]: r for r in csv.DictReader(stats.open())}
    print(f"{'action':24} {'requests':>8} {'errors':>6} {'median':>8} {'p99':>8} {'req/s':>7}")
    for name in (*ACTIONS, "Aggregated"):
        row = rows.get(name)
        if row is None:
            continue
        loop = name not in ("sign in", "list interviews (once)", "Aggregated")
        goal = "" if not loop else (
            "  met" if float(row["99%"]) < GOAL_MS and row["Failure Count"] == "0" else "  MISSED")
        print(f"{name:24} {row['Request Count']:>8} {row['Failure Count']:>6} "
              f"{row['50%']:>6} ms {row['99%']:>5} ms {float(row['Requests/s']):7.1f}{goal}")
    for failure in csv.DictReader(failures.open()) if failures.exists() else []:
        print(f"error: {failure['Name']}: {failure['Error']} ({failure['Occurrences']} times)")


if __name__ == "__main__":
    main()
