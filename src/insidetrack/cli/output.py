"""Print results: stable JSON for scripts, rich tables for people."""

from __future__ import annotations

import json
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date, datetime, tzinfo
    from typing import Any

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from insidetrack.domain.model import Step


def emit_json(data: Any, *, keys_sorted: bool = False) -> None:
    """Print JSON with sorted keys, never coloured; indented for a person at a terminal.

    `keys_sorted` says the data's keys are already in order (a large agenda
    prints faster without sorting them again).
    """
    indent = 2 if sys.stdout.isatty() else None
    text = json.dumps(data, sort_keys=not keys_sorted, indent=indent, ensure_ascii=False)
    sys.stdout.write(text + "\n")


def console() -> Console:
    """Return a console for people; rich honours NO_COLOR by itself.

    Markup is off: what is printed is shown as it is, styles come from `plain`.
    """
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, markup=False)


def plain(*parts: str | tuple[str, str]) -> Text:
    """Return text for Rich from pieces, each a string or (string, style); never markup.

    Names and notes are typed by the user: "Peter Gibbons [/contractor]" must show
    as typed, not be read as a Rich tag.
    """
    from rich.text import Text

    return Text.assemble(*parts)


def add_row(table: Table, *cells: str | Text) -> None:
    """Add a row of cells to a table, strings shown as they are, never as markup."""
    table.add_row(*(plain(c) if isinstance(c, str) else c for c in cells))


def human_time(moment: datetime | None, tz: tzinfo) -> str:
    return "" if moment is None else moment.astimezone(tz).strftime("%a %d %b %Y %H:%M")


def human_day(day: date | None) -> str:
    return "" if day is None else day.strftime("%a %d %b %Y")


def steps_table(steps: list[Step], tz: tzinfo, title: str) -> Any:
    from rich.table import Table

    from insidetrack.compose.describe import describe_step

    table = Table(title=title, title_justify="left")
    for column in ("Step", "Due", "What to do", "Channel", "Status"):
        table.add_column(column)
    for s in steps:
        status = s.status.value + (f" {human_time(s.done_at, tz)}" if s.done_at else "")
        add_row(table, str(s.id), human_time(s.due, tz), describe_step(s), s.channel.value, status)
    return table
