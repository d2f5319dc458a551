"""Career-center mode: `org init`, `org seeker add` and `org password` on
PostgreSQL (the roster, people and cohorts: org_roster.py)."""

from __future__ import annotations

import sys

import click

from insidetrack.cli.main import cli
from insidetrack.services import center
from insidetrack.session import Session


@cli.group()
@click.pass_obj
def org(app: Session) -> None:
    """Career-center mode: one PostgreSQL database for many job seekers and coaches."""
    app.single_user = False


@org.command("init")
@click.option("--app-role", default="insidetrack_app", show_default=True,
              help="The database role the web app will connect as (made if missing); it owns "
                   "nothing, so row-level security holds for it.")
@click.pass_obj
def init(app: Session, app_role: str) -> None:
    """Make a new, empty PostgreSQL database (--db) a career center's."""
    app.migrate = False  # organise migrates once it knows it may (nothing half-made)
    made = center.organise(app.env(), app_role)
    where = app.database_label()
    if not made:
        click.echo(f"{where} is already a career center's database (brought up to date with this "
                   "version).")
        return
    click.echo(f"{where} is now a career center's database: each job seeker's rows are "
               f"theirs alone (row-level security for the role {app_role}).")


@org.group()
def seeker() -> None:
    """The center's job seekers."""


@seeker.command("add")
@click.option("--email", required=True, help="Their e-mail address.")
@click.option("--name", required=True, help="Their name as it should be shown.")
@click.pass_obj
def add(app: Session, email: str, name: str) -> None:
    """Add a job seeker to the center (the same as `org person add --role seeker`)."""
    seeker_id = center.add_seeker(app.env(), email, name)
    click.echo(f"Added {name} <{email}> as job seeker {seeker_id}.")


@org.command("password")
@click.option("--email", required=True, help="Whose password: their e-mail address.")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from the first line of standard input (for scripts).")
@click.pass_obj
def password(app: Session, email: str, password_stdin: bool) -> None:
    """Set the password one of the center's people signs in to the web app with."""
    center.person_named(app.env(), email)  # before asking for a password
    if password_stdin:
        typed = sys.stdin.readline().rstrip("\r\n")
    else:
        typed = click.prompt("New password", hide_input=True, confirmation_prompt=True)
    person = center.set_password(app.env(), email, typed)
    click.echo(f"Password set for {person.name} <{person.email}> (only its argon2 hash is"
               " kept).")
