"""Career-center mode: mailing one-time sign-in links to the center's new people."""

from __future__ import annotations

import click

from insidetrack.cli.commands.org import org
from insidetrack.session import Session


@org.group()
def links() -> None:
    """One-time sign-in links, mailed to the center's new people."""


@links.command("send")
@click.option("--url", "server", required=True, metavar="ADDRESS",
              help="The web app's public address, as people open it "
                   "(e.g. https://careers.uni.example/).")
@click.option("--from", "sender", required=True, metavar="ADDRESS",
              help="The address the messages come from (e.g. careers@uni.example).")
@click.option("--email", help="Only this person (default: everyone with no password, no "
                              "single sign-on, and not turned off).")
@click.pass_obj
def links_send(app: Session, server: str, sender: str, email: str | None) -> None:
    """Mail each new person a sign-in link of their own (it works once, for 7 days, to
    choose their password), through the server's mail account (insidetrack config set
    smtp.host ...). A new link replaces the last."""
    from insidetrack.domain import parse
    from insidetrack.services import link_mail

    parse.public_address("url", server)
    parse.email("sender", sender)
    env = app.env()
    people = link_mail.newcomers(env, email)
    sent = link_mail.send_links(env, people, server, sender, app.transport())
    for s in sent:
        who = f"{s.person.name} <{s.person.email}>"
        click.echo(f"Not sent to {who}: {s.refused}" if s.refused else
                   f"Sent a sign-in link to {who} (it works until "
                   f"{s.expires.astimezone(app.zone):%a %d %b %Y %H:%M}).")
    if any(s.refused for s in sent):
        raise SystemExit(1)
