"""Every way out and back in: a lossless JSON export, and a spreadsheet (CSV) export."""

from __future__ import annotations

import base64
import csv
import io
import json
import sqlite3
from typing import Any

from insidetrack.domain.errors import ConflictError, InputError
from insidetrack.services.context import Env
from insidetrack.storage import SCHEMA_VERSION
from insidetrack.storage.db import write

FORMAT = "insidetrack-export"
# Tables in an order that keeps every reference pointing backwards.
TABLES = (
    "meta", "profile", "employers", "contacts", "openings", "interviews",
    "interview_interviewers", "interview_notes", "reference_people", "reference_links",
    "steps", "touchpoints", "facts", "clippings", "messages", "outbox", "calendar_pushes",
    "imap_folders", "alerts",
)
BYTES = "$base64"


def _value(value: Any) -> Any:
    if isinstance(value, bytes):
        return {BYTES: base64.b64encode(value).decode("ascii")}
    return value


def _unvalue(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {BYTES}:
        return base64.b64decode(value[BYTES])
    return value


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def dump_json(env: Env) -> bytes:
    """Return every row of every table, in a documented, stable JSON document."""
    conn = env.store.conn
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        columns = _columns(conn, table)
        rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {columns[0]}, "
                            f"{columns[1] if len(columns) > 1 else columns[0]}")
        tables[table] = [{c: _value(v) for c, v in zip(columns, row, strict=True)} for row in rows]
    doc = {"format": FORMAT, "schema": SCHEMA_VERSION, "tables": tables}
    return (json.dumps(doc, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _read_doc(data: bytes) -> dict[str, list[dict[str, Any]]]:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError("FILE", f"not an insidetrack export: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InputError("FILE", "not an insidetrack export (no \"format\": \"insidetrack-export\")")
    if doc.get("schema") != SCHEMA_VERSION:
        raise InputError("FILE", f"made by a database of schema {doc.get('schema')}; this "
                         f"insidetrack reads schema {SCHEMA_VERSION}")
    tables = doc.get("tables")
    if not isinstance(tables, dict) or set(tables) - set(TABLES):
        raise InputError("FILE", "the export's tables are not insidetrack's")
    return tables


def load_export(env: Env, data: bytes) -> dict[str, int]:
    """Load an export into an empty database, keeping every id: all of it or nothing."""
    tables = _read_doc(data)
    conn = env.store.conn
    if not env.store.is_empty() or env.store.employers() or env.store.profile():
        raise ConflictError("the database is not empty; load an export into a new one "
                            "(insidetrack --db NEW.db import json FILE)")
    counts = {}
    try:
        with write(conn):
            for table in TABLES:
                rows = tables.get(table, [])
                columns = _columns(conn, table)
                if table == "meta":
                    conn.execute("DELETE FROM meta")
                for row in rows:
                    if not isinstance(row, dict) or set(row) - set(columns):
                        raise InputError("FILE", f"a row of {table} has columns insidetrack "
                                         "does not know")
                    names = list(row)
                    conn.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES "
                                 f"({', '.join('?' * len(names))})",
                                 [_unvalue(row[n]) for n in names])
                counts[table] = len(rows)
    except sqlite3.Error as exc:
        raise InputError("FILE", f"the export does not hold together: {exc}") from exc
    return counts


CSV_COLUMNS = ("Company", "Position", "Date applied", "Interview date", "Contact", "Email",
               "Status", "Notes")


def dump_csv(env: Env) -> bytes:
    """Return one row per interview (and per opening without one), as `import csv` reads."""
    rows = env.store.conn.execute(
        "SELECT e.name, o.job_title, o.applied_on, i.starts_at, c.name, c.email, o.status,"
        " o.notes FROM openings o JOIN employers e ON e.id = o.employer_id"
        " LEFT JOIN interviews i ON i.opening_id = o.id"
        " LEFT JOIN interview_interviewers ii ON ii.interview_id = i.id AND ii.position = 0"
        " LEFT JOIN contacts c ON c.id = ii.contact_id ORDER BY o.id, i.starts_at"
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for company, job, applied, start, contact, email, status, notes in rows:
        writer.writerow([company, job, _local(env, applied), _local(env, start), contact or "",
                         email or "", status, notes or ""])
    return out.getvalue().encode("utf-8")


def _local(env: Env, stamp: str | None) -> str:
    if not stamp:
        return ""
    from datetime import datetime

    return datetime.fromisoformat(stamp).astimezone(env.tz).strftime("%Y-%m-%d %H:%M")
