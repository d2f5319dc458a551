"""Where a command's output goes: standard output, or a file checked before any work."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from insidetrack import files

FORCE = click.option("--force", is_flag=True, help="Replace the file if it already exists.")


def out_target(out: Path | None, force: bool, field: str = "--out") -> files.Target | None:
    """Check the file to write before any work is done; None means standard output."""
    return None if out is None else files.target(out, force=force, field=field)


def emit(where: files.Target | None, data: bytes) -> None:
    """Print the bytes, or write them to the checked file and say so on stderr."""
    if where is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    files.write(where, data)
    click.echo(f"Wrote {where.path}", err=True)
