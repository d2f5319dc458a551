"""Openings and their interviews, notes, touchpoints, fact and clipping banks, messages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from insidetrack.domain.model import (
    Clipping,
    ClippingKind,
    Contact,
    Fact,
    Interview,
    InterviewNotes,
    Opening,
    OpeningStatus,
    Reference,
    ResumeVia,
    Touchpoint,
)
from insidetrack.domain.parse import name_key
from insidetrack.services.ports import Imported
from insidetrack.storage import bulk, convert
from insidetrack.storage.convert import iso
from insidetrack.storage.database import Repository

NOTE_KINDS = {
    "topic": "topics",
    "emphasis": "emphases",
    "impressed": "impressed",
    "forgot": "forgot",
    "problem": "problems",
    "shared-interest": "shared_interests",
}


class Interviews(Repository):
    """Openings and their interviews, notes, touchpoints, fact and clipping banks, messages."""


    def opening_ids_of_employer(self, employer_id: int) -> list[int]:
        rows = self.db.execute("SELECT id FROM openings WHERE employer_id = ?", (employer_id,))
        return [r[0] for r in rows]

    def openings(self) -> list[Opening]:
        return [convert.opening(r) for r in self.db.execute("SELECT * FROM openings ORDER BY id")]

    def interview_starts(self) -> set[tuple[int, datetime]]:
        """Return (opening, start) of every interview, to recognise one again."""
        rows = self.db.execute("SELECT opening_id, starts_at FROM interviews")
        return {(r[0], datetime.fromisoformat(r[1])) for r in rows}

    def next_ids(self) -> dict[str, int]:
        """Return the next free id of each table that takes new rows in bulk."""
        return bulk.next_ids(self.db)

    def add_imported(self, new: Imported) -> None:
        """Insert an import's new records at once, with the ids the import chose."""
        bulk.insert(self.db, "employers",
                    [(e.id, e.name, name_key(e.name), int(e.traditionalist), int(e.high_tech))
                     for e in new.employers])
        bulk.insert(self.db, "contacts", [(c.id, c.employer_id, c.name, c.role.value, c.email,
                                           c.title) for c in new.contacts])
        bulk.insert(self.db, "openings", [(o.id, o.employer_id, o.job_title, o.status.value,
                                           iso(applied), notes, link, salary)
                                          for o, applied, notes, link, salary in new.openings])
        bulk.insert(self.db, "interviews", [(i.id, i.opening_id, iso(i.start), i.duration_minutes,
                                             i.round) for i in new.interviews])
        bulk.insert(self.db, "interview_interviewers", [
            (i.id, c.id, n) for i in new.interviews for n, c in enumerate(i.interviewers)])
        bulk.insert(self.db, "touchpoints", [
            (t.opening_id, t.interview_id, t.kind.value, t.channel.value if t.channel else None,
             t.outcome, iso(t.at), t.note)
            for t in new.touchpoints])

    def opening(self, opening_id: int) -> Opening:
        sql = "SELECT * FROM openings WHERE id = ?"
        return convert.opening(self._one(sql, [opening_id], "application"))

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
            "UPDATE openings SET job_title = ?, department = ?, resume_via = ?,"
            " requested_electronic = ?, status = ? WHERE id = ?",
            (o.job_title, o.department, o.resume_via.value if o.resume_via else None,
             int(o.requested_electronic), o.status.value, o.id),
        )

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

    def set_interviewers(self, interview_id: int, people: tuple[Contact, ...]) -> None:
        """Make these contacts, in this order, the interview's interviewers."""
        self.db.execute("DELETE FROM interview_interviewers WHERE interview_id = ?", (interview_id,))
        self.db.executemany(
            "INSERT INTO interview_interviewers (interview_id, contact_id, position)"
            " VALUES (?, ?, ?)",
            [(interview_id, c.id, pos) for pos, c in enumerate(people)],
        )

    def delete_interview(self, interview_id: int) -> None:
        """Delete an interview and all that hangs on it: steps, notes, messages, history."""
        steps = "SELECT id FROM steps WHERE interview_id = ?"
        for table in ("calendar_pushes", "outbox", "messages"):
            self.db.execute(f"DELETE FROM {table} WHERE step_id IN ({steps})", (interview_id,))
        self.db.execute(f"DELETE FROM touchpoints WHERE interview_id = ? OR step_id IN ({steps})",
                        (interview_id, interview_id))
        for table in ("alerts", "steps", "interview_notes", "interview_interviewers"):
            self.db.execute(f"DELETE FROM {table} WHERE interview_id = ?", (interview_id,))
        self.db.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))

    def delete_opening(self, opening_id: int) -> None:
        """Delete an opening left with no interview, with its banks, links and history."""
        for table in ("facts", "clippings", "reference_links", "touchpoints"):
            self.db.execute(f"DELETE FROM {table} WHERE opening_id = ?", (opening_id,))
        self.db.execute("DELETE FROM openings WHERE id = ?", (opening_id,))

    def interview(self, interview_id: int) -> Interview:
        row = self._one(
            "SELECT * FROM interviews WHERE id = ?", [interview_id],
            "interview",
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

    def interview_rows(self, limit: int = -1, offset: int = 0, status: str | None = None,
                       archived: bool | None = None) -> list[dict[str, Any]]:
        """Return interviews (a page of them, by start) with employer, job and next step;
        only those at one stage (`status`), or archived or not, when asked."""
        where, params = _stage(status, archived)
        page = "" if limit < 0 else " LIMIT ? OFFSET ?"
        rows = self.db.execute(
            "SELECT i.id, i.starts_at, i.round, e.name AS employer, o.job_title, o.status,"
            " CASE WHEN o.archived_at IS NULL THEN 0 ELSE 1 END AS archived"
            " FROM interviews i JOIN openings o ON o.id = i.opening_id"
            f" JOIN employers e ON e.id = o.employer_id{where} ORDER BY i.starts_at, i.id{page}",
            params + (() if limit < 0 else (limit, offset)),
        ).fetchall()
        whole = limit < 0 and status is None and archived is None
        pending = self._pending(None if whole else [r["id"] for r in rows])
        return [{**dict(r), "next_due": pending.get(r["id"], (None, 0))[0],
                 "pending": pending.get(r["id"], (None, 0))[1]} for r in rows]

    def _pending(self, interview_ids: list[int] | None) -> dict[int, tuple[str, int]]:
        """Return interview -> (next due, count) of pending steps."""
        if interview_ids == []:  # PostgreSQL, unlike SQLite, reads `IN ()` as a syntax error
            return {}
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

    def count_by_stage(self, archived: bool) -> dict[str, int]:
        """Return how many interviews each stage holds (archived ones, or the others)."""
        where, params = _stage(None, archived)
        return {r[0]: int(r[1]) for r in self.db.execute(
            "SELECT o.status, COUNT(*) FROM interviews i JOIN openings o ON o.id = i.opening_id"
            f"{where} GROUP BY o.status", params)}

    def interview_ids(self) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM interviews ORDER BY id")]

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

    def offers(self) -> list[tuple[int, datetime]]:
        rows = self.db.execute(
            "SELECT opening_id, at FROM touchpoints WHERE kind = 'decision' AND outcome = 'offer'"
            " ORDER BY at, id"
        )
        return [(r["opening_id"], convert.must_moment(r["at"])) for r in rows]

    def add_fact(self, opening_id: int, text: str) -> int:
        sql = "INSERT INTO facts (opening_id, text) VALUES (?, ?)"
        return self._insert(sql, (opening_id, text))

    def facts(self, opening_id: int) -> list[Fact]:
        rows = self.db.execute("SELECT * FROM facts WHERE opening_id = ? ORDER BY id", (opening_id,))
        return [convert.fact(r) for r in rows]

    def add_clipping(self, opening_id: int, title: str, url: str,
                     kind: ClippingKind = ClippingKind.ARTICLE) -> int:
        sql = "INSERT INTO clippings (opening_id, title, url, kind) VALUES (?, ?, ?, ?)"
        return self._insert(sql, (opening_id, title, url, kind.value))

    def clippings(self, opening_id: int) -> list[Clipping]:
        rows = self.db.execute(
            "SELECT * FROM clippings WHERE opening_id = ? ORDER BY id", (opening_id,)
        )
        return [convert.clipping(r) for r in rows]

    def mark_fact_used(self, fact_id: int, at: datetime) -> None:
        self.db.execute("UPDATE facts SET used_at = ? WHERE id = ?", (iso(at), fact_id))

    def mark_clipping_used(self, clipping_id: int, at: datetime) -> None:
        self.db.execute("UPDATE clippings SET used_at = ? WHERE id = ?", (iso(at), clipping_id))

    def unlink_reference(self, reference_id: int, opening_id: int) -> bool:
        cur = self.db.execute(
            "DELETE FROM reference_links WHERE reference_id = ? AND opening_id = ?",
            (reference_id, opening_id),
        )
        return bool(cur.rowcount == 1)

    def delete_touchpoint(self, touchpoint_id: int) -> None:
        self.db.execute("DELETE FROM touchpoints WHERE id = ?", (touchpoint_id,))

    def fact(self, fact_id: int) -> Fact:
        row = self._one("SELECT * FROM facts WHERE id = ?", [fact_id], "fact")
        return convert.fact(row)

    def edit_fact(self, fact_id: int, text: str) -> None:
        self.db.execute("UPDATE facts SET text = ? WHERE id = ?", (text, fact_id))

    def edit_clipping(self, c: Clipping) -> None:
        self.db.execute("UPDATE clippings SET title = ?, url = ?, kind = ? WHERE id = ?",
                        (c.title, c.url, c.kind.value, c.id))

    def delete_fact(self, fact_id: int) -> None:
        self.db.execute("DELETE FROM facts WHERE id = ?", (fact_id,))

    def free_fact(self, fact_id: int) -> None:
        self.db.execute("UPDATE facts SET used_at = NULL WHERE id = ?", (fact_id,))

    def clipping(self, clipping_id: int) -> Clipping:
        row = self._one("SELECT * FROM clippings WHERE id = ?", [clipping_id],
                        "clipping")
        return convert.clipping(row)

    def delete_clipping(self, clipping_id: int) -> None:
        self.db.execute("DELETE FROM clippings WHERE id = ?", (clipping_id,))

    def free_clipping(self, clipping_id: int) -> None:
        self.db.execute("UPDATE clippings SET used_at = NULL WHERE id = ?", (clipping_id,))

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

    def add_notes(self, interview_id: int, notes: InterviewNotes) -> None:
        self.db.executemany(
            "INSERT INTO interview_notes (interview_id, kind, text) VALUES (?, ?, ?)",
            [(interview_id, kind, text) for kind, attr in NOTE_KINDS.items()
             for text in getattr(notes, attr)],
        )

    def is_empty(self) -> bool:
        return int(self.db.execute("SELECT COUNT(*) FROM interviews").fetchone()[0]) == 0


def _stage(status: str | None, archived: bool | None) -> tuple[str, tuple[object, ...]]:
    """Return the WHERE clause (and its values) for one stage, and archived or not."""
    terms, params = [], []
    if status is not None:
        terms.append("o.status = ?")
        params.append(status)
    if archived is not None:
        terms.append("o.archived_at IS NOT NULL" if archived else "o.archived_at IS NULL")
    return (" WHERE " + " AND ".join(terms) if terms else ""), tuple(params)
