"""Read a job-search spreadsheet (CSV) into rows of known fields, or say what is wrong."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache, partial
from pathlib import Path
from typing import TypeVar

from insidetrack.domain import parse
from insidetrack.domain.errors import InputError
from insidetrack.domain.trackers import FIELDS, GATHERED, IMPORT_STATUSES, SYNONYMS, key, meaning
from insidetrack.services import sheet_values
from insidetrack.services.done_steps import DoneStep, read_done
from insidetrack.services.sheet_source import Opener, delimiter_of, read_whole, records

T = TypeVar("T")
# A cell that only says "nothing here", as Huntr's export writes it.
_PLACEHOLDERS = {"-", "–", "—"}
_SLASH_DAY_FIRST = re.compile(r"\s*(1[3-9]|2[0-9]|3[01])/\d{1,2}/")  # 24/11/2026


@dataclass(frozen=True)
class Row:
    line: int
    employer: str
    job_title: str
    interview_at: datetime | None = None
    applied: datetime | None = None
    contact: str = ""
    email: str = ""
    status: str = ""
    notes: str = ""
    link: str = ""
    salary: str = ""
    other_interviewers: tuple[tuple[str, str], ...] = ()
    steps_done: tuple[DoneStep, ...] = ()
    traditionalist: bool = False
    high_tech: bool = False


@dataclass(frozen=True)
class Reading:
    """How to read the cells: the user's own status words, and the order of a date's parts."""

    statuses: dict[str, str] = field(default_factory=dict)  # key(word) -> import status
    day_first: bool = False
    today: date | None = None


@dataclass
class Sheet:
    """A sheet's columns and what reading it through once found; its rows are read again."""

    problems: list[str] = field(default_factory=list)
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field -> its columns
    ignored: list[str] = field(default_factory=list)  # columns read as nothing
    warnings: list[str] = field(default_factory=list)
    day_first_because: str = ""  # the date that shows the file writes day/month/year
    size: int = 0  # the rows that hold something
    # The interview starts of each opening (employer key, title key) named on several rows.
    rounds: dict[tuple[str, str], set[datetime]] = field(default_factory=dict)
    # The hashes of the openings and the people named on several rows (a clash of two hashes
    # only keeps one more in memory); None: any may come again.
    again: set[int] | None = None
    source: Opener = field(default=lambda: io.StringIO(""))
    delimiter: str = ","
    tz: tzinfo = UTC
    how: Reading = field(default_factory=Reading)

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Read the records from the start, one at a time."""
        with self.source() as text:
            yield from records(csv.DictReader(text, delimiter=self.delimiter))

    def rows(self) -> Iterator[Row]:
        """Read the rows from the start, one at a time; note each bad one in `problems`."""
        self.problems.clear()
        for line, record in self.records():
            try:
                row, _ = _row(line, record, self.columns, self.tz, self.how)
            except ValueError as exc:
                self.problems.append(f"row {line}: {exc}")
                continue
            yield row


def opening_key(employer: str, job_title: str) -> tuple[str, str]:
    """Return what tells one opening from another: its employer's name and its title."""
    return parse.name_key(employer), job_title.casefold()


def _shown(header: list[str]) -> str:
    """Name the first few columns, each cut short: enough to recognise the file."""
    names = ", ".join(repr(h if len(h) <= 30 else h[:29] + "…") for h in header[:8])
    return names + (f" and {len(header) - 8} more" if len(header) > 8 else "")


def status_words(pairs: dict[str, str]) -> dict[str, str]:
    """Check the user's own status words (`--status "Not Selected=rejected"`)."""
    own = {}
    for word, target in pairs.items():
        if target not in IMPORT_STATUSES:
            raise InputError("status", f"{target!r} is not a status; use one of "
                             f"{', '.join(IMPORT_STATUSES)}")
        own[key(word)] = target
    return own


def _column(header: list[str], name: str) -> str:
    if name in header:
        return name
    found = [h for h in header if key(h) == key(name)]
    if not found:
        raise InputError("map", f"the file has no column {name!r} (columns: {_shown(header)})")
    return found[0]


def _mapped(header: list[str], mapping: dict[str, str]) -> tuple[dict[str, list[str]], set[str]]:
    """Apply the user's --map: each named column goes to its field, or nowhere (COLUMN=)."""
    columns: dict[str, list[str]] = {}
    named = set()
    for name, target in mapping.items():
        column = _column(header, name)
        named.add(column)
        if not target:
            continue
        if target not in FIELDS:
            raise InputError("map", f"{target!r} is not a field; use one of {', '.join(FIELDS)}")
        if target in columns and target not in GATHERED:
            raise InputError("map", f"both {columns[target][0]!r} and {column!r} are mapped "
                             f"to {target}; map one of them")
        columns.setdefault(target, []).append(column)
    return columns, named


def recognise(header: list[str], mapping: dict[str, str]) -> tuple[dict[str, tuple[str, ...]],
                                                                   list[str]]:
    """Say which columns hold which field, and which columns are read as nothing.

    The user's --map comes first and moves a column (Status=notes) or drops it (Status=);
    the other columns are known by their usual names.
    """
    columns, named = _mapped(header, mapping)
    for column in header:
        target = next((f for f, names in SYNONYMS.items() if key(column) in names), None)
        if column in named or target is None:
            continue
        if target in GATHERED or target not in columns:
            columns.setdefault(target, []).append(column)
    missing = [f for f in ("employer", "job_title") if f not in columns]
    if missing:
        raise InputError("file", f"no column for {' or '.join(missing)}; name one with "
                         f"--map COLUMN={missing[0]} (columns: {_shown(header)})")
    used = {c for found in columns.values() for c in found}
    ordered = {f: tuple(sorted(columns[f], key=header.index)) for f in FIELDS if f in columns}
    return ordered, [c for c in header if c not in used]


class _Cells:
    """One record's cells by field, with placeholders read as empty."""

    def __init__(self, record: dict[str, str], columns: dict[str, tuple[str, ...]]) -> None:
        self.record, self.columns = record, columns

    def get(self, name: str) -> str:
        found = self.columns.get(name)
        value = (self.record.get(found[0]) or "").strip() if found else ""
        return "" if value in _PLACEHOLDERS else value

    def column(self, name: str) -> str:
        return self.columns.get(name, (name,))[0]

    def notes(self) -> str:
        parts = []
        for column in self.columns.get("notes", ()):
            value = (self.record.get(column) or "").strip()
            if value and value not in _PLACEHOLDERS:
                parts.append(value if key(column) in SYNONYMS["notes"] else f"{column}: {value}")
        return "\n".join(parts)


def _checked(column: str, raw: str, read: Callable[[], T]) -> T:
    """Run one cell's reader; a failure names the column and the value."""
    try:
        return read()
    except (InputError, ValueError) as exc:
        raise _bad(column, raw, exc) from exc


def _bad(column: str, raw: str, exc: Exception) -> ValueError:
    reason = exc.reason if isinstance(exc, InputError) else str(exc)
    return ValueError(f"column {column!r}, value {raw[:60]!r}: {reason}")


def _cell(cells: _Cells, name: str, read: Callable[[str], T]) -> T:
    """Read one field's cell; a failure names the column and the value."""
    return _read(cells, name, cells.get(name), read)


def _optional(cells: _Cells, name: str, read: Callable[[str], T], blank: T) -> T:
    """Read an optional field's cell; an empty one is `blank`, what `read` makes of one."""
    raw = cells.get(name)
    return _read(cells, name, raw, read) if raw else blank


def _read(cells: _Cells, name: str, raw: str, read: Callable[[str], T]) -> T:
    try:
        return read(raw)
    except (InputError, ValueError) as exc:
        raise _bad(cells.column(name), raw, exc) from exc


# A sheet's dates repeat (many rows share a day and hour): each is read once. The answer
# is a pair of immutable values; a cell that is refused is read again and refused again.
_moment = lru_cache(maxsize=8192)(sheet_values.moment)
_INTERVIEW_DAYS = lru_cache(maxsize=8)(parse.INTERVIEW.bounds)


def _date(column: str, raw: str, tz: tzinfo, how: Reading) -> datetime | None:
    """Read a date cell; a failure names the column and the value."""
    try:
        at, _ = _moment(raw, tz, day_first=how.day_first)
    except (InputError, ValueError) as exc:
        raise _bad(column, raw, exc) from exc
    return at


def _interview(cells: _Cells, tz: tzinfo, how: Reading) -> datetime | None:
    raw, column = cells.get("interview_at"), cells.column("interview_at")
    at = _date(column, raw, tz, how) if raw else None
    clock_raw = cells.get("interview_time")
    clock = _checked(cells.column("interview_time"), clock_raw,
                     lambda: sheet_values.time_of_day(clock_raw)) if clock_raw else None
    if clock is not None and at is None:
        raise ValueError(f"column {cells.column('interview_time')!r}, value {clock_raw!r}: "
                         f"a time without an interview date in {column!r}")
    if at is not None and clock is not None:
        at = at.replace(hour=clock.hour, minute=clock.minute)
    today = how.today
    if at is not None and today is not None:
        first, last = _INTERVIEW_DAYS(today)
        if not first <= at.date() <= last:  # say so as parse.within words it
            _checked(column, raw, lambda: parse.within(column, at.date(), parse.INTERVIEW, today))
    return at


def _applied(cells: _Cells, tz: tzinfo, how: Reading) -> datetime | None:
    raw = cells.get("applied")
    return _date(cells.column("applied"), raw, tz, how) if raw else None


def _people(raw: str) -> tuple[tuple[str, str], ...]:
    """Read 'Name <email>; Name <email>' (as `export csv` writes the other interviewers)."""
    return tuple(parse.interviewer("other_interviewers", part)
                 for part in raw.split(";") if part.strip())


# How the plain fields' cells are read: made once, not for every cell of every row.
_NAME = partial(parse.name, "employer")
_TITLE = partial(parse.text, "job_title", required=True)
_CONTACT = partial(parse.text, "contact", limit=parse.MAX_NAME)
_EMAIL = partial(parse.email, "email", required=False)
_LINK = partial(parse.url, "link")
_SALARY = partial(parse.text, "salary", limit=100)


def _row(line: int, record: dict[str, str], columns: dict[str, tuple[str, ...]], tz: tzinfo,
         how: Reading) -> tuple[Row, str]:
    """Read one record; return the row and a status word insidetrack did not know, if any.

    The cells are checked in the order of a row's fields: the first bad one is named.
    """
    cells = _Cells(record, columns)
    word = cells.get("status")
    status = meaning(word, how.statuses) if word else ""
    employer, job_title = _cell(cells, "employer", _NAME), _cell(cells, "job_title", _TITLE)
    interview_at, applied = _interview(cells, tz, how), _applied(cells, tz, how)
    contact = _optional(cells, "contact", _CONTACT, "")
    email = _optional(cells, "email", _EMAIL, "")
    notes = cells.notes() + (f"\nStatus: {word}" if status is None else "")
    row = Row(
        line, employer, job_title, interview_at, applied, contact, email, status or "",
        notes=_checked(cells.column("notes"), cells.get("notes"),
                       lambda: parse.lines("notes", notes.strip("\n"))),
        link=_optional(cells, "link", _LINK, ""),
        salary=_optional(cells, "salary", _SALARY, ""),
        other_interviewers=_optional(cells, "other_interviewers", _people, ()),
        steps_done=_optional(cells, "steps_done", lambda raw: read_done(raw, tz), ()),
        traditionalist=_optional(cells, "traditionalist", sheet_values.flag, False),
        high_tech=_optional(cells, "high_tech", sheet_values.flag, False),
    )
    return row, (word if status is None else "")


def _warn_unknown(sheet: Sheet, unknown: dict[str, list[int]]) -> None:
    for word, lines in unknown.items():
        rows = ", ".join(str(n) for n in lines[:10]) + (" ..." if len(lines) > 10 else "")
        sheet.warnings.append(
            f"row{'s' if len(lines) > 1 else ''} {rows}: status {word!r} is not one insidetrack "
            f"knows; it is kept in the notes and the opening counts as applied (interviewing "
            f"with an interview date). Say what it means with --status \"{word}=STATUS\" "
            f"(STATUS: {', '.join(IMPORT_STATUSES)})")


def _day_first(record: dict[str, str], columns: dict[str, tuple[str, ...]]) -> str:
    """Return a date of the record whose first part can only be a day (24/11/2026), or ''."""
    for name in ("interview_at", "applied"):
        for column in columns.get(name, ()):
            value = (record.get(column) or "").strip()
            if _SLASH_DAY_FIRST.match(value):
                return f"{value!r} in {column!r}"
    return ""





def _survey(sheet: Sheet) -> None:
    """Read every record once, cheaply: count them, find a date written day first, the
    status words insidetrack does not know, and the openings named on several rows."""
    seen: set[int] = set()
    several: set[int] = set()
    unknown: dict[str, list[int]] = {}
    for line, record in sheet.records():
        sheet.size += 1
        cells = _Cells(record, sheet.columns)
        for named in _named(cells):
            (several if named in seen else seen).add(named)
        word = cells.get("status")
        if word and meaning(word, sheet.how.statuses) is None:
            unknown.setdefault(word, []).append(line)
        if not sheet.how.day_first and not sheet.day_first_because:
            sheet.day_first_because = _day_first(record, sheet.columns)
    sheet.how = replace(sheet.how, day_first=sheet.how.day_first or bool(sheet.day_first_because))
    _warn_unknown(sheet, unknown)
    sheet.again = None if "other_interviewers" in sheet.columns else several
    if several:
        sheet.rounds = _rounds(sheet, several)


def _named(cells: _Cells) -> tuple[int, int]:
    """Return the hashes of the opening and the person a record names."""
    employer = cells.get("employer")
    person = cells.get("email") or cells.get("contact")
    return (hash(opening_key(employer, cells.get("job_title"))),
            hash(person_key(employer, person)))


def person_key(employer: str, person: str) -> tuple[str, str]:
    """Return what tells one person from another: their employer's name, e-mail or name."""
    return parse.name_key(employer), person.casefold()


def _rounds(sheet: Sheet, several: set[int]) -> dict[tuple[str, str], set[datetime]]:
    """Return when the interviews of each opening named on several rows begin."""
    rounds: dict[tuple[str, str], set[datetime]] = {}
    for _, record in sheet.records():
        cells = _Cells(record, sheet.columns)
        opening = opening_key(cells.get("employer"), cells.get("job_title"))
        if hash(opening) not in several:
            continue
        try:
            at = _interview(cells, sheet.tz, sheet.how)
        except ValueError:
            continue  # a bad row: the import reads it again and says so
        if at is not None:
            rounds.setdefault(opening, set()).add(at)
    return rounds


def _head(source: Opener) -> str:
    with source() as text:
        return text.read(4096)


def read_sheet(data: bytes | Path, tz: tzinfo, mapping: dict[str, str] | None = None,
               today: date | None = None, how: Reading | None = None) -> Sheet:
    """Read the header and survey the rows; `Sheet.rows` then reads each row, collecting
    every bad row rather than stopping at the first.

    With `today`, an interview date must lie in the window parse.INTERVIEW allows.
    """
    how = how or Reading()
    if today is not None:
        how = replace(how, today=today)
    return read_whole(data, lambda source: _surveyed(source, tz, mapping or {}, how))


def _surveyed(source: Opener, tz: tzinfo, mapping: dict[str, str], how: Reading) -> Sheet:
    """Read the header, then every record once (the survey reads the text to its end)."""
    delimiter = delimiter_of(_head(source))
    with source() as text:
        fieldnames = csv.DictReader(text, delimiter=delimiter).fieldnames
    header = [h for h in (fieldnames or []) if h is not None]
    if not header:
        raise InputError("file", "the file is empty or has no header row")
    columns, ignored = recognise(header, mapping)
    sheet = Sheet(columns=columns, ignored=ignored, source=source, delimiter=delimiter, tz=tz,
                  how=how)
    _survey(sheet)
    return sheet
