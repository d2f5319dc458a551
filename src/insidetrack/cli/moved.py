"""Print what a fix moved in the plan: steps back or added, dropped, re-dated.

Its JSON is in `insidetrack.fix_views`, shared with the API.
"""

from __future__ import annotations

from datetime import tzinfo

import click

from insidetrack.cli.output import human_time
from insidetrack.compose.describe import describe_step
from insidetrack.fix_views import fixed_json, moved_json
from insidetrack.services.moves import Moved
from insidetrack.services.ports import DueItem


def _line(label: str, item: DueItem, when: str) -> str:
    return (f"  {label:<9} step {item.step.id}  {when}  {describe_step(item.step)} "
            f"({item.employer})")


def print_moved(moved: Moved, tz: tzinfo) -> None:
    """Print one line per step that moved, or say that nothing did."""
    if not moved:
        click.echo("The plan is otherwise unchanged.")
        return
    click.echo("Re-planned:")
    for item in moved.added:
        click.echo(_line("added", item, f"due {human_time(item.step.due, tz)}"))
    for item in moved.dropped:
        click.echo(_line("dropped", item, f"was due {human_time(item.step.due, tz)}"))
    for r in moved.redated:
        click.echo(_line("re-dated", r.item, f"{human_time(r.was, tz)} -> "
                                             f"{human_time(r.item.step.due, tz)}"))


__all__ = ["fixed_json", "moved_json", "print_moved"]
