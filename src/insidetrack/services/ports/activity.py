"""What happens to the plan: steps, mail out and in, the calendar."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime, tzinfo
from typing import Any, Protocol

from insidetrack.domain.model import (
    Contact,
    Step,
)
from insidetrack.services.ports.rows import (
    CalendarRow,
    DueItem,
    OutboxItem,
    Pushed,
)


class StepRows(Protocol):
    """A plan's steps as the rows they are stored as (opaque here), made once."""

    def cast(self, interview_id: int, people: Mapping[int, Contact]) -> list[tuple[object, ...]]:
        """Return the rows for an interview, each step for one of `people` (by the contact
        id the plan has) given that person's id, name and key instead."""


class StepsPort(Protocol):
    """The planned steps of every campaign, and the agenda over them."""

    def steps_of_interview(self, interview_id: int) -> list[Step]: ...

    def step(self, step_id: int) -> Step: ...

    def add_steps(self, steps: Iterable[Step]) -> None: ...

    def loading(self, count: int) -> AbstractContextManager[None]: ...

    def planned_rows(self, steps: Iterable[Step]) -> StepRows:
        """Return a plan's steps as rows to store, to be given each campaign's ids."""

    def add_step_rows(self, rows: Iterable[Sequence[object]]) -> None:
        """Add steps given as rows that `planned_rows` made."""

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

    def rows(self, with_done: bool = False, until: datetime | None = None) -> list[CalendarRow]:
        """Return pending steps (and done ones) with what a calendar entry shows, by due."""

    def version(self, until: datetime) -> str:
        """Return one line that changes when the pending steps due before a moment change."""

    def pushed(self) -> dict[int, Pushed]:
        """Return what was last written to a calendar, by step id."""

    def record_push(self, p: Pushed, at: datetime) -> None: ...

    def forget_push(self, step_id: int) -> None: ...
