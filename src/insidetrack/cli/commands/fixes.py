"""Commands that fix mistakes: skip a step, unlink a reference, list, edit, delete bank items.

`done --undo` and `log ID reply|decision --undo` live beside `done` and `log`.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

import click

from insidetrack.cli.commands.records import clipping, fact, reference
from insidetrack.cli.commands.trash import bring_back_line
from insidetrack.cli.main import cli
from insidetrack.cli.moved import fixed_json, print_moved
from insidetrack.cli.output import human_time
from insidetrack.cli.shown import shows
from insidetrack.compose.describe import describe_step
from insidetrack.domain import parse
from insidetrack.domain.model import Clipping, Fact
from insidetrack.services import banks, undoing
from insidetrack.services.moves import Fixed
from insidetrack.session import Session
from insidetrack.views import stamp, step_json


def _skip_text(fixed: Fixed, app: Session) -> None:
    step = fixed.step
    assert step is not None
    if step.status.value == "skipped":
        click.echo(f"Skipped: {describe_step(step)} (step {step.id}).")
    else:
        click.echo(f"Undone: {describe_step(step)} (step {step.id}) is {step.status.value} again.")
    print_moved(fixed.moved, app.zone)


@cli.command()
@click.argument("step_id", type=int)
@click.option("--undo", is_flag=True, help="Put a skipped step back to do.")
@shows(_skip_text, lambda fixed, app: fixed_json(fixed, app.zone))
@click.pass_obj
def skip(app: Session, step_id: int, undo: bool) -> Fixed:
    """Skip a step you chose not to do; the campaign goes on to the next one."""
    if undo:
        return undoing.unskip_step(app.env(), step_id)
    return undoing.skip_step(app.env(), step_id)


def _unlinked_text(shown: tuple[int, int, Fixed], app: Session) -> None:
    reference_id, interview_id, fixed = shown
    click.echo(f"Reference {reference_id} unlinked from interview {interview_id}'s opening.")
    print_moved(fixed.moved, app.zone)


@reference.command("unlink")
@click.argument("reference_id", type=int)
@click.argument("interview_id", type=int)
@shows(_unlinked_text, lambda shown, app: fixed_json(shown[2], app.zone, reference=shown[0],
                                                      interview=shown[1]))
@click.pass_obj
def reference_unlink(app: Session, reference_id: int, interview_id: int) -> tuple[int, int, Fixed]:
    """Unlink a reference from an interview's opening; its calls not yet made go."""
    return reference_id, interview_id, undoing.unlink_reference(app.env(), reference_id,
                                                                interview_id)


def _deleted_reference_text(shown: tuple[int, Fixed], app: Session) -> None:
    click.echo(f"Reference {shown[0]} deleted; calls already made stay in each timeline.")
    print_moved(shown[1].moved, app.zone)
    click.echo(bring_back_line(shown[1].trash_id))


@reference.command("delete")
@click.argument("reference_id", type=int)
@shows(_deleted_reference_text,
       lambda shown, app: fixed_json(shown[1], app.zone, reference=shown[0], deleted=True))
@click.pass_obj
def reference_delete(app: Session, reference_id: int) -> tuple[int, Fixed]:
    """Delete a reference from your list; their calls not yet made go."""
    return reference_id, undoing.delete_reference(app.env(), reference_id)


def _used_json(banked: banks.Banked, tz: tzinfo) -> dict[str, Any]:
    by = banked.used_by
    return {"used_at": stamp(banked.item.used_at, tz),
            "used_by": None if by is None else {"step": by.id, "kind": by.kind.value,
                                                  "number": by.number}}


def _fact_json(banked: banks.Banked, tz: tzinfo) -> dict[str, Any]:
    item = banked.item
    assert isinstance(item, Fact)
    return {"id": item.id, "text": item.text, **_used_json(banked, tz)}


def _clipping_json(banked: banks.Banked, tz: tzinfo) -> dict[str, Any]:
    item = banked.item
    assert isinstance(item, Clipping)
    return {"id": item.id, "title": item.title, "url": item.url, "kind": item.kind.value,
            **_used_json(banked, tz)}


def _where(banked: banks.Banked, tz: tzinfo) -> str:
    if banked.item.used_at is None:
        return "unused"
    by = banked.used_by
    letter = f" in follow-up {by.number} (step {by.id})" if by is not None else ""
    return f"used{letter} {human_time(banked.item.used_at, tz)}"


def _facts_text(found: banks.Bank, app: Session) -> None:
    if not found.facts:
        click.echo(f'No facts for interview {found.interview_id}\'s opening yet: '
                   f'insidetrack fact add {found.interview_id} "..."')
    for b in found.facts:
        assert isinstance(b.item, Fact)
        click.echo(f"{b.item.id:>4}  {_where(b, app.zone)}  {b.item.text}")


@fact.command("list")
@click.argument("interview_id", type=int)
@shows(_facts_text, lambda found, app: [_fact_json(b, app.zone) for b in found.facts])
@click.pass_obj
def fact_list(app: Session, interview_id: int) -> banks.Bank:
    """List the facts of an interview's opening: used or not, and where."""
    return banks.bank(app.env(), interview_id)


@fact.command("edit")
@click.argument("fact_id", type=int)
@click.argument("text")
@click.pass_obj
def fact_edit(app: Session, fact_id: int, text: str) -> None:
    """Change the text of a fact not yet used in a letter."""
    banks.edit_fact(app.env(), fact_id, parse.text("TEXT", text, required=True))
    click.echo(f"Fact {fact_id} changed.")


def _deleted_text(shown: tuple[str, Fixed], app: Session) -> None:
    what, fixed = shown
    click.echo(f"Deleted {what}.")
    for letter in fixed.wanting:
        click.echo(f"{describe_step(letter)} (step {letter.id}, due "
                   f"{human_time(letter.due, app.zone)}) has no new fact left to tell: "
                   f'add one with insidetrack fact add {letter.interview_id} "..."')
    print_moved(fixed.moved, app.zone)
    click.echo(bring_back_line(fixed.trash_id))


def _deleted_json(shown: tuple[str, Fixed], app: Session) -> dict[str, Any]:
    what, fixed = shown
    return fixed_json(fixed, app.zone, deleted=what,
                      without_fact=[step_json(s, app.zone) for s in fixed.wanting])


@fact.command("delete")
@click.argument("fact_id", type=int)
@shows(_deleted_text, _deleted_json)
@click.pass_obj
def fact_delete(app: Session, fact_id: int) -> tuple[str, Fixed]:
    """Delete a fact not yet used in a letter."""
    return f"fact {fact_id}", banks.delete_fact(app.env(), fact_id)


def _clippings_text(found: banks.Bank, app: Session) -> None:
    if not found.clippings:
        click.echo(f"No clippings for interview {found.interview_id}'s opening yet: "
                   f"insidetrack clipping add {found.interview_id} --title ...")
    for b in found.clippings:
        assert isinstance(b.item, Clipping)
        url = f"  {b.item.url}" if b.item.url else ""
        click.echo(f"{b.item.id:>4}  {_where(b, app.zone)}  {b.item.title}{url}")


@clipping.command("list")
@click.argument("interview_id", type=int)
@shows(_clippings_text, lambda found, app: [_clipping_json(b, app.zone) for b in found.clippings])
@click.pass_obj
def clipping_list(app: Session, interview_id: int) -> banks.Bank:
    """List the clippings of an interview's opening: used or not, and where."""
    return banks.bank(app.env(), interview_id)


@clipping.command("delete")
@click.argument("clipping_id", type=int)
@shows(_deleted_text, _deleted_json)
@click.pass_obj
def clipping_delete(app: Session, clipping_id: int) -> tuple[str, Fixed]:
    """Delete a clipping not yet used in a letter."""
    return f"clipping {clipping_id}", banks.delete_clipping(app.env(), clipping_id)
