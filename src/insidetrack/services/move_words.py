"""Say in words what a change moved in the plan, the same way on the command line and the web."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from insidetrack.compose.describe import describe_step
from insidetrack.services.moves import Move, Moved

When = Callable[[datetime | None], str]
HEADER = "The plan changed:"


def describe_move(move: Move, when: When) -> str:
    """Say how one step moved: 'Thank-you e-mail to Raj Patel (step 9, Acme): added, due ...'."""
    what = f"{describe_step(move.step)} (step {move.step.id}, {move.item.employer})"
    if move.change == "added":
        return f"{what}: added, due {when(move.after)}"
    if move.change == "dropped":
        return f"{what}: dropped (was due {when(move.before)})"
    if move.change == "readdressed":
        return f"{what}: was to {move.was_to or 'the interviewer'}"
    return f"{what}: {when(move.before)} -> {when(move.after)}"


def moved_lines(moved: Moved, when: When) -> list[str]:
    """Say each step that moved under one heading, or nothing when none did."""
    return [HEADER, *(describe_move(m, when) for m in moved.moves)] if moved else []
