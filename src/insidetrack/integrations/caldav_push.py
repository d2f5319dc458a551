"""Read the user's CalDAV calendar, and write, update and take out insidetrack's entries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from insidetrack.domain.errors import ConflictError, Elsewhere, InsidetrackError, Place
from insidetrack.domain.settings import CaldavSettings

LOOPBACK = ("127.0.0.1", "localhost", "::1")
# caldav says only "text/xml", which a server may read as ASCII or Latin-1 (HTTP's old
# default): a calendar named "Entretiens d'été" would be made "Entretiens d'Ã©tÃ©".
XML_UTF8 = {"Content-Type": 'text/xml; charset="utf-8"'}
ETAG = "{DAV:}getetag"


@dataclass(frozen=True)
class Held:
    """An entry as the calendar holds it: its UID, address, ETag and iCalendar text."""

    uid: str
    href: str
    etag: str
    ical: str
    handle: Any = field(default=None, compare=False, repr=False)  # the caldav object


@contextmanager
def open_calendar(s: CaldavSettings, password: str | None,
                  timeout: float = 30) -> Iterator[CaldavCalendar]:
    """Yield the configured calendar (made if missing) of the CalDAV server."""
    import caldav

    if not s.url:
        raise Elsewhere("set up the calendar first: its address is not set", Place("caldav_setup"))
    local = urlparse(s.url).hostname in LOOPBACK
    try:
        client_type: Any = caldav.DAVClient  # its stubs do not describe the constructor
        with client_type(url=s.url, username=s.user or None,
                         password=(password or "") if s.user else None,
                         require_tls=not local, timeout=timeout, headers=XML_UTF8) as client:
            principal = client.principal()
            yield CaldavCalendar(client, _calendar(principal, s.calendar or "insidetrack"),
                                 principal)
    except InsidetrackError:
        raise
    except Exception as exc:  # caldav raises many kinds: network, auth, protocol
        raise ConflictError(f"the calendar at {s.url} cannot be used: {_why(exc)}") from exc


def _why(exc: Exception) -> str:
    """Say in a person's words why a CalDAV server could not be used (caldav and its HTTP
    library raise many kinds, with long technical texts)."""
    name, text = type(exc).__name__, str(exc)
    if name == "NotFoundError" or "404" in text.split("\n", 1)[0]:
        return "nothing is at that address (404): check the address your provider gives"
    if name == "AuthorizationError" or " 401" in text or "Unauthorized" in text:
        return "the server refused the user name or password"
    if isinstance(exc, OSError) or "Connection" in name or "Max retries" in text:
        return "the server cannot be reached: check the address, and that it is running"
    return text.splitlines()[0][:200] if text else name


def _calendar(principal: Any, name: str) -> Any:
    for cal in principal.calendars():
        if cal.get_display_name() == name:
            return cal
    return principal.make_calendar(name=name)


class CaldavCalendar:
    """One calendar on a CalDAV server: what it holds, and conditional writes to it.

    Every write carries the ETag last read (If-Match), or If-None-Match for a new
    entry, so a change made meanwhile in the user's app is never overwritten.
    """

    def __init__(self, client: Any, cal: Any, principal: Any = None) -> None:
        self.client = client
        self.cal = cal
        self.principal = principal
        self.url = str(cal.url)
        self.name = str(cal.get_display_name())

    def held(self) -> dict[str, Held]:
        """Return every to-do (done ones too) and event of the calendar, by UID."""
        found: dict[str, Held] = {}
        for objects in (self.cal.search(todo=True, include_completed=True),
                        self.cal.search(event=True)):
            for obj in objects:
                try:
                    uid = str(obj.icalendar_component.get("uid", ""))
                except Exception:  # an entry the library cannot read is not insidetrack's
                    continue
                found[uid] = Held(uid, str(obj.url), str(obj.props.get(ETAG, "")),
                                  str(obj.data), obj)
        return found

    def events(self) -> list[str]:
        """Return the iCalendar text of every event in every calendar of the user."""
        calendars = self.principal.calendars() if self.principal is not None else [self.cal]
        found: list[str] = []
        for cal in calendars:
            try:
                found += [str(obj.data) for obj in cal.search(event=True)]
            except Exception:  # a calendar the server will not search (a subscription)
                continue
        return found

    def put(self, ical: str, held: Held | None) -> tuple[str, str] | None:
        """Create an entry, or replace the one held; return (address, ETag).

        None means the entry changed on the server since it was read: it is left alone.
        """
        from caldav.lib import error

        obj = held.handle if held is not None else _resource(client=self.client, parent=self.cal)
        try:
            obj.save(raw_data=ical.encode("utf-8"), no_overwrite=held is None,
                     precondition="etag")
        except (error.ETagMismatchError, error.ConsistencyError, error.NotFoundError):
            return None
        return str(obj.url), str(obj.props.get(ETAG, ""))

    def delete(self, href: str, etag: str) -> bool:
        """Take out the entry at this address unless it changed since it had this ETag."""
        from caldav.lib import error

        obj = _resource(client=self.client, url=href)
        try:
            obj.delete(if_match=etag or False)
        except error.NotFoundError:
            pass  # already gone
        except error.ETagMismatchError:
            return False
        return True

    def reaches(self, href: str) -> bool:
        """Tell whether an address is on this calendar's server (its login works there)."""
        here, there = urlparse(self.url), urlparse(href)
        return (here.scheme, here.netloc) == (there.scheme, there.netloc)


def _resource(**where: Any) -> Any:
    """Return a calendar entry of the server by its address or its calendar."""
    from caldav import CalendarObjectResource

    make: Any = CalendarObjectResource  # its stubs do not describe the constructor
    return make(**where)


def attempt(s: CaldavSettings, password: str | None, timeout: float = 30) -> str:
    """Log in and return the name of the calendar the follow-ups go to."""
    with open_calendar(s, password, timeout) as cal:
        return str(cal.name)


def check(s: CaldavSettings, password: str | None, timeout: float = 30) -> str:
    try:
        name = attempt(s, password, timeout)
    except ConflictError as exc:
        return f"caldav: {exc.message}"
    return f"caldav: ok, calendar {name!r} at {s.url}"
