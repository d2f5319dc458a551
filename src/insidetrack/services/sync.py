"""Read new mail: replies pause the campaign, automatic mail is counted, bounces flagged."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from insidetrack.domain.errors import InsidetrackError
from insidetrack.integrations.invites import read_mail
from insidetrack.integrations.mailparse import Incoming, MailKind, read
from insidetrack.services import delivery, invitations
from insidetrack.services.bouncing import flag_unreachable
from insidetrack.services.campaigns import record_reply
from insidetrack.services.context import Env


class Mailbox(Protocol):
    def uidvalidity(self, folder: str) -> int: ...
    def new_messages(self, folder: str, after_uid: int,
                     newest: int | None = None) -> list[tuple[int, bytes]]: ...
    def has_message_id(self, folder: str, message_id: str) -> bool: ...


@dataclass
class SyncReport:
    fetched: int = 0
    replies: list[str] = field(default_factory=list)
    automatic: Counter[MailKind] = field(default_factory=Counter)  # by kind; never replies
    bounces: list[str] = field(default_factory=list)
    delays: list[str] = field(default_factory=list)
    settled: list[int] = field(default_factory=list)
    invitations: list[tuple[str, str]] = field(default_factory=list)  # (kind, what it says)


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
        for address in mail.report.failed:
            if flag_unreachable(env, address, mail.subject, mail.at, mail.message_id):
                report.bounces.append(address)


def _delay(env: Env, mail: Incoming, report: SyncReport) -> None:
    """Name the contacts whose mail is late; nothing is flagged, the server keeps trying."""
    for address in mail.report.delayed:
        if env.store.inbox.contacts_with_address(address) and address not in report.delays:
            report.delays.append(address)


def _act_on(env: Env, mail: Incoming, report: SyncReport) -> None:
    """Act on one message by its kind: only a reply pauses, only a bounce flags."""
    if mail.kind is MailKind.REPLY:
        _reply(env, mail, report)
        return
    if mail.kind is MailKind.BOUNCE:
        _bounce(env, mail, report)
    else:
        report.automatic[mail.kind] += 1
    _delay(env, mail, report)


def _invitation(env: Env, raw: bytes, report: SyncReport) -> bool:
    """Propose the interview a mail invites to; tell whether it was an invitation."""
    invite = read_mail(raw)
    if invite is None:
        return False
    try:
        item = invitations.propose(env, invite)
    except InsidetrackError as exc:  # a reschedule the interview's records refuse
        report.invitations.append(("refused", f"{invite.summary}: not applied: {exc.message}"))
        return True
    if item is not None:
        report.invitations.append((item.kind, invitations.said(env, item)))
    return True


def _folder(env: Env, box: Mailbox, folder: str, report: SyncReport,
            progress: Callable[[int], None], first_read: int | None) -> None:
    validity = box.uidvalidity(folder)
    state = env.store.inbox.folder_state(folder)
    last = state[1] if state is not None and state[0] == validity else 0
    messages = box.new_messages(folder, last, first_read if last == 0 else None)
    for uid, raw in messages:
        if not _invitation(env, raw, report):
            _act_on(env, read(raw, env.now), report)
        last = max(last, uid)
        progress(1)
    report.fetched += len(messages)
    with env.store.write():
        env.store.inbox.save_folder_state(folder, validity, last)


def sync(env: Env, box: Mailbox, folders: list[str], sent_folder: str,
         progress: Callable[[int], None] = lambda _: None,
         first_read: int | None = None) -> SyncReport:
    """Read what is new in each watched folder (the first time, only the `first_read`
    newest messages of each, when given), then settle messages a crash left sending."""
    report = SyncReport()
    for folder in folders:
        _folder(env, box, folder, report, progress, first_read)
    for item in env.store.outbox.listing("sending"):
        if box.has_message_id(sent_folder, item.message_id):
            delivery.settle(env, item.id, sent=True)
            report.settled.append(item.id)
    return report
