"""Commands that bring data in and take it out: import, export, backup, restore."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from insidetrack import files
from insidetrack.cli.main import cli
from insidetrack.cli.writing import FORCE, emit, out_target
from insidetrack.domain.errors import InputError
from insidetrack.session import Session

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@cli.group("import")
def import_group() -> None:
    """Bring data in: a spreadsheet (CSV), or an insidetrack JSON export."""


def _pairs(option: str, pairs: tuple[str, ...], what: str, empty_ok: bool) -> dict[str, str]:
    found = {}
    for pair in pairs:
        left, eq, right = pair.partition("=")
        if not eq or not left.strip() or not (right.strip() or empty_ok):
            raise InputError(option, f"{pair!r} is not {what}")
        found[left.strip()] = right.strip()
    return found


def _import_help() -> str:
    from insidetrack.domain.trackers import FIELDS, IMPORT_STATUSES
    from insidetrack.services.sheet_values import DATE_FORMATS, TIME_FORMATS

    return (f"Import a job-search spreadsheet saved as CSV (comma, semicolon or tab).\n\n"
            f"Fields: {', '.join(FIELDS)}. Statuses: {', '.join(IMPORT_STATUSES)}; a tracker's "
            f"usual words (Wishlist, Not Selected, Beworben, Absage ...) are known, and a status "
            f"it does not know is kept in the notes with a warning.\n\n"
            f"Dates: {DATE_FORMATS}. Times, in the date or in an interview-time column: "
            f"{TIME_FORMATS}. 03/04/2026 is March 4 unless the file shows it writes the day "
            f"first (24/11/2026) or --day-first is given.")


@import_group.command("csv", help=_import_help())
@click.argument("file", type=FILE)
@click.option("--dry-run", is_flag=True, help="Say what would be created; change nothing.")
@click.option("--map", "maps", multiple=True, metavar="COLUMN=FIELD",
              help="Read COLUMN as FIELD (see Fields); COLUMN= leaves the column out. A column "
                   "mapped to notes joins the notes.")
@click.option("--status", "statuses", multiple=True, metavar="WORD=STATUS",
              help='Say what a status means: --status "Not Selected=rejected".')
@click.option("--day-first", is_flag=True, help="Read 03/04/2026 as 3 April.")
@click.pass_obj
def import_csv(app: Session, file: Path, dry_run: bool, maps: tuple[str, ...],
               statuses: tuple[str, ...], day_first: bool) -> None:
    from rich.progress import Progress

    from insidetrack.services.importing import import_sheet
    from insidetrack.services.spreadsheet import Reading, read_sheet, status_words

    how = Reading(status_words(_pairs("status", statuses, "WORD=STATUS", False)), day_first)
    sheet = read_sheet(file, app.zone, _pairs("map", maps, "COLUMN=FIELD", True),
                       today=app.clock().astimezone(app.zone).date(), how=how)
    _say_columns(sheet)
    with Progress(disable=not sys.stdout.isatty() or sheet.size < 1000,
                  transient=True) as bar:
        task = bar.add_task("Importing", total=sheet.size)
        report = import_sheet(app.env(), sheet, dry_run=dry_run,
                              progress=lambda n: bar.advance(task, n))
    for line in report.not_matched:
        click.echo(f"warning: step done not in the new plan, left as planned: {line}", err=True)
    verb = "Would create" if dry_run else "Created"
    done = f", {report.steps_done} step(s) marked done" if report.steps_done else ""
    click.echo(f"{verb} {report.employers} employer(s), {report.openings} opening(s), "
               f"{report.interviews} interview(s) with their follow-up plans, "
               f"{report.contacts} contact(s){done}; {report.already} interview(s) were there "
               f"already.")
    if dry_run:
        click.echo("Nothing was changed (dry run).")


def _say_columns(sheet: Any) -> None:
    """Say how the file is read, before anything is written: columns, dates, warnings."""
    columns = ", ".join(f"{c} -> {f}" for f, found in sheet.columns.items() for c in found)
    click.echo(f"Columns: {columns}")
    if sheet.ignored:
        click.echo("Not imported: " + ", ".join(sheet.ignored) + " (--map COLUMN=FIELD reads one)")
    if sheet.day_first_because:
        click.echo(f"Dates: day first, as {sheet.day_first_because} shows")
    for warning in sheet.warnings:
        click.echo(f"warning: {warning}", err=True)


@import_group.command("json")
@click.argument("file", type=FILE)
@click.pass_obj
def import_json(app: Session, file: Path) -> None:
    """Load an insidetrack JSON export into an empty database."""
    from insidetrack.services.portability import load_export

    counts = load_export(app.env(), file.read_bytes())
    click.echo("Loaded " + ", ".join(f"{n} {table}" for table, n in counts.items() if n) + ".")


@cli.group()
def export() -> None:
    """Write your data out for other programs."""


@export.command("ics")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="The .ics file (default: print it).")
@click.option("--items", type=click.Choice(["todo", "event"]),
              help="To-dos or events for this file (default: the calendar.items setting); "
                   "khal, for one, imports only events.")
@FORCE
@click.pass_obj
def export_ics(app: Session, out: Path | None, items: str | None, force: bool) -> None:
    """Write every pending step as a calendar to-do (or event, by setting or --items)."""
    from insidetrack.services.calendar import export_ics as build

    where = out_target(out, force)
    emit(where, build(app.env(), app.settings.calendar, items))


@export.command("json")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@FORCE
@click.pass_obj
def export_json(app: Session, out: Path | None, force: bool) -> None:
    """Write all your data as JSON (the format is in the README)."""
    from insidetrack.services.portability import dump_json

    where = out_target(out, force)
    emit(where, dump_json(app.env()))


@export.command("csv")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@FORCE
@click.pass_obj
def export_csv(app: Session, out: Path | None, force: bool) -> None:
    """Write your interviews as a spreadsheet that `import csv` reads back.

    It carries every interviewer, the steps done, and the traditionalist and high-tech flags;
    what a spreadsheet cannot carry is counted on stderr (`export json` keeps everything).
    """
    from insidetrack.services.sheet_export import dump_csv

    where = out_target(out, force)
    sheet = dump_csv(app.env())
    emit(where, sheet.data)
    if sheet.left_out:
        click.echo("Not in the CSV (`insidetrack export json` keeps everything):", err=True)
        for line in sheet.left_out:
            click.echo(f"  {line}", err=True)


def _backup_target(file: Path, force: bool) -> None:
    """Check FILE as every written file is; the backup itself replaces it by a rename.

    The backup copies through a temporary file renamed onto FILE, which would turn a
    symbolic link, a pipe or a device into a plain file: those are refused here.
    """
    where = files.target(file, force=force, field="FILE")
    if where.link:
        raise InputError("FILE", f"{file} is a symbolic link; back up to a plain file")
    if not where.regular:
        raise InputError("FILE", f"{file} is not a plain file (a pipe or a device); "
                         "back up to a plain file")


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@FORCE
@click.pass_obj
def backup(app: Session, file: Path, force: bool) -> None:
    """Copy all your data to FILE, safely even while the web app runs."""
    from insidetrack.services.backups import backup as back_up

    _backup_target(file, force)
    try:
        kind = back_up(app.env(), file)
    except OSError as exc:
        raise InputError("FILE", f"cannot write {file}: {exc.strerror or exc}") from exc
    click.echo(f"Backed up {app.database_label()} to {file} ({kind}).")


@cli.command()
@click.argument("file", type=FILE)
@click.pass_obj
def restore(app: Session, file: Path) -> None:
    """Replace your data with a backup's (a backup file or a JSON export)."""
    from insidetrack.services.backups import restore as put_back

    aside = put_back(app.env(), file)
    app.close()
    kept = f" The previous database is kept as {aside}." if aside else ""
    click.echo(f"Restored {app.database_label()} from {file}.{kept}")
