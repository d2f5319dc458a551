"""What every request gets: a session over the data, opened and closed with it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from insidetrack.session import Session


@dataclass(frozen=True)
class WebConfig:
    db_path: str | Path | None  # a SQLite file, or a postgresql:// URL
    clock: Callable[[], datetime | None] = lambda: None
    tz: tzinfo | None = None
    workers: int = 1  # processes serving the app (`serve --workers`)
    org: bool = False  # a career center's database (`serve --org`): opened, never migrated
    # A center's server: the ids a request names must be the signed-in seeker's (the
    # application's own check, web/owners.py). Off only to prove row-level security alone.
    check_owners: bool = True


def open_session(config: WebConfig) -> Session:
    """Return a session for one request (its connection opens at first use)."""
    return Session(config.db_path, config.clock(), config.tz, pooled=True,
                   migrate=not config.org)


@contextmanager
def session(config: WebConfig) -> Iterator[Session]:
    """Open a session for one request; its database connection closes after it."""
    app = open_session(config)
    try:
        yield app
    finally:
        app.close()
