"""Fixtures: a temporary database, a fixed clock and zone, a CLI runner."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result

from insidetrack.cli.app import App
from insidetrack.cli.commands import cli

TZ = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=TZ)  # a Wednesday afternoon


class Cli:
    """Run `insidetrack` in-process against one database, at a fixed time."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.now = NOW

    def __call__(self, *args: str, input: str | None = None) -> Result:  # noqa: A002 (click's name)
        app = App(db_path=self.db, now=self.now, tz=TZ)
        return CliRunner().invoke(cli, list(args), obj=app, input=input)

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
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "insidetrack.db"


@pytest.fixture
def run(db_path) -> Cli:
    return Cli(db_path)
