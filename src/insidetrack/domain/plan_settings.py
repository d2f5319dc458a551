"""The planner's defaults, kept apart so settings load without the planner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time


@dataclass(frozen=True)
class PlanSettings:
    """The planner's defaults; each one is a user setting."""

    thank_you_hours: int = 24
    reference_brief_hours: int = 24
    first_follow_up_days: int = 7
    second_follow_up_gap_days: int = 10
    later_follow_up_gap_days: int = 14
    max_letters: int = 6
    clipping_from_letter: int = 4
    first_call_days: int = 14
    call_gap_days: int = 30
    max_calls: int = 3
    voicemail_after_attempts: int = 3
    reply_wait_days: int = 7
    workday_start: time = time(9, 0)


@dataclass(frozen=True)
class WebSettings:
    """The web app's settings."""

    # More host names or addresses the web app answers to in LAN mode, comma-separated.
    allowed_hosts: str = ""
