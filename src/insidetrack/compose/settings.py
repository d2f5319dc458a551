"""How drafts are laid out; each value is a user setting."""

from __future__ import annotations

from dataclasses import dataclass

PAPERS = ("letter", "a4")


@dataclass(frozen=True)
class DraftSettings:
    # Playbook: "Limit the message's width to three quarters of the screen" (of 80 columns).
    line_width: int = 60
    paper: str = "letter"
