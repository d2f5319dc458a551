"""Career-center mode: the center's people, its roster import and its cohorts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from insidetrack.cli.commands.org import org
from insidetrack.cli.output import add_row, console
from insidetrack.cli.shown import shows
from insidetrack.services import center
from insidetrack.services import roster as roster_service
from insidetrack.services.ports.roster import ROLES, Cohort, Person
from insidetrack.services.roster import RosterReport
from insidetrack.session import Session
from insidetrack.views import cohort_json, person_json, roster_report_json, stamp

_ROLE_WORDS = {"seeker": "job seeker", "coach": "coach", "admin": "administrator"}


@org.group()
def person() -> None:
    """The center's people: job seekers, coaches and administrators."""


@person.command("add")
@click.option("--email", required=True, help="Their e-mail address.")
@click.option("--name", required=True, help="Their name as it should be shown.")
@click.option("--role", type=click.Choice(ROLES), default="seeker", show_default=True,
              help="seeker: a job seeker (the same as `org seeker add`); coach; admin.")
@click.pass_obj
def person_add(app: Session, email: str, name: str, role: str) -> None:
    """Add a person to the center: a job seeker, a coach or an administrator."""
    person_id = center.add_person(app.env(), email, name, role)
    click.echo(f"Added {name} <{email}> as {_ROLE_WORDS[role]} {person_id}.")


@person.command("disable")
@click.option("--email", required=True, help="Their e-mail address.")
@click.pass_obj
def person_disable(app: Session, email: str) -> None:
    """Turn a person off: they can no longer sign in (password, single sign-on, sign-in
    link), their sessions end and a job seeker's API tokens are revoked. Nothing of theirs
    is deleted; `enable` turns them back on."""
    from insidetrack.services import disabling

    done = disabling.disable(app.env(), email)
    who = f"{done.person.name} <{done.person.email}>"
    if not done.changed:
        click.echo(f"{who} was turned off already.")
        return
    click.echo(f"Turned off {who}: signed out everywhere, and no way in until turned back "
               f"on (insidetrack org person enable --email {done.person.email}). Nothing of "
               "theirs is deleted.")


@person.command("enable")
@click.option("--email", required=True, help="Their e-mail address.")
@click.pass_obj
def person_enable(app: Session, email: str) -> None:
    """Turn a person back on: they sign in as before (API tokens revoked stay revoked)."""
    from insidetrack.services import disabling

    done = disabling.enable(app.env(), email)
    who = f"{done.person.name} <{done.person.email}>"
    click.echo(f"Turned {who} back on: they sign in as before." if done.changed
               else f"{who} was not turned off.")


@org.group()
def roster() -> None:
    """The center's students, imported from a CSV file."""


def _report_text(report: RosterReport, app: Session) -> None:
    click.echo(f"Roster imported: {report.added} added, {report.updated} updated, "
               f"{report.unchanged} unchanged.")
    if report.new_cohorts:
        click.echo("New cohorts: " + ", ".join(report.new_cohorts))


@roster.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@shows(_report_text, lambda report, app: roster_report_json(report))
@click.pass_obj
def roster_import(app: Session, /, file: Path) -> RosterReport:
    """Add or update the students of a CSV file with the columns email, name, cohort, coach.

    Header names in any case and order; other columns are ignored. The cohort and coach may
    be empty (the student then has none; a file without the column leaves them as they
    are); a coach is given by e-mail and must already be one of the center's coaches.
    Importing again updates names, cohorts and coaches; students not in the file are left
    as they are. Any bad row: every one is named, and nothing changes.
    """
    return roster_service.import_roster(app.env(), file)


def _people_text(found: list[Person], app: Session) -> None:
    from rich.table import Table

    if not found:
        click.echo("No one. Import a roster: insidetrack org roster import FILE.csv")
        return
    table = Table(title="People", title_justify="left")
    for column in ("Id", "E-mail", "Name", "Role", "Cohort", "Coach / coaching"):
        # An address is what --email needs: folded onto two lines, never cut short.
        table.add_column(column, overflow="fold" if column == "E-mail" else "ellipsis")
    for p in found:
        add_row(table, str(p.id), p.email, p.name + (" (turned off)" if p.disabled else ""),
                _ROLE_WORDS[p.role], ", ".join(p.cohorts),
                ", ".join(p.coaches or p.seekers))
    console().print(table)


@org.command("people")
@click.option("--role", type=click.Choice(ROLES), help="Only the people of one role.")
@click.option("--cohort", metavar="NAME", help="Only the members of one cohort.")
@shows(_people_text, lambda found, app: [person_json(p) for p in found])
@click.pass_obj
def people(app: Session, /, role: str | None, cohort: str | None) -> list[Person]:
    """List the center's people, their cohorts and coaches."""
    return roster_service.people(app.env(), role, cohort)


def _cohorts_text(found: list[Cohort], app: Session) -> None:
    from rich.table import Table

    if not found:
        click.echo("No cohorts. A roster's cohort column makes them: "
                   "insidetrack org roster import FILE.csv")
        return
    table = Table("Cohort", "Members", "Coaches", title="Cohorts", title_justify="left")
    for c in found:
        add_row(table, c.name, str(c.members), ", ".join(c.coaches))
    console().print(table)


def _cohorts_json(found: list[Cohort], app: Session) -> list[dict[str, Any]]:
    return [cohort_json(c) for c in found]


@org.command("cohorts")
@shows(_cohorts_text, _cohorts_json)
@click.pass_obj
def cohorts(app: Session, /) -> list[Cohort]:
    """List the cohorts: how many are in each, and their coaches."""
    return roster_service.cohorts(app.env())


Made = tuple[Any, str]  # the link made (services/sign_in_links.SignInLink), its address


def _link_text(made: Made, app: Session) -> None:
    link, where = made
    click.echo(f"Sign-in link for {link.person.name} <{link.person.email}>: it works once, "
               f"until {link.expires.astimezone(app.zone):%a %d %b %Y %H:%M}, to choose a "
               f"password.\n{where}")


def _link_json(made: Made, app: Session) -> dict[str, Any]:
    link, where = made
    return {"email": link.person.email, "name": link.person.name, "link": where,
            "expires": stamp(link.expires, app.zone)}


@person.command("link")
@click.option("--email", required=True, help="Their e-mail address.")
@click.option("--url", "server", required=True, metavar="ADDRESS",
              help="The web app's public address, as people open it "
                   "(e.g. https://careers.uni.example/).")
@shows(_link_text, _link_json)
@click.pass_obj
def person_link(app: Session, /, email: str, server: str) -> Made:
    """Make a one-time sign-in link for someone new (no password, no single sign-on yet):
    they open it within 7 days to choose their password. Pass it on yourself (no mail is
    sent); a new link replaces the last."""
    from insidetrack.domain import parse
    from insidetrack.services import sign_in_links

    parse.public_address("url", server)  # before a link is made
    made = sign_in_links.make_link_as_operator(app.env(), email)
    return made, sign_in_links.address(server, made.secret)


@person.command("remove")
@click.option("--email", required=True, help="The job seeker's e-mail address.")
@click.option("--yes", "confirmed", is_flag=True,
              help="Yes: delete them and every record of theirs, for good.")
@click.pass_obj
def person_remove(app: Session, email: str, confirmed: bool) -> None:
    """Delete a job seeker and every record of theirs (a student who asks for it), all or
    nothing. Export them first if they want a copy: org export --seeker EMAIL FILE.
    Coaches and administrators are turned off instead (org person disable)."""
    from insidetrack.services import disabling

    person, deleted = disabling.remove(app.env(), email, confirmed)
    rows = sum(n for table, n in deleted.items() if table != "org_people")
    tables = len(deleted) - 1
    click.echo(f"Removed {person.name} <{person.email}> and everything of theirs: {rows} "
               f"record{'s' if rows != 1 else ''} in {tables} table{'s' if tables != 1 else ''}.")
