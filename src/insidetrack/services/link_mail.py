"""Mailing one-time sign-in links to a career center's new people (`org links send`),
through the server's own mail account (its settings file: the center's, the one account
that may write to everyone), from an address the operator gives.

One message a person, each with a link of its own (services/sign_in_links.py); a person
the server refuses is named with the reason, and the others still get theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from insidetrack.domain import parse
from insidetrack.domain.errors import DeliveryRefused, InputError
from insidetrack.services import sign_in_links
from insidetrack.services.center import person_named, require_center
from insidetrack.services.context import Env
from insidetrack.services.ports import OrgPerson

Transport = Callable[[str, str, bytes], None]
SUBJECT = "Your sign-in link for your career center's insidetrack"


@dataclass(frozen=True)
class Sent:
    """A link mailed to one person, or why it was not."""

    person: OrgPerson
    expires: datetime
    refused: str = ""  # the server's reason; "" when it went


def newcomers(env: Env, email: str | None) -> list[OrgPerson]:
    """The people to mail: the one named (refused if they sign in already or are turned
    off), else everyone new (no password, no single sign-on, not turned off)."""
    require_center(env)
    if email:
        return [person_named(env, email)]
    return env.store.sign_in_links.everyone_new()


def send_links(env: Env, people: list[OrgPerson], server: str, sender: str,
               transport: Transport) -> list[Sent]:
    """Make each person a new sign-in link and mail it to them from `sender`."""
    public = parse.public_address("url", server)
    sender = parse.email("sender", sender)
    if not people:
        raise InputError("email", "no one is new: everyone has a password or single sign-on "
                         "(or is turned off)")
    return [_send(env, person, public, sender, transport) for person in people]


def _send(env: Env, person: OrgPerson, public: str, sender: str,
          transport: Transport) -> Sent:
    made = sign_in_links.make_link_as_operator(env, person.email)
    message = _message(made, sign_in_links.link_at(public, made.secret), sender, env)
    try:
        transport(sender, person.email, bytes(message))
    except DeliveryRefused as refused:
        return Sent(person, made.expires, refused.message)
    return Sent(person, made.expires)


def _message(made: sign_in_links.SignInLink, link: str, sender: str, env: Env) -> EmailMessage:
    expires = made.expires.astimezone(env.tz)
    message = EmailMessage()
    message["From"] = sender
    message["To"] = formataddr((made.person.name, made.person.email))
    message["Subject"] = SUBJECT
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[1])
    message.set_content(
        f"Hello {made.person.name},\n\n"
        "Your career center has made you an account on insidetrack, which plans and drafts "
        "the follow-up after each of your interviews. Open this link to choose your "
        f"password (it works once, until {expires:%a %d %b %Y %H:%M}):\n\n{link}\n\n"
        "If it has stopped working, ask your career center for a new one.\n")
    return message
