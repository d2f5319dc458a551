"""Career-center mode: single sign-on through the institution's OpenID Connect provider."""

from __future__ import annotations

import sys
from typing import Any

import click

from insidetrack.cli.commands.org import org
from insidetrack.cli.shown import shows
from insidetrack.domain.sso import SignOn
from insidetrack.services import sso as sso_service
from insidetrack.session import Session
from insidetrack.views import sign_on_json

CALLBACK = "/login/sso/back"


def _text(sign_on: SignOn | None, app: Session) -> None:
    if sign_on is None:
        click.echo("No single sign-on: people sign in with their e-mail and password. Set it "
                   "with: insidetrack org sso --issuer URL --client-id ID --client-secret-stdin")
        return
    secret = "a client secret is set" if sign_on.client_secret else "no client secret (PKCE alone)"
    click.echo(f"Single sign-on at {sign_on.institution}: {sign_on.issuer}")
    click.echo(f"Client: {sign_on.client_id} ({secret})")
    if sign_on.role_claim:
        click.echo(f"Role claim: {sign_on.role_claim} (coach: "
                   f"{', '.join(sign_on.coach_values) or 'no value'}; administrator: "
                   f"{', '.join(sign_on.admin_values) or 'no value'})")
    else:
        click.echo("Role claim: none (the roster alone gives each person's role)")
    click.echo(f"Register this redirect URI at the provider: https://YOUR-SERVER{CALLBACK}")


def _json(sign_on: SignOn | None, app: Session) -> Any:
    return sign_on_json(sign_on)


@org.command("sso")
@click.option("--issuer", metavar="URL", help="The provider's issuer URL (its "
              "/.well-known/openid-configuration is read from there).")
@click.option("--client-id", metavar="ID", help="The client id the provider registered.")
@click.option("--client-secret-stdin", is_flag=True,
              help="Read the client's secret from the first line of standard input.")
@click.option("--name", metavar="NAME",
              help="The institution's name on the sign-in button (default: the issuer's host).")
@click.option("--role-claim", metavar="NAME",
              help="The ID token's claim carrying the role or group (empty: none).")
@click.option("--coach-values", metavar="A,B", help="Values of the role claim meaning coach.")
@click.option("--admin-values", metavar="A,B",
              help="Values of the role claim meaning administrator.")
@click.option("--off", is_flag=True, help="Stop offering single sign-on (passwords stay).")
@shows(_text, _json)
@click.pass_obj
def sso(app: Session, /, issuer: str | None, client_id: str | None, client_secret_stdin: bool,
        name: str | None, role_claim: str | None, coach_values: str | None,
        admin_values: str | None, off: bool) -> SignOn | None:
    """Show or set sign-in through the institution's OpenID Connect provider.

    Without options, shows the settings (never the secret). With any, sets them: the
    first time --issuer and --client-id are needed; later, what is not given stays. The
    role claim never makes anyone a coach or administrator: the roster does, and a
    person the claim calls one while the roster does not is refused.
    """
    secret = sys.stdin.readline().rstrip("\r\n") if client_secret_stdin else None
    changes = sso_service.Changes(issuer, client_id, secret, name, role_claim, coach_values,
                                  admin_values)
    if off and changes != sso_service.Changes():
        raise click.UsageError("--off takes no other option", click.get_current_context())
    if off:
        sso_service.turn_off(app.env())
        return None
    if changes == sso_service.Changes():
        return sso_service.settings(app.env())
    return sso_service.configure(app.env(), changes)
