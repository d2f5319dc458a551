"""Every way out and back in: a lossless JSON export (the CSV export is sheet_export)."""

from __future__ import annotations

import base64
import json
from typing import Any

from insidetrack.domain.errors import ConflictError, InputError, InsidetrackError, StorageError
from insidetrack.services.context import Env
from insidetrack.storage import SCHEMA_VERSION

FORMAT = "insidetrack-export"
BYTES = "$base64"


def _value(value: Any) -> Any:
    if isinstance(value, bytes):
        return {BYTES: base64.b64encode(value).decode("ascii")}
    return value


def _unvalue(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {BYTES}:
        return base64.b64decode(value[BYTES])
    return value


def dump_json(env: Env) -> bytes:
    """Return every row of every table, in a documented, stable JSON document."""
    return document({table: env.store.tables.rows_of(table) for table in env.store.tables.names()})


def document(rows: dict[str, list[dict[str, Any]]]) -> bytes:
    """Return tables' rows as an export: a documented, stable JSON document."""
    tables = {table: [{c: _value(v) for c, v in row.items()} for row in found]
              for table, found in rows.items()}
    doc = {"format": FORMAT, "schema": SCHEMA_VERSION, "tables": tables}
    return (json.dumps(doc, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _read_doc(data: bytes, known: list[str]) -> tuple[int, dict[str, list[dict[str, Any]]]]:
    """Return an export's schema and tables, checked for shape."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError("file", f"not an insidetrack export: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InputError("file", "not an insidetrack export (no \"format\": \"insidetrack-export\")")
    schema = doc.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise InputError("file", f"not an insidetrack export (schema {schema!r})")
    if schema > SCHEMA_VERSION:
        raise InputError("file", f"made by a newer insidetrack (schema {schema}; this one "
                         f"reads up to {SCHEMA_VERSION}): upgrade insidetrack first")
    tables = doc.get("tables")
    if not isinstance(tables, dict) or set(tables) - set(known):
        raise InputError("file", "the export's tables are not insidetrack's")
    for table, rows in tables.items():
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise InputError("file", f"the rows of {table} are not a list of objects")
    return schema, tables


def load_export(env: Env, data: bytes, *, replace: bool = False) -> dict[str, int]:
    """Load an export, keeping every id: all of it or nothing.

    Into an empty database; or, with `replace` (a restore), in place of what it holds.
    """
    names = env.store.tables.names()
    schema, found = _read_doc(data, names)
    tables = {t: [{k: _unvalue(v) for k, v in row.items()} for row in rows]
              for t, rows in found.items()}
    people = env.store.people
    if not replace and (not env.store.interviews.is_empty() or people.employers() or people.profile()):
        raise ConflictError("the database is not empty; load an export into a new one "
                            "(insidetrack --db NEW.db import json FILE)")
    counts = {}
    try:
        with env.store.write():
            env.store.tables.clear(names if replace else ["meta"])
            if schema < SCHEMA_VERSION:  # an older insidetrack's: its rows as ours hold them
                tables = env.store.tables.upgraded(tables, schema)
            for table in names:
                rows = tables.get(table, [])
                env.store.tables.put_rows(table, rows)
                counts[table] = len(rows)
            env.store.tables.loaded(names)
    except (ValueError, ConflictError, StorageError) as exc:
        message = exc.message if isinstance(exc, InsidetrackError) else str(exc)
        raise InputError("file", f"the export does not hold together: {message}") from exc
    env.store.tables.settle(names)
    return counts
