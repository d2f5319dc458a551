"""A career center's roster: its students imported from a CSV file, its people and cohorts.

The roster is what the center's student system exports: one student a row, with the
columns email, name, cohort and coach. It is imported all or nothing, and again as often as
it changes: a student already there is updated, never added twice.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from insidetrack.domain import parse
from insidetrack.domain.errors import InputError, NotFoundError
from insidetrack.domain.trackers import key
from insidetrack.services.center import require_center
from insidetrack.services.context import Env
from insidetrack.services.ports.roster import ROLES, Cohort, Person
from insidetrack.services.sheet_source import Opener, delimiter_of, read_whole, records

COLUMNS = ("email", "name", "cohort", "coach")
REQUIRED = ("email", "name")
SHOWN_PROBLEMS = 20
_ROLE_WORDS = {"seeker": "a job seeker", "coach": "a coach", "admin": "an administrator"}


@dataclass(frozen=True)
class Student:
    """One row of a roster. A cohort or coach of None: the file has no such column, so it is
    left as it is; "": the cell is empty, so the student has none."""

    row: int
    email: str
    name: str
    cohort: str | None
    coach: str | None


@dataclass
class RosterReport:
    """What an import did: students added, updated and unchanged, and cohorts made."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    new_cohorts: list[str] = field(default_factory=list)


@dataclass
class _Reading:
    students: list[Student] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


def import_roster(env: Env, source: bytes | Path) -> RosterReport:
    """Add or update every student of a roster file, or, when any row is bad, name every bad
    row and change nothing."""
    require_center(env)
    reading = read_whole(source, _read)
    if not reading.students and not reading.problems:
        raise InputError("file", "the file lists no students: a header row (email, name, "
                         "cohort, coach), then one student a row")
    with env.store.write():
        people = {p.email.casefold(): p for p in env.store.roster.everyone()}
        _refuse(reading.problems + _misfits(reading.students, people))
        return _apply(env, reading.students, people)


def _read(source: Opener) -> _Reading:
    """Read every row of the file (to its end, as read_whole asks)."""
    with source() as text:
        delimiter = delimiter_of(text.read(4096))
    reading = _Reading()
    with source() as text:
        reader = csv.DictReader(text, delimiter=delimiter)
        columns = _columns([h for h in reader.fieldnames or [] if h is not None])
        for row, record in records(reader):
            _read_row(reading, row, {f: record.get(c) or "" for f, c in columns.items()})
    return reading


def _columns(header: list[str]) -> dict[str, str]:
    """Find the roster's columns, whatever their case or order; other columns are ignored."""
    if not any(h.strip() for h in header):
        raise InputError("file", "the file is empty: a roster has a header row (email, name, "
                         "cohort, coach), then one student a row")
    found: dict[str, str] = {}
    for name in header:
        known = key(name).replace(" ", "")
        if known in COLUMNS and known not in found:
            found[known] = name
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        shown = ", ".join(repr(h) for h in header[:8]) or "none"
        raise InputError("file", f"the file has no {' or '.join(missing)} column (its columns: "
                         f"{shown}); a roster has the columns email, name, cohort, coach")
    return found


def _read_row(reading: _Reading, row: int, cells: dict[str, str]) -> None:
    """Add a row's student to the reading, or what is wrong with it to its problems."""
    problems = []
    for name in ("email", "name"):
        if not cells[name].strip():
            problems.append(f"the {'e-mail address' if name == 'email' else name} is missing")
    for name, read in (("email", _email), ("name", _name), ("cohort", _name), ("coach", _email)):
        if name in cells and cells[name].strip():
            try:
                cells[name] = read(name, cells[name])
            except InputError as exc:
                problems.append(exc.reason if name == "email" else f"{name} {exc.reason}")
    reading.problems.extend((row, f"row {row}: {p}") for p in problems)
    if not problems:
        reading.students.append(Student(row, cells["email"], cells["name"],
                                        cells.get("cohort"), cells.get("coach")))


def _email(name: str, cell: str) -> str:
    return parse.email(name, cell, required=False)


def _name(name: str, cell: str) -> str:
    return parse.text(name, cell, limit=parse.MAX_NAME)


def _misfits(students: list[Student], people: dict[str, Person]) -> list[tuple[int, str]]:
    """Name the rows that do not fit the center: a person listed twice, a coach or an
    administrator listed as a student, a coach who is not one."""
    first: dict[str, int] = {}
    found: list[tuple[int, str]] = []
    for s in students:
        said = [*_twice(s, first), *_not_a_student(s, people), *_not_a_coach(s, people)]
        found.extend((s.row, f"row {s.row}: {p}") for p in said)
    return found


def _twice(student: Student, first: dict[str, int]) -> list[str]:
    seen = first.setdefault(student.email.casefold(), student.row)
    return [] if seen == student.row else [f"{student.email} is listed twice (row {seen} too)"]


def _not_a_student(student: Student, people: dict[str, Person]) -> list[str]:
    known = people.get(student.email.casefold())
    if known is None or known.role == "seeker":
        return []
    return [f"{student.email} is {_ROLE_WORDS[known.role]} of the center, not a student"]


def _not_a_coach(student: Student, people: dict[str, Person]) -> list[str]:
    if not student.coach:
        return []
    coach = people.get(student.coach.casefold())
    if coach is None:
        return [f"coach {student.coach} is not one of the center's coaches; add them first: "
                f"insidetrack org person add --email {student.coach} --name NAME --role coach"]
    if coach.role != "coach":
        return [f"coach {student.coach} is {_ROLE_WORDS[coach.role]}, not a coach"]
    return []


def _refuse(problems: list[tuple[int, str]]) -> None:
    """Name the bad rows, in the file's order, and so change nothing."""
    if not problems:
        return
    said = [p for _, p in sorted(problems, key=lambda p: p[0])]
    more = len(said) - SHOWN_PROBLEMS
    raise InputError("file", f"{len(said)} bad row(s), nothing imported: "
                     + "; ".join(said[:SHOWN_PROBLEMS]) + (f" (and {more} more)" if more > 0 else ""))


@dataclass
class _Changes:
    """What an import writes, gathered first and then written a table at a time."""

    names: list[tuple[int, str]] = field(default_factory=list)
    places: list[tuple[int, str | None]] = field(default_factory=list)  # cohort by name
    coaches: list[tuple[int, int | None]] = field(default_factory=list)


def _apply(env: Env, students: list[Student], people: dict[str, Person]) -> RosterReport:
    """Add the students who are new, and bring the others' names, cohorts and coaches up to
    the file's."""
    report = RosterReport()
    new = [s for s in students if s.email.casefold() not in people]
    ids = env.store.roster.add_seekers([(s.email, s.name) for s in new])
    report.added = len(new)
    for s in new:
        people[s.email.casefold()] = Person(ids[s.email.casefold()], s.email, s.name, "seeker")
    changes, added = _Changes(), set(ids)
    for s in students:
        if _update(s, people[s.email.casefold()], people, changes) and \
                s.email.casefold() not in added:
            report.updated += 1
    report.unchanged = len(students) - report.added - report.updated
    _write(env, changes, report)
    return report


def _write(env: Env, changes: _Changes, report: RosterReport) -> None:
    """Write the changes gathered: new cohorts first, then names, cohorts and coaches."""
    cohorts = {c.name.casefold(): c.id for c in env.store.roster.cohorts()}
    missing: dict[str, str] = {}  # in the file's order, as first spelt there
    for _, name in changes.places:
        if name and name.casefold() not in cohorts:
            missing.setdefault(name.casefold(), name)
    report.new_cohorts = list(missing.values())
    cohorts.update(env.store.roster.add_cohorts(report.new_cohorts))
    env.store.roster.rename_all(changes.names)
    env.store.roster.place_all([(p, cohorts[n.casefold()] if n else None)
                                for p, n in changes.places])
    env.store.roster.assign_all(changes.coaches)


def _update(student: Student, known: Person, people: dict[str, Person],
            changes: _Changes) -> bool:
    """Gather what brings a student's name, cohort and coach up to the file's; tell
    whether any changes."""
    changed = False
    if student.name != known.name:
        changes.names.append((known.id, student.name))
        changed = True
    if student.cohort is not None and _folded(known.cohorts) != _folded([student.cohort]):
        changes.places.append((known.id, student.cohort))
        changed = True
    if student.coach is not None and _folded(known.coaches) != _folded([student.coach]):
        coach = people[student.coach.casefold()].id if student.coach else None
        changes.coaches.append((known.id, coach))
        changed = True
    return changed


def _folded(names: list[str] | tuple[str, ...]) -> list[str]:
    return sorted(n.casefold() for n in names if n)


def people(env: Env, role: str | None = None, cohort: str | None = None) -> list[Person]:
    """Return the center's people, by e-mail address; of one role, or in one cohort."""
    require_center(env)
    if role is not None and role not in ROLES:
        raise InputError("role", f"{role!r} is not a role; use one of {', '.join(ROLES)}")
    found = env.store.roster.everyone()
    if cohort is not None:
        name = _cohort_named(env, cohort).name
        found = [p for p in found if name in p.cohorts]
    return [p for p in found if role is None or p.role == role]


def _cohort_named(env: Env, name: str) -> Cohort:
    known = env.store.roster.cohorts()
    for c in known:
        if c.name.casefold() == name.strip().casefold():
            return c
    listed = ", ".join(c.name for c in known) or "none yet"
    raise NotFoundError(f"no cohort named {name!r} (the cohorts: {listed})")


def cohorts(env: Env) -> list[Cohort]:
    """Return the center's cohorts, by name, with their size and coaches."""
    require_center(env)
    return env.store.roster.cohorts()
