"""Latency and throughput of the web app's Today page and API at 10,000 interviews (wrk).

Usage: python bench/web_latency.py --interviews 10000 [--seconds 10] [--runs 3] [--postgresql]
                                  [--workers N] [--connections 2] [--paths /today,/api/today]
With --postgresql the same data is served from a throwaway PostgreSQL server; --workers N
runs `serve --workers N`. Each line ends with the 1-minute load average seen after the runs
(the machine may be shared: a busy one slows every figure).
Needs wrk (Debian package wrk); `make bench` installs it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
PATHS = ("/today?date=2026-11-25", "/api/today?date=2026-11-25", "/api/interviews",
         "/api/interviews?limit=200")


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _ms(text: str) -> float:
    """Read a latency as wrk prints it (its units: us, ms, s, m, h) in milliseconds."""
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if found is None:
        raise SystemExit(f"wrk printed a latency this benchmark cannot read: {text!r}")
    return float(found[1]) * UNITS[found[2]]


def wrk(url: str, seconds: int, connections: int = 2) -> tuple[float, float, float]:
    ran = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True)
    out = ran.stdout
    if ran.returncode != 0:
        raise SystemExit(f"wrk failed on {url}: {ran.stderr.strip() or out}")
    if "Non-2xx" in out or "Socket errors" in out:
        raise SystemExit(f"{url} did not answer every request well:\n{out}")
    return _ms(_after("50%", out)), _ms(_after("99%", out)), float(_after("Requests/sec:", out))


def _after(label: str, out: str) -> str:
    """Return the value wrk prints after a label that begins a line, or stop with its whole
    output. (Anchored: "50%" also ends a "Stdev" figure such as 68.50% in the thread stats,
    followed by the next line's "Req/Sec", which crashed `make bench` on 2026-11-27.)"""
    found = re.search(r"^\s*" + re.escape(label) + r"\s+(\S+)", out, re.MULTILINE)
    if found is None:
        raise SystemExit(f"wrk printed no {label!r}:\n{out}")
    return found[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgresql", action="store_true")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--connections", type=int, default=2, help="wrk's connections")
    parser.add_argument("--paths", default=",".join(PATHS),
                        help="comma-separated paths to measure (default: all four)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    sys.path.insert(0, str(HERE))
    from common import database, on_server, serve

    db = database(args.interviews)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "INSIDETRACK_CONFIG": str(Path(tmp) / "c.toml"), "TZ": "UTC"}
        location, postgres = str(db), None
        if args.postgresql:
            location, postgres = on_server(db, Path(tmp), env)
        print(f"{args.interviews} interviews on {'postgresql' if postgres else 'sqlite'}, "
              f"{args.workers} worker(s), {args.connections} connections")
        server, base = serve(location, env, args.workers)  # waits until it answers
        try:
            for path in args.paths.split(","):
                runs = [wrk(f"{base}{path}", args.seconds, args.connections)
                        for _ in range(args.runs)]
                p50 = statistics.median(r[0] for r in runs)
                p99 = statistics.median(r[1] for r in runs)
                rps = statistics.median(r[2] for r in runs)
                spread = (max(r[0] for r in runs) - min(r[0] for r in runs)) / p50 * 100
                load = os.getloadavg()[0]
                print(f"{path:32} median {p50:7.1f} ms  p99 {p99:7.1f} ms  {rps:6.1f} req/s  "
                      f"(median of {args.runs} runs, median spread {spread:.0f}%)  load {load:.2f}")
        finally:
            server.terminate()
            server.wait(timeout=10)
            if postgres is not None:
                postgres.stop()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
