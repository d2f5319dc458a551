"""Read a job-search spreadsheet (CSV) into rows of known fields, or say what is wrong."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from insidetrack.domain import parse
from insidetrack.domain.errors import InputError

# Column names that job trackers and hand-made sheets use, by the field they mean.
SYNONYMS = {
    "employer": ("company", "employer", "organization", "organisation", "firm", "company name"),
    "job_title": ("position", "job title", "title", "role", "job", "position title"),
    "applied": ("date applied", "applied", "applied on", "application date", "applied date"),
    "interview_at": ("interview date", "interview", "interview at", "date of interview",
                     "interview time", "interviewed"),
    "contact": ("contact", "contact name", "interviewer", "recruiter", "hiring manager",
                "contact person"),
    "email": ("email", "e-mail", "contact email", "email address", "e-mail address"),
    "status": ("status", "stage"),
    "notes": ("notes", "comments", "note"),
}
FIELDS = tuple(SYNONYMS)
STATUSES = {
    "applied": "applied", "interviewing": "interviewing", "interview": "interviewing",
    "waiting": "waiting", "offer": "offer", "hired": "hired", "accepted": "hired",
    "rejected": "rejected", "declined": "rejected", "withdrawn": "withdrawn", "closed": "rejected",
}
_DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y",
                 "%d.%m.%Y %H:%M", "%m/%d/%Y", "%m/%d/%Y %H:%M")


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


@dataclass
class Sheet:
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field -> column


def decode(data: bytes) -> str:
    """Read UTF-8 (with or without a BOM), else Windows-1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _binary(data: bytes) -> bool:
    """Tell a file that is not text (a workbook, a PDF, an image) by its control bytes."""
    head = data[:4096]
    controls = sum(b < 32 and b not in b"\t\n\r\f" for b in head)
    return b"\x00" in head or controls * 20 > len(head)


def _shown(header: list[str]) -> str:
    """Name the first few columns, each cut short: enough to recognise the file."""
    names = ", ".join(repr(h if len(h) <= 30 else h[:29] + "…") for h in header[:8])
    return names + (f" and {len(header) - 8} more" if len(header) > 8 else "")


def _dialect(text: str) -> str:
    head = text[:4096]
    try:
        return csv.Sniffer().sniff(head, delimiters=",;\t").delimiter
    except csv.Error:
        first = head.splitlines()[0] if head else ""
        return ";" if first.count(";") > first.count(",") else ","


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.casefold()).strip()


def recognise(header: list[str], mapping: dict[str, str]) -> dict[str, str]:
    """Say which column holds which field: the user's --map first, then the usual names."""
    columns: dict[str, str] = {}
    for column, target in mapping.items():
        if target not in FIELDS:
            raise InputError("map", f"{target!r} is not a field; use one of {', '.join(FIELDS)}")
        if column not in header:
            raise InputError("map", f"the file has no column {column!r}")
        columns[target] = column
    for column in header:
        for target, names in SYNONYMS.items():
            if target not in columns and _key(column) in names:
                columns[target] = column
    missing = [f for f in ("employer", "job_title") if f not in columns]
    if missing:
        raise InputError("file", f"no column for {' or '.join(missing)}; name one with "
                         f"--map COLUMN={missing[0]} (columns: {_shown(header)})")
    return columns


def moment(value: str, tz: tzinfo) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    for fmt in _DATE_FORMATS:
        try:
            naive = datetime.strptime(value, fmt)
        except ValueError:
            continue
        if "%H" not in fmt:
            naive = naive.replace(hour=9)
        return naive.replace(tzinfo=tz)
    raise ValueError(f"{value!r} is not a date like 2026-11-24 or 2026-11-24 10:00")


def _row(line: int, record: dict[str, str], columns: dict[str, str], tz: tzinfo,
         today: date | None = None) -> Row:
    def get(name: str) -> str:
        column = columns.get(name)
        return (record.get(column) or "").strip() if column else ""

    values: dict[str, object] = {}
    for name in FIELDS:
        raw = get(name)
        column = columns.get(name, name)
        try:
            if name in ("interview_at", "applied"):
                values[name] = found = moment(raw, tz)
                if name == "interview_at" and found is not None and today is not None:
                    parse.within(column, found.date(), parse.INTERVIEW, today)
            elif name == "employer":
                values[name] = parse.name(column, raw)
            elif name == "email":
                values[name] = parse.email(column, raw, required=False)
            elif name == "status":
                values[name] = _status(raw)
            else:
                values[name] = parse.text(column, raw, required=name == "job_title")
        except InputError as exc:
            raise ValueError(f"column {column!r}, value {raw[:60]!r}: {exc.message}") from exc
        except ValueError as exc:
            raise ValueError(f"column {column!r}, value {raw[:60]!r}: {exc}") from exc
    return Row(line, **values)  # type: ignore[arg-type]


def _status(raw: str) -> str:
    if not raw:
        return ""
    found = STATUSES.get(_key(raw))
    if found is None:
        raise ValueError(f"not a status insidetrack knows ({', '.join(sorted(set(STATUSES)))})")
    return found


def read_sheet(data: bytes, tz: tzinfo, mapping: dict[str, str] | None = None,
               today: date | None = None) -> Sheet:
    """Read every row; collect every bad row rather than stopping at the first.

    With `today`, an interview date must lie in the window parse.INTERVIEW allows.
    """
    if _binary(data):
        raise InputError("file", "this is not a CSV text file (it holds binary data); save the "
                         "spreadsheet as CSV and import that")
    text = decode(data)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_dialect(text))
    header = [h for h in (reader.fieldnames or []) if h is not None]
    if not header:
        raise InputError("file", "the file is empty or has no header row")
    sheet = Sheet(columns=recognise(header, mapping or {}))
    try:
        for record in reader:
            line = reader.line_num
            if not any((v or "").strip() for v in record.values() if isinstance(v, str)):
                continue
            try:
                sheet.rows.append(_row(line, record, sheet.columns, tz, today))
            except ValueError as exc:
                sheet.problems.append(f"row {line}: {exc}")
    except csv.Error as exc:
        raise InputError("file", f"line {reader.line_num} cannot be read as CSV: {exc}") from exc
    return sheet
