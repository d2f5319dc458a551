"""Career-center mode: every job seeker's own mailbox read at once (`org mail read`)."""

from __future__ import annotations

from typing import Any

import click

from insidetrack.cli.commands.org import org
from insidetrack.cli.shown import shows
from insidetrack.services.mail_rounds import Reading
from insidetrack.session import Session


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _text(readings: list[Reading], app: Session) -> None:
    if not readings:
        click.echo("No job seeker has set a mailbox to read yet (each sets theirs on their "
                   "My mail page).")
    for r in readings:
        who = f"{r.name} <{r.email}>"
        if r.problem:
            click.echo(f"{who}: not read: {r.problem}")
            continue
        click.echo(f"{who}: {_plural(r.fetched, 'new message', 'new messages')}, "
                   f"{_plural(len(r.replies), 'reply', 'replies')}, "
                   f"{_plural(len(r.bounces), 'bounce', 'bounces')}.")
        for reply in r.replies:
            click.echo(f"  Reply: {reply}. The next letter to them waits a week.")


def _json(readings: list[Reading], app: Session) -> Any:
    return [{"email": r.email, "name": r.name, "read": not r.problem, "problem": r.problem,
             "new_messages": r.fetched, "replies": list(r.replies), "bounces": list(r.bounces)}
            for r in readings]


@org.group()
def mail() -> None:
    """The job seekers' own mailboxes, read by the server."""


@mail.command("read")
@shows(_text, _json, failed=lambda readings: any(r.problem for r in readings))
@click.pass_obj
def mail_read(app: Session) -> list[Reading]:
    """Read every job seeker's new mail in their own mailbox (set on their My mail page),
    as their "Check my mail" button does: replies pause their campaigns, bounces are
    flagged. Run it from a timer every few minutes. Exit status 1 when a mailbox could not
    be read (the others are still read)."""
    from insidetrack.services.mail_rounds import read_everyones

    return read_everyones(app.env(), app.settings, app.zone)
