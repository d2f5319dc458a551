"""The CLI's context: where the database is, the clock and the user's time zone."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from insidetrack.services.context import Env
from insidetrack.storage.settings_file import Settings, load_settings


def default_db_path() -> Path:
    """Return $INSIDETRACK_DB, else insidetrack.db in the user's data folder."""
    override = os.environ.get("INSIDETRACK_DB")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("insidetrack")) / "insidetrack.db"


def user_zone(settings: Settings) -> tzinfo:
    """Return the zone from the settings, else the system's."""
    from zoneinfo import ZoneInfo

    if settings.timezone:
        return ZoneInfo(settings.timezone)
    import tzlocal

    return tzlocal.get_localzone()


@dataclass
class App:
    """Built once per command; tests pass a fixed `now` and zone."""

    db_path: Path | None = None
    now: datetime | None = None
    tz: tzinfo | None = None
    _env: Env | None = field(default=None, repr=False)
    _settings: Settings | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings()
        return self._settings

    @property
    def zone(self) -> tzinfo:
        if self.tz is None:
            self.tz = user_zone(self.settings)
        return self.tz

    def use_settings(self, settings: Settings) -> None:
        """Take changed settings for the rest of this command."""
        if self._settings is not None and settings.timezone != self._settings.timezone:
            self.tz = None
        self._settings = settings
        self._env = None

    def clock(self) -> datetime:
        return self.now if self.now is not None else datetime.now(UTC)

    def env(self) -> Env:
        """Open the database (migrating it) and return the services' context."""
        if self._env is None:
            from insidetrack.storage.db import connect
            from insidetrack.storage.store import Store

            conn = connect(self.db_path or default_db_path())
            self._env = Env(Store(conn), self.settings.plan, self.zone, self.clock())
        return self._env
