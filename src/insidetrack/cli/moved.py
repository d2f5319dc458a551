"""Print what a fix moved in the plan: steps back or added, dropped, re-dated."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

import click

from insidetrack.cli.output import human_time
from insidetrack.compose.describe import describe_step
from insidetrack.services.moves import Fixed, Moved
from insidetrack.services.ports import DueItem
from insidetrack.views import stamp, step_json


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


def _item_json(item: DueItem, tz: tzinfo) -> dict[str, Any]:
    return {**step_json(item.step, tz), "employer": item.employer, "job_title": item.job_title}


def moved_json(moved: Moved, tz: tzinfo) -> dict[str, Any]:
    """Return what moved as JSON: added, dropped and re-dated steps (with `was`)."""
    return {
        "added": [_item_json(i, tz) for i in moved.added],
        "dropped": [_item_json(i, tz) for i in moved.dropped],
        "redated": [{**_item_json(r.item, tz), "was": stamp(r.was, tz)} for r in moved.redated],
    }


def fixed_json(fixed: Fixed, tz: tzinfo, **about: Any) -> dict[str, Any]:
    """Return a fix as JSON: what it was about, the step (if any), and what moved."""
    step = None if fixed.step is None else step_json(fixed.step, tz)
    return {**about, "step": step, "moved": moved_json(fixed.moved, tz)}
