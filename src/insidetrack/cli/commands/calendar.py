"""Your follow-ups in your own CalDAV calendar: push them there, and sync both ways."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from insidetrack.cli.main import cli
from insidetrack.cli.output import human_time
from insidetrack.session import Session

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import tzinfo

    from insidetrack.domain.settings import CalendarSettings
    from insidetrack.services.calendar import FromCalendar, Remote, Report
    from insidetrack.services.context import Env

    Way = Callable[[Env, CalendarSettings, Remote], Report]


@cli.group()
def calendar() -> None:
    """Your follow-ups in your own calendar (CalDAV)."""


@calendar.command("push")
@click.pass_obj
def calendar_push(app: Session) -> None:
    """Bring your CalDAV calendar up to date; leave alone what you changed there."""
    from insidetrack.services.calendar_sync import push

    _run(app, push)


@calendar.command("sync")
@click.pass_obj
def calendar_sync(app: Session) -> None:
    """Take in steps done or moved in your calendar, then bring it up to date."""
    run_sync(app)


def run_sync(app: Session) -> None:
    """Sync the calendar both ways and print what happened (also run by `sync`)."""
    from insidetrack.services.calendar_sync import sync

    _run(app, sync)


def _run(app: Session, how: Way) -> None:
    from insidetrack.integrations import caldav_push, secrets

    settings = app.settings.caldav
    password = secrets.password("caldav", settings.user)
    with caldav_push.open_calendar(settings, password) as cal:
        report = how(app.env(), app.settings.calendar, cal)
    for line in report_lines(report, app.zone):
        click.echo(line)


def report_lines(report: Report, tz: tzinfo) -> list[str]:
    """Say what came from the calendar, then what was written to it."""
    lines = [_taken_in(t, tz) for t in report.taken_in]
    lines.append(
        f"Calendar {report.calendar!r}: {report.added} added, {report.updated} updated, "
        f"{report.completed} marked completed, {report.restored} restored, "
        f"{report.removed} removed, {report.unchanged} unchanged.")
    if report.kept:
        lines.append(f"{report.kept} entry(ies) changed in your calendar while this ran: "
                     "left as they are until the next sync.")
    if report.left_behind:
        lines.append(f"{report.left_behind} entry(ies) stay in your former calendar on another "
                     "server: delete them there.")
    return lines


def _taken_in(t: FromCalendar, tz: tzinfo) -> str:
    step = f"Step {t.step_id} ({t.title})"
    when = human_time(t.at, tz)
    if t.change == "done":
        also = " It had changed here too: done wins." if t.conflict else ""
        return f"{step}: ticked done in your calendar; marked done at {when}.{also}"
    if t.change == "moved":
        line = f"{step}: moved in your calendar to {when}."
        if t.due is not None:
            return line + (" The plan needs it later (a reply or an unanswered call restarts "
                           f"the wait): due {human_time(t.due, tz)}.")
        return line + (" It was re-planned here too: your calendar's time wins."
                       if t.conflict else "")
    if t.change == "undone":
        return f"{step}: unticked in your calendar, but done here: marked completed again."
    if t.change == "settled":
        return f"{step}: changed in your calendar, but {t.reason} here: insidetrack's side wins."
    if t.change == "refused":
        return f"{step}: changed in your calendar, not taken in: {t.reason}."
    what = {"done": "ticked done", "moved": f"moved to {when}"}.get(t.reason, t.reason)
    return (f"{step}: {what} in your calendar; left as it is "
            "(insidetrack calendar sync takes it in).")
