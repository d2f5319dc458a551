"""Reading across records, who may come in, raw tables and the trash."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from insidetrack.services.ports.rows import (
    ApiToken,
    SearchRow,
    Snapshot,
    TrashEntry,
)


class InsightsPort(Protocol):
    """Counts for the insights page."""

    def openings_by_status(self) -> dict[str, int]: ...

    def replies_by_channel(self) -> dict[str, int]:
        """Count replies by the channel of the last thing sent before each of them."""

    def days_to_decision(self) -> list[tuple[str, str, float]]:
        """Return (employer, outcome, days from first interview to decision)."""

    def pending_dues(self, start: datetime, end: datetime) -> list[tuple[str, int]]: ...


class SearchPort(Protocol):
    """Find interviews by what the user remembers of them."""

    def matches(self, text: str, limit: int = 200) -> list[SearchRow]:
        """Return the matches, newest interviews first."""

    def application_matches(self, text: str, limit: int = 200) -> list[SearchRow]:
        """Return the matches among applications with no interview yet, newest first."""


class AccessPort(Protocol):
    """Who may use the web app and the API."""

    def add_session(self, token_hash: str, at: datetime, expires: datetime) -> None: ...

    def add_person_session(self, token_hash: str, at: datetime, expires: datetime,
                           person_id: int) -> None: ...

    def session_person(self, token_hash: str) -> tuple[int, datetime] | None: ...

    def session_expiry(self, token_hash: str) -> datetime | None: ...

    def end_session(self, token_hash: str) -> None: ...

    def end_sessions_before(self, at: datetime) -> None: ...

    def add_token(self, name: str, token_hash: str, at: datetime,
                  expires: datetime | None = None) -> int: ...

    def tokens(self) -> list[ApiToken]: ...

    def live_token(self, token_hash: str, at: datetime) -> int | None: ...

    def token_used(self, token_id: int, at: datetime) -> None: ...

    def token_seeker(self, token_hash: str, at: datetime) -> int | None: ...

    def revoke_token(self, token_id: int, at: datetime) -> bool: ...

    def login_tries(self, client: str) -> tuple[int, float] | None: ...

    def set_login_tries(self, client: str, failures: int, at: float) -> None: ...

    def forget_login_tries(self, client: str) -> None: ...

    def forget_login_tries_before(self, at: float) -> None: ...


class TablesPort(Protocol):
    """Every table's rows, for export, import and backup."""

    def names(self) -> list[str]: ...

    def rows_of(self, table: str) -> list[dict[str, Any]]: ...

    def put_rows(self, table: str, rows: list[dict[str, Any]]) -> None: ...

    def clear(self, names: list[str]) -> None: ...

    def loaded(self, names: list[str]) -> None:
        """Say that these tables were just filled in bulk, so queries plan for their size."""

    def upgraded(self, tables: dict[str, list[dict[str, Any]]],
                 schema: int) -> dict[str, list[dict[str, Any]]]:
        """Return an export's rows, made at an older schema, as this schema holds them."""

    def settle(self, names: list[str]) -> None:
        """Tidy tables filled in bulk, once their transaction is over, so reads are fast at once."""


class TrashPort(Protocol):
    """What was deleted, kept a while so that it can come back."""

    def interview_rows(self, interview_id: int, opening_id: int | None) -> Snapshot: ...

    def reference_rows(self, reference_id: int) -> tuple[Snapshot, Snapshot]:
        """Return a reference's rows and links, and the steps that name it."""

    def step_rows(self, interview_ids: list[int]) -> list[dict[str, Any]]: ...

    def row_of(self, table: str, row_id: int) -> Snapshot: ...

    def employer_rows(self, employer_id: int) -> Snapshot: ...

    def contact_rows(self, contact_id: int) -> Snapshot: ...

    def put(self, at: datetime, what: str, removed: Snapshot, changed: Snapshot,
            left: Snapshot) -> int: ...

    def entries(self, since: datetime) -> list[TrashEntry]: ...

    def entry(self, trash_id: int) -> TrashEntry: ...

    def taken(self, removed: Snapshot) -> list[tuple[str, int]]: ...

    def bring_back(self, removed: Snapshot, changed: Snapshot, left: Snapshot) -> None: ...

    def forget(self, trash_id: int) -> None: ...

    def empty_before(self, moment: datetime) -> int: ...
