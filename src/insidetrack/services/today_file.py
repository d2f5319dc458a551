"""`today --json` straight from the database, for the CLI's fast path.

Import-light on purpose (stdlib only): it runs every morning before the rest of the program
loads, and reads through the same agenda query as the `today` service, so the two agree.
Anything unusual (no database yet, another schema, a bad date, a settings file that needs
checking) returns None, and the full command line answers and reports it.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import tzinfo
    from typing import Any


def _zone() -> tzinfo | None:
    """Return the user's zone, or None when the settings file needs the full CLI."""
    import os

    from insidetrack.storage.locations import settings_file, system_zone

    path = settings_file()
    if os.path.exists(path):
        import tomllib
        from zoneinfo import ZoneInfo

        try:
            with open(path, "rb") as handle:
                name = tomllib.load(handle).get("timezone", "")
            return ZoneInfo(name) if name else system_zone()
        except Exception:
            return None
    return system_zone()


def agenda(db: str | None, day_text: str | None) -> dict[str, Any] | None:
    """Return `today --json`'s document for a database and day (default: today), or None."""
    import os
    from datetime import date, datetime

    from insidetrack.storage.agenda import agenda_of_file, agenda_of_server
    from insidetrack.storage.locations import database_file, is_url

    path = db or database_file()
    tz = _zone()
    on_server = is_url(path)
    if tz is None or (day_text is not None and len(day_text) != 10):
        return None
    if not on_server and not os.path.isfile(path):
        return None  # no database yet: the full CLI makes one
    day = date.fromisoformat(day_text) if day_text else datetime.now(tz).date()
    read = agenda_of_server if on_server else agenda_of_file
    return read(path, day, tz)
