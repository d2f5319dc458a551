"""Write the spreadsheet view (CSV) that `import csv` reads back, and say what it leaves out.

A row per interview (and per opening without one) carries what a spreadsheet can: the
employer, the job, the dates, every interviewer, the status, the notes, the steps done and
when, and the employer's traditionalist and high-tech flags. The rest (references, facts,
interview notes, logged calls ...) is counted, so the user knows what only `export json` keeps.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from insidetrack.domain.model import StepKind
from insidetrack.services.context import Env
from insidetrack.services.done_steps import DoneStep, carried, write_done

COLUMNS = ("Company", "Position", "Date applied", "Interview date", "Contact", "Email",
           "Status", "Notes", "Other interviewers", "Steps done", "Traditionalist", "High-tech",
           "Link", "Salary")
Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class SheetExport:
    data: bytes
    left_out: tuple[str, ...]  # what the CSV does not carry, counted, in the user's words


def _by(rows: list[dict[str, Any]], column: str) -> dict[Any, list[dict[str, Any]]]:
    grouped: dict[Any, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row[column], []).append(row)
    return grouped


class _Book:
    """The tables a spreadsheet row is made of, indexed the ways the rows need them."""

    def __init__(self, tables: Rows, env: Env) -> None:
        self.env = env
        self.employers = {e["id"]: e for e in tables["employers"]}
        self.contacts = {c["id"]: c for c in tables["contacts"]}
        self.interviews = _by(sorted(tables["interviews"], key=lambda i: i["starts_at"]),
                              "opening_id")
        self.panel = _by(sorted(tables["interview_interviewers"], key=lambda p: p["position"]),
                         "interview_id")
        self.steps = _by(tables["steps"], "interview_id")

    def local(self, stamp: str | None) -> str:
        if not stamp:
            return ""
        return datetime.fromisoformat(stamp).astimezone(self.env.tz).strftime("%Y-%m-%d %H:%M")

    def people(self, interview: dict[str, Any] | None) -> list[dict[str, Any]]:
        links = self.panel.get(interview["id"], []) if interview else []
        return [self.contacts[link["contact_id"]] for link in links]

    def done(self, interview: dict[str, Any] | None) -> str:
        if interview is None:
            return ""
        found = []
        for step in self.steps.get(interview["id"], []):
            kind = StepKind(step["kind"])
            if step["status"] != "done" or not carried(kind) or not step["done_at"]:
                continue
            at = datetime.fromisoformat(step["done_at"]).astimezone(self.env.tz)
            to = self.contacts[step["contact_id"]]["name"] if (
                kind is StepKind.THANK_YOU and step["contact_id"] is not None) else ""
            found.append(DoneStep(kind, at, None if kind is StepKind.THANK_YOU else step["number"],
                                  to))
        return write_done(found)

    def row(self, opening: dict[str, Any], interview: dict[str, Any] | None) -> list[str]:
        employer = self.employers[opening["employer_id"]]
        people = self.people(interview)
        first = people[0] if people else {"name": "", "email": ""}
        others = "; ".join(f"{p['name']} <{p['email']}>" if p["email"] else p["name"]
                           for p in people[1:])
        return [employer["name"], opening["job_title"], self.local(opening["applied_on"]),
                self.local(interview["starts_at"] if interview else None), first["name"],
                first["email"], opening["status"], opening["notes"] or "", others,
                self.done(interview), "yes" if employer["traditionalist"] else "",
                "yes" if employer["high_tech"] else "", opening["link"], opening["salary"]]


def dump_csv(env: Env) -> SheetExport:
    """Return one row per interview (and per opening without one), as `import csv` reads."""
    tables = {t: env.store.tables.rows_of(t) for t in env.store.tables.names()}
    book = _Book(tables, env)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for opening in sorted(tables["openings"], key=lambda o: o["id"]):
        found: list[dict[str, Any] | None] = [*book.interviews.get(opening["id"], [])]
        for interview in found or [None]:
            writer.writerow(book.row(opening, interview))
    return SheetExport(out.getvalue().encode("utf-8"), tuple(left_out(tables)))


def _set(row: dict[str, Any], *columns: str) -> bool:
    return any(row.get(c) not in (None, "", 0) for c in columns)


class _Seen:
    """The whole database's rows, with what the checks below ask of them worked out once."""

    def __init__(self, tables: Rows) -> None:
        self.tables = tables
        self.interviewers = {p["contact_id"] for p in tables.get("interview_interviewers", [])}
        by_opening = _by(sorted(tables.get("interviews", []), key=lambda i: i["starts_at"]),
                         "opening_id")
        # An import numbers an opening's interviews by when they began.
        self.rounds = {i["id"]: n for found in by_opening.values()
                       for n, i in enumerate(found, start=1)}


Check = Callable[[dict[str, Any], _Seen], bool]
_ALL: Check = lambda r, seen: True  # noqa: E731 (a table the CSV leaves out whole)
# What each table holds that a spreadsheet row does not carry: (table, words, which rows).
_LEFT_OUT: tuple[tuple[str, str, Check], ...] = (
    ("profile", "your profile", _ALL),
    ("employers", "employer addresses, phones or faxes",
     lambda r, seen: _set(r, "address", "phone", "fax")),
    ("contacts", "contacts who are not interviewers (gatekeepers, HR)",
     lambda r, seen: r["id"] not in seen.interviewers),
    ("contacts", "contact phone numbers or bounce marks",
     lambda r, seen: _set(r, "phone", "bouncing")),
    ("openings", "departments, resume channels or requests for e-mail",
     lambda r, seen: _set(r, "department", "resume_via", "requested_electronic")),
    ("openings", "archive marks", lambda r, seen: _set(r, "archived_at")),
    ("interviews", "interview lengths, rounds out of order, urgency, dialogue or decision dates",
     lambda r, seen: r["duration_minutes"] != 60 or r["round"] != seen.rounds[r["id"]]
     or _set(r, "urgent", "dialogue", "expected_decision")),
    ("interview_notes", "interview notes", _ALL),
    ("reference_people", "references", _ALL),
    ("reference_links", "links of references to openings", _ALL),
    ("steps", "reference briefings done",
     lambda r, seen: r["status"] == "done" and not carried(StepKind(r["kind"]))),
    ("steps", "steps missed (an interview logged late; imported again, they are due)",
     lambda r, seen: r["status"] == "missed"),
    ("steps", "steps skipped (imported again, they are due)",
     lambda r, seen: r["status"] == "skipped"),
    ("touchpoints", "calls without an answer and replies logged",
     lambda r, seen: r["kind"] == "reply" or (r["kind"] == "call" and r["outcome"] != "connected")),
    ("touchpoints", "decision dates", lambda r, seen: r["kind"] == "decision"),
    ("touchpoints", "notes on what you did",
     lambda r, seen: bool(r["note"]) and r["note"] != "imported"),
    ("facts", "facts", _ALL),
    ("clippings", "clippings", _ALL),
    ("messages", "records of drafted e-mails (to match replies)", _ALL),
    ("outbox", "e-mails in the outbox", _ALL),
    ("calendar_pushes", "calendar pushes", _ALL),
    ("imap_folders", "mail sync positions", _ALL),
    ("alerts", "reply and bounce alerts", _ALL),
    ("api_tokens", "API tokens", _ALL),
)
# Tables a spreadsheet row carries, or that are not the user's data.
_CARRIED = {"employers", "contacts", "openings", "interviews", "interview_interviewers", "steps",
            "touchpoints", "meta"}


def left_out(tables: Rows) -> list[str]:
    """Count what the CSV leaves out, in the user's words: 'references: 2', 'facts: 1'."""
    seen = _Seen(tables)
    said = []
    for table, words, picked in _LEFT_OUT:
        count = sum(1 for row in tables.get(table, []) if picked(row, seen))
        if count:
            said.append(f"{words}: {count}" if table != "profile" else words)
    known = _CARRIED | {table for table, _, _ in _LEFT_OUT}
    said += [f"rows of {table}: {len(rows)}" for table, rows in tables.items()
             if table not in known and rows]
    return said
