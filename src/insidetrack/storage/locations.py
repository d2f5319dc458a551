"""Where insidetrack keeps its files, and the system's time zone.

Import-light on purpose: `insidetrack today --json` runs every morning and
loads this module without the rest of the program.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import tzinfo

APP = "insidetrack"
ZONEINFO_MARK = "/zoneinfo/"


def settings_file() -> str:
    """Return $INSIDETRACK_CONFIG, else config.toml in the user's config folder."""
    override = os.environ.get("INSIDETRACK_CONFIG")
    if override:
        return override
    return os.path.join(_user_folder("XDG_CONFIG_HOME", ".config"), "config.toml")


def database_file() -> str:
    """Return $INSIDETRACK_DB (a file or a postgresql:// URL), else insidetrack.db in the
    user's data folder."""
    override = os.environ.get("INSIDETRACK_DB")
    if override:
        return override
    return os.path.join(_user_folder("XDG_DATA_HOME", ".local/share"), "insidetrack.db")


def _user_folder(variable: str, under_home: str) -> str:
    """Return insidetrack's folder of one XDG kind, as platformdirs names it.

    On Linux the common cases (an absolute $XDG_... or an absolute $HOME) are
    answered here: importing platformdirs costs `today --json` more than its
    whole query. Anything else asks platformdirs; a test holds the two equal.
    """
    import sys

    if sys.platform.startswith("linux"):
        chosen = os.environ.get(variable, "")
        if chosen.startswith("/"):
            return os.path.join(chosen, APP)
        home = os.environ.get("HOME", "")
        if home.startswith("/"):
            return os.path.join(home.rstrip("/") or "/", under_home, APP)
    import platformdirs

    found = platformdirs.user_config_dir if variable == "XDG_CONFIG_HOME" else (
        platformdirs.user_data_dir)
    return str(found(APP))


def is_url(location: object) -> bool:
    """Say whether a database location names a PostgreSQL server rather than a file."""
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def system_zone_name() -> str:
    """Return the system zone's name: $TZ, else where /etc/localtime points, else ""."""
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        target = os.path.realpath("/etc/localtime")
        name = target.split(ZONEINFO_MARK, 1)[1] if ZONEINFO_MARK in target else ""
    return name


def system_zone() -> tzinfo:
    """Return the system's zone: $TZ, else /etc/localtime, else what tzlocal finds."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = system_zone_name()
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    import tzlocal

    return tzlocal.get_localzone()
