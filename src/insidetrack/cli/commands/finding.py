"""Find an interview by a word you remember: employer, person, note, fact, reference."""

from __future__ import annotations

from typing import Any

import click

from insidetrack.cli.main import cli
from insidetrack.cli.output import human_time
from insidetrack.cli.shown import shows
from insidetrack.services.finding import Found, search
from insidetrack.session import Session
from insidetrack.views import stamp


def _found_text(found: list[Found], app: Session) -> None:
    if not found:
        click.echo("Nothing found.")
        return
    for f in found:
        what = f"{f.status}{', archived' if f.archived else ''}"
        if f.application_id:
            click.echo(f"   -  application {f.application_id}, no interview yet: {f.employer}, "
                       f"{f.job_title} ({what})")
        else:
            click.echo(f"{f.interview_id:>4}  {human_time(f.at, app.zone)}  {f.employer}, "
                       f"{f.job_title} ({what})")
        for place, text in f.where:
            click.echo(f"        {place}: {text}")


def _found_json(found: list[Found], app: Session) -> list[dict[str, Any]]:
    return [{"interview": f.interview_id or None, "application": f.application_id or None,
             "employer": f.employer, "job_title": f.job_title,
             "at": stamp(f.at, app.zone), "status": f.status, "archived": f.archived,
             "found": [{"in": place, "text": text} for place, text in f.where]} for f in found]


@cli.command("search")
@click.argument("text")
@shows(_found_text, _found_json)
@click.pass_obj
def search_command(app: Session, text: str) -> list[Found]:
    """Find interviews by a word: employer, job title, people, notes, facts, references.

    Applications with no interview yet are found by employer, job title, notes or salary.
    """
    return search(app.env(), text)
