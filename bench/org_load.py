"""A career center under load: 2,000 job seekers, `serve --org --workers 2`, 50 users (locust).

Usage: python bench/org_load.py [--seekers 2000] [--interviews 20] [--users 50]
                                [--duration 60] [--workers 2] [--wait 0.5,1.5] [--passes 0]
                                [--profile FILE] [--regenerate]

Starts a throwaway PostgreSQL (as the tests do: tests/pg.py), makes a center of --seekers job
seekers with --interviews interviews each (bench/org_center.py; kept in bench/out/ as a
pg_dump and restored on the next run), serves it as the center's app role, and runs
locust's simulated seekers (bench/org_load_users.py) headless for --duration seconds: each
signs in once as a seeker of their own, then loops Today, an interview, a draft and mark done,
waiting --wait seconds (least,most) between two. Prints median and p99 per action, requests/s
and errors as locust measures them (the loop's actions apart until every user has signed
in), the machine's load average (it may be shared) and the server's CPU time; with
--profile, where the workers' time went (py-spy). Every seeker has the same password: one
argon2 hash, stored for all by the center's owner, instead of 2,000 `org password` runs.
Needs locust and py-spy: pip install -e '.[bench]' (`make bench` does).
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
LOOP = ("Today", "an interview", "a draft", "mark done")
DURING = " (while others sign in)"  # as bench/org_load_users.py names them
ACTIONS = ("sign in", "list interviews (once)", *(a + DURING for a in LOOP), *LOOP)
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
                   "ORG_LOAD_SEEKERS": str(args.seekers),
                   "ORG_LOAD_USERS": str(args.users), "ORG_LOAD_PASSWORD": PASSWORD,
                   "ORG_LOAD_WAIT": args.wait, "PYTHONPATH": str(HERE),
                   "ORG_LOAD_TIMES": str(Path(tmp) / "times.tsv")}
            server, base = _serve(app_url(url), env, args.workers)
            try:
                _warm(base, args.seekers - 1)
                _load(base, env, args, Path(tmp), server.pid)
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
    parser.add_argument("--profile", type=Path, metavar="FILE",
                        help="sample the server's workers with py-spy during the load (their "
                             "stacks to FILE) and print where their time went")
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
        scratch = postgres.new_database()  # type: ignore[attr-defined]
        url = postgres.new_database(migrated=False)  # type: ignore[attr-defined]
        started = time.perf_counter()
        org_center.restore(kept, url, scratch, pg_bin)
        print(f"center restored from {kept} in {time.perf_counter() - started:.1f} s")
        return str(url)
    url = postgres.new_database()  # type: ignore[attr-defined]
    how = (f"up to {args.passes} late steps done each" if args.passes
           else "each logged on the day the center began")
    print(f"generating {args.seekers} seekers x {args.interviews} interviews ({how})...",
          flush=True)
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


def _warm(base: str, seeker: int, rounds: int = 12) -> None:
    """Visit each page of the loop a few times first, as one seeker, so that both workers
    have imported and compiled what the pages need (a server that has been up a while)."""
    import json
    import random
    import urllib.error
    import urllib.parse
    import urllib.request
    from http.cookiejar import CookieJar

    from org_center import PASSWORD, PENDING, email

    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None  # a 303 is the answer itself

    web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), Stay)
    origin = {"Origin": base}

    def visit(path: str, form: dict[str, str] | None = None) -> str:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with web.open(urllib.request.Request(base + path, data, origin)) as answer:
                return str(answer.read().decode())
        except urllib.error.HTTPError as answer:
            if answer.code != 303:
                raise
            return ""

    visit("/login", {"email": email(seeker), "password": PASSWORD})
    interviews = [i["id"] for i in json.loads(visit("/api/interviews"))]
    for _ in range(rounds):
        visit("/today")
        pending = PENDING.findall(visit(f"/interviews/{random.choice(interviews)}"))
        if pending:
            visit(f"/steps/{pending[0]}/draft")
            visit(f"/steps/{pending[0]}/done", {"next": "/today"})


def _load(base: str, env: dict[str, str], args: argparse.Namespace, folder: Path,
          server: int) -> None:
    """Run locust headless against the server and print what it measured."""
    prefix = folder / "locust"
    before = os.getloadavg()
    print(f"{args.users} users, {args.workers} workers, {args.duration} s, waits "
          f"{args.wait} s; load average before {before[0]:.2f} {before[1]:.2f}", flush=True)
    spy = _spy(server, args.profile, args.duration) if args.profile else None
    busy = _cpu_seconds(server)
    ran = subprocess.run(
        [str(Path(sys.executable).parent / "locust"), "-f", str(HERE / "org_load_users.py"),
         "--headless", "--only-summary", "-u", str(args.users), "-r", str(args.spawn_rate),
         "--run-time", f"{args.duration}s", "--host", base, "--csv", str(prefix),
         "--stop-timeout", "10", "--loglevel", "WARNING"],
        env=env, capture_output=True, text=True)
    after = os.getloadavg()
    busy = _cpu_seconds(server) - busy
    if not (folder / "locust_stats.csv").exists():
        sys.exit(f"locust failed ({ran.returncode}):\n{ran.stdout}{ran.stderr}")
    _report(folder / "locust_stats.csv", folder / "locust_failures.csv")
    _whole_run(Path(env["ORG_LOAD_TIMES"]))
    print(f"load average after (1, 5 min): {after[0]:.2f} {after[1]:.2f} on "
          f"{os.cpu_count()} cores; the server's processes used {busy:.0f} CPU seconds")
    if spy is not None:
        spy.wait(timeout=120)
        _where(args.profile)


def _cpu_seconds(server: int) -> float:
    """Return the CPU time the server and its worker processes have used (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # a process that ended meanwhile
            continue
        if int(stat.parent.name) == server or int(fields[1]) == server:
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def _spy(server: int, out: Path, seconds: int) -> subprocess.Popen[bytes]:
    """Sample the server and its worker processes with py-spy for the run (raw stacks)."""
    spy = Path(sys.executable).parent / "py-spy"
    if not spy.exists():
        sys.exit("py-spy is not installed here: pip install -e '.[bench]'")
    return subprocess.Popen([str(spy), "record", "--pid", str(server), "--subprocesses",
                             "--nonblocking", "--rate", "50", "--format", "raw",
                             "--duration", str(seconds), "--output", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _where(stacks: Path, shown: int = 20) -> None:
    """Print where the workers' busy samples went, from py-spy's raw stacks ("frame;...;frame
    count" a line): our functions with what they call (inclusive), and the innermost frames
    (self), so that a slow page and the library work under it both show."""
    ours: dict[str, int] = {}
    inner: dict[str, int] = {}
    total = 0
    for line in stacks.read_text().splitlines():
        frames, _, count = line.rpartition(" ")
        named = [_frame(f) for f in frames.split(";")]
        total += int(count)
        for frame in {f for f in named if f.endswith("(insidetrack)")}:
            ours[frame] = ours.get(frame, 0) + int(count)
        inner[named[-1]] = inner.get(named[-1], 0) + int(count)
    print(f"where the workers' busy time went ({total} samples):")
    for title, found in (("insidetrack's functions, inclusive", ours), ("innermost frames", inner)):
        print(f"  {title}:")
        for frame, count in sorted(found.items(), key=lambda kv: -kv[1])[:shown]:
            print(f"    {count / total * 100:5.1f}%  {frame}")


def _frame(frame: str) -> str:
    """Name a frame 'function (package/module.py:line)' as 'module.function (package)'."""
    function, _, inside = frame.partition(" (")
    path = inside.rpartition(":")[0]
    if frame.startswith("process ") or not path:
        return "(process)"
    package, _, module = path.partition("/")
    if not module:
        return f"{Path(path).stem}.{function} (python)"
    return f"{module.removesuffix('.py').replace('/', '.')}.{function} ({package})"


def _whole_run(times: Path) -> None:
    """Print each action of the loop over the whole run, both windows together, with exact
    percentiles (nearest rank) from every request's time (locust rounds its own)."""
    found: dict[str, list[tuple[float, bool]]] = {}
    for line in times.read_text(encoding="utf-8").splitlines() if times.exists() else []:
        name, ms, failed = line.split("\t")
        found.setdefault(name.removesuffix(DURING), []).append((float(ms), failed == "1"))
    print("the loop over the whole run (while others sign in, and after), exact:")
    for name in LOOP:
        runs = found.get(name, [])
        if not runs:
            continue
        ms = sorted(m for m, _ in runs)
        errors = sum(f for _, f in runs)
        p50, p99 = (ms[max(0, -(-len(ms) * q // 100) - 1)] for q in (50, 99))
        goal = "  met" if p99 < GOAL_MS and not errors else "  MISSED"
        print(f"  {name:45} {len(ms):>8} {errors:>6} {p50:6.0f} ms {p99:5.0f} ms{goal}")


def _report(stats: Path, failures: Path) -> None:
    rows = {r["Name"]: r for r in csv.DictReader(stats.open())}
    print(f"{'action':47} {'requests':>8} {'errors':>6} {'median':>8} {'p99':>8} {'req/s':>7}")
    for name in (*ACTIONS, "Aggregated"):
        row = rows.get(name)
        if row is None:
            continue
        loop = name in LOOP
        goal = "" if not loop else (
            "  met" if float(row["99%"]) < GOAL_MS and row["Failure Count"] == "0" else "  MISSED")
        print(f"{name:47} {row['Request Count']:>8} {row['Failure Count']:>6} "
              f"{row['50%']:>6} ms {row['99%']:>5} ms {float(row['Requests/s']):7.1f}{goal}")
    for failure in csv.DictReader(failures.open()) if failures.exists() else []:
        print(f"error: {failure['Name']}: {failure['Error']} ({failure['Occurrences']} times)")


if __name__ == "__main__":
    main()
