"""The port of a center's consent: grants to coaches, the audit log of what they read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from insidetrack.services.ports.rows import OrgPerson

Person = OrgPerson  # one of the center's people, as org_people has them


@dataclass(frozen=True)
class GrantRow:
    """A seeker's grant to one coach: what it shares, since when, until when."""

    coach: Person
    drafts: bool
    granted_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True)
class AuditRow:
    """One read of a seeker's records by a coach."""

    coach: Person
    what: str
    at: datetime


@dataclass(frozen=True)
class Happening:
    """A reply or a decision in a seeker's pipeline."""

    employer: str
    job_title: str
    at: datetime
    detail: str | None  # a reply: the channel of what it answered; a decision: its outcome;
    # a step: missed, or overdue


class ConsentPort(Protocol):
    """Grants, their audit log, and binding a connection to what a coach may read."""

    def person(self, email: str) -> Person | None:
        """Return the center's person with this e-mail (any case), or None."""

    def grant(self, seeker_id: int, coach_id: int, drafts: bool, at: datetime) -> bool:
        """Grant (or change) what a coach sees; False when that grant was already active."""

    def revoke(self, seeker_id: int, coach_id: int, at: datetime) -> bool:
        """End a coach's active grant; False when there was none."""

    def grants_of(self, seeker_id: int) -> list[GrantRow]:
        """List a seeker's grants, the latest first, revoked ones too."""

    def active_drafts(self, seeker_id: int, coach_id: int) -> bool | None:
        """Say whether an active grant shares drafts; None when there is no active grant."""

    def record(self, seeker_id: int, coach_id: int, what: str, at: datetime) -> None:
        """Write one coach read to the seeker's audit log."""

    def audit_of(self, seeker_id: int) -> list[AuditRow]:
        """List a seeker's audit log, the latest first."""

    def bind_seeker(self, seeker_id: int) -> None:
        """Bind this connection to a seeker: their own rows, grants and audit log."""

    def bind_coach(self, coach_id: int, seeker_id: int | None) -> None:
        """Bind this connection to a coach looking at one seeker: read-only, what a grant
        shows, nothing at all without one."""

    def grants_to(self, coach_id: int) -> dict[int, bool]:
        """Return a coach's active grants: seeker id -> whether drafts are shared."""

    def ended_to(self, coach_id: int) -> dict[int, datetime]:
        """Return when each seeker who shared with a coach, and no longer does, stopped."""

    def coaches(self) -> list[Person]:
        """Return the center's coaches, by name."""

    def person_by_id(self, person_id: int) -> Person | None:
        """Return the center's person with this id, or None."""

    def coached(self, person_id: int, role: str) -> list[Person]:
        """Return the roster's other side of a person: a seeker's coaches, a coach's seekers."""

    def happenings(self, kind: str) -> list[Happening]:
        """List the touchpoints of a kind (reply, decision) the connection may read."""

    def missed_steps(self, kind: str, before: datetime) -> list[Happening]:
        """List the steps of a kind missed, or pending and due before a moment."""
