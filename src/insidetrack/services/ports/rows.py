"""What the repositories return beside the domain's own objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from insidetrack.domain.model import (
    Contact,
    Employer,
    Interview,
    Opening,
    Step,
    Touchpoint,
)


@dataclass(frozen=True)
class DueItem:
    """A pending step with what `today` shows beside it."""

    step: Step
    employer: str
    job_title: str


@dataclass(frozen=True)
class OutboxItem:
    """A message in the outbox: queued, being sent, sent or failed."""

    id: int
    step_id: int
    message_id: str
    sender: str
    recipient: str
    subject: str
    raw: bytes
    state: str
    reason: str
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None


@dataclass(frozen=True)
class CalendarRow:
    """A step as a calendar shows it, with its revision (the iCalendar SEQUENCE)."""

    step: Step
    revision: int
    employer: str
    job_title: str


@dataclass(frozen=True)
class Pushed:
    """What insidetrack last wrote to a calendar for a step, and where ('' : not known)."""

    step_id: int
    uid: str
    revision: int  # the step's revision then; -1 asks for the entry to be written again
    calendar: str = ""  # the calendar's address
    href: str = ""
    etag: str = ""
    items: str = ""  # todo or event
    due: datetime | None = None
    completed: bool = False


@dataclass(frozen=True)
class OrgPerson:
    """One of a career center's people: a job seeker, a coach or an administrator."""

    id: int
    email: str
    name: str
    role: str  # seeker, coach or admin
    disabled: bool = False  # turned off: no way in (storage/disabling.py)


@dataclass(frozen=True)
class ApiToken:
    """An API token as listed (its secret is never kept)."""

    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    expires_at: datetime | None = None  # None: until revoked


@dataclass
class Imported:
    """New records from an import, with ids already chosen, written together at the end."""

    employers: list[Employer] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    # each opening with when its application went in, its notes, link and salary, if known
    openings: list[tuple[Opening, datetime | None, str, str, str]] = field(default_factory=list)
    interviews: list[Interview] = field(default_factory=list)
    touchpoints: list[Touchpoint] = field(default_factory=list)


@dataclass(frozen=True)
class SearchRow:
    """One place a searched word was found, with the interview it belongs to."""

    interview_id: int  # 0 for an application with no interview yet
    employer: str
    job_title: str
    at: datetime | None  # the interview's start, or when the application went in
    status: str
    place: str  # employer, job title, interviewer, note, fact, clipping, reference, ...
    found: str  # the text it was found in
    archived: bool = False  # the interview's opening is archived
    application_id: int = 0  # the opening, when it has no interview yet


@dataclass(frozen=True)
class NoteLine:
    """One note of an interview, as the user typed it: its kind is a form's field key."""

    id: int
    interview_id: int
    kind: str  # topic, emphasis, problem, impressed, forgot, shared_interest
    text: str


# Rows as a delete found them: each table's rows, every column by name, ids included.
Snapshot = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class TrashEntry:
    """One delete kept in the trash: when, what (in words), and the rows to put back."""

    id: int
    deleted_at: datetime
    what: str
    removed: Snapshot  # rows the delete removed
    changed: Snapshot  # rows the delete changed, as they were before it
    left: Snapshot  # those of them still there after it, as it left them
