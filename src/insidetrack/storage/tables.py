"""Every table's rows, read and written as plain values: for export, import and backup."""

from __future__ import annotations

from typing import Any

from insidetrack.storage.database import Database, Repository

# Tables in an order that keeps every reference pointing backwards. A table the schema
# gains and this list lacks is still exported, after these (see `table_names`).
ORDER = (
    "meta", "profile", "employers", "contacts", "openings", "interviews",
    "interview_interviewers", "interview_notes", "reference_people", "reference_links",
    "steps", "touchpoints", "facts", "clippings", "messages", "outbox", "calendar_pushes",
    "imap_folders", "alerts", "api_tokens",
)
# The schema's own record, who is logged in right now, wrong passwords, and the stamp the
# subscribed calendar reads to notice a rename (migration 0017): not the user's data.
INTERNAL = {"schema_migrations", "web_sessions", "login_tries", "calendar_stamp"}


def table_names(db: Database) -> list[str]:
    """Return the user's tables as the schema has them, in reference order."""
    found = set(db.tables()) - INTERNAL
    return [t for t in ORDER if t in found] + sorted(found - set(ORDER))


def read_rows(db: Database, table: str) -> list[dict[str, Any]]:
    """Return a table's rows in a stable order (by its first columns)."""
    columns = db.columns(table)
    order = ", ".join(columns[:2])
    rows = db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
    return [dict(zip(columns, (_plain(v) for v in row), strict=True)) for row in rows]


def read_where(db: Database, table: str, where: str,
               params: tuple[object, ...]) -> list[dict[str, Any]]:
    """Return every column of the rows of a table a condition picks, by their first columns."""
    columns = db.columns(table)
    order = ", ".join(columns[:2])
    rows = db.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE {where} ORDER BY {order}",
                      params)
    return [dict(zip(columns, (_plain(v) for v in row), strict=True)) for row in rows]


def _plain(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def write_rows(db: Database, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows that name their columns; ids are kept as they are."""
    columns = set(db.columns(table))
    groups: dict[tuple[str, ...], list[list[Any]]] = {}  # rows that name the same columns
    for row in rows:
        if set(row) - columns:
            raise ValueError(f"a row of {table} has columns insidetrack does not know")
        groups.setdefault(tuple(row), []).append(list(row.values()))
    for names, values in groups.items():
        db.copy(table, names, values)
    if "id" in columns and table != "meta":
        db.ids_taken([table])


def clear(db: Database, tables: list[str]) -> None:
    """Delete every row of these tables, the referring ones first."""
    for table in reversed(tables):
        db.execute(f"DELETE FROM {table}")


class Tables(Repository):
    """Every table's rows, for export, import and backup."""

    def names(self) -> list[str]:
        return table_names(self.db)

    def rows_of(self, table: str) -> list[dict[str, Any]]:
        return read_rows(self.db, table)

    def put_rows(self, table: str, rows: list[dict[str, Any]]) -> None:
        write_rows(self.db, table, rows)

    def clear(self, names: list[str]) -> None:
        clear(self.db, names)

    def loaded(self, names: list[str]) -> None:
        self.db.loaded(names)

    def upgraded(self, tables: dict[str, list[dict[str, Any]]],
                 schema: int) -> dict[str, list[dict[str, Any]]]:
        from insidetrack.storage.upgrade import upgraded

        return upgraded(tables, schema)

    def settle(self, names: list[str]) -> None:
        self.db.settle(names)
