"""The port of the application's ownership check (storage/owners.py): a center's database."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class OwnersPort(Protocol):
    """Whose rows these are."""

    def owners(self, table: str, ids: Iterable[int]) -> dict[int, int]:
        """Return the seeker of each row of `table` with one of `ids`; a missing row is absent."""
