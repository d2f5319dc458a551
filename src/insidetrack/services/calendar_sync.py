"""Keep a CalDAV calendar and insidetrack in step, both ways.

`push` writes insidetrack's steps to the calendar and leaves alone any entry the user
changed there since insidetrack last wrote it. `sync` first takes those changes in: a
step ticked done there is marked done here (through the same service as `insidetrack
done`, so the campaign re-plans), one moved there is due at its new time. Then it
writes. Where both sides changed a step, the rules are:

- done wins: a step done on either side is done (an entry unticked in the calendar is
  marked completed again; `insidetrack done STEP --undo` is how a step is undone);
- a decision wins over a tick: a step cancelled here stays cancelled;
- for a step moved in the calendar and re-planned here, the calendar's time wins, unless
  the playbook needs the step later (a reply or an unanswered call restarts a wait).

Each case is reported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from insidetrack.domain.errors import InsidetrackError
from insidetrack.domain.model import StepStatus
from insidetrack.domain.settings import CaldavSettings, CalendarSettings, Settings
from insidetrack.domain.workdays import at_local
from insidetrack.integrations import caldav_push, ics, secrets
from insidetrack.integrations.caldav_push import Held
from insidetrack.services import campaigns, invitations
from insidetrack.services.calendar import (
    FromCalendar,
    Remote,
    Report,
    adopt,
    mirror,
    title,
    uid_prefix,
)
from insidetrack.services.context import Env
from insidetrack.services.ports import CalendarRow, Pushed


@dataclass(frozen=True)
class _Change:
    """What the user changed in an entry since insidetrack last wrote it."""

    known: Pushed
    held: Held
    row: CalendarRow | None  # None: the step is cancelled here
    title: str
    done_at: datetime | None  # ticked done then
    moved_to: datetime | None
    undone: bool


# A way of meeting the calendar: push or sync.
Way = Callable[[Env, CalendarSettings, Remote], Report]


def with_server(env: Env, settings: Settings, way: Way,
                account: tuple[CaldavSettings, str | None] | None = None) -> Report:
    """Open the user's CalDAV calendar and push or sync with it (`way`): the settings' with
    the keyring's password, or `account` (a career center's job seeker's own)."""
    server, password = account or (settings.caldav,
                                   secrets.password("caldav", settings.caldav.user))
    with caldav_push.open_calendar(server, password) as cal:
        return way(env, settings.calendar, cal)


def push(env: Env, settings: CalendarSettings, remote: Remote) -> Report:
    """Write the steps to the calendar; leave the entries changed there as they are."""
    report = Report(remote.name)
    held = _ours(env, remote)
    changes = _changes(env, held)
    report.taken_in += [FromCalendar(c.known.step_id, c.title, "kept", c.done_at or c.moved_to,
                                     reason=_what(c)) for c in changes]
    mirror(env, settings, remote, held, report, frozenset(c.known.step_id for c in changes))
    return report


def sync(env: Env, settings: CalendarSettings, remote: Remote) -> Report:
    """Take in what the user changed in the calendar, then write the steps to it."""
    report = Report(remote.name)
    held = _ours(env, remote)
    for change in sorted(_changes(env, held), key=_order):
        report.taken_in.append(_take_in(env, change))
    mirror(env, settings, remote, held, report)
    report.invitations += invitations.from_calendar(env, remote.events(),
                                                    uid_prefix(env.store.calendar.instance()))
    return report


def _what(change: _Change) -> str:
    return "done" if change.done_at else "unticked" if change.undone else "moved"


def _ours(env: Env, remote: Remote) -> dict[str, Held]:
    """Return this database's entries in the calendar: the rest is the user's own."""
    prefix = uid_prefix(env.store.calendar.instance())
    return {uid: h for uid, h in remote.held().items()
            if uid.startswith(prefix) and uid[len(prefix):].isdigit()}


def _order(change: _Change) -> tuple[bool, float]:
    """Take ticks in first, as they happened, then moves."""
    done_at = change.done_at
    return (done_at is None, done_at.timestamp() if done_at is not None else 0.0)


def _changes(env: Env, held: dict[str, Held]) -> list[_Change]:
    """Compare each entry the server changed (a new ETag) with what insidetrack wrote.

    An entry whose ETag changed but whose time and state did not (a note added, or a
    server that rewrote it) is simply taken as known.
    """
    rows = {r.step.id: r for r in env.store.calendar.rows(with_done=True)}
    found = []
    for known in env.store.calendar.pushed().values():
        h = held.get(known.uid)
        if h is None or h.etag == known.etag:
            continue
        change = _compare(env, known, h, rows.get(known.step_id))
        if change is None:
            adopt(env, known, h)
        else:
            found.append(change)
    return found


def _compare(env: Env, known: Pushed, h: Held, row: CalendarRow | None) -> _Change | None:
    seen = ics.read(h.ical, known.uid)
    if seen is None:
        return None
    written_due = known.due
    if written_due is None and row is not None and known.revision == row.revision:
        written_due = row.step.due  # written before due times were kept: as it is now
    due = _moment(env, seen.due)
    moved = due if due is not None and written_due is not None and due != written_due else None
    done_at = None
    if seen.done and not known.completed:
        done_at = min(_moment(env, seen.completed) or env.now, env.now)
    undone = known.completed and seen.kind == "todo" and not seen.done
    if done_at is None and moved is None and not undone:
        return None
    name = title(row) if row is not None else seen.summary.removeprefix("Done: ")
    return _Change(known, h, row, name, done_at, moved, undone)


def _moment(env: Env, value: datetime | date | None) -> datetime | None:
    """Return a calendar's time as a moment: all-day at the start of the work day."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        return at_local(value, env.plan.workday_start, env.tz)
    return value if value.tzinfo is not None else value.replace(tzinfo=env.tz)


def _take_in(env: Env, c: _Change) -> FromCalendar:
    step_id, name = c.known.step_id, c.title
    status = c.row.step.status if c.row is not None else StepStatus.CANCELLED
    if status is not StepStatus.PENDING:
        if c.undone and status is StepStatus.DONE:
            adopt(env, c.known, c.held, rewrite=True)
            return FromCalendar(step_id, name, "undone")
        adopt(env, c.known, c.held, rewrite=status is StepStatus.DONE)
        return FromCalendar(step_id, name, "settled", reason=status.value)
    try:
        return _apply(env, c, step_id, name)
    except InsidetrackError as exc:
        adopt(env, c.known, c.held, rewrite=True)
        return FromCalendar(step_id, name, "refused", reason=exc.message)


def _apply(env: Env, c: _Change, step_id: int, name: str) -> FromCalendar:
    assert c.row is not None  # a pending step
    conflict = c.known.revision not in (c.row.revision, -1)
    adopt(env, c.known, c.held)
    if c.done_at is not None:
        step = campaigns.mark_done(env, step_id, c.done_at, "ticked done in your calendar")
        return FromCalendar(step_id, name, "done", at=step.done_at, conflict=conflict)
    assert c.moved_to is not None
    step = campaigns.move_step(env, step_id, c.moved_to)
    kept_later = step.due if step.due != c.moved_to else None
    return FromCalendar(step_id, name, "moved", at=c.moved_to, due=kept_later, conflict=conflict)
