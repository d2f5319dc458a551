"""Send a message through the user's SMTP server (smtplib)."""

from __future__ import annotations

import base64
import re
import smtplib
import ssl
from collections.abc import Callable
from typing import Any

from insidetrack.domain.errors import DeliveryRefused, Elsewhere, Place, SignInNeeded
from insidetrack.domain.settings import SmtpSettings

TIMEOUT = 30
_LINE_END = re.compile(rb"\r?\n")


def on_the_wire(raw: bytes) -> bytes:
    """Return a message with CRLF line ends: smtplib sends bytes as they are, and a server
    reads a bare LF as no line end at all (or refuses it, against SMTP smuggling)."""
    return _LINE_END.sub(b"\r\n", raw)


def _connect(s: SmtpSettings, timeout: float = TIMEOUT) -> smtplib.SMTP:
    if s.security == "ssl":
        return smtplib.SMTP_SSL(s.host, s.port, timeout=timeout,
                                context=ssl.create_default_context())
    conn = smtplib.SMTP(s.host, s.port, timeout=timeout)
    if s.security == "starttls":
        conn.starttls(context=ssl.create_default_context())
    return conn


def _session(s: SmtpSettings, password: str | None, timeout: float = TIMEOUT) -> smtplib.SMTP:
    conn = _connect(s, timeout)
    if s.user and getattr(password, "renew", None) is not None:
        _xoauth2(conn, s.user, password)
    elif s.user:
        _login(conn, s.user, password or "")
    return conn


def _login(conn: smtplib.SMTP, user: str, password: str) -> None:
    """Log in; a user name or password beyond ASCII (smtplib encodes them as ASCII and
    fails) goes as AUTH PLAIN in UTF-8, as RFC 4616 has it."""
    if (user + password).isascii():
        conn.login(user, password)
        return
    conn.ehlo_or_helo_if_needed()
    if "plain" not in conn.esmtp_features.get("auth", "").lower().split():
        raise smtplib.SMTPNotSupportedError("the server does not offer AUTH PLAIN, which a "
                                            "password beyond ASCII needs")
    token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
    code, answer = conn.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, answer)


def _xoauth2(conn: smtplib.SMTP, user: str, token: Any) -> None:
    """Log in with XOAUTH2, and once more with a renewed token when refused."""
    conn.ehlo_or_helo_if_needed()
    try:
        conn.auth("XOAUTH2", lambda _=None: f"user={user}\x01auth=Bearer {token}\x01\x01",
                  initial_response_ok=True)
    except smtplib.SMTPAuthenticationError:
        fresh = token.renew()
        conn.auth("XOAUTH2", lambda _=None: f"user={user}\x01auth=Bearer {fresh}\x01\x01",
                  initial_response_ok=True)


def send(s: SmtpSettings, password: str | None, sender: str, recipient: str, raw: bytes) -> None:
    """Hand one message to the server; raise DeliveryRefused when it is not accepted."""
    try:
        with _session(s, password) as conn:
            conn.sendmail(sender, [recipient], on_the_wire(raw))
    except smtplib.SMTPRecipientsRefused as exc:
        code, text = next(iter(exc.recipients.values()))
        raise DeliveryRefused(f"{recipient} refused: {code} {_text(text)}", code >= 500,
                              recipient if code >= 500 else "") from exc
    except smtplib.SMTPResponseException as exc:
        raise DeliveryRefused(f"server said {exc.smtp_code} {_text(exc.smtp_error)}",
                            exc.smtp_code >= 500 and exc.smtp_code != 535) from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryRefused(f"cannot reach {s.host}:{s.port}: {exc}") from exc
    except SignInNeeded as exc:  # revoked while sending: the message waits in the outbox
        raise DeliveryRefused(exc.message) from exc


def attempt(s: SmtpSettings, password: str | None, timeout: float = TIMEOUT) -> None:
    """Connect and log in without sending; raise what went wrong."""
    with _session(s, password, timeout) as conn:
        conn.noop()


def check(s: SmtpSettings, password: str | None, timeout: float = TIMEOUT) -> str:
    """Connect and log in without sending; say what works in one line."""
    try:
        attempt(s, password, timeout)
    except (smtplib.SMTPException, OSError) as exc:
        from insidetrack.integrations.net_words import why

        return f"smtp: cannot use {s.host}:{s.port} ({s.security}): {why(exc, s.port)}"
    login = f"logged in as {s.user}" if s.user else "no login"
    return f"smtp: ok, {s.host}:{s.port} ({s.security}), {login}"


def _text(value: bytes | str) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def transport(s: SmtpSettings, password: str | None) -> Callable[[str, str, bytes], None]:
    """Return a function that sends (sender, recipient, raw) through this server."""
    if not s.host:
        raise Elsewhere("set up sending first: the outgoing mail server is not set",
                        Place("smtp_setup"))

    def deliver(sender: str, recipient: str, raw: bytes) -> None:
        send(s, password, sender, recipient, raw)

    return deliver
