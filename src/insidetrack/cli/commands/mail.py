"""Commands that deliver: send, the outbox, and sync (mail, and the calendar when set)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import click

from insidetrack.cli.main import cli
from insidetrack.cli.output import human_time
from insidetrack.cli.shown import shows
from insidetrack.domain.errors import ConflictError, InputError
from insidetrack.session import Session
from insidetrack.views import stamp

if TYPE_CHECKING:
    from insidetrack.services.ports import OutboxItem


def _outcome(item: Any, tz: Any) -> str:
    if item.state == "sent":
        return f"Sent to {item.recipient} (message {item.id}); step {item.step_id} is done."
    if item.state == "failed":
        return f"Not sent, and retrying will not help: {item.reason} (message {item.id})."
    return (f"Queued, not sent: {item.reason}. Send it later with: "
            f"insidetrack outbox retry {item.id}")


@cli.command()
@click.argument("step_id", type=int)
@click.option("--yes", is_flag=True, help="Send without asking.")
@click.pass_obj
def send(app: Session, step_id: int, yes: bool) -> None:
    """Draft, check, and send a step's e-mail through your SMTP server."""
    from insidetrack.compose.render import findings_text
    from insidetrack.services import delivery, queries
    from insidetrack.services.drafts import DraftRefused, draft_step, email_message, must_be_email
    from insidetrack.services.preferences import templates_folder

    env = app.env()
    step = queries.step(env, step_id)
    if step.channel.value != "email":
        raise must_be_email(step)
    transport = app.transport()
    d = draft_step(env, step_id, fmt="eml", settings=app.settings.draft,
                   templates=templates_folder())
    try:
        msg = email_message(env, d, settings=app.settings.draft)
    except DraftRefused as refused:
        for line in findings_text(refused.findings):
            click.echo(f"lint: {line}", err=True)
        raise ConflictError(f"step {step_id}'s e-mail breaks the rules above; not sent") from None
    if not yes:
        click.echo(d.as_text())
        click.confirm(f"Send this to {d.to_email}?", abort=True)
    item = delivery.send(env, msg, step_id, transport)
    click.echo(_outcome(item, app.zone))
    if item.state != "sent":
        raise SystemExit(1)


def _item_json(item: Any, tz: Any) -> dict[str, Any]:
    return {"id": item.id, "step": item.step_id, "message_id": item.message_id,
            "to": item.recipient, "subject": item.subject, "state": item.state,
            "reason": item.reason, "created_at": stamp(item.created_at, tz),
            "updated_at": stamp(item.updated_at, tz), "sent_at": stamp(item.sent_at, tz)}


def _outbox_text(items: list[OutboxItem], app: Session) -> None:
    if not items:
        click.echo("The outbox is empty.")
    for i in items:
        note = f"  ({i.reason})" if i.reason else ""
        if i.state == "sending":
            note = ("  (a crash left it unsure: check your Sent folder, then "
                    f"insidetrack outbox settle {i.id} --sent or --not-sent)")
        click.echo(f"{i.id:>4}  {i.state:8}  {human_time(i.updated_at, app.zone)}  step {i.step_id}"
                   f"  to {i.recipient}: {i.subject}{note}")


# @shows lists the outbox only when no subcommand (retry, settle) follows.
@cli.group(invoke_without_command=True)
@shows(_outbox_text, lambda items, app: [_item_json(i, app.zone) for i in items])
@click.pass_obj
def outbox(app: Session) -> list[OutboxItem]:
    """Messages queued, sending, sent and failed."""
    from insidetrack.services import delivery

    return delivery.listing(app.env())


@outbox.command("retry")
@click.argument("item_id", type=int, required=False)
@click.pass_obj
def outbox_retry(app: Session, item_id: int | None) -> None:
    """Send again what is queued (or one message, even a failed one)."""
    from insidetrack.services import delivery

    items = delivery.retry(app.env(), app.transport(), item_id)
    if not items:
        click.echo("Nothing is queued.")
    for item in items:
        click.echo(_outcome(item, app.zone))
    if any(i.state != "sent" for i in items):
        raise SystemExit(1)


@outbox.command("settle")
@click.argument("item_id", type=int)
@click.option("--sent/--not-sent", default=None, help="Whether it is in your Sent folder.")
@click.pass_obj
def outbox_settle(app: Session, item_id: int, sent: bool | None) -> None:
    """Say what became of a message a crash left in the sending state."""
    from insidetrack.services import delivery

    if sent is None:
        raise InputError("--sent/--not-sent", "say whether the message is in your Sent folder: "
                         f"insidetrack outbox settle {item_id} --sent, or --not-sent to queue it again")
    item = delivery.settle(app.env(), item_id, sent)
    state = "sent; its step is done" if item.state == "sent" else "queued again"
    click.echo(f"Message {item.id} is {state}.")


@cli.command("sync")
@click.pass_obj
def sync_command(app: Session) -> None:
    """Read new mail (replies pause the campaign, bounces are flagged) and your calendar.

    Mail is read when imap.host is set, the calendar when caldav.url is (see
    `calendar sync`); with neither, it says how to set up mail.
    """
    mail, calendar = bool(app.settings.imap.host), bool(app.settings.caldav.url)
    if mail or not calendar:
        _sync_mail(app)
    if calendar:
        from insidetrack.cli.commands.calendar import run_sync

        run_sync(app)


def _sync_mail(app: Session) -> None:
    import sys

    from rich.progress import Progress

    from insidetrack.integrations import imap, secrets
    from insidetrack.services.sync import sync

    settings = app.settings.imap
    with imap.open_mailbox(settings, secrets.password("imap", settings.user)) as box, \
            Progress(disable=not sys.stdout.isatty(), transient=True) as bar:
        task = bar.add_task("Reading new mail", total=None)
        report = sync(app.env(), box, settings.watched, settings.sent_folder,
                      lambda n: bar.advance(task, n))
    click.echo(f"Read {report.fetched} new message(s).")
    for reply in report.replies:
        click.echo(f"Reply: {reply} (the campaign waits; see insidetrack today)")
    if report.automatic:
        click.echo(f"Ignored {report.automatic.total()} automatic message(s): "
                   f"{_automatic_text(report.automatic)}.")
    for address in report.bounces:
        click.echo(f"Bounced: {address} (fix it: insidetrack contact set ID --email ...)")
    for address in report.delays:
        click.echo(f"Delayed: {address} (the mail server is still trying; nothing to do yet)")
    for item in report.settled:
        click.echo(f"Message {item} was found in your Sent folder: marked sent.")
    for kind, line in report.invitations:
        said = line[:1].upper() + line[1:] if kind == "moved" else line
        click.echo(INVITATION_SAYS.get(kind, "Invitation {}").format(said))
    kinds = {kind for kind, _ in report.invitations}
    if kinds & {"new", "late", "match"}:
        click.echo("Log it: insidetrack invitations accept ID (see insidetrack invitations)")
    if "cancel" in kinds:
        click.echo("Call it off: insidetrack invitations accept ID (keep it: "
                   "insidetrack invitations dismiss ID)")


# How sync says an invitation, by its kind (services.invitations); others: "Invitation ..."
INVITATION_SAYS = {"moved": "{} (the employer rescheduled it; the plan follows)"}


# What sync ignores, by kind (integrations.mailparse.MailKind): one, and more than one.
AUTOMATIC = {
    "auto-reply": ("automatic reply", "automatic replies"),
    "read-receipt": ("read receipt", "read receipts"),
    "list-post": ("mailing-list post", "mailing-list posts"),
    "delay": ("delay notice", "delay notices"),
    "notice": ("other notice from the mail system", "other notices from the mail system"),
}


def _automatic_text(counts: Counter[Any]) -> str:
    """Say how many of each kind: '1 automatic reply, 2 read receipts'."""
    return ", ".join(f"{counts[kind]} {names[counts[kind] != 1]}"
                     for kind, names in AUTOMATIC.items() if counts[kind])
