"""Career-center mode: `org export`, one job seeker's data as a single-user JSON export."""

from __future__ import annotations

import re
from pathlib import Path

import click

from insidetrack import files
from insidetrack.cli.commands.org import org
from insidetrack.cli.writing import FORCE, emit
from insidetrack.session import Session


@org.command("export")
@click.option("--seeker", required=True, metavar="EMAIL", help="Whose data: their e-mail.")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@FORCE
@click.pass_obj
def export(app: Session, seeker: str, file: Path | None, force: bool) -> None:
    """Write one job seeker's data to FILE as `export json` would on their own computer
    (default: insidetrack-export-EMAIL-DATE.json here; - prints it); `insidetrack --db
    NEW.db import json FILE` loads it."""
    from insidetrack.services.seeker_export import export_seeker

    today = app.clock().astimezone(app.zone).date().isoformat()
    plain = re.sub(r"[^\w.-]+", "-", seeker.strip())
    path = file or Path(f"insidetrack-export-{plain}-{today}.json")
    where = None if str(path) == "-" else files.target(path, force=force, field="FILE")
    done = export_seeker(app.env(), seeker)
    if where is None:
        emit(None, done.data)
        return
    files.write(where, done.data)
    rows = ", ".join(f"{n} {table}" for table, n in done.counts.items() if n) or "no rows"
    click.echo(f"Wrote {done.seeker.name} <{done.seeker.email}>'s data to {path} ({rows}).\n"
               f"On their own computer: insidetrack --db NEW.db import json {path}")
