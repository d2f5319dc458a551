"""Whose rows these are, in a career center's database: the application's own check.

The first wall of career-center mode (docs/career-center.md), independent of row-level
security: before a route runs, each id a request names is looked up here, and only the
signed-in job seeker's rows let it through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from insidetrack.domain.errors import StorageError
from insidetrack.storage.database import Repository

_NAME = re.compile(r"[a-z_][a-z0-9_]*")


class Owners(Repository):
    """The job seeker each row of a center's tables belongs to."""

    def owners(self, table: str, ids: Iterable[int]) -> dict[int, int]:
        """Return the seeker of each row of `table` with one of `ids`; a missing row is absent."""
        wanted = sorted(set(ids))
        if not _NAME.fullmatch(table):
            raise StorageError(f"{table!r} is not a table name")
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        rows = self.db.execute(f"SELECT id, seeker_id FROM {table} WHERE id IN ({marks})",
                               wanted).fetchall()
        return {int(row[0]): int(row[1]) for row in rows}
