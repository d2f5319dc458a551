"""Read what the mail system reports: which recipients failed for good, which are only delayed.

A delivery status report (RFC 3464) says it in its Action fields, and only `failed` is a
bounce. Older servers write plain text instead (qmail, Exim, Exchange without a report
part); flufl.bounce, GNU Mailman's bounce detectors, reads those, and this module adds
the two things it misses: Exchange 2007 and later, and warnings that a message is late.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import EmailMessage, Message
from email.utils import getaddresses

_TEXT_ADDRESS = re.compile(r"[^\s<>()\[\]'\"@:;,]+@[^\s<>()\[\]'\"@:;,]+\.[A-Za-z0-9-]+")
# Warnings that a message is late, in the words of the servers that send them as plain text.
_DELAY_SUBJECT = re.compile(r"delay|^\s*warning:", re.IGNORECASE)
_DELAY_TEXT = re.compile(
    r"has not yet been delivered|not delivered yet|warning (message )?only|delivery is delayed"
    r"|still being retried|will continue to be attempted",
    re.IGNORECASE,
)
# Exchange 2007 and later, as plain text: the list of recipients, then the diagnostics.
_EXCHANGE_START = {
    "delivery has failed to these recipients or groups": "failed",
    "delivery is delayed to these recipients or groups": "delayed",
}
_EXCHANGE_END = re.compile(r"diagnostic information for administrators|original message headers",
                           re.IGNORECASE)


@dataclass(frozen=True)
class DeliveryReport:
    """The recipients a report names: failed for good, or only delayed (lower case)."""

    failed: tuple[str, ...] = ()
    delayed: tuple[str, ...] = ()


def is_status_report(msg: Message) -> bool:
    """Tell a delivery status notification in the standard form (RFC 3464)."""
    return msg.get_content_type() == "multipart/report" and (
        str(msg.get_param("report-type", "")).lower() == "delivery-status")


def read_status_report(msg: Message) -> DeliveryReport:
    """Read the Action of each recipient: `failed` is a bounce, `delayed` only late."""
    found: dict[str, list[str]] = {"failed": [], "delayed": []}
    for block in _recipient_blocks(msg):
        action = str(block.get("Action", "")).strip().lower().split(" ")[0]
        if action in found:
            found[action].extend(_recipients(block))
    return DeliveryReport(_unique(found["failed"]), _unique(found["delayed"]))


def _recipient_blocks(msg: Message) -> list[Message]:
    """Return the per-recipient field blocks of each status part (the first is per message).

    The standard library's parser splits a message/delivery-status part into its blocks.
    """
    blocks: list[Message] = []
    for part in msg.walk():
        payload = part.get_payload()
        if part.get_content_type() == "message/delivery-status" and isinstance(payload, list):
            blocks.extend(block for block in payload[1:] if isinstance(block, Message))
    return blocks


def _recipients(block: Message) -> list[str]:
    """Return the original and the final recipient a block names ('rfc822; a@b')."""
    named: list[str] = []
    for name in ("Original-Recipient", "Final-Recipient"):
        value = str(block.get(name, "") or "")
        address = value.partition(";")[2] or value
        named.extend(a for _, a in getaddresses([address.strip()]) if "@" in a)
    return named


def read_plain_report(msg: EmailMessage) -> DeliveryReport:
    """Read a report written as plain text; a warning that mail is late never fails it."""
    failed, delayed = _plain_failures(msg)
    if _is_delay_warning(msg):
        return DeliveryReport(delayed=_unique(failed + delayed))
    return DeliveryReport(_unique(failed), _unique(delayed))


def _plain_failures(msg: EmailMessage) -> tuple[list[str], list[str]]:
    """Return (failed, delayed) as the plain text names them: Exchange's, or flufl.bounce's."""
    from flufl.bounce import all_failures

    exchange = _exchange_text(msg)
    if exchange.failed or exchange.delayed:
        return list(exchange.failed), list(exchange.delayed)
    try:
        temporary, permanent = all_failures(msg)
    except Exception:  # a detector tripped on someone else's odd mail: nothing read
        return [], []
    return [a.decode("ascii") for a in permanent], [a.decode("ascii") for a in temporary]


def _exchange_text(msg: Message) -> DeliveryReport:
    """Read the recipient list of an Exchange 2007+ report that came without its report part."""
    found: dict[str, list[str]] = {"failed": [], "delayed": []}
    kind = None
    for line in _body_lines(msg):
        lowered = line.strip().rstrip(":").lower()
        if lowered in _EXCHANGE_START:
            kind = _EXCHANGE_START[lowered]
        elif kind and _EXCHANGE_END.search(line):
            kind = None
        elif kind:
            found[kind].extend(_TEXT_ADDRESS.findall(line))
    return DeliveryReport(tuple(found["failed"]), tuple(found["delayed"]))


def _is_delay_warning(msg: EmailMessage) -> bool:
    """Tell a warning that mail is late ('delayed 24 hours') from a report that it failed."""
    subject = str(msg.get("Subject", "") or "")
    return bool(_DELAY_SUBJECT.search(subject)) or any(
        _DELAY_TEXT.search(line) for line in _body_lines(msg))


def _body_lines(msg: Message) -> list[str]:
    """Return the lines of the report's own text parts, not of the message it returns."""
    lines: list[str] = []
    for part in _own_parts(msg):
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                lines.extend(_decoded(payload, part.get_content_charset()).splitlines())
    return lines


def _decoded(payload: bytes, charset: str | None) -> str:
    try:
        return payload.decode(charset or "us-ascii", errors="replace")
    except LookupError:  # a charset Python does not know
        return payload.decode("latin-1")


def _own_parts(msg: Message) -> list[Message]:
    """Return the parts of a message without going into an attached message/rfc822."""
    if msg.get_content_type() == "message/rfc822":
        return []
    if not msg.is_multipart():
        return [msg]
    payload = msg.get_payload()
    parts = payload if isinstance(payload, list) else []
    return [p for part in parts if isinstance(part, Message) for p in _own_parts(part)]


def _unique(addresses: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a.strip().strip("<>").lower() for a in addresses if a.strip()))
