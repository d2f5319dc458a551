"""Who gets in: API tokens for scripts, logins that outlive a restart, waits after wrong
passwords, at most two password checks at once, logout, and HTTPS with Secure cookies."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import warnings
from datetime import timedelta
from pathlib import Path

import pytest

from insidetrack.services.access import hash_password
from insidetrack.services.logins import FREE_TRIES
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig, session
from insidetrack.web.logins import LoginLimiter
from insidetrack.web.security import COOKIE, Guard
from servers import free_port, wait_for_port

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from conftest import NOW, TZ  # noqa: E402

BASE = "http://127.0.0.1:8765"
PASSWORD = "correct horse"
INTERVIEW = {"employer": "Initech", "job_title": "Analyst", "at": "2026-11-20 10:00"}


@pytest.fixture(scope="module")
def password_hash() -> str:
    return hash_password(PASSWORD)


def _client(db_path, guard: Guard, now=NOW) -> TestClient:
    app = create_app(WebConfig(db_path, clock=lambda: now, tz=TZ), guard)
    return TestClient(app, base_url=BASE, follow_redirects=False)


def _token(run) -> str:
    return run.ok("api-token", "create", "my script").split(": ", 1)[1].split()[0]


def test_a_script_with_a_token_may_write_without_an_origin(run, db_path):
    client = _client(db_path, Guard(port=8765))
    token = _token(run)
    bare = client.post("/api/interviews", json=INTERVIEW)  # what curl sends: no Origin
    assert bare.status_code == 403 and "api-token" in bare.text
    ok = client.post("/api/interviews", json=INTERVIEW, headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 201, ok.text
    wrong = client.post("/api/interviews", json=INTERVIEW,
                        headers={"Authorization": f"Bearer {token[:-2]}xx"})
    assert wrong.status_code == 401 and "not valid" in wrong.text
    assert wrong.headers["Content-Security-Policy"].startswith("default-src 'self'")
    foreign = client.get("/api/today", headers={"Authorization": f"Bearer {token}",
                                                "Host": "evil.example:8765"})
    assert foreign.status_code == 400  # a token never opens the door to DNS rebinding
    run.ok("api-token", "revoke", "1")
    revoked = client.post("/api/interviews", json=INTERVIEW,
                          headers={"Authorization": f"Bearer {token}"})
    assert revoked.status_code == 401
    assert len(client.get("/api/interviews").json()) == 1


def test_a_token_made_to_expire_stops_working_on_its_own(run, db_path):
    said = run.ok("api-token", "create", "weekly report", "--expires-in", "7").splitlines()
    token = said[0].split(": ", 1)[1]
    assert said[1] == "It stops working on its own on Wed 02 Dec 2026 15:00."
    listed = run.json("api-token", "list")
    assert listed[0]["expires"] == "2026-12-02T15:00:00-05:00"
    assert "expires 2026-12-02T15:00:00-05:00)" in run.ok("api-token", "list")
    bearer = {"Authorization": f"Bearer {token}"}
    assert _client(db_path, Guard(port=8765), NOW + timedelta(days=6)).get(
        "/api/today", headers=bearer).status_code == 200
    late = _client(db_path, Guard(port=8765), NOW + timedelta(days=7, seconds=1)).get(
        "/api/today", headers=bearer)
    assert late.status_code == 401 and "expired" in late.text
    for days in ("0", "99999"):
        refused = run("api-token", "create", "x", "--expires-in", days)
        assert refused.exit_code == 2 and refused.output.strip().splitlines() == [
            "insidetrack: error: --expires-in: give a number of days from 1 to 3660, or none "
            "for a token that works until revoked"]
    assert len(run.json("api-token", "list")) == 1  # nothing half-made


def test_a_port_in_use_is_one_line_before_anything_says_it_runs(run):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        said = run("serve", "--port", str(port))
    assert said.exit_code == 2 and said.output.strip().splitlines() == [
        f"insidetrack: error: --port: port {port} is in use by another program (another "
        "insidetrack?): stop it, or choose another with --port"]


def test_a_token_also_stands_in_for_the_login(run, db_path, password_hash):
    client = _client(db_path, Guard(port=8765, bind_host="0.0.0.0", password_hash=password_hash))
    assert client.get("/api/today").status_code == 401
    token = _token(run)
    assert client.get("/api/today", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def _log_in(client: TestClient, password: str = PASSWORD):
    return client.post("/login", headers={"Origin": BASE}, data={"password": password})


def test_a_login_outlives_a_restart_until_it_expires_or_logs_out(db_path, password_hash):
    guard = Guard(port=8765, bind_host="0.0.0.0", password_hash=password_hash)
    first = _client(db_path, guard)
    answer = _log_in(first)
    assert answer.status_code == 303
    assert "Max-Age=604800" in answer.headers["set-cookie"]
    cookie = first.cookies[COOKIE]
    restarted = _client(db_path, Guard(port=8765, bind_host="0.0.0.0", password_hash=password_hash))
    restarted.cookies.set(COOKIE, cookie)
    assert restarted.get("/today").status_code == 200
    assert "Log out" in restarted.get("/today").text
    week_later = _client(db_path, guard, now=NOW + timedelta(days=7, minutes=1))
    week_later.cookies.set(COOKIE, cookie)
    assert week_later.get("/today").headers["location"] == "/login"
    out = restarted.post("/logout", headers={"Origin": BASE})
    assert out.status_code == 303 and out.headers["location"] == "/login"
    again = _client(db_path, guard)
    again.cookies.set(COOKIE, cookie)
    assert again.get("/today").status_code == 303


def test_wrong_passwords_make_the_next_try_wait_longer(db_path, password_hash):
    clock = [1000.0]
    guard = Guard(port=8765, bind_host="0.0.0.0", password_hash=password_hash,
                  logins=LoginLimiter(clock=lambda: clock[0]))
    client = _client(db_path, guard)
    for _ in range(FREE_TRIES):
        assert _log_in(client, "wrong").status_code == 401
    waiting = _log_in(client, PASSWORD)  # even the right password waits its turn
    assert waiting.status_code == 429 and "try again in 2 seconds" in waiting.text
    clock[0] += 2.5
    assert _log_in(client, "wrong").status_code == 401
    assert "try again in 4 seconds" in _log_in(client, PASSWORD).text
    clock[0] += 4.5
    assert _log_in(client, PASSWORD).status_code == 303  # and a success forgets the record
    assert _log_in(client, "wrong").status_code == 401


def test_at_most_two_password_checks_run_at_once(db_path):
    limiter = LoginLimiter()
    running, most = [0], [0]
    lock = threading.Lock()

    def slow_check() -> bool:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.2)
        with lock:
            running[0] -= 1
        return False

    def one_client(n: int) -> None:
        with session(WebConfig(db_path)) as app:
            limiter.check(app.env(), f"client {n}", slow_check)

    threads = [threading.Thread(target=one_client, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert most[0] == 2


@pytest.fixture
def certificate(tmp_path) -> tuple[Path, Path]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def test_https_serves_with_secure_cookies(run, db_path, certificate, tmp_path):
    import httpx

    from insidetrack.services.access import set_web_password as save

    save(PASSWORD)  # beside the test's own settings file
    cert, key = certificate
    port = free_port()
    script = str(Path(sys.executable).parent / "insidetrack")
    proc = subprocess.Popen([script, "--db", str(db_path), "serve", "--host", "0.0.0.0",
                             "--port", str(port), "--certfile", str(cert), "--keyfile", str(key)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy())
    try:
        wait_for_port(port, proc, "insidetrack serve")
        base = f"https://127.0.0.1:{port}"
        with httpx.Client(base_url=base, verify=False) as client:
            assert client.get("/login").status_code == 200
            answer = client.post("/login", data={"password": PASSWORD},
                                 headers={"Origin": base})
            assert answer.status_code == 303
            cookie = answer.headers["set-cookie"]
            assert "Secure" in cookie and "HttpOnly" in cookie
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"http://127.0.0.1:{port}/login", timeout=5)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    said = proc.stdout.read().decode() if proc.stdout else ""
    assert f"https://127.0.0.1:{port}/" in said


def test_https_needs_a_key_that_fits_the_certificate(run, certificate, tmp_path):
    cert, _ = certificate
    alone = run("serve", "--certfile", str(cert))
    assert alone.exit_code == 2 and "needs both --certfile and --keyfile" in alone.stderr
    other = tmp_path / "other.pem"
    subprocess.run(["openssl", "genrsa", "-out", str(other), "2048"], check=True, capture_output=True)
    mismatch = run("serve", "--certfile", str(cert), "--keyfile", str(other))
    assert mismatch.exit_code == 2 and "cannot be used together" in mismatch.stderr


def test_a_logged_in_request_opens_the_database_once(run, db_path, password_hash, monkeypatch):
    """The login check and the page share one session (one pooled connection per request)."""
    from insidetrack.session import Session

    client = _client(db_path, Guard(port=8765, bind_host="0.0.0.0", password_hash=password_hash))
    assert _log_in(client).status_code == 303
    token = _token(run)
    opened, closed = [], []
    real_env, real_close = Session.env, Session.close

    def env(self):
        if self._env is None:
            opened.append(self)
        return real_env(self)

    def close(self):
        if self._env is not None:
            closed.append(self)
        real_close(self)

    monkeypatch.setattr(Session, "env", env)
    monkeypatch.setattr(Session, "close", close)
    for ask in (lambda: client.get("/"), lambda: client.get("/api/today"), lambda: client.post(
            "/api/interviews", json=INTERVIEW, headers={"Authorization": f"Bearer {token}"})):
        response = ask()
        assert response.status_code in (200, 201), response.text
        assert len(opened) == 1 and closed == opened  # one session, closed after the answer
        opened.clear(), closed.clear()
