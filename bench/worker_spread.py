"""Which worker of `serve --workers N` takes each connection (read from /proc, Linux only).

Usage: python bench/worker_spread.py [--workers 2] [--connections 2] [--rounds 20]
Each round opens that many connections at once (as wrk does at its start), finds the
worker process holding each one's server side, and closes them. It prints how many
connections each worker took, and in how many rounds one worker took them all.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent


def workers_of(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(c) for c in children if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]


def sockets_of(pid: int) -> set[str]:
    """Return the inodes of a process's open sockets."""
    found = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            found.add(target[8:-1])
    return found


def accepted(port: int, clients: set[int]) -> set[str]:
    """Return the inodes of the server-side sockets of these client ports."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = (int(f.split(":")[1], 16) for f in fields[1:3])
        if local == port and remote in clients:
            found.add(fields[9])
    return found


def one_round(port: int, workers: list[int], connections: int) -> list[int]:
    """Open connections at once; return how many each worker took."""
    opened = [socket.create_connection(("127.0.0.1", port)) for _ in range(connections)]
    time.sleep(0.3)  # let the workers accept them
    mine = accepted(port, {s.getsockname()[1] for s in opened})
    taken = [len(mine & sockets_of(w)) for w in workers]
    for s in opened:
        s.close()
    time.sleep(0.2)
    return taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from common import serve

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "INSIDETRACK_CONFIG": str(Path(tmp) / "c.toml")}
        server, base = serve(str(Path(tmp) / "spread.db"), env, args.workers)
        try:
            port = int(base.rsplit(":", 1)[1])
            workers = workers_of(server.pid)
            rounds = [one_round(port, workers, args.connections) for _ in range(args.rounds)]
        finally:
            server.terminate()
            server.wait(timeout=30)
    totals = [sum(r[i] for r in rounds) for i in range(len(workers))]
    alone = sum(1 for r in rounds if max(r) == args.connections)
    print(f"{args.workers} workers, {args.rounds} rounds of {args.connections} connections: "
          f"each worker took {totals}; one worker took all of a round's in {alone} rounds")


if __name__ == "__main__":
    main()
