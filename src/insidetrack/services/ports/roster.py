"""The port of a career center's roster (storage/roster.py): its people, cohorts and coaches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

ROLES = ("seeker", "coach", "admin")


@dataclass(frozen=True)
class Person:
    """One of the center's people, with their cohorts and, for a job seeker, their coaches
    (for a coach, the job seekers they coach); e-mail addresses sorted."""

    id: int
    email: str
    name: str
    role: str  # one of ROLES
    cohorts: tuple[str, ...] = ()
    coaches: tuple[str, ...] = ()
    seekers: tuple[str, ...] = ()
    disabled: bool = False  # turned off: cannot sign in (storage/disabling.py)


@dataclass(frozen=True)
class Cohort:
    """A cohort: how many are in it, and the coaches of its job seekers (e-mail addresses)."""

    id: int
    name: str
    members: int
    coaches: tuple[str, ...]


class RosterPort(Protocol):
    """The center's people, cohorts and coaches; written by the center's owner."""

    def is_center(self) -> bool:
        """Tell whether this database is a career center's (with its roster tables)."""

    def add_person(self, email: str, name: str, role: str) -> int:
        """Add a coach or an administrator (a job seeker: CenterPort.add_seeker)."""

    def everyone(self) -> list[Person]:
        """Return the center's people, by e-mail address."""

    def people_page(self, search: str, offset: int, size: int) -> tuple[int, list[Person]]:
        """Return how many people's name, e-mail or cohort holds `search`, and one page of
        them by e-mail."""

    def cohorts(self) -> list[Cohort]:
        """Return the cohorts, by name."""

    def assign(self, seeker_id: int, coach_id: int | None) -> None:
        """Give a job seeker one coach (None: none), instead of any other."""

    def add_seekers(self, people: list[tuple[str, str]]) -> dict[str, int]:
        """Add job seekers (e-mail, name), each with the rows a seeker starts with; return
        their ids by e-mail (casefolded)."""

    def add_cohorts(self, names: list[str]) -> dict[str, int]:
        """Make cohorts; return their ids by name (casefolded)."""

    def rename_all(self, names: list[tuple[int, str]]) -> None:
        """Rename people (id, name)."""

    def place_all(self, places: list[tuple[int, int | None]]) -> None:
        """Put each person (id, cohort id) in one cohort (None: none), out of any other."""

    def assign_all(self, coaches: list[tuple[int, int | None]]) -> None:
        """Give each job seeker (id, coach id) one coach (None: none), instead of any other."""
