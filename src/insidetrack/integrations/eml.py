"""Build an RFC 5322 message: one plain-text, us-ascii, 7bit part, no attachment."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from insidetrack.domain.errors import InputError

_MSGID = re.compile(r"<[^<>\s]+>")


@dataclass(frozen=True)
class Envelope:
    sender_name: str
    sender_email: str
    to_name: str
    to_email: str
    subject: str
    date: datetime
    in_reply_to: str = ""  # the Message-ID of the message this one follows in a thread
    references: tuple[str, ...] = ()  # that thread's Message-IDs, oldest first


def thread_after(earlier: bytes) -> tuple[str, tuple[str, ...]]:
    """Return (In-Reply-To, References) for a message that follows an earlier one (RFC 5322)."""
    msg = message_from_bytes(earlier, policy=policy.default)
    found = _MSGID.findall(str(msg.get("Message-ID", "") or ""))
    if not found:
        return "", ()
    before = _MSGID.findall(str(msg.get("References", "") or msg.get("In-Reply-To", "") or ""))
    return found[0], tuple(dict.fromkeys([*before, found[0]]))


def _address(field: str, name: str, email: str) -> Address:
    local, _, domain = email.partition("@")
    try:
        return Address(display_name=name, username=local, domain=domain)
    except (ValueError, IndexError) as exc:
        raise InputError(field, f"{email!r} cannot be used in an e-mail header: {exc}") from exc


def has_control(value: str) -> bool:
    """Tell whether text holds a line break or a control character of any script."""
    return any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value)


def _check_header(field: str, value: str) -> str:
    if has_control(value):
        raise InputError(field, "a header must not hold a line break or a control character")
    return value


def build_message(envelope: Envelope, body: str) -> EmailMessage:
    """Return the message; a header with a line break is refused, never sent."""
    msg = EmailMessage()
    msg["From"] = _address("From", _check_header("From", envelope.sender_name), envelope.sender_email)
    msg["To"] = _address("To", _check_header("To", envelope.to_name), envelope.to_email)
    msg["Subject"] = _check_header("Subject", envelope.subject)
    msg["Date"] = format_datetime(envelope.date)
    msg["Message-ID"] = make_msgid(domain=envelope.sender_email.partition("@")[2] or None)
    if envelope.in_reply_to:
        msg["In-Reply-To"] = envelope.in_reply_to
        msg["References"] = " ".join(envelope.references)
    msg.set_content(body, charset="us-ascii", cte="7bit")
    return msg


def wire_bytes(msg: EmailMessage) -> bytes:
    """Return the message as SMTP carries it: CRLF line ends (RFC 5321)."""
    return msg.as_bytes(policy=msg.policy.clone(linesep="\r\n"))
