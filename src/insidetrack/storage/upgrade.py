"""An export made by an older insidetrack, brought to this schema by the migrations themselves.

The rows are loaded into a scratch SQLite database at the export's schema, every later
migration runs on them as it would on that user's own database, and the rows come out as
this schema holds them. No second copy of what the migrations do is kept anywhere.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from insidetrack.storage.db import connect, migrate
from insidetrack.storage.tables import clear, read_rows, table_names, write_rows

Rows = dict[str, list[dict[str, Any]]]


def upgraded(tables: Rows, schema: int) -> Rows:
    """Return an export's rows, made at `schema`, as the current schema holds them."""
    with tempfile.TemporaryDirectory(prefix="insidetrack-upgrade-") as folder:
        db = connect(Path(folder) / "export.db", upgrade=False)
        try:
            migrate(db, up_to=schema)
            names = table_names(db)
            if set(tables) - set(names):
                raise ValueError(f"it names tables that schema {schema} did not have")
            with db.write():
                clear(db, [t for t in names if t == "meta"])  # the export brings its own
                for table in names:
                    write_rows(db, table, tables.get(table, []))
            migrate(db)
            return {table: read_rows(db, table) for table in table_names(db)}
        finally:
            db.close()
