"""Interviews proposed from invitations: list, accept (log it), dismiss."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from insidetrack import views
from insidetrack.cli.main import cli
from insidetrack.cli.shown import shows
from insidetrack.services import invitations as service
from insidetrack.services.ports.invitations import Invitation
from insidetrack.session import Session
from insidetrack.views import invitation_json

LABELS = (("employer", "Employer"), ("job_title", "Job title"), ("place", "Place"),
          ("platform", "Platform"), ("interviewers", "Interviewers"))


def print_invitation(item: Invitation, app: Session) -> None:
    """Print one proposal: its line, then each field with how sure it is."""
    click.echo(service.said(app.env(), item))
    for key, label in LABELS:
        value, sureness, why = item.fields.get(key, ["", "", ""])
        if value:
            click.echo(f"    {label}: {value} ({sureness}: {why})")


def _list_text(items: list[Invitation], app: Session) -> None:
    if not items:
        click.echo("No invitation waits. `insidetrack sync` reads new ones from your mail.")
        return
    for item in items:
        print_invitation(item, app)
    click.echo("Log one (or call off a cancelled one): insidetrack invitations accept ID    "
               "Set one aside: insidetrack invitations dismiss ID")


@cli.group(invoke_without_command=True)
@shows(
    _list_text, lambda items, app: [invitation_json(i, app.zone) for i in items])
@click.pass_obj
def invitations(app: Session) -> list[Invitation]:
    """Interviews your mail and calendar invite you to, waiting to be logged."""
    return service.listed(app.env())


@invitations.command("accept")
@click.argument("invitation_id", type=int)
@click.option("--employer", default="", help="The employer, when the invitation does not say.")
@click.option("--job-title", default="", help="The job title, when the invitation does not say.")
@click.pass_obj
def accept(app: Session, invitation_id: int, employer: str, job_title: str) -> None:
    """Log the interview an invitation proposes and plan its campaign."""
    done = service.accept(app.env(), invitation_id, employer, job_title)
    click.echo(f"Invitation {invitation_id}: {done.said}.")
    if done.interview_id is not None:
        click.echo(f"See its plan: insidetrack plan {done.interview_id}")


@invitations.command("dismiss")
@click.argument("invitation_id", type=int)
@click.pass_obj
def dismiss(app: Session, invitation_id: int) -> None:
    """Set an invitation aside: nothing is logged."""
    service.dismiss(app.env(), invitation_id)
    click.echo(f"Invitation {invitation_id} is set aside.")


# What Today says of invitations (the `today` command prints these first).


def today_json(day: date, app: Session) -> dict[str, Any]:
    """Return the agenda, with the invitations waiting and the interviews they moved."""
    return views.today_json(app.env(), day, app.zone)


def print_invitations(app: Session) -> None:
    """Say the invitations waiting and the interviews a reschedule moved."""
    for item in service.moved_lately(app.env()):
        click.echo(item.note[:1].upper() + item.note[1:])
    waiting = service.listed(app.env())
    for item in waiting:
        click.echo(f"Invitation {service.said(app.env(), item)}")
    if waiting:
        click.echo("Log it (or call off a cancelled one): insidetrack invitations accept ID    "
                   "Not for you: insidetrack invitations dismiss ID")
