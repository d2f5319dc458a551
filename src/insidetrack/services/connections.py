"""Test the mail and calendar servers, and keep their passwords in the system keyring.

`insidetrack config test` and the web's Settings page run the same checks; the page gets
the outcome in words ("The server refused the password"), the CLI one line.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from insidetrack.domain.errors import ConflictError, InputError, InsidetrackError
from insidetrack.integrations import secrets

if TYPE_CHECKING:
    from insidetrack.domain.settings import CaldavSettings, ImapSettings, Settings, SmtpSettings
    from insidetrack.session import Session

SERVICES = secrets.SERVICES
QUICK = 5  # seconds: a page waits no longer for a server
# What each service's first setting is called on a page, for "type it first".
FIRST = {"smtp": ("smtp.host", "the sending server"), "imap": ("imap.host", "the reading server"),
         "caldav": ("caldav.url", "the calendar address")}
# The exceptions that mean "wrong password", by class name (IMAPClient, caldav).
REFUSED = ("SMTPAuthenticationError", "LoginError", "AuthorizationError")


@dataclass(frozen=True)
class Tested:
    """What a connection test found, in words."""

    ok: bool
    words: str


def check_line(session: Session, service: str) -> str:
    """Run `config test`: connect to a saved server, one line that says what works."""
    settings = getattr(session.settings, service)
    password = secrets.password(service, settings.user)
    if service == "smtp":
        from insidetrack.integrations.smtp import check
    elif service == "imap":
        from insidetrack.integrations.imap import check  # type: ignore[assignment]
    else:
        from insidetrack.integrations.caldav_push import check  # type: ignore[assignment]
    return check(settings, password)


def try_connection(session: Session, service: str, values: dict[str, str] | None = None,
                    typed_password: str = "", timeout: float = QUICK) -> Tested:
    """Try a server with the settings typed (the saved ones where none is typed) and the
    password typed, else the one kept; say what happened in words, within a few seconds."""
    from insidetrack.services.preferences import proposed

    settings = getattr(proposed(session.settings, values or {}), service)
    key, what = FIRST[service]
    if not getattr(settings, key.split(".")[1]):
        raise InputError(key, f"type {what} first")
    password = typed_password or secrets.password(service, settings.user)
    where = settings.url if service == "caldav" else f"{settings.host}:{settings.port}"
    try:
        return _worked(service, settings, password, timeout)
    except Exception as exc:  # every failure is said in words below, never as a traceback
        return Tested(False, _failed(exc, where, settings.user, timeout))


def _worked(service: str, s: Any, password: str | None, timeout: float) -> Tested:
    """Connect and log in; say what works, or raise what went wrong."""
    if service == "smtp":
        return _smtp(s, password, timeout)
    return _imap(s, password, timeout) if service == "imap" else _caldav(s, password, timeout)


def _smtp(s: SmtpSettings, password: str | None, timeout: float) -> Tested:
    from insidetrack.integrations import smtp

    smtp.attempt(s, password, timeout)
    where = f"{s.host}:{s.port}"
    return Tested(True, f"Logged in to {where} as {s.user}" if s.user
                  else f"Reached {where} (no login)")


def _imap(s: ImapSettings, password: str | None, timeout: float) -> Tested:
    from insidetrack.integrations import imap

    missing = imap.attempt(s, password, timeout)
    where = f"{s.host}:{s.port} as {s.user}"
    if missing:
        return Tested(False, f"Logged in to {where}, but there is no folder {', '.join(missing)}")
    return Tested(True, f"Logged in to {where}; watching {', '.join(s.watched)}")


def _caldav(s: CaldavSettings, password: str | None, timeout: float) -> Tested:
    from insidetrack.integrations import caldav_push

    name = caldav_push.attempt(s, password, timeout)
    return Tested(True, f"Logged in to {s.url}; follow-ups go to the calendar {name!r}")


def _cause(exc: BaseException) -> BaseException:
    while exc.__cause__ is not None:
        exc = exc.__cause__
    return exc


def _failed(exc: Exception, where: str, user: str, timeout: float) -> str:
    """Say why a server could not be used, in words."""
    root = _cause(exc)
    if type(root).__name__ in REFUSED or "401" in str(root) or "nauthorized" in str(root):
        return f"The server refused the password{f' for {user}' if user else ''}"
    # requests and smtplib say some of these only in their text, not by the exception's class.
    if isinstance(root, ConnectionRefusedError) or "Connection refused" in str(root):
        return f"Could not reach {where}: connection refused"
    if isinstance(root, socket.gaierror) or "Name or service not known" in str(root):
        return f"Could not reach {where}: no server has that name"
    if isinstance(root, TimeoutError) or "timed out" in str(root):
        return f"Could not reach {where}: no answer within {timeout:g} seconds"
    if isinstance(root, ssl.SSLError):
        return f"Could not talk privately with {where} ({root.reason}): check the security"
    if isinstance(root, smtplib.SMTPNotSupportedError):
        return f"{where} does not offer STARTTLS: choose another security"
    text = root.message if isinstance(root, InsidetrackError) else str(root)
    return f"Could not use {where}: {text or type(root).__name__}"


def password_owner(session: Session, service: str) -> str:
    """Return who a password is kept for (a server's user, the model's address), or say
    what to set first, before anyone types it."""
    if service == "ai":
        endpoint = str(session.settings.ai.endpoint)
        if not endpoint:
            raise ConflictError("set ai.endpoint first: insidetrack config set ai.endpoint URL")
        return endpoint
    user = str(getattr(session.settings, service).user)
    if not user:
        raise ConflictError(f"set {service}.user first: insidetrack config set {service}.user ...")
    return user


def keep_password(session: Session, service: str, password: str) -> str:
    """Keep one password (a server's, or the language model's key) in the system keyring,
    under the user it is for (for the model: its address); say where it went."""
    owner = password_owner(session, service)
    secrets.store_password(service, owner, password)
    if service == "ai":
        return f"Key for the model at {owner} kept in the system keyring."
    return f"Password for {service} user {owner} kept in the system keyring."


def keep_passwords(settings: Settings, passwords: dict[str, str]) -> None:
    """Keep each typed password: a server's in the keyring under its user name, the web app's
    as a hash beside the settings; refuse them all first if one cannot be kept."""
    from insidetrack.services.access import set_web_password
    from insidetrack.services.preferences import SettingsRefused

    typed = {service: password for service, password in passwords.items() if password}
    reasons = {f"{service}.password": reason for service, password in typed.items()
               if (reason := _unkeepable(settings, service, password))}
    if reasons:
        raise SettingsRefused(reasons)
    for service, password in typed.items():
        if service == "web":
            set_web_password(password)
        else:
            secrets.store_password(service, getattr(settings, service).user, password)


def _unkeepable(settings: Settings, service: str, password: str) -> str:
    """Say why a typed password cannot be kept ('' when it can)."""
    if service == "web":
        return "" if len(password) >= 8 else "use at least 8 characters"
    if not getattr(settings, service).user:
        return "type the user name first: the password is kept for that user"
    return ""
