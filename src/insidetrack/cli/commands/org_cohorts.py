"""Career-center mode: a cohort's figures, and the defaults a new job seeker starts from."""

from __future__ import annotations

from typing import Any

import click

from insidetrack.cli.commands.org import org
from insidetrack.cli.output import add_row, console
from insidetrack.cli.shown import shows
from insidetrack.services import cohorts as cohort_service
from insidetrack.services import org_defaults, org_templates
from insidetrack.services.cohorts import CohortReport
from insidetrack.services.org_defaults import Default
from insidetrack.services.org_templates import CenterTemplate
from insidetrack.session import Session


def _report_text(report: CohortReport, app: Session) -> None:
    from rich.table import Table

    click.echo(f"{report.cohort.name}: {report.seekers} job seekers; a figure computed from "
               f"fewer than {report.minimum} is hidden.")
    if report.too_small:
        click.echo("Too few job seekers in this cohort: every figure is hidden.")
        return
    for t in report.tables:
        table = Table(*(c.capitalize() for c in t.columns), title=t.title, title_justify="left")
        for row in t.rows:
            add_row(table, *(str(v) for v in row))
        console().print(table)
        if t.hidden:
            click.echo(f"  {t.hidden} row(s) hidden: fewer than {report.minimum} job seekers.")


@org.command("cohort-report")
@click.option("--cohort", "name", required=True, metavar="NAME", help="The cohort's name.")
@shows(_report_text, lambda report, app: cohort_service.as_json(report))
@click.pass_obj
def cohort_report(app: Session, /, name: str) -> CohortReport:
    """Show a cohort's figures: interviews by stage, days to a decision, reply rates by
    channel and by employer (never answering first). Aggregates only; a figure of too few
    job seekers is hidden."""
    return cohort_service.report_named(app.env(), name)


Shown = tuple[list[Default], list[CenterTemplate]]


def _defaults_text(found: Shown, app: Session) -> None:
    from rich.table import Table

    settings, templates = found
    table = Table("Setting", "Key", "Value", title="What a new job seeker starts from",
                  title_justify="left")
    for d in settings:
        add_row(table, d.label, d.key, d.value or (f"{d.fallback} (default)" if d.fallback else "(none)"))
    console().print(table)
    drafts = Table("Draft template", "File", "Used", title="Every job seeker's draft templates",
                   title_justify="left")
    for t in templates:
        add_row(drafts, t.label, t.name, "the center's own" if t.source else "built-in")
    console().print(drafts)


def _defaults_json(found: Shown, app: Session) -> dict[str, Any]:
    settings, templates = found
    shown = {d.key: {"set": d.value or None, "value": d.effective or None} for d in settings}
    shown.update({f"template.{t.name}": {"set": t.source or None, "value": t.source or t.built_in}
                  for t in templates})
    return shown


@org.command("defaults")
@shows(_defaults_text, _defaults_json)
@click.pass_obj
def defaults(app: Session, /) -> Shown:
    """Show the center's defaults: the plan settings and profile a new job seeker starts
    from, and which draft templates are the center's own (an administrator sets them on
    /center/admin)."""
    return org_defaults.defaults(app.env()), org_templates.center_templates(app.env())
