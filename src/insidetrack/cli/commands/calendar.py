"""Your follow-ups in your own CalDAV calendar: push them there, and sync both ways."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from insidetrack.cli.main import cli
from insidetrack.cli.output import human_time
from insidetrack.session import Session

if TYPE_CHECKING:
    from collections.abc import Callable

    from insidetrack.domain.settings import CalendarSettings
    from insidetrack.services.calendar import Remote, Report
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
    from insidetrack.services.calendar_sync import with_server
    from insidetrack.services.calendar_words import report_lines

    report = with_server(app.env(), app.settings, how)
    for line in report_lines(report, lambda at: human_time(at, app.zone)):
        click.echo(line)
