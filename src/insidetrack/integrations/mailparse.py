"""Read what came in: a reply, or automatic mail (which kind), or a bounce? Pure e-mail parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from enum import StrEnum

from insidetrack.integrations.bounces import (
    DeliveryReport,
    is_status_report,
    read_plain_report,
    read_status_report,
)
from insidetrack.integrations.invites import might_carry_invitation, scheduler_of

AUTO_SUBJECT = re.compile(
    r"^\s*(out of (the )?office|automatic reply|auto[- ]?reply|autoreply|auto:|away from)",
    re.IGNORECASE,
)
# Who writes for the mail system: Postfix, Exim, qmail, sendmail, Gmail ('mailer-daemon'),
# Exchange ('postmaster', or 'MicrosoftExchange' and a hexadecimal tag).
MAIL_SYSTEM = re.compile(r"^(mailer-daemon|mail-daemon|postmaster|microsoftexchange[0-9a-f]*)@",
                         re.IGNORECASE)
_MSGID = re.compile(r"<[^<>\s]+>")


class MailKind(StrEnum):
    """What a message is to a campaign: only a reply pauses it, only a bounce flags an address."""

    REPLY = "reply"
    AUTO_REPLY = "auto-reply"  # out of office, vacation (RFC 3834)
    READ_RECEIPT = "read-receipt"  # a disposition notification (RFC 8098)
    LIST_POST = "list-post"  # mail to a list the user is on (RFC 2919)
    DELAY = "delay"  # the mail system still trying (RFC 3464 Action: delayed)
    BOUNCE = "bounce"  # the mail system gave up (Action: failed)
    NOTICE = "notice"  # other mail from the mail system, such as a delivery receipt


@dataclass(frozen=True)
class Incoming:
    sender: str
    subject: str
    at: datetime
    message_id: str
    refers_to: tuple[str, ...] = ()
    kind: MailKind = MailKind.REPLY
    report: DeliveryReport = DeliveryReport()


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


def _sender(msg: EmailMessage) -> str:
    addresses = getaddresses([_header(msg, "From")])
    return addresses[0][1].lower() if addresses else ""


def is_auto_reply(msg: EmailMessage) -> bool:
    """Tell an out-of-office or other automatic answer (RFC 3834 and common habits)."""
    submitted = _header(msg, "Auto-Submitted").strip().lower()
    precedence = _header(msg, "Precedence").strip().lower()
    return bool(
        (submitted and submitted != "no") or _header(msg, "X-Autoreply")
        or _header(msg, "X-Autorespond") or precedence in ("auto_reply", "bulk", "junk")
        or AUTO_SUBJECT.match(_header(msg, "Subject"))
    )


def is_read_receipt(msg: EmailMessage) -> bool:
    """Tell a read receipt (RFC 8098), whatever its subject says ('Read:', 'Return Receipt')."""
    return msg.get_content_type() == "multipart/report" and (
        str(msg.get_param("report-type", "")).lower() == "disposition-notification")


def is_list_post(msg: EmailMessage) -> bool:
    """Tell mail sent to a mailing list (RFC 2919's List-Id, or the older Precedence: list)."""
    return bool(_header(msg, "List-Id")) or _header(msg, "Precedence").strip().lower() == "list"


def from_mail_system(msg: EmailMessage, sender: str) -> bool:
    """Tell mail that a mail server wrote about delivery, by its sender or Exim's header."""
    return bool(MAIL_SYSTEM.match(sender) or _header(msg, "X-Failed-Recipients"))


def delivery_report(msg: EmailMessage, sender: str) -> DeliveryReport | None:
    """Read what a report from the mail system says; None for mail that is not one."""
    if is_status_report(msg):
        return read_status_report(msg)
    if from_mail_system(msg, sender):
        return read_plain_report(msg)
    return None


def _report_kind(report: DeliveryReport) -> MailKind:
    if report.failed:
        return MailKind.BOUNCE
    return MailKind.DELAY if report.delayed else MailKind.NOTICE


def classify(msg: EmailMessage, sender: str) -> tuple[MailKind, DeliveryReport]:
    """Say what a message is; a delivery report also says whom it is about."""
    report = delivery_report(msg, sender)
    if report is not None:
        return _report_kind(report), report
    if is_read_receipt(msg):
        return MailKind.READ_RECEIPT, DeliveryReport()
    if is_list_post(msg):
        return MailKind.LIST_POST, DeliveryReport()
    if is_auto_reply(msg):
        return MailKind.AUTO_REPLY, DeliveryReport()
    return MailKind.REPLY, DeliveryReport()


def _parse(raw: bytes) -> EmailMessage:
    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def read(raw: bytes, fallback: datetime) -> Incoming:
    """Read the headers (and for a delivery report, the body) of one incoming message."""
    msg = _parse(raw)
    sender = _sender(msg)
    refs = _MSGID.findall(_header(msg, "In-Reply-To") + " " + _header(msg, "References"))
    kind, report = classify(msg, sender)
    return Incoming(
        sender=sender, subject=_header(msg, "Subject"), at=_when(msg, fallback),
        message_id=_header(msg, "Message-ID").strip(), refers_to=tuple(refs), kind=kind,
        report=report,
    )


def needs_body(raw_headers: bytes) -> bool:
    """Tell from the headers alone whether the body is worth fetching: a report or an invite."""
    msg = _parse(raw_headers)
    return (is_status_report(msg) or from_mail_system(msg, _sender(msg))
            or might_carry_invitation(_header(msg, "Content-Type"))
            or bool(scheduler_of(_sender(msg))))
