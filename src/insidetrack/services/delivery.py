"""Send drafts through an outbox that never sends a message twice or loses one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from insidetrack.domain.errors import ConflictError, DeliveryRefused, Elsewhere, Place
from insidetrack.services.bouncing import flag_unreachable
from insidetrack.services.campaigns import complete_step
from insidetrack.services.context import Env
from insidetrack.services.ports import OutboxItem

# Hands (sender, recipient, raw bytes) to the server; raises DeliveryRefused when not taken.
Transport = Callable[[str, str, bytes], None]


@dataclass(frozen=True)
class Outgoing:
    step_id: int
    message_id: str
    sender: str
    recipient: str
    subject: str
    raw: bytes


def queue(env: Env, message: Outgoing) -> OutboxItem:
    """Record a message as queued, unless its step already has one on its way or sent."""
    with env.store.write():
        step = env.store.steps.step(message.step_id)
        if not step.doable:
            raise ConflictError(f"step {step.id} is already {step.status.value}")
        active = [i for i in env.store.outbox.of_step(message.step_id)
                  if i.state in ("queued", "sending", "sent")]
        if active:
            raise Elsewhere(
                f"step {message.step_id} already has message {active[0].id} in the outbox, "
                f"{active[0].state}", Place("outbox", interview_id=step.interview_id,
                                               step_id=step.id))
        item_id = env.store.outbox.add(message.step_id, message.message_id, message.sender,
                             message.recipient, message.subject, message.raw, env.now)
        return env.store.outbox.get(item_id)


def send(env: Env, message: Any, step_id: int, transport: Transport) -> OutboxItem:
    """Queue a built e-mail for its step and hand it to the server at once."""
    from insidetrack.integrations.eml import wire_bytes

    item = queue(env, Outgoing(step_id, message["Message-ID"], _address(message["From"]),
                               _address(message["To"]), str(message["Subject"] or ""),
                               wire_bytes(message)))
    return deliver(env, item.id, transport)


def _address(header: Any) -> str:
    from email.utils import parseaddr

    return parseaddr(str(header or ""))[1]


def deliver(env: Env, item_id: int, transport: Transport) -> OutboxItem:
    """Send one queued message; mark it sent and its step done only on the server's yes."""
    with env.store.write():
        item = env.store.outbox.get(item_id)
        if item.state != "queued":
            raise ConflictError(f"message {item_id} is {item.state}, not queued")
        env.store.outbox.set_state(item_id, "sending", env.now)
    try:
        transport(item.sender, item.recipient, item.raw)
    except DeliveryRefused as exc:
        with env.store.write():
            flagged = _flag_refused(env, item, exc)
            reason = exc.reason + ("; the address is now flagged as bouncing" if flagged else "")
            env.store.outbox.set_state(item_id, "failed" if exc.permanent else "queued", env.now,
                             reason)
        return env.store.outbox.get(item_id)
    with env.store.write():
        env.store.outbox.set_state(item_id, "sent", env.now)
        if env.store.steps.step(item.step_id).doable:
            complete_step(env, item.step_id, env.now, f"sent as {item.message_id}")
    return env.store.outbox.get(item_id)


def _flag_refused(env: Env, item: OutboxItem, refusal: DeliveryRefused) -> bool:
    """Flag an address the server refused for good, as a later bounce would (once a message)."""
    if not refusal.refused_address or env.store.inbox.has_alert(item.message_id):
        return False
    return flag_unreachable(env, refusal.refused_address, refusal.reason, env.now, item.message_id)


def retry(env: Env, transport: Transport, item_id: int | None = None) -> list[OutboxItem]:
    """Send again what is queued (one message, or all); never what may have gone already."""
    if item_id is not None:
        item = env.store.outbox.get(item_id)
        if item.state == "failed":
            with env.store.write():
                env.store.outbox.set_state(item_id, "queued", env.now, item.reason)
        return [deliver(env, item_id, transport)]
    return [deliver(env, i.id, transport) for i in env.store.outbox.listing("queued")]


def settle(env: Env, item_id: int, sent: bool) -> OutboxItem:
    """Say what became of a message left sending by a crash: sent, or back to the queue."""
    with env.store.write():
        item = env.store.outbox.get(item_id)
        if item.state != "sending":
            raise ConflictError(f"message {item_id} is {item.state}; only one left sending "
                                "by a crash needs settling")
        env.store.outbox.set_state(item_id, "sent" if sent else "queued", env.now,
                         "" if sent else "not sent, as you said")
        if sent and env.store.steps.step(item.step_id).doable:
            complete_step(env, item.step_id, env.now, f"sent as {item.message_id}")
    return env.store.outbox.get(item_id)


def listing(env: Env) -> list[OutboxItem]:
    return env.store.outbox.listing()
