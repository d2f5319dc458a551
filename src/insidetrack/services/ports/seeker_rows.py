"""The port of one job seeker's rows of a center's database, for their export."""

from __future__ import annotations

from typing import Any, Protocol


class SeekerRowsPort(Protocol):
    """One job seeker's own rows, in the shape a single-user database holds them."""

    def names(self) -> list[str]:
        """Return the seeker's tables a single-user database has too, in reference order."""

    def rows_of(self, table: str, seeker_id: int) -> list[dict[str, Any]]:
        """Return one seeker's rows of a table, without the column that names them."""
