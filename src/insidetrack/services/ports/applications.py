"""What the services may ask of storage about applications: openings tracked on their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class Application:
    """An opening as the job seeker tracks it: where it stands, from the first application on."""

    id: int  # the opening's id
    employer_id: int
    employer: str
    job_title: str
    status: str
    applied_at: datetime | None  # the start of the local day it was sent, or as imported
    link: str
    salary: str
    notes: str
    archived_at: datetime | None
    interview_ids: tuple[int, ...]


@dataclass(frozen=True)
class ApplicationDetails:
    """What the user types about an application (every field at once)."""

    applied_at: datetime | None
    link: str
    salary: str
    notes: str


class ApplicationsPort(Protocol):
    """Openings with their application details and archive mark."""

    def add(self, employer_id: int, job_title: str, status: str,
            details: ApplicationDetails) -> int: ...

    def application(self, opening_id: int) -> Application: ...

    def applications(self, archived: bool | None = None, waiting: bool = False,
                     limit: int | None = None, offset: int = 0) -> list[Application]:
        """Return every opening, oldest first; `archived` keeps only those (not) archived,
        `waiting` only those with no interview yet; `limit`/`offset`: one page of them."""

    def save(self, opening_id: int, job_title: str, status: str,
             details: ApplicationDetails) -> None: ...

    def count_applications(self, archived: bool | None = None, waiting: bool = False) -> int:
        """Return how many openings `applications` would list without a page."""
        ...

    def set_archived(self, opening_id: int, at: datetime | None) -> None: ...
