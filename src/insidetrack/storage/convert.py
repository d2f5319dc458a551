"""Turn database rows into domain objects and values into columns."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from functools import lru_cache

from insidetrack.domain.model import (
    Channel,
    Clipping,
    ClippingKind,
    Contact,
    ContactRole,
    Employer,
    Fact,
    Opening,
    OpeningStatus,
    Profile,
    Reference,
    ResumeVia,
    Step,
    StepKind,
    StepStatus,
    Touchpoint,
    TouchpointKind,
)


def iso(moment: datetime | None) -> str | None:
    """Return a UTC moment as sortable ISO 8601 text."""
    return None if moment is None else _iso(moment)


@lru_cache(maxsize=16384)  # planned steps share their due times: format each once
def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def must_moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def profile(row: sqlite3.Row) -> Profile:
    return Profile(
        row["name"], row["email"], row["phone"], row["address"], row["field"],
        row["years"], row["specialty"], bool(row["over_40"]),
    )


def employer(row: sqlite3.Row) -> Employer:
    return Employer(
        row["id"], row["name"], row["address"], row["phone"], row["fax"],
        bool(row["traditionalist"]), bool(row["high_tech"]),
    )


def contact(row: sqlite3.Row) -> Contact:
    return Contact(
        row["id"], row["employer_id"], row["name"], ContactRole(row["role"]),
        row["email"], row["phone"], row["title"], row["salutation"],
    )


def opening(row: sqlite3.Row) -> Opening:
    via = row["resume_via"]
    return Opening(
        row["id"], row["employer_id"], row["job_title"], row["department"],
        ResumeVia(via) if via else None, bool(row["requested_electronic"]),
        OpeningStatus(row["status"]),
    )


def reference(row: sqlite3.Row) -> Reference:
    return Reference(
        row["id"], row["name"], row["phone"], row["email"], row["relationship"],
        moment(row["last_prepared"]),
    )


def touchpoint(row: sqlite3.Row) -> Touchpoint:
    channel = row["channel"]
    return Touchpoint(
        row["id"], row["opening_id"], row["interview_id"], TouchpointKind(row["kind"]),
        must_moment(row["at"]), Channel(channel) if channel else None, row["outcome"],
        row["note"], row["step_id"],
    )


def fact(row: sqlite3.Row) -> Fact:
    return Fact(row["id"], row["opening_id"], row["text"], moment(row["used_at"]))


def clipping(row: sqlite3.Row) -> Clipping:
    return Clipping(row["id"], row["opening_id"], row["title"], row["url"], moment(row["used_at"]),
                    ClippingKind(row["kind"]))


STEP_COLUMNS = (
    "interview_id, step_key, kind, channel, due, status, number, clipping, recipient,"
    " contact_id, reference_id, attempts, voicemail, done_at, moved_to"
)


def step(row: sqlite3.Row) -> Step:
    return Step(
        interview_id=row["interview_id"],
        key=row["step_key"],
        kind=StepKind(row["kind"]),
        channel=Channel(row["channel"]),
        due=must_moment(row["due"]),
        status=StepStatus(row["status"]),
        number=row["number"],
        clipping=bool(row["clipping"]),
        to=row["recipient"],
        contact_id=row["contact_id"],
        reference_id=row["reference_id"],
        attempts=row["attempts"],
        voicemail=bool(row["voicemail"]),
        done_at=moment(row["done_at"]),
        id=row["id"],
        moved_to=moment(row["moved_to"]),
    )


def step_values(s: Step) -> tuple[object, ...]:
    return (
        s.interview_id, s.key, s.kind.value, s.channel.value, iso(s.due), s.status.value,
        s.number, int(s.clipping), s.to, s.contact_id, s.reference_id, s.attempts,
        int(s.voicemail), iso(s.done_at), iso(s.moved_to),
    )
