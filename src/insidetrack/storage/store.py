"""The job seeker's records in the database (SQLite or PostgreSQL), as domain objects."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from insidetrack.domain.errors import NotFoundError
from insidetrack.domain.model import (
    Clipping,
    Contact,
    Employer,
    Fact,
    Interview,
    InterviewNotes,
    Opening,
    OpeningStatus,
    Profile,
    Reference,
    ResumeVia,
    Step,
    Touchpoint,
)
from insidetrack.storage import agenda, bulk, convert, tables
from insidetrack.storage.access import Access
from insidetrack.storage.calendar import CalendarState
from insidetrack.storage.convert import STEP_COLUMNS, iso
from insidetrack.storage.database import Database
from insidetrack.storage.inbox import Inbox
from insidetrack.storage.insights import Insights
from insidetrack.storage.outbox import Outbox

NOTE_KINDS = {
    "topic": "topics",
    "emphasis": "emphases",
    "impressed": "impressed",
    "forgot": "forgot",
    "problem": "problems",
    "shared-interest": "shared_interests",
}


@dataclass(frozen=True)
class DueItem:
    """A pending step with what `today` shows beside it."""

    step: Step
    employer: str
    job_title: str


class Store:
    """The database seen as the job seeker's records."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.outbox = Outbox(db)
        self.inbox = Inbox(db)
        self.calendar = CalendarState(db)
        self.insights = Insights(db)
        self.access = Access(db)

    @contextmanager
    def write(self) -> Iterator[None]:
        """Run a block as one transaction: all of it or nothing."""
        with self.db.write():
            yield

    def close(self) -> None:
        self.db.close()

    @property
    def dialect(self) -> str:
        """Return which database holds the records: "sqlite" or "postgresql"."""
        return self.db.dialect

    def backup_file(self, dest: Path) -> None:
        """Copy a SQLite database to a file, consistently, even while others write."""
        from insidetrack.storage.backup import backup_to
        from insidetrack.storage.database import SqliteDatabase

        assert isinstance(self.db, SqliteDatabase), "a server database backs up as JSON"
        backup_to(self.db, dest)

    def restore_file(self, source: Path) -> Path | None:
        """Put a checked SQLite backup in place of this database; return where it went."""
        from insidetrack.storage.backup import restore_from

        self.db.close()
        return restore_from(source, Path(self.db.location))

    def _one(self, sql: str, params: Iterable[object], what: str) -> Any:
        row = self.db.execute(sql, tuple(params)).fetchone()
        if row is None:
            raise NotFoundError(f"no {what} in the database")
        return row

    def _insert(self, sql: str, params: Iterable[object]) -> int:
        return self.db.insert(sql, tuple(params))

    # Profile

    def profile(self) -> Profile | None:
        row = self.db.execute("SELECT * FROM profile WHERE id = 1").fetchone()
        return None if row is None else convert.profile(row)

    def save_profile(self, p: Profile) -> None:
        self.db.execute(
            "INSERT INTO profile (id, name, email, phone, address, field, years, specialty,"
            " over_40) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            " name = excluded.name, email = excluded.email, phone = excluded.phone,"
            " address = excluded.address, field = excluded.field, years = excluded.years,"
            " specialty = excluded.specialty, over_40 = excluded.over_40",
            (p.name, p.email, p.phone, p.address, p.field, p.years, p.specialty, int(p.over_40)),
        )

    # Employers and their people

    def employer_named(self, key: str) -> Employer | None:
        row = self.db.execute("SELECT * FROM employers WHERE name_key = ?", (key,)).fetchone()
        return None if row is None else convert.employer(row)

    def employer(self, employer_id: int) -> Employer:
        sql = "SELECT * FROM employers WHERE id = ?"
        return convert.employer(self._one(sql, [employer_id], f"employer with id {employer_id}"))

    def employers(self) -> list[Employer]:
        rows = self.db.execute("SELECT * FROM employers ORDER BY name_key, id")
        return [convert.employer(r) for r in rows]

    def add_employer(self, e: Employer, key: str) -> Employer:
        new_id = self._insert(
            "INSERT INTO employers (name, name_key, address, phone, fax, traditionalist,"
            " high_tech) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (e.name, key, e.address, e.phone, e.fax, int(e.traditionalist), int(e.high_tech)),
        )
        return self.employer(new_id)

    def update_employer(self, e: Employer) -> None:
        self.db.execute(
            "UPDATE employers SET address = ?, phone = ?, fax = ?, traditionalist = ?,"
            " high_tech = ? WHERE id = ?",
            (e.address, e.phone, e.fax, int(e.traditionalist), int(e.high_tech), e.id),
        )

    def opening_ids_of_employer(self, employer_id: int) -> list[int]:
        rows = self.db.execute("SELECT id FROM openings WHERE employer_id = ?", (employer_id,))
        return [r[0] for r in rows]

    def contacts(self, employer_id: int | None = None) -> list[Contact]:
        sql, params = "SELECT * FROM contacts", tuple[object, ...]()
        if employer_id is not None:
            sql, params = sql + " WHERE employer_id = ?", (employer_id,)
        return [convert.contact(r) for r in self.db.execute(sql + " ORDER BY id", params)]

    def add_contact(self, c: Contact) -> Contact:
        new_id = self._insert(
            "INSERT INTO contacts (employer_id, name, role, email, phone) VALUES (?, ?, ?, ?, ?)",
            (c.employer_id, c.name, c.role.value, c.email, c.phone),
        )
        return Contact(new_id, c.employer_id, c.name, c.role, c.email, c.phone)

    def update_contact_email(self, contact_id: int, email: str) -> None:
        self.db.execute("UPDATE contacts SET email = ? WHERE id = ?", (email, contact_id))

    # Openings

    def openings(self) -> list[Opening]:
        return [convert.opening(r) for r in self.db.execute("SELECT * FROM openings ORDER BY id")]

    def interview_starts(self) -> set[tuple[int, str]]:
        """Return (opening, start as stored) of every interview, to recognise one again."""
        return {(r[0], r[1]) for r in self.db.execute("SELECT opening_id, starts_at FROM interviews")}

    def next_ids(self) -> dict[str, int]:
        """Return the next free id of each table that takes new rows in bulk."""
        return bulk.next_ids(self.db)

    def insert_rows(self, table: str, rows: list[tuple[object, ...]]) -> None:
        """Insert many rows at once, with ids chosen inside the write transaction."""
        bulk.insert(self.db, table, rows)

    def opening(self, opening_id: int) -> Opening:
        sql = "SELECT * FROM openings WHERE id = ?"
        return convert.opening(self._one(sql, [opening_id], f"opening with id {opening_id}"))

    def opening_for(self, employer_id: int, job_title: str) -> Opening | None:
        row = self.db.execute(
            "SELECT * FROM openings WHERE employer_id = ? AND job_title = ? ORDER BY id DESC",
            (employer_id, job_title),
        ).fetchone()
        return None if row is None else convert.opening(row)

    def add_opening(
        self, employer_id: int, job_title: str, department: str,
        resume_via: ResumeVia | None, requested_electronic: bool,
    ) -> Opening:
        new_id = self._insert(
            "INSERT INTO openings (employer_id, job_title, department, resume_via,"
            " requested_electronic, status) VALUES (?, ?, ?, ?, ?, ?)",
            (employer_id, job_title, department, resume_via.value if resume_via else None,
             int(requested_electronic), OpeningStatus.INTERVIEWING.value),
        )
        return self.opening(new_id)

    def update_opening(self, o: Opening) -> None:
        self.db.execute(
            "UPDATE openings SET department = ?, resume_via = ?, requested_electronic = ?,"
            " status = ? WHERE id = ?",
            (o.department, o.resume_via.value if o.resume_via else None,
             int(o.requested_electronic), o.status.value, o.id),
        )

    # Interviews

    def add_interview(self, i: Interview) -> int:
        new_id = self._insert(
            "INSERT INTO interviews (opening_id, starts_at, duration_minutes, round, urgent,"
            " dialogue, expected_decision) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (i.opening_id, iso(i.start), i.duration_minutes, i.round, int(i.urgent),
             int(i.dialogue), i.expected_decision.isoformat() if i.expected_decision else None),
        )
        self.db.executemany(
            "INSERT INTO interview_interviewers (interview_id, contact_id, position)"
            " VALUES (?, ?, ?)",
            [(new_id, c.id, pos) for pos, c in enumerate(i.interviewers)],
        )
        self.add_notes(new_id, i.notes)
        return new_id

    def update_interview(self, i: Interview) -> None:
        self.db.execute(
            "UPDATE interviews SET starts_at = ?, duration_minutes = ?, expected_decision = ?"
            " WHERE id = ?",
            (iso(i.start), i.duration_minutes,
             i.expected_decision.isoformat() if i.expected_decision else None, i.id),
        )

    def interview(self, interview_id: int) -> Interview:
        row = self._one(
            "SELECT * FROM interviews WHERE id = ?", [interview_id],
            f"interview with id {interview_id}",
        )
        return self._interview(row)

    def _interview(self, row: Any) -> Interview:
        people = self.db.execute(
            "SELECT c.* FROM contacts c JOIN interview_interviewers ii ON ii.contact_id = c.id"
            " WHERE ii.interview_id = ? ORDER BY ii.position", (row["id"],),
        )
        notes: dict[str, list[str]] = {attr: [] for attr in NOTE_KINDS.values()}
        for note in self.db.execute(
            "SELECT kind, text FROM interview_notes WHERE interview_id = ? ORDER BY id",
            (row["id"],),
        ):
            notes[NOTE_KINDS[note["kind"]]].append(note["text"])
        return Interview(
            id=row["id"], opening_id=row["opening_id"], start=convert.must_moment(row["starts_at"]),
            duration_minutes=row["duration_minutes"], round=row["round"],
            interviewers=tuple(convert.contact(p) for p in people),
            notes=InterviewNotes(**{k: tuple(v) for k, v in notes.items()}),
            urgent=bool(row["urgent"]), dialogue=bool(row["dialogue"]),
            expected_decision=convert.day(row["expected_decision"]),
        )

    def interviews_of_opening(self, opening_id: int) -> list[Interview]:
        rows = self.db.execute(
            "SELECT * FROM interviews WHERE opening_id = ? ORDER BY starts_at, id", (opening_id,)
        )
        return [self._interview(r) for r in rows.fetchall()]

    def interview_rows(self, limit: int = -1, offset: int = 0) -> list[dict[str, Any]]:
        """Return interviews (a page of them, by start) with employer, job and next step."""
        page, params = ("", ()) if limit < 0 else (" LIMIT ? OFFSET ?", (limit, offset))
        rows = self.db.execute(
            "SELECT i.id, i.starts_at, i.round, e.name AS employer, o.job_title, o.status"
            " FROM interviews i JOIN openings o ON o.id = i.opening_id"
            " JOIN employers e ON e.id = o.employer_id ORDER BY i.starts_at, i.id" + page, params,
        ).fetchall()
        pending = self._pending(None if limit < 0 else [r["id"] for r in rows])
        return [{**dict(r), "next_due": pending.get(r["id"], (None, 0))[0],
                 "pending": pending.get(r["id"], (None, 0))[1]} for r in rows]

    def _pending(self, interview_ids: list[int] | None) -> dict[int, tuple[str, int]]:
        """Return interview -> (next due, count) of pending steps."""
        if interview_ids is None:  # all of them: one range of the covering agenda index
            found = self.db.execute(
                "SELECT interview_id, due FROM steps WHERE status = 'pending' AND due >= ''")
        else:
            marks = ", ".join("?" * len(interview_ids))
            found = self.db.execute(
                f"SELECT interview_id, due FROM steps WHERE interview_id IN ({marks})"
                " AND status = 'pending'", interview_ids)
        pending: dict[int, tuple[str, int]] = {}
        for interview_id, due in found:
            first, count = pending.get(interview_id, (due, 0))
            pending[interview_id] = (min(first, due), count + 1)
        return pending

    def count_interviews(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM interviews").fetchone()[0])

    def interview_ids(self) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM interviews ORDER BY id")]

    # References

    def add_reference(self, r: Reference) -> Reference:
        new_id = self._insert(
            "INSERT INTO reference_people (name, phone, email, relationship) VALUES (?, ?, ?, ?)",
            (r.name, r.phone, r.email, r.relationship),
        )
        return self.reference(new_id)

    def reference(self, reference_id: int) -> Reference:
        sql = "SELECT * FROM reference_people WHERE id = ?"
        return convert.reference(self._one(sql, [reference_id], f"reference with id {reference_id}"))

    def references(self) -> list[Reference]:
        rows = self.db.execute("SELECT * FROM reference_people ORDER BY id")
        return [convert.reference(r) for r in rows]

    def references_of_opening(self, opening_id: int) -> list[Reference]:
        rows = self.db.execute(
            "SELECT r.* FROM reference_people r JOIN reference_links l ON l.reference_id = r.id"
            " WHERE l.opening_id = ? ORDER BY r.id", (opening_id,),
        )
        return [convert.reference(r) for r in rows]

    def link_reference(self, reference_id: int, opening_id: int) -> bool:
        cur = self.db.execute(
            "INSERT INTO reference_links (reference_id, opening_id) VALUES (?, ?)"
            " ON CONFLICT DO NOTHING",
            (reference_id, opening_id),
        )
        return bool(cur.rowcount == 1)

    def mark_reference_prepared(self, reference_id: int, at: datetime) -> None:
        self.db.execute(
            "UPDATE reference_people SET last_prepared = ? WHERE id = ?", (iso(at), reference_id)
        )

    # Touchpoints and banks

    def add_touchpoint(self, t: Touchpoint) -> int:
        return self._insert(
            "INSERT INTO touchpoints (opening_id, interview_id, step_id, kind, channel, outcome,"
            " at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (t.opening_id, t.interview_id, t.step_id, t.kind.value,
             t.channel.value if t.channel else None, t.outcome, iso(t.at), t.note),
        )

    def touchpoints_of_opening(self, opening_id: int) -> list[Touchpoint]:
        rows = self.db.execute(
            "SELECT * FROM touchpoints WHERE opening_id = ? ORDER BY at, id", (opening_id,)
        )
        return [convert.touchpoint(r) for r in rows]

    def add_fact(self, opening_id: int, text: str) -> int:
        sql = "INSERT INTO facts (opening_id, text) VALUES (?, ?)"
        return self._insert(sql, (opening_id, text))

    def facts(self, opening_id: int) -> list[Fact]:
        rows = self.db.execute("SELECT * FROM facts WHERE opening_id = ? ORDER BY id", (opening_id,))
        return [convert.fact(r) for r in rows]

    def add_clipping(self, opening_id: int, title: str, url: str) -> int:
        sql = "INSERT INTO clippings (opening_id, title, url) VALUES (?, ?, ?)"
        return self._insert(sql, (opening_id, title, url))

    def clippings(self, opening_id: int) -> list[Clipping]:
        rows = self.db.execute(
            "SELECT * FROM clippings WHERE opening_id = ? ORDER BY id", (opening_id,)
        )
        return [convert.clipping(r) for r in rows]

    def mark_fact_used(self, fact_id: int, at: datetime) -> None:
        self.db.execute("UPDATE facts SET used_at = ? WHERE id = ?", (iso(at), fact_id))

    def mark_clipping_used(self, clipping_id: int, at: datetime) -> None:
        self.db.execute("UPDATE clippings SET used_at = ? WHERE id = ?", (iso(at), clipping_id))

    def add_message(self, step_id: int, message_id: str, recipient: str, subject: str,
                    at: datetime) -> None:
        self.db.execute(
            "INSERT INTO messages (step_id, message_id, recipient, subject, created_at)"
            " VALUES (?, ?, ?, ?, ?)", (step_id, message_id, recipient, subject, iso(at)),
        )

    def message_ids(self, step_id: int) -> list[str]:
        rows = self.db.execute(
            "SELECT message_id FROM messages WHERE step_id = ? ORDER BY id", (step_id,)
        )
        return [r[0] for r in rows]

    def contact(self, contact_id: int) -> Contact:
        sql = "SELECT * FROM contacts WHERE id = ?"
        return convert.contact(self._one(sql, [contact_id], f"contact with id {contact_id}"))

    def update_contact(self, c: Contact) -> None:
        self.db.execute(
            "UPDATE contacts SET name = ?, role = ?, email = ?, phone = ? WHERE id = ?",
            (c.name, c.role.value, c.email, c.phone, c.id),
        )

    def add_notes(self, interview_id: int, notes: InterviewNotes) -> None:
        self.db.executemany(
            "INSERT INTO interview_notes (interview_id, kind, text) VALUES (?, ?, ?)",
            [(interview_id, kind, text) for kind, attr in NOTE_KINDS.items()
             for text in getattr(notes, attr)],
        )

    # Steps

    def steps_of_interview(self, interview_id: int) -> list[Step]:
        rows = self.db.execute(
            "SELECT * FROM steps WHERE interview_id = ? ORDER BY due, id", (interview_id,)
        )
        return [convert.step(r) for r in rows]

    def step(self, step_id: int) -> Step:
        row = self._one("SELECT * FROM steps WHERE id = ?", [step_id], f"step with id {step_id}")
        return convert.step(row)

    def add_steps(self, steps: Iterable[Step]) -> None:
        self.db.executemany(
            f"INSERT INTO steps ({STEP_COLUMNS}) VALUES ({', '.join('?' * 14)})",
            [convert.step_values(s) for s in steps],
        )

    def update_steps(self, steps: Iterable[Step]) -> None:
        columns = ", ".join(f"{c.strip()} = ?" for c in STEP_COLUMNS.split(","))
        self.db.executemany(
            f"UPDATE steps SET {columns}, revision = revision + 1 WHERE id = ?",
            [(*convert.step_values(s), s.id) for s in steps],
        )

    def due_items(
        self, before: datetime, since: datetime | None = None, limit: int = -1
    ) -> list[DueItem]:
        """Return pending steps due in [since, before), with employer and job."""
        rows = agenda.due_rows(self.db, before, since, full=True, limit=limit)
        return [DueItem(convert.step(r), r["employer"], r["job_title"]) for r in rows]

    def count_due(self, before: datetime) -> int:
        return agenda.count_due(self.db, before)

    def agenda_json(self, day: date, tz: tzinfo) -> dict[str, Any]:
        """Return the `today --json` document for a local day."""
        return agenda.agenda_json(self.db, day, tz)

    def alerts(self, day: date, tz: tzinfo) -> list[Any]:
        """Return replies of the last week and addresses still bouncing, as of a local day."""
        return agenda.alert_rows(self.db, day, tz)

    # Every table, for export, import and backup

    def table_names(self) -> list[str]:
        return tables.table_names(self.db)

    def rows_of(self, table: str) -> list[dict[str, Any]]:
        return tables.read_rows(self.db, table)

    def put_rows(self, table: str, rows: list[dict[str, Any]]) -> None:
        tables.write_rows(self.db, table, rows)

    def clear_tables(self, names: list[str]) -> None:
        tables.clear(self.db, names)

    def spreadsheet_rows(self) -> list[Any]:
        return tables.spreadsheet_rows(self.db)

    def is_empty(self) -> bool:
        return int(self.db.execute("SELECT COUNT(*) FROM interviews").fetchone()[0]) == 0

