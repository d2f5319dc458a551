"""Career-center mode: a job seeker's API tokens, for the center's operator (`org tokens`)."""

from __future__ import annotations

from typing import Any

import click

from insidetrack.cli.commands.org import org
from insidetrack.cli.shown import shows
from insidetrack.services import center_tokens
from insidetrack.services.ports import ApiToken, OrgPerson
from insidetrack.session import Session
from insidetrack.views import stamp

Listed = tuple[OrgPerson, list[ApiToken]]


def _text(listed: Listed, app: Session) -> None:
    person, tokens = listed
    who = f"{person.name} <{person.email}>"
    if not tokens:
        click.echo(f"{who} has no API tokens (they make them on their /tokens page).")
    else:
        click.echo(f"API tokens of {who}:")
    for t in tokens:
        state = (f"revoked {stamp(t.revoked_at, app.zone)}" if t.revoked_at else
                 f"last used {stamp(t.last_used_at, app.zone) or 'never'}")
        click.echo(f"  {t.id}  {t.name}  (made {stamp(t.created_at, app.zone)}, {state})")


def _json(listed: Listed, app: Session) -> Any:
    person, tokens = listed
    return {"email": person.email, "name": person.name, "tokens": [
        {"id": t.id, "name": t.name, "created": stamp(t.created_at, app.zone),
         "last_used": stamp(t.last_used_at, app.zone), "revoked": stamp(t.revoked_at, app.zone)}
        for t in tokens]}


@org.command("tokens")
@click.option("--email", required=True, help="Whose tokens: the job seeker's e-mail address.")
@click.option("--revoke", "token_id", type=int, metavar="ID",
              help="Revoke this token of theirs first (it opens nothing from then on).")
@shows(_text, _json)
@click.pass_obj
def tokens(app: Session, email: str, token_id: int | None) -> Listed:
    """List a job seeker's API tokens (never the secrets), or revoke one with --revoke."""
    if token_id is not None:
        gone = center_tokens.revoke_of(app.env(), email, token_id)
        click.echo(f"Revoked API token {gone.id} ({gone.name}).", err=True)
    return center_tokens.tokens_of(app.env(), email)
