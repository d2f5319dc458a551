"""The trash: every row a delete removed, kept as JSON so that it can come back as it was.

A snapshot is read with `SELECT *` just before the delete, in the same write transaction,
so it holds every column the schema has, original ids included; restoring inserts the rows
again in the order that keeps every reference pointing backwards (`tables.ORDER`).
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

from insidetrack.services.ports import Snapshot, TrashEntry
from insidetrack.storage import convert
from insidetrack.storage.convert import iso
from insidetrack.storage.database import Repository
from insidetrack.storage.tables import ORDER, read_where, write_rows

# The rows hanging on an interview's steps, and on the interview itself, as its delete
# removes them (see `Interviews.delete_interview`).
_STEPS = "SELECT id FROM steps WHERE interview_id = ?"
_OF_INTERVIEW = (
    ("interviews", "id = ?", 1), ("interview_interviewers", "interview_id = ?", 1),
    ("interview_notes", "interview_id = ?", 1), ("steps", "interview_id = ?", 1),
    ("alerts", "interview_id = ?", 1),
    ("touchpoints", f"interview_id = ? OR step_id IN ({_STEPS})", 2),
    ("messages", f"step_id IN ({_STEPS})", 1), ("outbox", f"step_id IN ({_STEPS})", 1),
    ("calendar_pushes", f"step_id IN ({_STEPS})", 1),
)
_OF_OPENING = (
    ("openings", "id = ?"), ("facts", "opening_id = ?"), ("clippings", "opening_id = ?"),
    ("reference_links", "opening_id = ?"), ("touchpoints", "opening_id = ?"),
)
_BYTES = "$base64"  # how a BLOB value is written in the JSON


class Trash(Repository):
    """What was deleted, for a while: snapshots, and putting them back."""

    def interview_rows(self, interview_id: int, opening_id: int | None) -> Snapshot:
        """Return the rows deleting an interview removes (with its opening's, if it goes)."""
        rows: Snapshot = {}
        for table, where, times in _OF_INTERVIEW:
            _add(rows, table, read_where(self.db, table, where, (interview_id,) * times))
        for table, where in _OF_OPENING if opening_id is not None else ():
            _add(rows, table, read_where(self.db, table, where, (opening_id,)))
        return rows

    def reference_rows(self, reference_id: int) -> tuple[Snapshot, Snapshot]:
        """Return a reference's rows and links, and the steps that name them (which change)."""
        rows: Snapshot = {}
        _add(rows, "reference_people", read_where(self.db, "reference_people", "id = ?",
                                                  (reference_id,)))
        _add(rows, "reference_links", read_where(self.db, "reference_links",
                                                 "reference_id = ?", (reference_id,)))
        return rows, {"steps": read_where(self.db, "steps", "reference_id = ?",
                                          (reference_id,))}

    def step_rows(self, interview_ids: list[int]) -> list[dict[str, Any]]:
        """Return every column of the steps of some interviews (what a re-plan may change)."""
        rows: list[dict[str, Any]] = []
        for chunk in (interview_ids[i:i + 500] for i in range(0, len(interview_ids), 500)):
            rows += read_where(self.db, "steps", "interview_id IN ({})".format(
                ", ".join("?" * len(chunk))), tuple(chunk))
        return rows

    def employer_rows(self, employer_id: int) -> Snapshot:
        """Return an employer's row, its people's, and the alerts about those people."""
        people = "SELECT id FROM contacts WHERE employer_id = ?"
        rows: Snapshot = {}
        _add(rows, "employers", read_where(self.db, "employers", "id = ?", (employer_id,)))
        _add(rows, "contacts", read_where(self.db, "contacts", "employer_id = ?",
                                          (employer_id,)))
        _add(rows, "alerts", read_where(self.db, "alerts", f"contact_id IN ({people})",
                                        (employer_id,)))
        return rows

    def contact_rows(self, contact_id: int) -> Snapshot:
        """Return a contact's row and the alerts about them."""
        rows: Snapshot = {}
        _add(rows, "contacts", read_where(self.db, "contacts", "id = ?", (contact_id,)))
        _add(rows, "alerts", read_where(self.db, "alerts", "contact_id = ?", (contact_id,)))
        return rows

    def row_of(self, table: str, row_id: int) -> Snapshot:
        """Return one row of a table by its id (a fact, a clipping)."""
        return {table: read_where(self.db, table, "id = ?", (row_id,))}

    def put(self, at: datetime, what: str, removed: Snapshot, changed: Snapshot,
            left: Snapshot) -> int:
        """Keep the rows a delete removed, and those it changed (before and after it)."""
        kept = {"removed": _to_json(removed), "changed": _to_json(changed),
                "left": _to_json(left)}
        return self._insert("INSERT INTO trash (deleted_at, what, rows) VALUES (?, ?, ?)",
                            (iso(at), what, json.dumps(kept, sort_keys=True)))

    def entries(self, since: datetime) -> list[TrashEntry]:
        """Return what was deleted since a moment, the latest first."""
        found = self.db.execute("SELECT * FROM trash WHERE deleted_at >= ?"
                                " ORDER BY deleted_at DESC, id DESC", (iso(since),))
        return [_entry(r) for r in found]

    def entry(self, trash_id: int) -> TrashEntry:
        return _entry(self._one("SELECT * FROM trash WHERE id = ?", [trash_id],
                                "deleted item"))

    def taken(self, removed: Snapshot) -> list[tuple[str, int]]:
        """Return the (table, id) of the removed rows whose id another row has now."""
        found = []
        for table, kept in removed.items():
            ids = [r["id"] for r in kept if "id" in r and r["id"] is not None]
            for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
                marks = ", ".join("?" * len(chunk))
                found += [(table, int(r[0])) for r in self.db.execute(
                    f"SELECT id FROM {table} WHERE id IN ({marks}) ORDER BY id", chunk)]
        return found

    def bring_back(self, removed: Snapshot, changed: Snapshot, left: Snapshot) -> None:
        """Insert the removed rows again, with their ids, referred-to tables first; then put
        back as they were the changed rows that are still as the delete left them."""
        for table in sorted(removed, key=_place):
            write_rows(self.db, table, removed[table])
        for table, kept in changed.items():
            as_left = {r["id"]: r for r in left.get(table, [])}
            for row in kept:
                now = read_where(self.db, table, "id = ?", (row["id"],))
                if (now[0] if now else None) != as_left.get(row["id"]):
                    continue  # changed since (or another row now): left as it is
                if now:
                    self._update(table, row)
                else:
                    write_rows(self.db, table, [row])

    def _update(self, table: str, row: dict[str, Any]) -> None:
        names = [k for k in row if k != "id"]
        self.db.execute(f"UPDATE {table} SET {', '.join(f'{k} = ?' for k in names)}"
                        " WHERE id = ?", [*(row[k] for k in names), row["id"]])

    def forget(self, trash_id: int) -> None:
        self.db.execute("DELETE FROM trash WHERE id = ?", (trash_id,))

    def empty_before(self, moment: datetime) -> int:
        """Empty what was deleted before a moment; return how many deletions went."""
        return int(self.db.execute("DELETE FROM trash WHERE deleted_at < ?",
                                   (iso(moment),)).rowcount)


def _add(rows: Snapshot, table: str, found: list[dict[str, Any]]) -> None:
    if found:
        rows.setdefault(table, [])
        rows[table] += [r for r in found if r not in rows[table]]


def _place(table: str) -> tuple[int, str]:
    return (ORDER.index(table) if table in ORDER else len(ORDER), table)


def _to_json(rows: Snapshot) -> Snapshot:
    return {t: [{k: {_BYTES: base64.b64encode(v).decode()} if isinstance(v, bytes) else v
                 for k, v in r.items()} for r in kept] for t, kept in rows.items()}


def _from_json(rows: Snapshot) -> Snapshot:
    return {t: [{k: base64.b64decode(v[_BYTES]) if isinstance(v, dict) else v
                 for k, v in r.items()} for r in kept] for t, kept in rows.items()}


def _entry(row: Any) -> TrashEntry:
    kept = json.loads(row["rows"])
    return TrashEntry(int(row["id"]), convert.moment(row["deleted_at"]) or datetime.min,
                      str(row["what"]), _from_json(kept["removed"]), _from_json(kept["changed"]),
                      _from_json(kept["left"]))
