"""Read new mail: replies pause the campaign, auto-replies are ignored, bounces flagged."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from insidetrack.integrations.mailparse import Incoming, read
from insidetrack.services import delivery
from insidetrack.services.campaigns import record_reply
from insidetrack.services.context import Env


class Mailbox(Protocol):
    def uidvalidity(self, folder: str) -> int: ...
    def new_messages(self, folder: str, after_uid: int) -> list[tuple[int, bytes]]: ...
    def has_message_id(self, folder: str, message_id: str) -> bool: ...


@dataclass
class SyncReport:
    fetched: int = 0
    replies: list[str] = field(default_factory=list)
    auto_replies: int = 0
    bounces: list[str] = field(default_factory=list)
    settled: list[int] = field(default_factory=list)


def _interview_of(env: Env, mail: Incoming) -> tuple[int | None, int | None]:
    """Return (interview, contact) a reply belongs to, or (None, None)."""
    step_id = env.store.inbox.step_of_message(mail.refers_to)
    if step_id is not None:
        step = env.store.steps.step(step_id)
        found = env.store.inbox.open_interview_of_sender(mail.sender)
        return step.interview_id, found[1] if found else None
    found = env.store.inbox.open_interview_of_sender(mail.sender)
    return (found[0], found[1]) if found else (None, None)


def _reply(env: Env, mail: Incoming, report: SyncReport) -> None:
    interview_id, contact_id = _interview_of(env, mail)
    if interview_id is None or env.store.inbox.has_alert(mail.message_id):
        return
    if mail.at < env.store.interviews.interview(interview_id).start:
        return  # mail from before the interview is not an answer to a follow-up
    with env.store.write():
        record_reply(env, interview_id, mail.at, f"e-mail from {mail.sender}: {mail.subject}")
        env.store.inbox.add_alert("reply", interview_id, contact_id, mail.sender,
                        mail.subject, mail.at, mail.message_id)
    report.replies.append(f"{mail.sender}: {mail.subject}")


def _bounce(env: Env, mail: Incoming, report: SyncReport) -> None:
    if env.store.inbox.has_alert(mail.message_id):
        return
    with env.store.write():
        for address in mail.failed:
            for contact_id, interview_id in env.store.inbox.contacts_with_address(address):
                env.store.inbox.mark_bouncing(contact_id)
                env.store.inbox.add_alert("bounce", interview_id, contact_id, address,
                                mail.subject, mail.at, mail.message_id)
                report.bounces.append(address)


def _folder(env: Env, box: Mailbox, folder: str, report: SyncReport,
            progress: Callable[[int], None]) -> None:
    validity = box.uidvalidity(folder)
    state = env.store.inbox.folder_state(folder)
    last = state[1] if state is not None and state[0] == validity else 0
    messages = box.new_messages(folder, last)
    for uid, raw in messages:
        mail = read(raw, env.now)
        if mail.bounce:
            _bounce(env, mail, report)
        elif mail.auto:
            report.auto_replies += 1
        else:
            _reply(env, mail, report)
        last = max(last, uid)
        progress(1)
    report.fetched += len(messages)
    with env.store.write():
        env.store.inbox.save_folder_state(folder, validity, last)


def sync(env: Env, box: Mailbox, folders: list[str], sent_folder: str,
         progress: Callable[[int], None] = lambda _: None) -> SyncReport:
    """Read what is new in each watched folder, then settle messages a crash left sending."""
    report = SyncReport()
    for folder in folders:
        _folder(env, box, folder, report, progress)
    for item in env.store.outbox.listing("sending"):
        if box.has_message_id(sent_folder, item.message_id):
            delivery.settle(env, item.id, sent=True)
            report.settled.append(item.id)
    return report
