"""Time `insidetrack today --json` against taskwarrior's `task list`, same due items.

Usage: python bench/today_vs_taskwarrior.py --interviews 10000 [--runs 15] [--postgresql]
       [--before DIR/src]
With --before, the first run after a change is also timed with the code in DIR/src (e.g.
`git archive HEAD src bench` unpacked there) on PYTHONPATH, in the same rounds
("first_before"), on the same database; when that code cannot read it (a later schema), on
the database DIR/bench/generate.py makes with that code.
Needs taskwarrior's `task` (Debian package taskwarrior); `make bench` installs it.
With --postgresql the same data is loaded into a throwaway PostgreSQL server (Debian's
postgresql package, started here as in the tests) and `today --json` reads it from there.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from common import database, on_server

HERE = Path(__file__).parent
OUT = HERE / "out"
DAY = "2026-11-25"


CPU: dict[str, list[float]] = {}  # per command: user + system time of the child


def _timed(cmd: list[str], env: dict[str, str], name: str = "") -> float:
    """Return a command's wall time; keep its CPU time under `name` (a loaded machine
    stretches the first, hardly the second)."""
    started = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)  # microseconds, where os.times() has ticks
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, cmd)
    CPU.setdefault(name, []).append(usage.ru_utime + usage.ru_stime)
    return wall


def _summary(samples: list[float]) -> dict[str, float]:
    q = statistics.quantiles(samples, n=4)
    median = statistics.median(samples)
    return {"median_ms": median * 1000, "min_ms": min(samples) * 1000,
            "max_ms": max(samples) * 1000, "iqr_pct": (q[2] - q[0]) / median * 100}


def _our_command(db: Path | str) -> list[str]:
    script = Path(sys.executable).parent / "insidetrack"
    return [str(script), "--db", str(db), "today", "--date", DAY, "--json"]


def _taskwarrior(folder: Path, due_items: int) -> tuple[list[str], dict[str, str]]:
    """Make a taskwarrior database holding `due_items` pending tasks due by DAY."""
    rc = folder / "taskrc"
    rc.write_text(f"data.location={folder / 'data'}\nconfirmation=off\nverbose=nothing\n"
                  "color=off\nnews.version=99.99.99\n")
    env = {**os.environ, "TASKRC": str(rc)}
    end = datetime(2026, 11, 25, 23, 0, tzinfo=UTC)
    tasks = [{
        "uuid": str(uuid.UUID(int=n + 1)), "status": "pending", "entry": "20261101T090000Z",
        "description": f"Follow-up e-mail #2 to Employer {n}",
        "due": (end - timedelta(minutes=7 * n)).strftime("%Y%m%dT%H%M%SZ"),
    } for n in range(due_items)]
    data = folder / "tasks.json"
    data.write_text(json.dumps(tasks))
    subprocess.run(["task", "import", str(data)], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return ["task", "list"], env


def _before_database(before: str, db: Path, count: int, env: dict[str, str]) -> Path:
    """Return the database the code in `before` reads: ours, or its own generator's when
    ours has a schema that code does not know."""
    old = {**env, "PYTHONPATH": before}
    path = OUT / f"before-{count}.db"  # kept for the next run, if that code still reads it
    for candidate in (db, path):  # (the probe would make a missing file: look first)
        if candidate.exists() and subprocess.run(_our_command(candidate), env=old,
                                                 capture_output=True).returncode == 0:
            return candidate
    path.unlink(missing_ok=True)
    subprocess.run([sys.executable, str(Path(before).parent / "bench" / "generate.py"),
                    "--interviews", str(count), "--out", str(path)], env=old, check=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--postgresql", action="store_true",
                        help="read the agenda from a PostgreSQL server instead of SQLite")
    parser.add_argument("--before", help="another checkout's src folder to time alongside")
    parser.add_argument("--system-tz", action="store_true",
                        help="run taskwarrior in the system's zone, TZ unset, as before 2026-11-27"
                             " (glibc then re-reads /etc/localtime, about 10 ms of its time);"
                             " by default both programs get TZ=UTC")
    args = parser.parse_args()
    if shutil.which("task") is None:
        sys.exit("taskwarrior's `task` is not installed: apt-get install taskwarrior")
    # Time what a user runs from the second time on: bytecode already compiled.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "src")], check=True)
    db = database(args.interviews)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "TZ": "UTC", "INSIDETRACK_CONFIG": str(folder / "config.toml"),
               "XDG_CACHE_HOME": str(folder / "cache")}
        server = None
        location: Path | str = db
        if args.postgresql:
            location, server = on_server(db, folder, env)
        ours = _our_command(location)
        listed = subprocess.run(ours, env=env, capture_output=True, text=True, check=True)
        due_items = len(json.loads(listed.stdout)["items"])
        theirs, task_env = _taskwarrior(folder, due_items)
        if not args.system_tz:  # the same zone for both: a fair comparison
            task_env["TZ"] = env["TZ"]
        counted = subprocess.run(["task", "count", "status:pending"], env=task_env,
                                 capture_output=True, text=True, check=True)
        assert int(counted.stdout.strip()) == due_items, counted.stdout
        floor = [sys.executable, "-c", "pass"]
        samples: dict[str, list[float]] = {"insidetrack": [], "first": [], "taskwarrior": [],
                                           "python": [], "help": []}
        if args.before:
            samples["first_before"] = []
            before = _our_command(_before_database(args.before, db, args.interviews, env))
        for n in range(args.runs):  # interleaved, so drift hits every command alike
            samples["insidetrack"].append(_timed(ours, env, "insidetrack"))  # the kept answer, once made
            # The first run after a change: nothing kept yet (an empty cache folder each time).
            samples["first"].append(_timed(ours, {**env, "XDG_CACHE_HOME": str(folder / f"c{n}")},
                                           "first"))
            if args.before:  # the same, with the code before
                samples["first_before"].append(_timed(before, {
                    **env, "XDG_CACHE_HOME": str(folder / f"b{n}"), "PYTHONPATH": args.before},
                    "first_before"))
            samples["taskwarrior"].append(_timed(theirs, task_env, "taskwarrior"))
            samples["python"].append(_timed(floor, env, "python"))
            samples["help"].append(_timed([ours[0], "--help"], env, "help"))
        if server is not None:
            server.stop()  # type: ignore[attr-defined]
    backend = "postgresql" if args.postgresql else "sqlite"
    result = {
        "interviews": args.interviews, "due_items": due_items, "runs": args.runs,
        "database": backend,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        **{name: _summary(s) for name, s in samples.items()},
        "cpu": {name: _summary(s) for name, s in CPU.items()},
    }
    result["ratio"] = result["insidetrack"]["median_ms"] / result["taskwarrior"]["median_ms"]
    result["ratio_first"] = result["first"]["median_ms"] / result["taskwarrior"]["median_ms"]
    if args.before:
        result["ratio_first_before"] = (result["first_before"]["median_ms"]
                                        / result["taskwarrior"]["median_ms"])
    OUT.mkdir(exist_ok=True)
    suffix = "-postgresql" if args.postgresql else ""
    (OUT / f"today-{args.interviews}{suffix}.json").write_text(json.dumps(result, indent=2))
    for name in samples:
        s, c = result[name], result["cpu"][name]
        print(f"{name:12} median {s['median_ms']:7.1f} ms  min {s['min_ms']:7.1f}  "
              f"max {s['max_ms']:7.1f}  IQR {s['iqr_pct']:4.1f}%  CPU median {c['median_ms']:6.1f} ms"
              f" (IQR {c['iqr_pct']:4.1f}%)")
    cpu = result["cpu"]
    print("CPU time ratio to taskwarrior's: first run "
          f"{cpu['first']['median_ms'] / cpu['taskwarrior']['median_ms']:.2f}"
          + (f", before {cpu['first_before']['median_ms'] / cpu['taskwarrior']['median_ms']:.2f}"
             if args.before else ""))
    print(f"{args.interviews} interviews on {backend}, {due_items} due items: "
          f"ratio insidetrack/taskwarrior = {result['ratio']:.2f} (goal <= 0.5), "
          f"{result['ratio_first']:.2f} on the first run after a change")
    if args.before:
        print(f"first run after a change with the code before: {result['ratio_first_before']:.2f}")


if __name__ == "__main__":
    main()
