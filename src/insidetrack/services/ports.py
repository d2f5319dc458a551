"""The port the services depend on: what they may ask of storage, and what they get back.

`storage/` implements it (`storage.store.Store` and its repositories, on SQLite or
PostgreSQL); mypy checks that it does, where the session builds a services' `Env`.
A service reaches data only through these methods: no SQL, driver or connection.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any, Protocol

from insidetrack.domain.model import (
    Clipping,
    ClippingKind,
    Contact,
    Employer,
    Fact,
    Interview,
    InterviewNotes,
    Opening,
    Profile,
    Reference,
    ResumeVia,
    Step,
    Touchpoint,
)
from insidetrack.services.application_port import ApplicationsPort

# What the repositories return beside the domain's own objects.


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
class ApiToken:
    """An API token as listed (its secret is never kept)."""

    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


@dataclass
class Imported:
    """New records from an import, with ids already chosen, written together at the end."""

    employers: list[Employer] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    # each opening with when its application went in, its notes, link and salary, if known
    openings: list[tuple[Opening, datetime | None, str, str, str]] = field(default_factory=list)
    interviews: list[Interview] = field(default_factory=list)
    touchpoints: list[Touchpoint] = field(default_factory=list)


# One protocol per repository.


class PeoplePort(Protocol):
    """The job seeker, the employers, their people, and the references."""

    def profile(self) -> Profile | None: ...

    def save_profile(self, p: Profile) -> None: ...

    def employer_named(self, key: str) -> Employer | None: ...

    def employer(self, employer_id: int) -> Employer: ...

    def employers(self) -> list[Employer]: ...

    def add_employer(self, e: Employer, key: str) -> Employer: ...

    def update_employer(self, e: Employer) -> None: ...

    def contacts(self, employer_id: int | None = None) -> list[Contact]: ...

    def add_contact(self, c: Contact) -> Contact: ...

    def update_contact_email(self, contact_id: int, email: str) -> None: ...

    def add_reference(self, r: Reference) -> Reference: ...

    def reference(self, reference_id: int) -> Reference: ...

    def references(self) -> list[Reference]: ...

    def mark_reference_prepared(self, reference_id: int, at: datetime) -> None: ...

    def set_reference_prepared(self, reference_id: int, at: datetime | None) -> None: ...

    def openings_of_reference(self, reference_id: int) -> list[int]: ...

    def delete_reference(self, reference_id: int) -> None: ...

    def contact(self, contact_id: int) -> Contact: ...

    def update_contact(self, c: Contact) -> None: ...


class InterviewsPort(Protocol):
    """Openings and their interviews, notes, touchpoints, fact and clipping banks, messages."""

    def opening_ids_of_employer(self, employer_id: int) -> list[int]: ...

    def openings(self) -> list[Opening]: ...

    def interview_starts(self) -> set[tuple[int, datetime]]:
        """Return (opening, start) of every interview, to recognise one again."""

    def next_ids(self) -> dict[str, int]:
        """Return the next free id of each table that takes new rows in bulk."""

    def add_imported(self, new: Imported) -> None:
        """Insert an import's new records at once, with the ids the import chose."""

    def opening(self, opening_id: int) -> Opening: ...

    def opening_for(self, employer_id: int, job_title: str) -> Opening | None: ...

    def add_opening(
        self,
        employer_id: int,
        job_title: str,
        department: str,
        resume_via: ResumeVia | None,
        requested_electronic: bool,
    ) -> Opening: ...

    def update_opening(self, o: Opening) -> None: ...

    def add_interview(self, i: Interview) -> int: ...

    def update_interview(self, i: Interview) -> None: ...

    def set_interviewers(self, interview_id: int, people: tuple[Contact, ...]) -> None:
        """Make these contacts, in this order, the interview's interviewers."""

    def delete_interview(self, interview_id: int) -> None:
        """Delete an interview and all that hangs on it: steps, notes, messages, history."""

    def delete_opening(self, opening_id: int) -> None:
        """Delete an opening left with no interview, with its banks, links and history."""

    def interview(self, interview_id: int) -> Interview: ...

    def interviews_of_opening(self, opening_id: int) -> list[Interview]: ...

    def interview_rows(self, limit: int = -1, offset: int = 0) -> list[dict[str, Any]]:
        """Return interviews (a page of them, by start) with employer, job and next step."""

    def count_interviews(self) -> int: ...

    def interview_ids(self) -> list[int]: ...

    def references_of_opening(self, opening_id: int) -> list[Reference]: ...

    def link_reference(self, reference_id: int, opening_id: int) -> bool: ...

    def add_touchpoint(self, t: Touchpoint) -> int: ...

    def touchpoints_of_opening(self, opening_id: int) -> list[Touchpoint]: ...

    def offers(self) -> list[tuple[int, datetime]]:
        """Return (opening, when) of every offer logged, in order."""

    def add_fact(self, opening_id: int, text: str) -> int: ...

    def facts(self, opening_id: int) -> list[Fact]: ...

    def add_clipping(self, opening_id: int, title: str, url: str,
                     kind: ClippingKind = ClippingKind.ARTICLE) -> int: ...

    def clippings(self, opening_id: int) -> list[Clipping]: ...

    def mark_fact_used(self, fact_id: int, at: datetime) -> None: ...

    def mark_clipping_used(self, clipping_id: int, at: datetime) -> None: ...

    def unlink_reference(self, reference_id: int, opening_id: int) -> bool: ...

    def delete_touchpoint(self, touchpoint_id: int) -> None: ...

    def fact(self, fact_id: int) -> Fact: ...

    def edit_fact(self, fact_id: int, text: str) -> None: ...

    def delete_fact(self, fact_id: int) -> None: ...

    def free_fact(self, fact_id: int) -> None: ...

    def clipping(self, clipping_id: int) -> Clipping: ...

    def delete_clipping(self, clipping_id: int) -> None: ...

    def free_clipping(self, clipping_id: int) -> None: ...

    def add_message(
        self, step_id: int, message_id: str, recipient: str, subject: str, at: datetime
    ) -> None: ...

    def message_ids(self, step_id: int) -> list[str]: ...

    def add_notes(self, interview_id: int, notes: InterviewNotes) -> None: ...

    def is_empty(self) -> bool: ...


class StepsPort(Protocol):
    """The planned steps of every campaign, and the agenda over them."""

    def steps_of_interview(self, interview_id: int) -> list[Step]: ...

    def step(self, step_id: int) -> Step: ...

    def add_steps(self, steps: Iterable[Step]) -> None: ...

    def update_steps(self, steps: Iterable[Step]) -> None: ...

    def open_steps_of_kind(self, kind: str) -> list[Step]:
        """Return the steps of a kind still to do (pending or missed), in every campaign."""

    def delete_steps(self, step_ids: Iterable[int]) -> None:
        """Delete steps never done, with their drafts' records and unsent outbox items."""

    def due_items(self, before: datetime, since: datetime | None = None, limit: int = -1) -> list[DueItem]:
        """Return pending steps due in [since, before), with employer and job."""

    def count_due(self, before: datetime) -> int: ...

    def agenda_json(self, day: date, tz: tzinfo) -> dict[str, Any]:
        """Return the `today --json` document for a local day."""

    def alerts(self, day: date, tz: tzinfo) -> list[Any]:
        """Return replies of the last week and addresses still bouncing, as of a local day."""


class OutboxPort(Protocol):
    """Messages queued, being sent, sent or failed."""

    def add(
        self,
        step_id: int,
        message_id: str,
        sender: str,
        recipient: str,
        subject: str,
        raw: bytes,
        at: datetime,
    ) -> int: ...

    def get(self, item_id: int) -> OutboxItem: ...

    def of_step(self, step_id: int) -> list[OutboxItem]: ...

    def listing(self, state: str | None = None) -> list[OutboxItem]: ...

    def last_sent_to(self, recipient: str, interview_id: int) -> OutboxItem | None:
        """Return the last message sent to an address about the opening of an interview."""

    def set_state(self, item_id: int, state: str, at: datetime, reason: str = "") -> None: ...

    def sent_message_ids(self) -> set[str]:
        """Return every Message-ID insidetrack drafted or sent, to recognise replies."""


class InboxPort(Protocol):
    """What sync reads and writes: folder positions, alerts, contacts by address."""

    def folder_state(self, folder: str) -> tuple[int, int] | None:
        """Return (uidvalidity, last uid) read so far in a folder."""

    def save_folder_state(self, folder: str, validity: int, last: int) -> None: ...

    def step_of_message(self, message_ids: tuple[str, ...]) -> int | None:
        """Return the step whose sent or drafted message one of these Message-IDs names."""

    def open_interview_of_sender(self, address: str) -> tuple[int, int] | None:
        """Return (interview, contact) for a sender who is a contact of an open campaign."""

    def contacts_with_address(self, address: str) -> list[tuple[int, int | None]]:
        """Return (contact, latest interview of its employer or None) for an address."""

    def mark_bouncing(self, contact_id: int, bouncing: bool = True) -> None: ...

    def has_alert(self, message_id: str) -> bool: ...

    def add_alert(
        self,
        kind: str,
        interview_id: int | None,
        contact_id: int | None,
        sender: str,
        subject: str,
        at: datetime,
        message_id: str,
    ) -> None: ...


class CalendarPort(Protocol):
    """Steps with their revision, and what was pushed to which calendar."""

    def instance(self) -> str: ...

    def rows(self, with_done: bool = False) -> list[CalendarRow]:
        """Return pending steps (and done ones) with what a calendar entry shows, by due."""

    def pushed(self) -> dict[int, Pushed]:
        """Return what was last written to a calendar, by step id."""

    def record_push(self, p: Pushed, at: datetime) -> None: ...

    def forget_push(self, step_id: int) -> None: ...


class InsightsPort(Protocol):
    """Counts for the insights page."""

    def openings_by_status(self) -> dict[str, int]: ...

    def replies_by_channel(self) -> dict[str, int]:
        """Count replies by the channel of the last thing sent before each of them."""

    def days_to_decision(self) -> list[tuple[str, str, float]]:
        """Return (employer, outcome, days from first interview to decision)."""

    def pending_dues(self, start: datetime, end: datetime) -> list[str]: ...


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


class NotesPort(Protocol):
    """Each note of an interview, one by one, to change or delete."""

    def lines(self, interview_id: int) -> list[NoteLine]: ...
    def line(self, note_id: int) -> NoteLine: ...
    def change(self, note_id: int, text: str) -> None: ...
    def delete(self, note_id: int) -> None: ...


class SearchPort(Protocol):
    """Find interviews by what the user remembers of them."""

    def matches(self, text: str, limit: int = 200) -> list[SearchRow]:
        """Return the matches, newest interviews first."""

    def application_matches(self, text: str, limit: int = 200) -> list[SearchRow]:
        """Return the matches among applications with no interview yet, newest first."""


class AccessPort(Protocol):
    """Who may use the web app and the API."""

    def add_session(self, token_hash: str, at: datetime, expires: datetime) -> None: ...

    def session_expiry(self, token_hash: str) -> datetime | None: ...

    def end_session(self, token_hash: str) -> None: ...

    def end_sessions_before(self, at: datetime) -> None: ...

    def add_token(self, name: str, token_hash: str, at: datetime) -> int: ...

    def tokens(self) -> list[ApiToken]: ...

    def live_token(self, token_hash: str) -> int | None: ...

    def token_used(self, token_id: int, at: datetime) -> None: ...

    def revoke_token(self, token_id: int, at: datetime) -> bool: ...


class TablesPort(Protocol):
    """Every table's rows, for export, import and backup."""

    def names(self) -> list[str]: ...

    def rows_of(self, table: str) -> list[dict[str, Any]]: ...

    def put_rows(self, table: str, rows: list[dict[str, Any]]) -> None: ...

    def clear(self, names: list[str]) -> None: ...


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


class TrashPort(Protocol):
    """What was deleted, kept a while so that it can come back."""

    def interview_rows(self, interview_id: int, opening_id: int | None) -> Snapshot: ...

    def reference_rows(self, reference_id: int) -> tuple[Snapshot, Snapshot]:
        """Return a reference's rows and links, and the steps that name it."""

    def step_rows(self, interview_ids: list[int]) -> list[dict[str, Any]]: ...

    def row_of(self, table: str, row_id: int) -> Snapshot: ...

    def put(self, at: datetime, what: str, removed: Snapshot, changed: Snapshot,
            left: Snapshot) -> int: ...

    def entries(self, since: datetime) -> list[TrashEntry]: ...

    def entry(self, trash_id: int) -> TrashEntry: ...

    def taken(self, removed: Snapshot) -> list[tuple[str, int]]: ...

    def bring_back(self, removed: Snapshot, changed: Snapshot, left: Snapshot) -> None: ...

    def forget(self, trash_id: int) -> None: ...

    def empty_before(self, moment: datetime) -> int: ...


class StorePort(Protocol):
    """Every repository over one database, and its transactions."""

    @property
    def people(self) -> PeoplePort: ...
    @property
    def interviews(self) -> InterviewsPort: ...
    @property
    def steps(self) -> StepsPort: ...
    @property
    def tables(self) -> TablesPort: ...
    @property
    def outbox(self) -> OutboxPort: ...
    @property
    def inbox(self) -> InboxPort: ...
    @property
    def calendar(self) -> CalendarPort: ...
    @property
    def insights(self) -> InsightsPort: ...

    @property
    def search(self) -> SearchPort: ...
    @property
    def notes(self) -> NotesPort: ...
    @property
    def access(self) -> AccessPort: ...
    @property
    def applications(self) -> ApplicationsPort: ...
    @property
    def trash(self) -> TrashPort: ...

    def write(self) -> AbstractContextManager[None]:
        """Run a block as one transaction: all of it or nothing."""

    def close(self) -> None:
        """Let go of the database."""

    @property
    def dialect(self) -> str:
        """Which database holds the records: "sqlite" or "postgresql"."""

    def backup_file(self, dest: Path) -> None:
        """Copy a SQLite database to a file, consistently, even while others write."""

    def restore_file(self, source: Path) -> Path | None:
        """Put a checked SQLite backup in place of this database; return where it went."""
