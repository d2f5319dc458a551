"""The job seeker, the employers, their people, and the references."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from insidetrack.domain.model import (
    Contact,
    Employer,
    Profile,
    Reference,
)
from insidetrack.storage import convert
from insidetrack.storage.convert import iso
from insidetrack.storage.database import Repository


class People(Repository):
    """The job seeker, the employers, their people, and the references."""


    def profile(self) -> Profile | None:
        row = self.db.execute("SELECT * FROM profile WHERE id = 1").fetchone()
        return None if row is None else convert.profile(row)

    def save_profile(self, p: Profile) -> None:
        self.db.execute(
            "INSERT INTO profile (id, name, email, phone, address, field, years, specialty,"
            " over_40) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)"
            f" ON CONFLICT ({self.db.unique('id')}) DO UPDATE SET"
            " name = excluded.name, email = excluded.email, phone = excluded.phone,"
            " address = excluded.address, field = excluded.field, years = excluded.years,"
            " specialty = excluded.specialty, over_40 = excluded.over_40",
            (p.name, p.email, p.phone, p.address, p.field, p.years, p.specialty, int(p.over_40)),
        )

    def employer_named(self, key: str) -> Employer | None:
        row = self.db.execute("SELECT * FROM employers WHERE name_key = ?", (key,)).fetchone()
        return None if row is None else convert.employer(row)

    def employer_in_use(self, employer_id: int) -> bool:
        sql = "SELECT 1 FROM openings WHERE employer_id = ? LIMIT 1"
        return self.db.execute(sql, (employer_id,)).fetchone() is not None

    def contact_in_use(self, contact_id: int) -> bool:
        sql = ("SELECT 1 FROM interview_interviewers WHERE contact_id = ?"
               " UNION ALL SELECT 1 FROM steps WHERE contact_id = ? LIMIT 1")
        return self.db.execute(sql, (contact_id, contact_id)).fetchone() is not None

    def delete_contact(self, contact_id: int) -> None:
        self.db.execute("DELETE FROM alerts WHERE contact_id = ?", (contact_id,))
        self.db.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))

    def delete_employer(self, employer_id: int) -> None:
        people = "SELECT id FROM contacts WHERE employer_id = ?"
        self.db.execute(f"DELETE FROM alerts WHERE contact_id IN ({people})", (employer_id,))
        self.db.execute("DELETE FROM contacts WHERE employer_id = ?", (employer_id,))
        self.db.execute("DELETE FROM employers WHERE id = ?", (employer_id,))

    def employer(self, employer_id: int) -> Employer:
        sql = "SELECT * FROM employers WHERE id = ?"
        return convert.employer(self._one(sql, [employer_id], "employer"))

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

    def contacts(self, employer_id: int | None = None) -> list[Contact]:
        sql, params = "SELECT * FROM contacts", tuple[object, ...]()
        if employer_id is not None:
            sql, params = sql + " WHERE employer_id = ?", (employer_id,)
        return [convert.contact(r) for r in self.db.execute(sql + " ORDER BY id", params)]

    def add_contact(self, c: Contact) -> Contact:
        new_id = self._insert(
            "INSERT INTO contacts (employer_id, name, role, email, phone, title, salutation)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (c.employer_id, c.name, c.role.value, c.email, c.phone, c.title, c.salutation),
        )
        return replace(c, id=new_id)

    def update_contact_email(self, contact_id: int, email: str) -> None:
        self.db.execute("UPDATE contacts SET email = ? WHERE id = ?", (email, contact_id))

    def add_reference(self, r: Reference) -> Reference:
        new_id = self._insert(
            "INSERT INTO reference_people (name, phone, email, relationship) VALUES (?, ?, ?, ?)",
            (r.name, r.phone, r.email, r.relationship),
        )
        return self.reference(new_id)

    def reference(self, reference_id: int) -> Reference:
        sql = "SELECT * FROM reference_people WHERE id = ?"
        return convert.reference(self._one(sql, [reference_id], "reference"))

    def references(self) -> list[Reference]:
        rows = self.db.execute("SELECT * FROM reference_people ORDER BY id")
        return [convert.reference(r) for r in rows]

    def mark_reference_prepared(self, reference_id: int, at: datetime) -> None:
        self.db.execute(
            "UPDATE reference_people SET last_prepared = ? WHERE id = ?", (iso(at), reference_id)
        )

    def set_reference_prepared(self, reference_id: int, at: datetime | None) -> None:
        self.db.execute(
            "UPDATE reference_people SET last_prepared = ? WHERE id = ?",
            (None if at is None else iso(at), reference_id),
        )

    def contact(self, contact_id: int) -> Contact:
        sql = "SELECT * FROM contacts WHERE id = ?"
        return convert.contact(self._one(sql, [contact_id], "contact"))

    def update_contact(self, c: Contact) -> None:
        self.db.execute(
            "UPDATE contacts SET name = ?, role = ?, email = ?, phone = ?, title = ?,"
            " salutation = ? WHERE id = ?",
            (c.name, c.role.value, c.email, c.phone, c.title, c.salutation, c.id),
        )

    def openings_of_reference(self, reference_id: int) -> list[int]:
        rows = self.db.execute("SELECT opening_id FROM reference_links WHERE reference_id = ?"
                               " ORDER BY opening_id", (reference_id,))
        return [r[0] for r in rows]

    def update_reference(self, r: Reference) -> None:
        self.db.execute("UPDATE reference_people SET name = ?, phone = ?, email = ?,"
                        " relationship = ? WHERE id = ?",
                        (r.name, r.phone, r.email, r.relationship, r.id))

    def delete_reference(self, reference_id: int) -> None:
        """Delete a reference and its links; steps done with them keep no name of theirs."""
        self.db.execute("UPDATE steps SET reference_id = NULL WHERE reference_id = ?",
                        (reference_id,))
        self.db.execute("DELETE FROM reference_links WHERE reference_id = ?", (reference_id,))
        self.db.execute("DELETE FROM reference_people WHERE id = ?", (reference_id,))
