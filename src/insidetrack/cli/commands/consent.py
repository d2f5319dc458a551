"""Consent in career-center mode: `org grant`, `revoke`, `grants`, `audit`, `coach-view`."""

from __future__ import annotations

from typing import Any

import click

from insidetrack.cli.commands.org import org
from insidetrack.cli.output import human_time
from insidetrack.cli.shown import shows
from insidetrack.services import consent
from insidetrack.services.consent import CoachView
from insidetrack.services.ports.consent import AuditRow, GrantRow, Person
from insidetrack.session import Session
from insidetrack.views import audit_json, coach_view_json, grants_json

_SEEKER = click.option("--seeker", required=True, help="The job seeker's e-mail address.")
_COACH = click.option("--coach", required=True, help="The coach's e-mail address.")


_SENT = {"email": "an e-mail", "letter": "a letter", "phone": "a call"}


def _who(person: Person) -> str:
    return f"{person.name} <{person.email}>"


@org.command("grant")
@_SEEKER
@_COACH
@click.option("--drafts", is_flag=True, help="Share the text of drafts too (and what they are "
                                             "written from), not only the pipeline and steps.")
@click.pass_obj
def grant(app: Session, seeker: str, coach: str, drafts: bool) -> None:
    """Let a coach see a job seeker's pipeline and steps (as the seeker's consent)."""
    done = consent.grant(app.env(), seeker, coach, drafts)
    if not done.changed:
        click.echo(f"{_who(done.coach)} already has that grant from {_who(done.seeker)}; "
                   "nothing changed.")
        return
    click.echo(f"{_who(done.seeker)} lets {_who(done.coach)} see, from now until revoked:")
    for line in consent.shows(drafts):
        click.echo(f"  - {line}")
    if not drafts:
        click.echo("  Not the text of drafts (--drafts shares it).")
    click.echo(f"  Never: {consent.NEVER_SHOWN.split(':')[0]}.")


@org.command("revoke")
@_SEEKER
@_COACH
@click.pass_obj
def revoke(app: Session, seeker: str, coach: str) -> None:
    """End a coach's view of a job seeker's records, at once."""
    done = consent.revoke(app.env(), seeker, coach)
    if not done.changed:
        click.echo(f"{_who(done.coach)} had no active grant from {_who(done.seeker)}; "
                   "nothing changed.")
        return
    click.echo(f"{_who(done.coach)} sees nothing of {_who(done.seeker)}'s from now on.")


def _grants_text(found: tuple[Person, list[GrantRow]], app: Session) -> None:
    seeker, grants = found
    if not grants:
        click.echo(f"{_who(seeker)} has granted no coach a view.")
        return
    click.echo(f"Grants of {_who(seeker)}, the latest first:")
    for g in grants:
        what = "pipeline, steps and drafts" if g.drafts else "pipeline and steps"
        until = (f"revoked {human_time(g.revoked_at, app.zone)}" if g.revoked_at
                 else "active")
        click.echo(f"  {_who(g.coach)}: {what}; granted {human_time(g.granted_at, app.zone)}, "
                   f"{until}")


def _grants_json(found: tuple[Person, list[GrantRow]], app: Session) -> dict[str, Any]:
    return grants_json(*found, app.zone, consent.shows)


@org.command("grants")
@_SEEKER
@shows(_grants_text, _grants_json)
@click.pass_obj
def grants(app: Session, seeker: str) -> tuple[Person, list[GrantRow]]:
    """List a job seeker's grants to coaches, revoked ones too."""
    return consent.grants_of(app.env(), seeker)


def _audit_text(found: tuple[Person, list[AuditRow]], app: Session) -> None:
    seeker, log = found
    if not log:
        click.echo(f"No coach has looked at {_who(seeker)}'s records.")
        return
    click.echo(f"Who looked at {_who(seeker)}'s records, the latest first:")
    for a in log:
        click.echo(f"  {human_time(a.at, app.zone)}  {_who(a.coach)}: {a.what}")


def _audit_json(found: tuple[Person, list[AuditRow]], app: Session) -> dict[str, Any]:
    return audit_json(*found, app.zone)


@org.command("audit")
@_SEEKER
@shows(_audit_text, _audit_json)
@click.pass_obj
def audit(app: Session, seeker: str) -> tuple[Person, list[AuditRow]]:
    """List every look a coach took at a job seeker's records."""
    return consent.audit_of(app.env(), seeker)


def _view_json(view: CoachView, app: Session) -> dict[str, Any]:
    return coach_view_json(view, app.zone)


def _view_text(view: CoachView, app: Session) -> None:
    from insidetrack.compose.describe import describe_step

    tz = app.zone
    shared = "pipeline, steps and drafts" if view.drafts_shared else "pipeline and steps"
    click.echo(f"{_who(view.seeker)} as {_who(view.coach)} sees it ({shared})")
    stages = ", ".join(f"{n} {stage}" for stage, n in sorted(view.stages.items()))
    click.echo(f"Interviews by stage: {stages or 'none'}")
    _section("Overdue", [f"{human_time(i.step.due, tz)}  {i.employer}, {i.job_title}: "
                         f"{describe_step(i.step)}" for i in view.overdue])
    _section("Thank-yous missed", [f"{human_time(h.at, tz)}  {h.employer}, {h.job_title} "
                                   f"({h.detail})" for h in view.thank_yous_missed])
    _section("Replies", [f"{human_time(h.at, tz)}  {h.employer}, {h.job_title}"
                         + (f" (answering {_SENT[h.detail]})" if h.detail in _SENT else "")
                         for h in view.replies])
    _section("Decisions", [f"{human_time(h.at, tz)}  {h.employer}, {h.job_title}: {h.detail}"
                           for h in view.decisions])
    for step, text in view.drafts:
        click.echo(f"\nDraft for step {step}:\n{text}")
    click.echo(f"\nThis look is in {view.seeker.name}'s audit log.")


def _section(title: str, lines: list[str]) -> None:
    click.echo(f"{title}: {len(lines) or 'none'}")
    for line in lines:
        click.echo(f"  {line}")


@org.command("coach-view")
@_COACH
@_SEEKER
@shows(_view_text, _view_json)
@click.pass_obj
def coach_view(app: Session, coach: str, seeker: str) -> CoachView:
    """Show what a coach sees of a job seeker (written to the seeker's audit log)."""
    today = app.clock().astimezone(app.zone).date()
    return consent.coach_view(app.env(), coach, seeker, today, operator=True)
