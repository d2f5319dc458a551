"""Career-center mode: the center's OAuth clients its students sign in to their own mail
with (`org oauth set | list | remove`)."""

from __future__ import annotations

from typing import Any

import click

from insidetrack.cli.commands.org import org
from insidetrack.cli.shown import shows
from insidetrack.domain.oauth import PROVIDERS
from insidetrack.services import own_oauth
from insidetrack.session import Session

BACK = "/my-mail/oauth/back"


def _text(clients: list[own_oauth.Client], app: Session) -> None:
    if not clients:
        click.echo("No OAuth client: students sign in to their mail with passwords. Register "
                   "one with: insidetrack org oauth set --provider gmail --client-id ID")
    for c in clients:
        secret = "its secret kept, sealed" if c.has_secret else "no secret: PKCE alone"
        click.echo(f"{c.provider}: Sign in with {c.name} at {c.issuer}; client {c.client_id},"
                   f" {secret}")
    if clients:
        click.echo(f"Redirect URI to register at each provider: https://YOUR-SERVER{BACK}")


def _json(clients: list[own_oauth.Client], app: Session) -> Any:
    return [{"provider": c.provider, "name": c.name, "issuer": c.issuer,
             "client_id": c.client_id, "client_secret": c.has_secret} for c in clients]


@org.group()
def oauth() -> None:
    """The center's OAuth clients: students sign in to their own mail (Google, Microsoft...)."""


@oauth.command("set")
@click.option("--provider", required=True, metavar="|".join(PROVIDERS),
              help="Whose sign-in: gmail, outlook, m365, or other (give --issuer).")
@click.option("--client-id", required=True, metavar="ID",
              help="The client id the provider registered for the center.")
@click.option("--client-secret-stdin", is_flag=True,
              help="Read the client's secret, if it has one, from the first line of standard "
                   "input (sealed with the server's key, center.key, before it is kept).")
@click.option("--issuer", metavar="URL", help="For --provider other: its issuer URL.")
@click.pass_obj
def set_client(app: Session, provider: str, client_id: str, client_secret_stdin: bool,
               issuer: str | None) -> None:
    """Register the center's client at a provider (replacing the one it had)."""
    import sys

    client_secret = sys.stdin.readline().rstrip("\r\n") if client_secret_stdin else None
    client = own_oauth.register(app.env(), provider, client_id, client_secret, issuer)
    _text([client], app)
    if client.has_secret:
        from insidetrack.integrations.sealing import key_file

        click.echo(f"Its secret is sealed with {key_file()}: every app server needs this same "
                   "file beside its settings file.")


@oauth.command("list")
@shows(_text, _json)
@click.pass_obj
def list_clients(app: Session) -> list[own_oauth.Client]:
    """List the center's clients (never their secrets)."""
    from insidetrack.services.center import require_center

    require_center(app.env())
    return own_oauth.clients(app.env())


@oauth.command("remove")
@click.option("--provider", required=True, metavar="|".join(PROVIDERS),
              help="The provider whose client goes.")
@click.pass_obj
def remove_client(app: Session, provider: str) -> None:
    """Forget the center's client at a provider: its students' sign-ins end at next use."""
    own_oauth.remove(app.env(), provider)
    click.echo(f"Removed the {provider} client: students signed in with it sign in again "
               "or type a password on My mail.")
