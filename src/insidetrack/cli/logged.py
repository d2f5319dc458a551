"""Print what `done` and `log` did, or undid, and refuse what does not go with --undo."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

import click

from insidetrack.cli.moved import fixed_json, print_moved
from insidetrack.cli.output import human_time
from insidetrack.compose.describe import describe_step
from insidetrack.domain.errors import InputError
from insidetrack.domain.model import Step
from insidetrack.services import queries
from insidetrack.services.moves import Fixed
from insidetrack.session import Session
from insidetrack.views import step_json


def done_text(result: Step | Fixed, app: Session) -> None:
    """Print what `done` did, or what `done --undo` undid and moved."""
    if isinstance(result, Fixed) and result.step is not None:
        step = result.step
        state = {"pending": "to do again",
                 "missed": "to do again, but its moment has passed: it shows as missed"}.get(
            step.status.value, f"not done any more, and no longer planned ({step.status.value})")
        click.echo(f"Undone: {describe_step(step)} (step {step.id}) is {state}.")
        print_moved(result.moved, app.zone)
    elif isinstance(result, Step):
        click.echo(f"Done: {describe_step(result)} (step {result.id}).")


def done_json(result: Step | Fixed, app: Session) -> dict[str, Any]:
    """Return what `done` did, or undid, as JSON."""
    if isinstance(result, Fixed):
        return fixed_json(result, app.zone, undone="done")
    return {"step": step_json(result, app.zone)}


def refuse_with_undo(**given: object) -> None:
    """Refuse options that record something when the command is told to undo instead."""
    for field, value in given.items():
        if value:
            raise InputError(field, "is not taken with --undo (it records; --undo removes)")


def reply_text(result: tuple[int, Fixed | None], app: Session) -> None:
    """Print what `log reply` changed, or what its undo moved."""
    interview_id, fixed = result
    if fixed is None:
        click.echo(_after_reply(queries.interview(app.env(), interview_id).campaign, app.zone))
    else:
        click.echo(f"Undone: the last reply logged for interview {interview_id}'s opening.")
        print_moved(fixed.moved, app.zone)


def reply_json(result: tuple[int, Fixed | None], app: Session) -> dict[str, Any]:
    """Return what `log reply` did, or undid, as JSON."""
    interview_id, fixed = result
    if fixed is None:
        return {"interview": interview_id, "logged": "reply"}
    return fixed_json(fixed, app.zone, interview=interview_id, undone="reply")


def _after_reply(c: Any, tz: tzinfo) -> str:
    """Say what a reply changed: when the next letter is due, or that the employer decided."""
    decided = [t.outcome for t in c.touchpoints if t.kind.value == "decision"]
    if decided:
        return f"Reply logged. The employer has decided ({decided[-1]}): no follow-up is planned."
    letters = [s for s in c.steps if s.kind.value == "follow-up" and s.status.value == "pending"]
    if not letters:
        return "Reply logged; no follow-up letter is pending for this interview."
    nxt = min(letters, key=lambda s: s.due)
    label = "e-mail" if nxt.channel.value == "email" else "letter"
    return f"Reply logged; the next follow-up {label} is due {human_time(nxt.due, tz)}."


def decision_text(result: tuple[str, list[Any] | Fixed], app: Session) -> None:
    """Print what a decision planned, or what its undo moved."""
    outcome, done_ = result
    if isinstance(done_, Fixed):
        click.echo(f"Undone: the {outcome} decision. The opening is {done_.opening_status} "
                   "again.")
        print_moved(done_.moved, app.zone)
        return
    click.echo(f"Decision logged: {outcome}. Pending follow-ups for this opening are cancelled.")
    if done_:
        click.echo("Planned:")
    for item in done_:
        step = item.step
        click.echo(f"  step {step.id}  due {human_time(step.due, app.zone)}  "
                   f"{describe_step(step)} ({item.employer})")


def decision_json(result: tuple[str, list[Any] | Fixed], app: Session) -> dict[str, Any]:
    """Return what a decision planned, or what its undo moved, as JSON."""
    outcome, done_ = result
    if isinstance(done_, Fixed):
        return fixed_json(done_, app.zone, undone="decision", outcome=outcome,
                          opening_status=done_.opening_status)
    return {"decision": outcome, "planned": [
        {**step_json(i.step, app.zone), "employer": i.employer} for i in done_]}
