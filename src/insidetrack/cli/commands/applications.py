"""Track applications before any interview; archive openings whose campaign is over."""

from __future__ import annotations

import sys
from typing import Any

import click

from insidetrack.cli.main import cli
from insidetrack.cli.output import add_row, console
from insidetrack.cli.shown import shows
from insidetrack.services import applications
from insidetrack.services.applications import Typed
from insidetrack.services.ports.applications import Application
from insidetrack.session import Session
from insidetrack.views import application_json


@cli.group()
def application() -> None:
    """Applications you track before (and beside) their interviews."""


def _json(found: Application, app: Session) -> dict[str, Any]:
    return application_json(found, app.zone)


def _applied(found: Application, app: Session) -> str:
    day = applications.applied_day(found, app.env())
    return "not yet" if day is None else day.isoformat()


def _shown_text(found: Application, app: Session) -> None:
    click.echo(f"Application {found.id}: {found.job_title} at {found.employer}")
    rows = [("Status", found.status + (" (archived)" if found.archived_at else "")),
            ("Applied", _applied(found, app)), ("Link", found.link), ("Salary", found.salary),
            ("Interviews", ", ".join(map(str, found.interview_ids)))]
    for label, value in rows:
        if value:
            click.echo(f"{label:>10}: {value}")
    if found.notes:
        click.echo("     Notes: " + found.notes.replace("\n", "\n" + " " * 12))


def _list_text(found: list[Application], app: Session) -> None:
    from rich.table import Table

    if not found:
        click.echo("No applications. Track one: insidetrack application add EMPLOYER \"JOB TITLE\"")
        return
    table = Table("Id", "Employer", "Job", "Status", "Applied", "Salary", "Interviews",
                  title="Applications", title_justify="left")
    for a in found:
        add_row(table, str(a.id), a.employer, a.job_title,
                a.status + (" (archived)" if a.archived_at else ""), _applied(a, app), a.salary,
                ", ".join(map(str, a.interview_ids)))
    console().print(table)


def _said(line: str) -> Any:
    """Print what a command did, then the application as `show` does."""
    def text(found: Application, app: Session) -> None:
        click.echo(line.format(a=found))
        _shown_text(found, app)

    return text


def _details(applied_on: str | None, not_yet: bool, link: str | None, salary: str | None,
             notes: str | None, job_title: str | None = None) -> Typed:
    return Typed(applied_on, not_yet, link, salary, notes, job_title)


@application.command("add")
@click.argument("employer")
@click.argument("job_title")
@click.option("--applied-on", metavar="YYYY-MM-DD", help="When you applied (default: today).")
@click.option("--not-yet", is_flag=True, help="Saved for later: not applied yet.")
@click.option("--link", metavar="URL", help="The job posting's address.")
@click.option("--salary", metavar="TEXT", help='The salary range, as you say it: "$90,000-110,000".')
@click.option("--notes", metavar="TEXT", help="Anything to remember.")
@shows(_said("Tracking application {a.id}."), _json)
@click.pass_obj
def application_add(app: Session, /, employer: str, job_title: str, applied_on: str | None,
                    not_yet: bool, link: str | None, salary: str | None,
                    notes: str | None) -> Application:
    """Track an application: an interview for the same job later joins it."""
    return applications.add(app.env(), employer, job_title,
                            _details(applied_on, not_yet, link, salary, notes))


@application.command("list")
@click.option("--archived", "which", flag_value="archived", help="Only archived ones.")
@click.option("--all", "which", flag_value="all", help="Live and archived ones.")
@shows(_list_text, lambda found, app: [_json(a, app) for a in found])
@click.pass_obj
def application_list(app: Session, /, which: str | None) -> list[Application]:
    """List your applications (archived ones only with --archived or --all)."""
    archived = {"archived": True, "all": None}.get(which or "", False)
    return applications.listed(app.env(), archived)


@application.command("show")
@click.argument("application_id", type=int)
@shows(_shown_text, _json)
@click.pass_obj
def application_show(app: Session, /, application_id: int) -> Application:
    """Show an application: when it went in, its link, salary, notes and interviews."""
    return applications.show(app.env(), application_id)


@application.command("edit")
@click.argument("application_id", type=int)
@click.option("--job-title", help="The job title.")
@click.option("--applied-on", metavar="YYYY-MM-DD", help="When you applied.")
@click.option("--not-yet", is_flag=True, help="Not applied yet after all.")
@click.option("--link", metavar="URL", help='The job posting\'s address ("" removes it).')
@click.option("--salary", metavar="TEXT", help="The salary range.")
@click.option("--notes", metavar="TEXT", help="Notes (they replace the old ones).")
@shows(_said("Saved application {a.id}."), _json)
@click.pass_obj
def application_edit(app: Session, /, application_id: int, job_title: str | None,
                     applied_on: str | None, not_yet: bool, link: str | None,
                     salary: str | None, notes: str | None) -> Application:
    """Change what you give of an application; the rest stays."""
    return applications.edit(app.env(), application_id,
                             _details(applied_on, not_yet, link, salary, notes, job_title))


def _ask(question: str, refused: str) -> None:
    """Ask a yes/no question; stop (exit 1) unless the answer is yes."""
    if not sys.stdin.isatty():
        raise click.UsageError(f"{refused}: no terminal to ask; add --yes to go on without asking")
    if not click.confirm(question, default=False):
        click.echo("Nothing changed.")
        sys.exit(1)


@application.command("delete")
@click.argument("application_id", type=int)
@click.option("--yes", is_flag=True, help="Do not ask first.")
@shows(_said("Deleted application {a.id}."), _json)
@click.pass_obj
def application_delete(app: Session, /, application_id: int, yes: bool) -> Application:
    """Delete an application that has no interview (asks first)."""
    if not yes:
        found = applications.show(app.env(), application_id)
        _ask(f"Delete application {found.id} ({found.job_title} at {found.employer})?",
             "not deleted")
    return applications.delete(app.env(), application_id)


ARCHIVED = "Archived application {a.id}: it leaves Today and Pipeline, and stays in Insights."


@application.command("archive")
@click.argument("application_id", type=int)
@click.option("--yes", is_flag=True, help="Close an application still open without asking.")
@shows(_said(ARCHIVED), _json)
@click.pass_obj
def application_archive(app: Session, /, application_id: int, yes: bool) -> Application:
    """Archive an application: a decided one, or one you give up on (that closes it; asks)."""
    found = applications.show(app.env(), application_id)
    closes = applications.closes_when_archived(found) and found.archived_at is None
    if closes and not yes:
        _ask(f"Application {found.id} is still {found.status}: give it up (close it) and "
             "archive it?", "not archived")
    return applications.archive(app.env(), application_id, close=closes)


@application.command("unarchive")
@click.argument("application_id", type=int)
@shows(_said("Application {a.id} is back in Pipeline."), _json)
@click.pass_obj
def application_unarchive(app: Session, /, application_id: int) -> Application:
    """Bring an archived application back (one given up is open again)."""
    return applications.unarchive(app.env(), application_id)


@cli.command("archive")
@click.argument("interview_id", type=int)
@shows(_said(ARCHIVED.replace("application {a.id}", "opening {a.id}")), _json)
@click.pass_obj
def archive(app: Session, /, interview_id: int) -> Application:
    """Archive the opening of an interview whose decision is recorded."""
    env = app.env()
    return applications.archive(env, applications.opening_of_interview(env, interview_id))


@cli.command("unarchive")
@click.argument("interview_id", type=int)
@shows(_said("Opening {a.id} is back in Today and Pipeline."), _json)
@click.pass_obj
def unarchive(app: Session, /, interview_id: int) -> Application:
    """Bring an interview's archived opening back."""
    env = app.env()
    return applications.unarchive(env, applications.opening_of_interview(env, interview_id))
