"""Latency and throughput of the web app's Today page and API at 10,000 interviews (wrk).

Usage: python bench/web_latency.py --interviews 10000 [--seconds 10] [--runs 3]
Needs wrk (Debian package wrk); `make bench` installs it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
PATHS = ("/today?date=2026-11-25", "/api/today?date=2026-11-25", "/api/interviews",
         "/api/interviews?limit=10000")


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, seconds: int) -> tuple[float, float, float]:
    out = subprocess.run(["wrk", "-t1", "-c2", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    p50 = _ms(re.search(r"50%\s+(\S+)", out)[1])  # type: ignore[index]
    p99 = _ms(re.search(r"99%\s+(\S+)", out)[1])  # type: ignore[index]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]
    return p50, p99, rps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    db = HERE / "out" / f"interviews-{args.interviews}.db"
    if not db.exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--interviews",
                        str(args.interviews), "--out", str(db)], check=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "INSIDETRACK_CONFIG": str(Path(tmp) / "c.toml"), "TZ": "UTC"}
        server = subprocess.Popen([str(Path(sys.executable).parent / "insidetrack"), "--db",
                                   str(db), "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(3)
            for path in PATHS:
                runs = [wrk(f"http://127.0.0.1:{port}{path}", args.seconds)
                        for _ in range(args.runs)]
                p50 = statistics.median(r[0] for r in runs)
                p99 = statistics.median(r[1] for r in runs)
                rps = statistics.median(r[2] for r in runs)
                spread = (max(r[0] for r in runs) - min(r[0] for r in runs)) / p50 * 100
                print(f"{path:32} median {p50:7.1f} ms  p99 {p99:7.1f} ms  {rps:6.1f} req/s  "
                      f"(median of {args.runs} runs, median spread {spread:.0f}%)")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
