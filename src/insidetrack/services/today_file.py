"""`today --json` straight from the database, for the CLI's fast path.

Import-light on purpose (stdlib only): it runs every morning before the rest of the program
loads, and reads through the same agenda query as the `today` service, so the two agree.
Printed to a pipe, the text comes from SQLite itself (storage/agenda_text.py), which tests
hold byte for byte equal to the service's document as `json.dumps` prints it.
Anything unusual (no database yet, another schema, a bad date, a settings file that needs
checking) returns None, and the full command line answers and reports it.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date, tzinfo
    from typing import Any


# Names of UTC itself: its offset is always zero, so no zone data is read (`zoneinfo`
# costs a start-up a few milliseconds) and the times print as ZoneInfo("UTC") prints them.
UTC_NAMES = frozenset({"UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal",
                       "Zulu", "Etc/Zulu"})


def _zone() -> tzinfo | None:
    """Return the user's zone, or None when the settings file needs the full CLI."""
    import os

    from insidetrack.storage.locations import settings_file

    path = settings_file()
    if not os.path.exists(path):
        return _system()
    import tomllib

    try:
        with open(path, "rb") as handle:
            name = tomllib.load(handle).get("timezone", "")
        if isinstance(name, str) and name:
            return _named(name)
    except Exception:
        return None
    return _system() if name == "" else None  # "": the system's; any other type: the CLI


def _system() -> tzinfo:
    """Return the system's zone (UTC without reading zone data)."""
    from insidetrack.storage.locations import system_zone, system_zone_name

    return _named("UTC") if system_zone_name() in UTC_NAMES else system_zone()


def _named(name: str) -> tzinfo:
    """Return the zone of a name (UTC without reading zone data)."""
    if name in UTC_NAMES:
        from datetime import UTC

        return UTC
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def _resolved(db: str | None, day_text: str | None) -> tuple[str, date, tzinfo] | None:
    """Return the database, the day and the zone to read, or None for the full CLI."""
    import os
    from datetime import date, datetime

    from insidetrack.storage.locations import database_file, is_url

    path = db or database_file()
    tz = _zone()
    if tz is None or (day_text is not None and len(day_text) != 10):
        return None
    if not is_url(path) and not os.path.isfile(path):
        return None  # no database yet: the full CLI makes one
    day = date.fromisoformat(day_text) if day_text else datetime.now(tz).date()
    return path, day, tz


def agenda(db: str | None, day_text: str | None) -> dict[str, Any] | None:
    """Return `today --json`'s document for a database and day (default: today), or None."""
    from insidetrack.storage.agenda import agenda_of_file, agenda_of_server
    from insidetrack.storage.locations import is_url

    found = _resolved(db, day_text)
    if found is None:
        return None
    path, day, tz = found
    read = agenda_of_server if is_url(path) else agenda_of_file
    return read(path, day, tz)


def agenda_text(db: str | None, day_text: str | None) -> str | None:
    """Return `today --json` as printed to a pipe, from a database file; None otherwise."""
    printed: list[str] = []
    return printed[0] if print_agenda_text(db, day_text, printed.append) else None


def print_agenda_text(db: str | None, day_text: str | None, write: Callable[[str], object]
                      ) -> bool:
    """Write `today --json` as printed to a pipe, from a database file; False otherwise.

    SQLite writes the text (storage/agenda_text.py). The
    document is kept between runs (storage/today_cache.py) until the data, the settings or
    the day change; it is kept after it is written, so the reader waits for no file.
    """
    from insidetrack.storage import today_cache
    from insidetrack.storage.locations import database_file, is_url

    path = db or database_file()
    if is_url(path):
        return False
    kept = today_cache.read(path, day_text)
    if kept is not None:
        write(kept)
        return True
    before = today_cache.key(path, day_text)
    found = _zoned_text(db, day_text)
    if found is None:
        return False
    text, window = found
    write(text)
    # Already written, so the full CLI must not print it again: a document not kept is only
    # slower next time. Not contextlib.suppress: importing it costs this path 0.5 to 1 ms.
    try:  # noqa: SIM105
        today_cache.keep(path, before, window, text)
    except Exception:
        pass
    return True


_FOREVER = (-(2**62), 2**62)  # a document for a date given never expires by the clock


def _zoned_text(db: str | None, day_text: str | None) -> tuple[str, tuple[int, int]] | None:
    """Return the text and its window in any zone (through `datetime`); else None."""
    found = _resolved(db, day_text)
    if found is None:
        return None
    from insidetrack.storage.agenda import day_bounds
    from insidetrack.storage.agenda_text import agenda_document_of_file

    path, day, tz = found
    text = agenda_document_of_file(path, day, tz)
    if text is None:
        return None
    start, end = day_bounds(day, tz)
    window = _FOREVER if day_text else (int(start.timestamp()) * 10**9,
                                        int(end.timestamp()) * 10**9)
    return text, window
