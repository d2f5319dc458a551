"""Put entries into the user's CalDAV calendar, update them, and take them out."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlparse

from insidetrack.domain.errors import ConflictError
from insidetrack.domain.settings import CaldavSettings

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@contextmanager
def open_calendar(s: CaldavSettings, password: str | None) -> Iterator[Any]:
    """Yield the configured calendar (made if missing) of the CalDAV server."""
    import caldav

    if not s.url:
        raise ConflictError("set up the calendar first: insidetrack config set caldav.url URL")
    local = urlparse(s.url).hostname in LOOPBACK
    try:
        client_type: Any = caldav.DAVClient  # its stubs do not describe the constructor
        with client_type(url=s.url, username=s.user or None,
                         password=(password or "") if s.user else None,
                         require_tls=not local, timeout=30) as client:
            principal = client.principal()
            yield _calendar(principal, s.calendar or "insidetrack")
    except ConflictError:
        raise
    except Exception as exc:  # caldav raises many kinds: network, auth, protocol
        raise ConflictError(f"the calendar at {s.url} cannot be used: {exc}") from exc


def _calendar(principal: Any, name: str) -> Any:
    for cal in principal.calendars():
        if cal.get_display_name() == name:
            return cal
    return principal.make_calendar(name=name)


def put(cal: Any, uid: str, ical: str) -> None:
    """Create or replace the calendar object with this UID."""
    try:
        existing = cal.object_by_uid(uid)
    except Exception:  # not there yet
        existing = None
    if existing is not None:
        existing.data = ical
        existing.save()
    else:
        cal.save_object(_kind(ical), ical)


def _kind(ical: str) -> Any:
    from caldav import Event, Todo

    return Event if "BEGIN:VEVENT" in ical else Todo


def remove(cal: Any, uid: str) -> bool:
    """Delete the object with this UID; say whether it was there."""
    try:
        cal.object_by_uid(uid).delete()
    except Exception:
        return False
    return True


def check(s: CaldavSettings, password: str | None) -> str:
    try:
        with open_calendar(s, password) as cal:
            name = cal.get_display_name()
    except ConflictError as exc:
        return f"caldav: {exc.message}"
    return f"caldav: ok, calendar {name!r} at {s.url}"
