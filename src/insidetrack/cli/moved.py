"""Print what a change moved in the plan, in the words of `services.move_words`.

Its JSON is in `insidetrack.fix_views`, shared with the API.
"""

from __future__ import annotations

from datetime import tzinfo

import click

from insidetrack.cli.output import human_time
from insidetrack.fix_views import fixed_json, moved_json
from insidetrack.services.move_words import describe_move
from insidetrack.services.moves import Moved


def print_moved(moved: Moved, tz: tzinfo, unchanged: str = "The plan is otherwise unchanged.") -> None:
    """Print one line per step that moved, or say (`unchanged`) that nothing did."""
    if not moved:
        click.echo(unchanged)
        return
    click.echo("The plan changed:")
    for move in moved.moves:
        click.echo("  " + describe_move(move, lambda at: human_time(at, tz)))


__all__ = ["fixed_json", "moved_json", "print_moved"]
