"""One job seeker's rows of a center's database, in the shape a single-user database holds.

A center's tables are a single-user database's tables with a `seeker_id`, plus the
center's own. A seeker's export (services/seeker_export.py) reads only their rows of the
tables a single-user database has too, without `seeker_id`, so that `import json` loads
it into a laptop's database as if it had always been there.
"""

from __future__ import annotations

from typing import Any

from insidetrack.storage.database import Repository
from insidetrack.storage.org import SHARED
from insidetrack.storage.tables import read_where, table_names

OWNER = "seeker_id"
# A seeker's rows whose meaning is the center's, left out of their export:
# grants to the center's coaches and the log of their looks (the coaches are not on the
# laptop); API tokens for the center's server; and where the server's own mail account
# and calendar were synchronised to (the laptop reads the student's own account afresh).
CENTER_ONLY = frozenset({"grants", "audit", "api_tokens", "imap_folders", "calendar_pushes"})
# The center's plan settings a seeker was started from (storage/new_seekers.py):
# on a laptop the plan settings are the settings file's (`insidetrack config`).
CENTER_META = "plan."
# A password sealed with the server's key (services/seeker_accounts.py): no use elsewhere,
# and it does not leave the server.
SEALED = "%.password_sealed"


class SeekerRows(Repository):
    """One job seeker's own rows, for their export."""

    def names(self) -> list[str]:
        """Return the seeker's tables a single-user database has too, in reference order."""
        return [t for t in table_names(self.db)
                if t not in SHARED and t not in CENTER_ONLY and OWNER in self.db.columns(t)]

    def rows_of(self, table: str, seeker_id: int) -> list[dict[str, Any]]:
        """Return one seeker's rows of a table, without the column that names them."""
        where = f"{OWNER} = ?"
        if table == "meta":
            where += f" AND key NOT LIKE '{CENTER_META}%' AND key NOT LIKE '{SEALED}'"
        rows = read_where(self.db, table, where, (seeker_id,))
        return [{c: v for c, v in row.items() if c != OWNER} for row in rows]
