"""The port of turning a career center's people off and back on (storage/disabling.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class DisablingPort(Protocol):
    """Who may sign in at all."""

    def disable(self, person_id: int, at: datetime) -> bool:
        """Turn a person off: sessions ended, sign-in links spent, a job seeker's API tokens
        revoked; False when they were off already."""

    def enable(self, person_id: int) -> bool:
        """Turn a person back on; False when they were not off."""


class ErasurePort(Protocol):
    """Deleting a job seeker and everything of theirs."""

    def erase_seeker(self, seeker_id: int) -> dict[str, int]:
        """Delete a seeker's rows of every table, then the seeker; return the rows deleted
        by table."""
