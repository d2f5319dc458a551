"""Put the campaign into the user's calendar: an .ics file, or a CalDAV push."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from insidetrack.compose.describe import describe_step
from insidetrack.domain.settings import CalendarSettings
from insidetrack.integrations import ics
from insidetrack.services.context import Env
from insidetrack.services.ports import CalendarRow


def _entry(instance: str, row: CalendarRow) -> ics.Entry:
    s = row.step
    summary = f"{describe_step(s)}: {row.employer}, {row.job_title}"
    description = (f"{summary}.\nDraft it: insidetrack draft {s.id}\n"
                   f"Mark it done: insidetrack done {s.id}")
    return ics.Entry(f"insidetrack-{instance}-step-{s.id}", summary, description, s.due,
                     row.revision)


def entries(env: Env) -> list[ics.Entry]:
    """Return every pending step as a calendar entry."""
    instance = env.store.calendar.instance()
    return [_entry(instance, r) for r in env.store.calendar.rows()]


def export_ics(env: Env, settings: CalendarSettings) -> bytes:
    return ics.calendar(entries(env), settings.items, settings.reminder_minutes, env.now)


@dataclass(frozen=True)
class PushReport:
    added: int
    updated: int
    removed: int
    unchanged: int


@dataclass(frozen=True)
class Remote:
    """What a push needs of a calendar: put an object by UID, remove one."""

    put: Callable[[str, str], None]
    remove: Callable[[str], Any]


def push(env: Env, settings: CalendarSettings, remote: Remote) -> PushReport:
    """Send new and changed steps, remove done and cancelled ones; record what is there."""
    instance = env.store.calendar.instance()
    pushed = env.store.calendar.pushed()
    pending = env.store.calendar.rows()
    added = updated = unchanged = removed = 0
    for row in pending:
        step_id = row.step.id or 0
        known = pushed.pop(step_id, None)
        if known is not None and known[1] == row.revision:
            unchanged += 1
            continue
        entry = _entry(instance, row)
        remote.put(entry.uid, ics.single(entry, settings.items, settings.reminder_minutes,
                                         env.now))
        with env.store.write():
            env.store.calendar.record_push(step_id, entry.uid, row.revision, env.now)
        added, updated = (added + 1, updated) if known is None else (added, updated + 1)
    for step_id, (uid, _) in pushed.items():  # no longer pending: done or cancelled
        remote.remove(uid)
        with env.store.write():
            env.store.calendar.forget_push(step_id)
        removed += 1
    return PushReport(added, updated, removed, unchanged)
