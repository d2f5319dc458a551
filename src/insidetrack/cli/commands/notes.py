"""`note list/edit/delete`: an interview's notes one by one (`interview note` adds them)."""

from __future__ import annotations

import shlex
from typing import Any

import click

from insidetrack.cli.main import cli
from insidetrack.cli.shown import shows
from insidetrack.domain import parse
from insidetrack.services import notes
from insidetrack.services.ports import NoteLine
from insidetrack.session import Session


def _json(line: NoteLine) -> dict[str, Any]:
    return {"id": line.id, "interview": line.interview_id, "kind": line.kind, "text": line.text}


def _option(kind: str) -> str:
    return "--" + kind.replace("_", "-")


def _list_text(lines: list[NoteLine], app: Session) -> None:
    if not lines:
        click.echo("No notes yet.")
    for line in lines:
        click.echo(f"{line.id:>4}  {line.kind:<15}  {line.text}")


@cli.group()
def note() -> None:
    """An interview's notes one by one: list, change, delete (`interview note` adds them)."""


@note.command("list")
@click.argument("interview_id", type=int)
@shows(_list_text, lambda lines, app: [_json(n) for n in lines])
@click.pass_obj
def note_list(app: Session, interview_id: int) -> list[NoteLine]:
    """List an interview's notes with their ids."""
    return notes.notes(app.env(), interview_id)


@note.command("edit")
@click.argument("note_id", type=int)
@click.argument("text")
@click.option("--as-typed", is_flag=True, help="Save it exactly as typed, even a full sentence.")
@click.pass_obj
def note_edit(app: Session, note_id: int, text: str, as_typed: bool) -> None:
    """Change a note's text; it is checked against its sentence as when it was added."""
    edited = notes.edit_note(app.env(), note_id, parse.text("TEXT", text, required=True),
                             as_typed)
    for line in edited.told:
        click.echo(line, err=True)
    click.echo(f"Note {note_id} changed: {edited.note.text}")


@note.command("delete")
@click.argument("note_id", type=int)
@click.pass_obj
def note_delete(app: Session, note_id: int) -> None:
    """Delete a note; the command to bring it back is printed."""
    gone = notes.delete_note(app.env(), note_id)
    click.echo(f"Deleted note {note_id} ({gone.kind}): {gone.text}")
    click.echo(f"To bring it back: insidetrack interview note {gone.interview_id} "
               f"{_option(gone.kind)} {shlex.quote(gone.text)} --as-typed")
