"""Fix mistakes in an interview: `interview edit` and `interview delete`."""

from __future__ import annotations

import sys
from typing import Any

import click

from insidetrack.cli.commands.campaign import interview
from insidetrack.cli.commands.trash import bring_back_line
from insidetrack.cli.moved import print_moved
from insidetrack.cli.output import human_time
from insidetrack.cli.shown import shows
from insidetrack.fix_views import deleted_json, edited_json
from insidetrack.services import interview_edits
from insidetrack.services.interview_edits import Deletion, Edited
from insidetrack.session import Session

EDIT_OPTIONS = ("--at", "--duration", "--job-title", "--expected-decision",
                "--no-expected-decision", "--add-interviewer", "--remove-interviewer")


def _edited_text(edited: Edited, app: Session) -> None:
    what = ", ".join(k.replace("_", " ") for k in edited.changed) or "nothing (as it was)"
    click.echo(f"Interview {edited.interview_id} changed: {what}.")
    print_moved(edited.moves, app.zone, "Nothing in the plan moved.")


def _edited_json(edited: Edited, app: Session) -> dict[str, Any]:
    return edited_json(edited, app.zone)


@interview.command("edit")
@click.argument("interview_id", type=int)
@click.option("--at", "at", help='When it began: "YYYY-MM-DD HH:MM".')
@click.option("--duration", type=int, help="Minutes.")
@click.option("--job-title", help="Renames the opening: every round of it shows the new title.")
@click.option("--expected-decision", help="The decision date they gave: YYYY-MM-DD.")
@click.option("--no-expected-decision", is_flag=True, help="They gave no decision date after all.")
@click.option("--add-interviewer", multiple=True,
              help='"Full Name <email>"; they get a thank-you. Repeat for more.')
@click.option("--remove-interviewer", multiple=True,
              help="A name or contact id; their pending thank-you is dropped. Repeat for more.")
@shows(_edited_text, _edited_json)
@click.pass_obj
def interview_edit(app: Session, /, interview_id: int, **typed: Any) -> Edited:
    """Correct an interview; the campaign is re-planned and what moved is listed.

    Steps already done (a thank-you sent) stay as they are.
    """
    given = {k: v for k, v in typed.items() if v is not None and v is not False and v != ()}
    if not given:
        raise click.UsageError(f"nothing to change: give one or more of {', '.join(EDIT_OPTIONS)}")
    changes = interview_edits.changes_from(app.zone, app.clock(), **given)
    return interview_edits.edit(app.env(), interview_id, changes)


def _can_ask() -> bool:
    """Tell whether a person is there to answer a question."""
    return sys.stdin.isatty()


def _question(d: Deletion, app: Session) -> str:
    sent = f"; {d.sent} sent letter(s) or e-mail(s) stay sent" if d.sent else ""
    return (f"Delete the interview with {d.employer} on {human_time(d.start, app.zone)} "
            f"and its {d.planned} planned step(s){sent}?")


def _deleted_text(d: Deletion, app: Session) -> None:
    click.echo(f"Deleted interview {d.interview_id} ({d.job_title} at {d.employer}) "
               "and its campaign.")
    if d.opening_goes:
        click.echo(f"Its opening went too (no other interview); {d.employer} stays "
                   "in your employers and contacts.")
    if d.sent:
        click.echo(f"{d.sent} letter(s) or e-mail(s) already sent are not recalled.")
    if d.moves:
        print_moved(d.moves, app.zone)
    click.echo(bring_back_line(d.trash_id))


def _deleted_json(d: Deletion, app: Session) -> dict[str, Any]:
    return deleted_json(d, app.zone)


@interview.command("delete")
@click.argument("interview_id", type=int)
@click.option("--yes", is_flag=True, help="Do not ask first.")
@shows(_deleted_text, _deleted_json)
@click.pass_obj
def interview_delete(app: Session, /, interview_id: int, yes: bool) -> Deletion:
    """Delete an interview with its campaign (asks first); mail already sent stays sent.

    Its opening, with its facts and clippings, goes too when no other interview uses it.
    """
    if not yes:
        question = _question(interview_edits.deletion(app.env(), interview_id), app)
        if not _can_ask():
            raise click.UsageError("not deleted: no terminal to ask; add --yes to delete "
                                   "without asking")
        if not click.confirm(question, default=False):
            click.echo("Nothing deleted.")
            sys.exit(1)
    return interview_edits.delete(app.env(), interview_id)
