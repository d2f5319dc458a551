"""The web app and the CLI writing at once: no 'database is locked', no write lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from servers import free_port

SCRIPT = str(Path(sys.executable).parent / "insidetrack")
SECONDS = float(os.environ.get("INSIDETRACK_CONCURRENCY_SECONDS", "30"))


def test_web_and_cli_write_together_for_30_seconds(tmp_path, db_path):
    db = db_path  # on SQLite (WAL, BEGIN IMMEDIATE) and on PostgreSQL (pool, advisory lock)
    env = {**os.environ, "INSIDETRACK_CONFIG": str(tmp_path / "config.toml")}
    subprocess.run([SCRIPT, "--db", str(db), "employer", "list"], check=True, env=env,
                   capture_output=True)
    port = free_port()
    server = subprocess.Popen([SCRIPT, "--db", str(db), "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/api/today", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    web_ok, cli_ok, failures = [0], [0], []
    count = threading.Lock()
    stop = time.monotonic() + SECONDS

    def web_writer() -> None:
        n = 0
        while time.monotonic() < stop:
            body = json.dumps({"employer": f"Web {n}", "job_title": "Rep",
                               "at": "2026-11-20 10:00", "interviewers": ["Ann <a@w.example>"]})
            request = urllib.request.Request(base + "/api/interviews", data=body.encode(),
                                             method="POST", headers={
                                                 "Content-Type": "application/json",
                                                 "Origin": base})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    assert response.status == 201
                with count:
                    web_ok[0] += 1
            except Exception as exc:  # recorded: the test fails on any of them
                failures.append(f"web: {exc}")
            n += 1

    def cli_writer() -> None:
        n = 0
        while time.monotonic() < stop:
            done = subprocess.run([SCRIPT, "--db", str(db), "interview", "add", "--employer",
                                   f"Cli {n}", "--job-title", "Rep", "--at", "2026-11-20 10:00"],
                                  env=env, capture_output=True, text=True, timeout=60)
            if done.returncode == 0:
                cli_ok[0] += 1
            else:
                failures.append(f"cli: {done.stderr.strip()}")
            n += 1

    threads = [threading.Thread(target=web_writer), threading.Thread(target=web_writer),
               threading.Thread(target=cli_writer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    server.terminate()
    server.wait(timeout=10)
    assert failures == []
    assert web_ok[0] > 10 and cli_ok[0] > 5
    listed = subprocess.run([SCRIPT, "--db", str(db), "interview", "list", "--json"], env=env,
                            capture_output=True, text=True, check=True)
    assert len(json.loads(listed.stdout)) == web_ok[0] + cli_ok[0]
