"""Read what came in: is it a reply, an auto-reply, a bounce? Pure e-mail parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime

AUTO_SUBJECT = re.compile(
    r"^\s*(out of (the )?office|automatic reply|auto[- ]?reply|autoreply|auto:|away from)",
    re.IGNORECASE,
)
BOUNCE_SENDER = re.compile(r"^(mailer-daemon|postmaster)@", re.IGNORECASE)
_MSGID = re.compile(r"<[^<>\s]+>")
_FINAL = re.compile(r"^(?:Final|Original)-Recipient:\s*rfc822;\s*(\S+)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Incoming:
    sender: str
    subject: str
    at: datetime
    message_id: str
    refers_to: tuple[str, ...] = ()
    auto: bool = False
    bounce: bool = False
    failed: tuple[str, ...] = field(default=())


def _header(msg: EmailMessage, name: str) -> str:
    try:
        return str(msg.get(name, "") or "")
    except Exception:  # a malformed header in someone else's mail
        return ""


def _when(msg: EmailMessage, fallback: datetime) -> datetime:
    try:
        moment = parsedate_to_datetime(_header(msg, "Date"))
    except (TypeError, ValueError):
        return fallback
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_auto_reply(msg: EmailMessage) -> bool:
    """Tell an out-of-office or other automatic answer (RFC 3834 and common habits)."""
    submitted = _header(msg, "Auto-Submitted").strip().lower()
    precedence = _header(msg, "Precedence").strip().lower()
    return bool(
        (submitted and submitted != "no") or _header(msg, "X-Autoreply")
        or _header(msg, "X-Autorespond") or precedence in ("auto_reply", "bulk", "junk")
        or AUTO_SUBJECT.match(_header(msg, "Subject"))
    )


def is_bounce(msg: EmailMessage, sender: str) -> bool:
    """Tell a delivery status notification: a report, or mail from the mailer daemon."""
    report = msg.get_content_type() == "multipart/report" and (
        msg.get_param("report-type", "") == "delivery-status")
    return report or bool(BOUNCE_SENDER.match(sender))


def failed_recipients(raw: bytes) -> tuple[str, ...]:
    """Find the addresses a bounce reports as failed."""
    text = raw.decode("utf-8", errors="replace")
    found = [m.strip("<>;") for m in _FINAL.findall(text)]
    msg = message_from_bytes(raw, policy=policy.default)
    found += [a for _, a in getaddresses([_header(msg, "X-Failed-Recipients")]) if a]
    return tuple(dict.fromkeys(a.lower() for a in found))


def read(raw: bytes, fallback: datetime) -> Incoming:
    """Read the headers (and for a bounce, the body) of one incoming message."""
    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    addresses = getaddresses([_header(msg, "From")])
    sender = addresses[0][1].lower() if addresses else ""
    refs = _MSGID.findall(_header(msg, "In-Reply-To") + " " + _header(msg, "References"))
    bounce = is_bounce(msg, sender)
    return Incoming(
        sender=sender, subject=_header(msg, "Subject"), at=_when(msg, fallback),
        message_id=_header(msg, "Message-ID").strip(), refers_to=tuple(refs),
        auto=is_auto_reply(msg) and not bounce, bounce=bounce,
        failed=failed_recipients(raw) if bounce else (),
    )


def looks_like_bounce(raw_headers: bytes) -> bool:
    """Tell from the headers alone whether the body is worth fetching."""
    msg = message_from_bytes(raw_headers, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    sender = getaddresses([_header(msg, "From")])
    return is_bounce(msg, sender[0][1] if sender else "")
