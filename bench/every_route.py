"""Time every page and API route the web app answers with GET, at 10,000 interviews, so a slow
new page shows up: median and p99 of each, flagged when over 50 ms median or 150 ms p99.

Usage: python bench/every_route.py [--interviews 10000] [--requests 40] [--postgresql]
       [--only /calendar.ics ...] [--as-received]
The routes are read from the app itself (every GET route, path ids filled with a record that
exists), so a page added later is timed without touching this file. One client, keep-alive,
against `insidetrack serve` as a user runs it; a route that does not answer 200 is listed with
its status and not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE / "out"
DAY = "2026-11-25"
GOAL_MEDIAN, GOAL_P99 = 50.0, 150.0
PAGED = ("/api/interviews", "/api/applications")  # listings that come a page at a time
SKIP = ("/static", "/api/openapi.json", "/api/docs", "/logout", "/login", "/settings/account/back")


def routes() -> list[str]:
    """Return every GET route of the app, with `{name}` left for `filled`."""
    from insidetrack.web.api import PAGE_MOST
    from insidetrack.web.app import create_app
    from insidetrack.web.context import WebConfig
    from insidetrack.web.security import Guard

    app = create_app(WebConfig(None), Guard(port=0))
    found = [path for path, methods in _walk(app.routes) if "GET" in methods]
    full_pages = {f"{listing}?limit={PAGE_MOST}" for listing in PAGED}  # the most one answers
    return sorted({p for p in found if not p.startswith(SKIP)} | full_pages)


def _walk(routes: list[object]) -> list[tuple[str, set[str]]]:
    """Return each route's path and methods; FastAPI 0.165 keeps included routers whole
    (`original_router`), so walk into them (no prefix is used by the app)."""
    found: list[tuple[str, set[str]]] = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            found += _walk(list(inner.routes))
        elif getattr(route, "methods", None) and getattr(route, "path", ""):
            found.append((str(route.path), set(route.methods)))  # type: ignore[attr-defined]
    return found


def known_ids(db: Path) -> dict[str, int]:
    """Return an id that exists for each kind of record a path names (a pending step, so its
    draft can be written); kinds the generated data lacks are left out (their routes 404)."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        step, interview, opening = conn.execute(
            "SELECT s.id, s.interview_id, i.opening_id FROM steps s JOIN interviews i"
            " ON i.id = s.interview_id WHERE s.status = 'pending' AND s.kind = 'thank-you'"
            " AND s.channel = 'email' ORDER BY s.id LIMIT 1").fetchone()
    return {"step_id": step, "interview_id": interview, "application_id": opening}


def filled(path: str, ids: dict[str, int] | None = None) -> str:
    """Put an existing record's id in each `{name}` of a path (else 1)."""
    ids = ids or {}
    path = re.sub(r"\{([^}]+)\}", lambda m: str(ids.get(m[1], 1)), path)
    joiner = "&" if "?" in path else "?"
    return path + (f"{joiner}date={DAY}" if path.endswith(("/today", "/api/today")) else "")


def timed(client: object, url: str, count: int, headers: dict[str, str] | None = None,
          expected: int = 200, as_received: bool = False) -> tuple[int, list[float]]:
    """Return the status of `url` and, when as expected (200), `count` response times in ms
    (after 3 warm).

    Each time runs to the body's last byte, unpacked from gzip (httpx asks for it, as
    calendar apps and browsers do); `as_received` stops at the last byte as sent, leaving
    the unpacking out (the client's work, which grows with the unpacked size).
    """
    import httpx

    assert isinstance(client, httpx.Client)
    status = client.get(url, headers=headers).status_code
    if status != expected:
        return status, []
    for _ in range(2):
        _get(client, url, headers, as_received)
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        _get(client, url, headers, as_received)
        samples.append((time.perf_counter() - started) * 1000)
    return status, samples


def _get(client: object, url: str, headers: dict[str, str] | None, as_received: bool) -> None:
    import httpx

    assert isinstance(client, httpx.Client)
    if not as_received:
        client.get(url, headers=headers)
        return
    with client.stream("GET", url, headers=headers) as answer:
        for _ in answer.iter_raw():
            pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--postgresql", action="store_true")
    parser.add_argument("--only", action="append", default=[], metavar="PATH",
                        help="time only this route (as the app names it); repeat for more")
    parser.add_argument("--as-received", action="store_true",
                        help="time each body to its last byte as sent (gzip for those the app"
                             " compresses), not unpacked")
    args = parser.parse_args()
    import httpx

    sys.path.insert(0, str(HERE))
    from common import database, on_server, serve

    db = database(args.interviews)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "TZ": "UTC", "INSIDETRACK_CONFIG": str(folder / "config.toml")}
        copy = folder / "web.db"
        shutil.copy(db, copy)
        script = str(Path(sys.executable).parent / "insidetrack")
        subprocess.run([script, "--db", str(copy), "profile", "set", "--name", "Dana Whitfield",
                        "--email", "dana@example.com", "--phone", "+1 555 0100", "--field",
                        "Sales", "--address", "1 Main St, Springfield"], env=env, check=True,
                       capture_output=True)  # drafts need a profile; the generator has none
        server = None
        location = str(copy)
        if args.postgresql:
            url, server = on_server(copy, folder, env)
            location = url
        proc, base = serve(location, env)
        rows = []
        try:
            with httpx.Client(base_url=base, timeout=300) as client:
                ids = known_ids(copy)
                for path in [p for p in routes() if not args.only or p in args.only]:
                    status, samples = timed(client, filled(path, ids), args.requests,
                                            as_received=args.as_received)
                    rows.append(_row(path, status, samples))
                    print(_line(rows[-1]), flush=True)
                    etag = client.get(filled(path, ids)).headers.get("etag") if samples else None
                    if etag:  # what a calendar app that kept the ETag waits for on each poll
                        status, samples = timed(client, filled(path, ids), args.requests,
                                                {"If-None-Match": etag}, 304)
                        rows.append(_row(f"{path} (If-None-Match)", status, samples))
                        print(_line(rows[-1]), flush=True)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
            if server is not None:
                server.stop()  # type: ignore[attr-defined]
    name = (f"every-route-{args.interviews}{'-postgresql' if args.postgresql else ''}"
            f"{'-only' if args.only else ''}{'-as-received' if args.as_received else ''}.json")
    OUT.mkdir(exist_ok=True)
    (OUT / name).write_text(json.dumps(rows, indent=1))
    slow = [r["path"] for r in rows if r.get("slow")]
    print(f"{len(rows)} routes, {sum(1 for r in rows if 'median_ms' in r)} timed; "
          f"over the goal: {', '.join(map(str, slow)) if slow else 'none'}")


def _row(path: str, status: int, samples: list[float]) -> dict[str, object]:
    if not samples:
        return {"path": path, "status": status}
    ordered = sorted(samples)
    median = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {"path": path, "status": status, "median_ms": round(median, 1),
            "p99_ms": round(p99, 1), "slow": median > GOAL_MEDIAN or p99 > GOAL_P99}


def _line(row: dict[str, object]) -> str:
    if "median_ms" not in row:
        return f"{row['path']:48} not timed (status {row['status']})"
    flag = "  OVER THE GOAL" if row["slow"] else ""
    return f"{row['path']:48} median {row['median_ms']:7.1f} ms  p99 {row['p99_ms']:7.1f} ms{flag}"


if __name__ == "__main__":
    main()
