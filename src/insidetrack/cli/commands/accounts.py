"""The mail account signed in with OAuth 2.0: `account` shows it, `account add` signs in."""

from __future__ import annotations

import click

from insidetrack.cli.main import cli
from insidetrack.cli.shown import shows
from insidetrack.domain.oauth import PROVIDERS
from insidetrack.services.accounts import Account, SignIn, add_account, show_account
from insidetrack.session import Session


def _text(account: Account | None, app: Session) -> None:
    if account is None:
        click.echo("No account signed in with OAuth; mail uses the passwords in the keyring.")
        return
    click.echo(f"{account.email} ({account.provider}): {account.words}")
    if not account.works:
        click.echo("Sign in again: insidetrack account add --provider "
                   f"{account.provider} --email {account.email} --client-id ID")


def _json(account: Account | None, app: Session) -> object:
    if account is None:
        return None
    return {"email": account.email, "provider": account.provider, "works": account.works,
            "words": account.words}


@cli.group(invoke_without_command=True)
@shows(_text, _json, failed=lambda a: a is not None and not a.works)
@click.pass_obj
def account(app: Session) -> Account | None:
    """Show the mail account, its provider, and whether its sign-in works."""
    return show_account(app)


@account.command("add")
@click.option("--provider", required=True, type=click.Choice(PROVIDERS))
@click.option("--email", required=True, help="The mail address to sign in as.")
@click.option("--client-id", required=True, help="Your OAuth client id.")
@click.option("--client-secret", default="", help="Its secret, when the client has one.")
@click.option("--issuer", default="", help="The provider's address (--provider other).")
@click.option("--device", is_flag=True, help="Sign in with a code on another device.")
@click.option("--no-browser", is_flag=True, help="Print the address only; open no browser.")
@click.pass_obj
def account_add(app: Session, provider: str, email: str, client_id: str, client_secret: str,
                issuer: str, device: bool, no_browser: bool) -> None:
    """Sign in to a mail account with OAuth 2.0 and use it for sending and reading mail."""
    request = SignIn(provider, email, client_id, client_secret, issuer, device, not no_browser)
    done = add_account(app, request, lambda line: click.echo(line, err=False))
    click.echo(f"Signed in as {done.email} ({done.provider}); sending and reading mail use it.")
