"""The trash: `insidetrack trash` lists what was deleted, `trash restore N` brings it back."""

from __future__ import annotations

import click

from insidetrack.cli.main import cli
from insidetrack.cli.moved import print_moved
from insidetrack.cli.output import human_time
from insidetrack.cli.shown import shows
from insidetrack.fix_views import restored_json, trash_entry_json
from insidetrack.services import trash as trash_service
from insidetrack.services.ports import TrashEntry
from insidetrack.services.trash import KEPT_DAYS, Restored
from insidetrack.session import Session


def bring_back_line(trash_id: int, it: str = "it") -> str:
    """Say how to undo a delete from the command line."""
    return f"To bring {it} back: insidetrack trash restore {trash_id}"


def _entries_text(entries: list[TrashEntry], app: Session) -> None:
    if not entries:
        click.echo(f"The trash is empty (deletions are kept {KEPT_DAYS} days).")
        return
    for entry in entries:
        click.echo(f"{entry.id:>4}  {human_time(entry.deleted_at, app.zone)}  {entry.what}")
    click.echo(f"To bring one back: insidetrack trash restore N (kept {KEPT_DAYS} days).")


@cli.group(invoke_without_command=True)
@shows(_entries_text, lambda entries, app: [trash_entry_json(e, app.zone) for e in entries])
@click.pass_obj
def trash(app: Session) -> list[TrashEntry]:
    """What you deleted in the last 30 days, the latest first; `trash restore N` undoes one."""
    return trash_service.entries(app.env())


def _restored_text(restored: Restored, app: Session) -> None:
    click.echo(f"Restored {restored.what}.")
    print_moved(restored.moved, app.zone)


@trash.command("restore")
@click.argument("trash_id", type=int)
@shows(_restored_text, lambda restored, app: restored_json(restored, app.zone))
@click.pass_obj
def trash_restore(app: Session, trash_id: int) -> Restored:
    """Bring back what a delete removed, with its own ids, and re-plan."""
    return trash_service.restore(app.env(), trash_id)
