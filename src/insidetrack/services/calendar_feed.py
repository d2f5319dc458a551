"""The subscribed calendar: overdue steps and the next weeks', kept while nothing changes.

Calendar apps poll a subscription every few minutes to hours, and at 10,000 interviews
writing it takes seconds. So the feed is written once and kept, with what it was written
from (a one-line version of the steps it holds, read by one query), and written again
only when that changes. Its ETag is that version: an app that sends it back gets
"not modified" and no body.

Ours: the feed holds the steps due before `calendar.feed_weeks` weeks from now, overdue
ones included; thousands of to-dos spread over years help no one in a calendar app. A
download (`export ics`, or the Download button) still holds every step.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from insidetrack.domain.settings import CalendarSettings
from insidetrack.integrations import ics
from insidetrack.services.calendar import entry
from insidetrack.services.context import Env


@dataclass(frozen=True)
class Feed:
    """The subscribed calendar's text (and gzipped), its ETag, and when it was written."""

    body: bytes
    gzipped: bytes  # kept too: the text is megabytes at thousands of steps, a tenth gzipped
    etag: str
    written: datetime


@dataclass
class _Kept:
    """What the feed keeps between polls: the latest feed of each database (by its
    instance), and each entry's text as last written.

    The texts are kept by the entry and how it is shown: one step changed writes one entry
    again, not thousands (7.7 s at 17,360 entries, against 0.3 s).
    """

    feeds: dict[str, Feed] = field(default_factory=dict)
    texts: dict[tuple[ics.Entry, str, int], bytes] = field(default_factory=dict)

    def texts_of(self, entries: list[ics.Entry], settings: CalendarSettings,
                 now: datetime) -> list[bytes]:
        """Return the entries' texts, written only for those not written before.

        Ours: a kept entry keeps the DTSTAMP of when it was written; in a calendar without
        a METHOD that is when its information last changed (RFC 5545, 3.8.7.2).
        """
        shown = settings.items, settings.reminder_minutes
        keys = [(e, *shown) for e in entries]
        fresh = {k: self.texts.get(k) or ics.component_text(k[0], *shown, now) for k in keys}
        self.texts = fresh  # only what the feed holds now: nothing piles up
        return [fresh[k] for k in keys]


_KEPT = _Kept()


def _etag(instance: str, settings: CalendarSettings, version: str) -> str:
    what = f"{instance} {settings.items} {settings.reminder_minutes} {version}"
    return '"' + hashlib.sha256(what.encode()).hexdigest()[:32] + '"'


def feed(env: Env, settings: CalendarSettings) -> Feed:
    """Return the subscribed calendar: the one kept if its steps are as they were."""
    until = env.now + timedelta(weeks=settings.feed_weeks)
    instance = env.store.calendar.instance()
    etag = _etag(instance, settings, env.store.calendar.version(until))
    kept = _KEPT.feeds.get(instance)
    if kept is not None and kept.etag == etag:
        return kept
    rows = env.store.calendar.rows(until=until)
    body = ics.calendar_of_texts(_KEPT.texts_of([entry(instance, r) for r in rows], settings,
                                                env.now))
    _KEPT.feeds[instance] = Feed(body, gzip.compress(body, mtime=0), etag, env.now)
    return _KEPT.feeds[instance]


def etag_matches(header: str, etag: str) -> bool:
    """Tell whether an If-None-Match header names this ETag (weak or strong, or `*`)."""
    tags = {t.strip().removeprefix("W/") for t in header.split(",")}
    return etag in tags or "*" in tags
