"""Fixtures: a temporary database, a fixed clock and zone, a CLI runner."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result

from insidetrack.cli.commands import cli
from insidetrack.session import Session

TZ = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=TZ)  # a Wednesday afternoon


class Cli:
    """Run `insidetrack` in-process against one database, at a fixed time."""

    def __init__(self, db: str | Path) -> None:
        self.db = db
        self.now = NOW

    def __call__(self, *args: str, input: str | None = None) -> Result:  # noqa: A002 (click's name)
        app = Session(db_path=self.db, now=self.now, tz=TZ)
        return CliRunner().invoke(cli, list(args), obj=app, input=input)

    def logged_on_time(self, *args: str) -> object:
        """Log an interview (`interview add ... --at`) as a diligent user does: an hour after
        it began, not days later (which would make its first steps missed)."""
        at = datetime.fromisoformat(args[args.index("--at") + 1]).replace(tzinfo=TZ)
        self.now, now = min(at + timedelta(hours=1), NOW), self.now
        try:
            return self.json(*args)
        finally:
            self.now = now

    def json(self, *args: str) -> object:
        result = self(*args, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def ok(self, *args: str) -> str:
        result = self(*args)
        assert result.exit_code == 0, result.output
        return result.stdout


@pytest.fixture(autouse=True)
def _private_config(tmp_path, monkeypatch):
    """Never read or write the developer's own settings or database."""
    monkeypatch.setenv("INSIDETRACK_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("INSIDETRACK_DB", str(tmp_path / "default.db"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # today --json keeps its answer
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")


BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server, started once for the whole run."""
    import pg

    why = pg.missing()
    if why:
        pytest.skip(why)
    server = pg.Server()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def imap_port():
    """A real Dovecot started by the tests, one per test module; its port."""
    from servers import dovecot

    with dovecot() as port:
        yield port


def new_database(backend: str, request: pytest.FixtureRequest, tmp_path: Path,
                 name: str = "insidetrack.db") -> str | Path:
    """Return where a new, empty database lives on a backend: a file, or a server's URL."""
    if backend == "sqlite":
        return tmp_path / name
    server = request.getfixturevalue("postgres")
    url = server.new_database()
    request.addfinalizer(lambda: close_pools(url))
    return url


def close_pools(url: str) -> None:
    from insidetrack.storage.database import close_pool

    close_pool(url)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """Which database a test runs on; every test that touches one runs on both."""
    return str(request.param)


@pytest.fixture
def db_path(backend, request, tmp_path) -> str | Path:
    """The test's database: a SQLite file, or a PostgreSQL URL (the `backend` parameter)."""
    return new_database(backend, request, tmp_path)


@pytest.fixture
def sqlite_path(tmp_path) -> Path:
    """A SQLite file, for tests of what only SQLite has (files, WAL, the fast path)."""
    return tmp_path / "insidetrack.db"


@pytest.fixture
def run(db_path) -> Cli:
    return Cli(db_path)


@pytest.fixture
def file_keyring(tmp_path):
    """A real keyring backend (keyrings.alt's file) in the test's folder, for the machines
    that have no system keyring."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    before = keyring.get_keyring()
    ring = PlaintextKeyring()
    ring.file_path = str(tmp_path / "keyring.cfg")
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


@pytest.fixture
def radicale(tmp_path):
    """A real CalDAV server (Radicale, from PyPI) on a loopback port; yields its URL."""
    from calendar_apps import radicale_server

    with radicale_server(tmp_path / "collections") as url:
        yield url


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say how many tests ran on each database."""
    counts = {b: {"passed": 0, "failed": 0} for b in BACKENDS}
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            if report.when != "call":
                continue
            for b in BACKENDS:
                if f"[{b}" in report.nodeid or f"-{b}]" in report.nodeid or f"-{b}-" in report.nodeid:
                    counts[b][outcome] += 1
    line = "; ".join(f"{b}: {c['passed']} passed, {c['failed']} failed" for b, c in counts.items())
    terminalreporter.write_line(f"database tests: {line}")
