"""Put the campaign into the user's calendar: an .ics file, or entries in a CalDAV calendar.

A CalDAV calendar is compared with what its server holds, never with a memory of what
was sent: an entry missing there is put back, one in the wrong calendar or format is
written again, and only entries with insidetrack's own UIDs are ever replaced or taken out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from insidetrack.compose.describe import describe_step
from insidetrack.domain.model import StepStatus
from insidetrack.domain.settings import CalendarSettings
from insidetrack.integrations import ics
from insidetrack.integrations.caldav_push import Held
from insidetrack.services.context import Env
from insidetrack.services.ports import CalendarRow, Pushed


def uid_prefix(instance: str) -> str:
    """Return how the UIDs of this database's entries begin (a demo's differ)."""
    return f"insidetrack-{instance}-step-"


def title(row: CalendarRow) -> str:
    return f"{describe_step(row.step)}: {row.employer}, {row.job_title}"


def entry(instance: str, row: CalendarRow) -> ics.Entry:
    s = row.step
    summary = title(row)
    description = (f"{summary}.\nDraft it: insidetrack draft {s.id}\n"
                   f"Mark it done: insidetrack done {s.id}")
    done_at = s.done_at if s.status is StepStatus.DONE else None
    return ics.Entry(f"{uid_prefix(instance)}{s.id}", summary, description, s.due,
                     row.revision, done_at)


def entries(env: Env) -> list[ics.Entry]:
    """Return every pending step as a calendar entry."""
    instance = env.store.calendar.instance()
    return [entry(instance, r) for r in env.store.calendar.rows()]


def export_ics(env: Env, settings: CalendarSettings, items: str | None = None) -> bytes:
    """Return every pending step as to-dos (or events), in `items` if given, else as set."""
    return ics.calendar(entries(env), items or settings.items, settings.reminder_minutes,
                        env.now)


class Remote(Protocol):
    """A calendar on a CalDAV server (integrations.caldav_push.CaldavCalendar)."""

    url: str
    name: str

    def held(self) -> dict[str, Held]: ...

    def events(self) -> list[str]:
        """Return the iCalendar text of every event in the user's calendars."""

    def put(self, ical: str, held: Held | None) -> tuple[str, str] | None:
        """Create or replace an entry; None if it changed on the server meanwhile."""

    def delete(self, href: str, etag: str) -> bool:
        """Take an entry out unless it changed since it had this ETag."""

    def reaches(self, href: str) -> bool:
        """Tell whether an address is on this calendar's server."""


@dataclass(frozen=True)
class FromCalendar:
    """Something the user did to an entry in their calendar app, and what came of it.

    `change`: done (ticked done: the step is marked done here), moved (the step is due
    then), undone (unticked, but the step stays done here), refused (could not be taken
    in: `reason`), settled (changed there, but the step is done or cancelled here), or
    kept (`calendar push` leaves it for `calendar sync`). `due` is where a moved step is
    due now if the plan could not take the time; `conflict` when the step had changed
    here too since the last sync.
    """

    step_id: int
    title: str
    change: str
    at: datetime | None = None
    due: datetime | None = None
    conflict: bool = False
    reason: str = ""


@dataclass
class Report:
    """What a push or a sync did to the calendar, and what it took in from it."""

    calendar: str
    added: int = 0
    updated: int = 0
    completed: int = 0
    restored: int = 0
    removed: int = 0
    unchanged: int = 0
    kept: int = 0  # changed in the calendar since insidetrack last wrote it: left as it is
    left_behind: int = 0  # in a former calendar on another server
    taken_in: list[FromCalendar] = field(default_factory=list)
    invitations: list[str] = field(default_factory=list)  # interviews seen in the calendar


@dataclass(frozen=True)
class _Job:
    """One step to put in step with the calendar."""

    row: CalendarRow
    entry: ics.Entry
    known: Pushed | None
    held: Held | None


def mirror(env: Env, settings: CalendarSettings, remote: Remote, held: dict[str, Held],
           report: Report, leave: frozenset[int] = frozenset()) -> None:
    """Make the calendar hold every pending step, and the done ones it held, as they are here.

    `held` is insidetrack's entries in the calendar, by UID; steps in `leave` are not
    touched (their entries changed in the calendar and were not taken in).
    """
    instance = env.store.calendar.instance()
    pushed = env.store.calendar.pushed()
    for row in env.store.calendar.rows(with_done=True):
        step_id = row.step.id or 0
        made = entry(instance, row)
        job = _Job(row, made, pushed.pop(step_id, None), held.pop(made.uid, None))
        if step_id not in leave:
            _write(env, settings, remote, job, report)
    for step_id, known in pushed.items():  # cancelled: the campaign no longer has them
        if step_id not in leave:
            _take_out(env, remote, known, held.pop(known.uid, None), report)
    for left in held.values():  # insidetrack's, of a cancelled step it kept no record of
        if int(left.uid.rsplit("-", 1)[1]) not in leave and remote.delete(left.href, left.etag):
            report.removed += 1


def _up_to_date(job: _Job, remote: Remote, items: str) -> bool:
    k = job.known
    return (k is not None and job.held is not None and k.calendar == remote.url
            and k.revision == job.row.revision and k.items == items
            and k.completed == (job.entry.done_at is not None))


def _write(env: Env, settings: CalendarSettings, remote: Remote, job: _Job,
           report: Report) -> None:
    known, done = job.known, job.entry.done_at is not None
    here = known is not None and known.calendar in (remote.url, "")
    if job.held is None and done and (known is None or (here and known.completed)):
        # done before it reached this calendar, or deleted there once done: left out
        _forget(env, known)
        return
    if _up_to_date(job, remote, settings.items):
        report.unchanged += 1
        return
    ical = ics.single(_next_revision(job), settings.items, settings.reminder_minutes, env.now)
    written = remote.put(ical, job.held)
    if written is None:
        report.kept += 1
        return
    _record(env, job, written, settings.items, remote.url)
    _count(job, report, remote.url)
    if known is not None and not here and known.href:
        _take_from_former(remote, known, report)


def _next_revision(job: _Job) -> ics.Entry:
    """Give the entry a SEQUENCE above the server's copy: each version differs from the last.

    (A calendar app that saw a version may otherwise take the same text coming back
    after its own change for no change at all: vdirsyncer does.)
    """
    seen = ics.read(job.held.ical, job.entry.uid) if job.held is not None else None
    if seen is None or seen.sequence < job.entry.sequence:
        return job.entry
    return replace(job.entry, sequence=seen.sequence + 1)


def _count(job: _Job, report: Report, url: str) -> None:
    known, done = job.known, job.entry.done_at is not None
    if job.held is None:
        if known is not None and known.calendar == url and not known.completed:
            report.restored += 1  # deleted in the calendar while still to do
        else:
            report.added += 1
    elif done and not (known is not None and known.completed):
        report.completed += 1
    else:
        report.updated += 1


def _record(env: Env, job: _Job, written: tuple[str, str], items: str, url: str) -> None:
    href, etag = written
    step_id = job.row.step.id or 0
    with env.store.write():
        env.store.calendar.record_push(
            Pushed(step_id, job.entry.uid, job.row.revision, url, href, etag, items,
                   job.entry.due, job.entry.done_at is not None), env.now)


def _forget(env: Env, known: Pushed | None) -> None:
    if known is not None:
        with env.store.write():
            env.store.calendar.forget_push(known.step_id)


def _take_from_former(remote: Remote, known: Pushed, report: Report) -> None:
    """Take a step's entry out of the calendar it was in before caldav.calendar changed."""
    if remote.reaches(known.href) and remote.delete(known.href, known.etag):
        return
    report.left_behind += 1


def _take_out(env: Env, remote: Remote, known: Pushed, held: Held | None,
              report: Report) -> None:
    if held is not None:
        if not remote.delete(held.href, held.etag):
            report.kept += 1
            return
        report.removed += 1
    elif known.calendar not in ("", remote.url) and known.href:
        _take_from_former(remote, known, report)
    _forget(env, known)


def adopt(env: Env, known: Pushed, held: Held, rewrite: bool = False) -> None:
    """Take the server's version of an entry as the one insidetrack knows.

    `rewrite` asks the next push to write the entry again (insidetrack's side wins).
    """
    with env.store.write():
        env.store.calendar.record_push(
            replace(known, etag=held.etag, href=held.href,
                    revision=-1 if rewrite else known.revision), env.now)
