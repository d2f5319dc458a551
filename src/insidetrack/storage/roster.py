"""A career center's roster: its people, cohorts and who coaches whom (PostgreSQL only).

The tables are the center's, not any one seeker's (storage/org.py `_roster` makes them):
the owner writes them; the app's role only reads them.
"""

from __future__ import annotations

from typing import Any

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
        WHERE s.coach_id = p.id ORDER BY k.email),
  p.disabled_at IS NOT NULL
FROM {PEOPLE} p"""
_ORDER = " ORDER BY p.email, p.id"
# One page of the people whose name, e-mail or cohort holds the words searched for.
_MATCHING = """
WHERE p.name ILIKE ? OR p.email ILIKE ?
  OR EXISTS (SELECT 1 FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
             WHERE m.person_id = p.id AND c.name ILIKE ?)"""

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
        return [_person(r) for r in self.db.execute(_PEOPLE + _ORDER)]

    def people_page(self, search: str, offset: int, size: int) -> tuple[int, list[Person]]:
        """Return how many people match a search (their name, e-mail or cohort), and one
        page of them by e-mail."""
        like = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        matching = self.db.execute(f"SELECT COUNT(*) FROM {PEOPLE} p" + _MATCHING,
                                   (like,) * 3).fetchone()[0]
        rows = self.db.execute(_PEOPLE + _MATCHING + _ORDER + " LIMIT ? OFFSET ?",
                               (*(like,) * 3, size, offset))
        return int(matching), [_person(r) for r in rows]

    def cohorts(self) -> list[Cohort]:
        return [Cohort(r[0], r[1], int(r[2]), tuple(r[3])) for r in self.db.execute(_COHORTS)]

    def assign(self, seeker_id: int, coach_id: int | None) -> None:
        with self.db.write():
            self.db.execute("DELETE FROM coach_seekers WHERE seeker_id = ?", (seeker_id,))
            if coach_id is not None:
                self.db.execute("INSERT INTO coach_seekers (coach_id, seeker_id) VALUES (?, ?)",
                                (coach_id, seeker_id))

    def add_seekers(self, people: list[tuple[str, str]]) -> dict[str, int]:
        """Add job seekers (e-mail, name) with their first rows; return ids by e-mail."""
        from insidetrack.storage.new_seekers import add_seekers

        with self.db.write():
            return add_seekers(self.db, people)

    def add_cohorts(self, names: list[str]) -> dict[str, int]:
        if not names:
            return {}
        rows = self.db.execute("INSERT INTO cohorts (name) SELECT unnest(?::text[])"
                               " RETURNING id, name", (names,)).fetchall()
        return {str(r[1]).casefold(): int(r[0]) for r in rows}

    def rename_all(self, names: list[tuple[int, str]]) -> None:
        if names:
            self.db.execute(f"UPDATE {PEOPLE} p SET name = t.n FROM unnest(?::bigint[],"
                            " ?::text[]) AS t(i, n) WHERE p.id = t.i",
                            ([i for i, _ in names], [n for _, n in names]))

    def place_all(self, places: list[tuple[int, int | None]]) -> None:
        self._pair_all("cohort_members", "person_id", "cohort_id", places)

    def assign_all(self, coaches: list[tuple[int, int | None]]) -> None:
        self._pair_all("coach_seekers", "seeker_id", "coach_id", coaches)

    def _pair_all(self, table: str, person: str, other: str,
                  pairs: list[tuple[int, int | None]]) -> None:
        """Give each person their one row of a table (None: none), instead of any other."""
        if not pairs:
            return
        people, others = [p for p, _ in pairs], [o for _, o in pairs]
        with self.db.write():
            self.db.execute(f"DELETE FROM {table} WHERE {person} = ANY(?::bigint[])", (people,))
            self.db.execute(f"INSERT INTO {table} ({person}, {other}) SELECT p, o FROM"
                            " unnest(?::bigint[], ?::bigint[]) AS t(p, o) WHERE o IS NOT NULL",
                            (people, others))


def _person(r: Any) -> Person:
    return Person(r[0], r[1], r[2], r[3], tuple(r[4]), tuple(r[5]), tuple(r[6]),
                  bool(r[7]))
