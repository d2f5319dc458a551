"""A career center's job seeker's own accounts (/my-mail): the mail server their thank-yous
and letters go out through, from their own address, the one their replies are read from,
and the calendar server (CalDAV) their steps are pushed to.

The server's accounts (its settings file) are the center's, never a student's: on a center,
a seeker sends, reads and pushes through their own accounts or not at all. The settings are
kept in their own rows (`meta`, walled off by row-level security); the passwords sealed
with the server's key (integrations/sealing.py), so the database alone does not give them
away, and never shown again. A server inside the center's own network is refused unless
the operator allows it (INSIDETRACK_ORG_PRIVATE_MAIL=allow), so no student can make the
server knock on the center's internal machines.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Any

from insidetrack.domain.errors import Elsewhere, InputError, Place
from insidetrack.domain.setting_rules import check
from insidetrack.domain.settings import CaldavSettings, ImapSettings, SmtpSettings
from insidetrack.services.context import Env

SEND_KEYS = ("smtp.host", "smtp.port", "smtp.security", "smtp.user")
READ_KEYS = ("imap.host", "imap.port", "imap.security", "imap.user", "imap.folders",
             "imap.sent_folder")
CALENDAR_KEYS = ("caldav.url", "caldav.user", "caldav.calendar")
KEYS = SEND_KEYS + READ_KEYS + CALENDAR_KEYS
SEALED = {"smtp": "smtp.password_sealed", "imap": "imap.password_sealed",
          "caldav": "caldav.password_sealed"}
SERVER = {"smtp": "smtp.host", "imap": "imap.host", "caldav": "caldav.url"}
ALLOW_PRIVATE = "INSIDETRACK_ORG_PRIVATE_MAIL"
# The first "Check my mail" reads only this many of a folder's newest messages: a click on a
# web page must not read years of a mailbox (later clicks read everything new since).
FIRST_READ = 500
NOT_SET = "set up sending first: your own mail account is not set"
NOT_READ = "set up reading your mail first: your own reading server is not set"
NO_CALENDAR = "set up your calendar first: your own calendar server is not set"
# A password sealed with another key (center.key replaced, or a server without the file).
SEALED_ELSEWHERE = ("your {what} password was kept by another server's key (center.key): type "
                    "it again with your accounts")
WHAT = {"smtp": "sending", "imap": "mail reading", "caldav": "calendar"}


@dataclass(frozen=True)
class OwnAccounts:
    """A seeker's account as the page shows it (never a password itself)."""

    sending: SmtpSettings  # host "": none set
    reading: ImapSettings
    calendar: CaldavSettings  # url "": none set
    passwords: frozenset[str]  # "smtp", "imap", "caldav": the ones kept
    signed_in: tuple[str, str] | None = None  # OAuth (services/own_oauth.py): address, provider


def _values(env: Env, seeker_id: int) -> dict[str, str]:
    """Read the seeker's own settings, once per use (their OAuth sign-in's too)."""
    return env.store.org_settings.own_values(seeker_id, (*SEALED, "oauth"))


def accounts(env: Env, seeker_id: int) -> OwnAccounts:
    """Return the seeker's accounts as the page shows them."""
    return _accounts(env, _values(env, seeker_id))


def _accounts(env: Env, values: dict[str, str]) -> OwnAccounts:
    from insidetrack.services import own_oauth

    typed: dict[str, dict[str, Any]] = {service: {} for service in SEALED}
    for key in KEYS:
        if values.get(key):
            service, name = key.split(".")
            typed[service][name] = check(key, values[key])
    return OwnAccounts(replace(SmtpSettings(), **typed["smtp"]),
                   replace(ImapSettings(), **typed["imap"]),
                   replace(CaldavSettings(), **typed["caldav"]),
                   frozenset(s for s, k in SEALED.items() if values.get(k)),
                   own_oauth.signed_in(env, values))


def save(env: Env, seeker_id: int, typed: dict[str, str], passwords: dict[str, str],
         forget: bool = False) -> OwnAccounts:
    """Keep a seeker's account (every wrong field refused at once, nothing saved); a
    password typed ("smtp", "imap") replaces theirs, none keeps it; a server left empty
    forgets that part, its password with it."""
    from insidetrack.services.preferences import SettingsRefused

    values, reasons = {}, {}
    for key in KEYS:
        value = typed.get(key, "").strip()
        try:
            values[key] = str(check(key, value)) if value else ""
        except InputError as wrong:
            reasons[key] = wrong.reason
    for key in SERVER.values():
        if values.get(key) and key not in reasons:
            reasons.update(_outside(key, values[key]))
    if reasons:
        raise SettingsRefused(reasons)
    for service, key in SEALED.items():
        values.update(_password(key, values[SERVER[service]], passwords.get(service, ""),
                                forget))
    env.store.org_settings.set_own(seeker_id, values)
    return accounts(env, seeker_id)


def _password(key: str, host: str, password: str, forget: bool) -> dict[str, str]:
    from insidetrack.integrations.sealing import seal

    if not host or forget:
        return {key: ""}
    return {key: seal(password)} if password else {}


def _outside(key: str, server: str) -> dict[str, str]:
    """Refuse a server inside the center's own network (unless the operator allows it)."""
    from urllib.parse import urlsplit

    from insidetrack.integrations.network import inside_network

    host = urlsplit(server).hostname or "" if "://" in server else server
    if os.environ.get(ALLOW_PRIVATE) == "allow" or not inside_network(host):
        return {}
    kind, example = {"smtp": ("mail", "smtp.example.com"), "imap": ("mail", "imap.example.com"),
                     "caldav": ("calendar", "https://dav.example.com/")}[key.split(".")[0]]
    return {key: f"{host} is inside the career center's own network: give your {kind} "
                 f"provider's server (e.g. {example})"}


def _password_of(env: Env, seeker_id: int, values: dict[str, str], service: str
                 ) -> str | None:
    """The seeker's password for a service (reading mail falls back on the sending one); for
    mail, their OAuth sign-in's access token when they signed in."""
    from insidetrack.integrations.sealing import unseal
    from insidetrack.services import own_oauth

    if service in ("smtp", "imap") and values.get(own_oauth.TOKENS):
        return own_oauth.bearer(env, seeker_id, values)  # a Bearer: it renews itself
    if not values.get(SEALED[service]) and service == "imap":
        service = "smtp"
    sealed = values.get(SEALED[service])
    if not sealed:
        return None
    password = unseal(sealed)
    if password is None:
        raise Elsewhere(SEALED_ELSEWHERE.format(what=WHAT[service]), Place("own_mail"))
    return password


def _allowed(key: str, host: str) -> None:
    for reason in _outside(key, host).values():  # again at use: a name may move
        raise Elsewhere(reason, Place("own_mail"))


def transport(env: Env, seeker_id: int) -> Any:
    """Return what sends through the seeker's own account; refuse when they have none."""
    from insidetrack.integrations import smtp

    values = _values(env, seeker_id)
    sending = _accounts(env, values).sending
    if not sending.host:
        raise Elsewhere(NOT_SET, Place("own_mail"))
    _allowed("smtp.host", sending.host)
    return smtp.transport(sending, _password_of(env, seeker_id, values, "smtp"))


def try_it(env: Env, seeker_id: int) -> list[str]:
    """Connect and log in to each server set, sending and reading nothing; say how."""
    from insidetrack.integrations import imap, smtp

    values = _values(env, seeker_id)
    mail = _accounts(env, values)
    if not mail.sending.host and not mail.reading.host and not mail.calendar.url:
        raise InputError("smtp.host", "give your sending server first")
    said = []
    if mail.sending.host:
        _allowed("smtp.host", mail.sending.host)
        said.append(smtp.check(mail.sending, _password_of(env, seeker_id, values, "smtp"),
                                timeout=10))
    if mail.reading.host:
        _allowed("imap.host", mail.reading.host)
        said.append(imap.check(mail.reading, _password_of(env, seeker_id, values, "imap"),
                                timeout=10))
    if mail.calendar.url:
        from insidetrack.integrations import caldav_push

        _allowed("caldav.url", mail.calendar.url)
        said.append(caldav_push.check(mail.calendar, _password_of(env, seeker_id, values,
                                                                      "caldav")))
    return said


def check_mail(env: Env, seeker_id: int) -> Any:
    """Read what is new in the seeker's own mailbox (replies pause their campaign, bounces
    are flagged), as `insidetrack sync` does; return its report (services/sync.py)."""
    from insidetrack.integrations import imap
    from insidetrack.services.sync import sync

    values = _values(env, seeker_id)
    reading = _accounts(env, values).reading
    if not reading.host:
        raise Elsewhere(NOT_READ, Place("own_mail"))
    _allowed("imap.host", reading.host)
    with imap.open_mailbox(reading, _password_of(env, seeker_id, values, "imap"),
                           timeout=20) as box:
        return sync(env, box, reading.watched, reading.sent_folder, first_read=FIRST_READ)


def calendar_account(env: Env, seeker_id: int) -> tuple[CaldavSettings, str | None]:
    """Return the seeker's own calendar server and its password; refuse when none is set."""
    values = _values(env, seeker_id)
    calendar = _accounts(env, values).calendar
    if not calendar.url:
        raise Elsewhere(NO_CALENDAR, Place("own_mail"))
    _allowed("caldav.url", calendar.url)
    return calendar, _password_of(env, seeker_id, values, "caldav")
