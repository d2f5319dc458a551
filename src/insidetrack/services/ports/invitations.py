"""What the services may ask of storage about invitations proposed as interviews."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class Invitation:
    """An interview an invitation proposes, and what became of it."""

    id: int
    uid: str
    sequence: int
    kind: str  # new, late, cancel or moved
    state: str  # open, accepted or dismissed
    start: datetime
    minutes: int
    fields: dict[str, list[str]]  # name -> [value, sureness, why]
    interview_id: int | None
    note: str  # what it matches, or what moved
    received_at: datetime

    def value(self, name: str) -> str:
        """Return a field's value, or ''."""
        return self.fields.get(name, ["", "", ""])[0]


class InvitationsPort(Protocol):
    """Invitations, by id and by calendar UID."""

    def add(self, invitation: Invitation) -> int: ...

    def invitation(self, invitation_id: int) -> Invitation: ...

    def invitations(self, state: str | None = None) -> list[Invitation]:
        """Return the invitations, newest first; `state` keeps only those."""

    def of_uid(self, uid: str) -> list[Invitation]:
        """Return the invitations of one calendar event, oldest first."""

    def settle(self, invitation_id: int, state: str, interview_id: int | None) -> None: ...
