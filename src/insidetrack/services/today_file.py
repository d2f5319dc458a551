"""`today --json` straight from the database, for the CLI's fast path.

Import-light on purpose (stdlib only): it runs every morning before the rest of the program
loads, and reads through the same agenda query as the `today` service, so the two agree.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date, tzinfo
    from typing import Any


def agenda_of_file(path: str, day: date, tz: tzinfo) -> dict[str, Any] | None:
    """Return the agenda document, or None when the file's schema is not the current one."""
    from insidetrack.storage.agenda import agenda_of_file as read

    return read(path, day, tz)


def agenda_of_server(url: str, day: date, tz: tzinfo) -> dict[str, Any] | None:
    """Return the agenda from a PostgreSQL database, or None when its schema is not current."""
    from insidetrack.storage.agenda import agenda_of_server as read

    return read(url, day, tz)
