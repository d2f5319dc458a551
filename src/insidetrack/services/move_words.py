"""Say in words how a step moved when a change re-planned the campaign (CLI and web)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from insidetrack.compose.describe import describe_step
from insidetrack.services.interview_edits import StepMove

When = Callable[[datetime | None], str]


def describe_move(move: StepMove, when: When) -> str:
    """Say how one step moved: 'Thank-you e-mail to Raj Patel (step 9): added, due Fri ...'."""
    what = f"{describe_step(move.step)} (step {move.step.id})"
    if move.change == "added":
        return f"{what}: added, due {when(move.after)}"
    if move.change == "dropped":
        return f"{what}: dropped (was due {when(move.before)})"
    if move.change == "readdressed":
        return f"{what}: was to {move.was_to or 'the interviewer'}"
    return f"{what}: {when(move.before)} -> {when(move.after)}"
