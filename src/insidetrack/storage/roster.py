"""A career center's roster: its people, cohorts and who coaches whom (PostgreSQL only).

The tables are the center's, not any one seeker's (storage/org.py `_roster` makes them):
the owner writes them; the app's role only reads them.
"""

from __future__ import annotations

from insidetrack.domain.errors import ConflictError
from insidetrack.services.ports.roster import Cohort, Person
from insidetrack.storage.database import Repository
from insidetrack.storage.org import PEOPLE, ROSTER

# A person's cohorts, coaches and (for a coach) job seekers, each an array sorted.
_PEOPLE = f"""
SELECT p.id, p.email, p.name, p.role,
  ARRAY(SELECT c.name FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
        WHERE m.person_id = p.id ORDER BY c.name),
  ARRAY(SELECT k.email FROM coach_seekers s JOIN {PEOPLE} k ON k.id = s.coach_id
        WHERE s.seeker_id = p.id ORDER BY k.email),
  ARRAY(SELECT k.email FROM coach_seekers s JOIN {PEOPLE} k ON k.id = s.seeker_id
        WHERE s.coach_id = p.id ORDER BY k.email)
FROM {PEOPLE} p ORDER BY p.email, p.id"""

_COHORTS = f"""
SELECT c.id, c.name,
  (SELECT COUNT(*) FROM cohort_members m WHERE m.cohort_id = c.id),
  ARRAY(SELECT DISTINCT k.email FROM cohort_members m
        JOIN coach_seekers s ON s.seeker_id = m.person_id
        JOIN {PEOPLE} k ON k.id = s.coach_id
        WHERE m.cohort_id = c.id ORDER BY k.email)
FROM cohorts c ORDER BY c.name, c.id"""


class Roster(Repository):
    """The center's people, cohorts and coaches."""

    def is_center(self) -> bool:
        if self.db.dialect != "postgresql":
            return False
        found = self.db.execute("SELECT " + " AND ".join(
            f"to_regclass('{t}') IS NOT NULL" for t in ROSTER)).fetchone()
        return bool(found[0])

    def add_person(self, email: str, name: str, role: str) -> int:
        with self.db.write():
            if self.db.execute(f"SELECT 1 FROM {PEOPLE} WHERE lower(email) = lower(?)",
                               (email,)).fetchone():
                raise ConflictError(f"{email} is already one of the center's people")
            return self.db.insert(f"INSERT INTO {PEOPLE} (email, name, role) VALUES (?, ?, ?)",
                                  (email, name, role))

    def everyone(self) -> list[Person]:
        return [Person(r[0], r[1], r[2], r[3], tuple(r[4]), tuple(r[5]), tuple(r[6]))
                for r in self.db.execute(_PEOPLE)]

    def cohorts(self) -> list[Cohort]:
        return [Cohort(r[0], r[1], int(r[2]), tuple(r[3])) for r in self.db.execute(_COHORTS)]

    def add_cohort(self, name: str) -> int:
        return self.db.insert("INSERT INTO cohorts (name) VALUES (?)", (name,))

    def rename(self, person_id: int, name: str) -> None:
        self.db.execute(f"UPDATE {PEOPLE} SET name = ? WHERE id = ?", (name, person_id))

    def place(self, person_id: int, cohort_id: int | None) -> None:
        with self.db.write():
            self.db.execute("DELETE FROM cohort_members WHERE person_id = ?", (person_id,))
            if cohort_id is not None:
                self.db.execute("INSERT INTO cohort_members (cohort_id, person_id)"
                                " VALUES (?, ?)", (cohort_id, person_id))

    def assign(self, seeker_id: int, coach_id: int | None) -> None:
        with self.db.write():
            self.db.execute("DELETE FROM coach_seekers WHERE seeker_id = ?", (seeker_id,))
            if coach_id is not None:
                self.db.execute("INSERT INTO coach_seekers (coach_id, seeker_id) VALUES (?, ?)",
                                (coach_id, seeker_id))
