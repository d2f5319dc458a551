"""Consent and the coach's view on the web (issue 15, items 4 and 5): a job seeker's
Sharing page, a coach's list of job seekers and their look at one of them.

The web knows people by the id they signed in with; these find them and call the consent
use cases (services/consent.py), which keep the walls: a seeker grants and revokes for
themselves only, to the center's coaches only; a coach reads through the coaches' role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from insidetrack.domain.errors import InputError, NotFoundError
from insidetrack.services import consent
from insidetrack.services.consent import CoachView, Granted
from insidetrack.services.context import Env
from insidetrack.services.ports.consent import AuditRow, GrantRow, Person

# One answer whoever the address is (a job seeker, an administrator, no one), so that the
# grant form does not tell a seeker who else is enrolled.
NO_SUCH_COACH = "No coach with that e-mail at your center"


def not_shared(seeker_id: int | str) -> NotFoundError:
    """The one answer for an unknown id and for a seeker who has not granted this coach."""
    return NotFoundError(f"no job seeker with id {seeker_id} has shared their search with you")


@dataclass(frozen=True)
class CoachChoice:
    """A coach a job seeker may share with: theirs on the roster, or granted before."""

    coach: Person
    yours: bool  # the center made them this seeker's coach
    active: GrantRow | None  # what they see now; None: nothing


@dataclass(frozen=True)
class Sharing:
    """A job seeker's Sharing page: their coaches, their grants and who looked when."""

    seeker: Person
    coaches: list[CoachChoice]
    grants: list[GrantRow]  # the latest first, revoked ones too
    audit: list[AuditRow]
    offered: list[CoachChoice]  # every coach of the center, theirs first: the grant form's


def _me(env: Env, person_id: int) -> Person:
    person = env.store.consent.person_by_id(person_id)
    if person is None:
        raise NotFoundError(f"no one of the center's people has id {person_id}")
    return person


def sharing(env: Env, seeker_id: int) -> Sharing:
    """Gather what a job seeker's Sharing page shows."""
    seeker = _me(env, seeker_id)
    roster = env.store.consent.coached(seeker.id, "seeker")
    _, grants = consent.grants_of(env, seeker.email)
    _, audit = consent.audit_of(env, seeker.email)
    active = {g.coach.id: g for g in grants if g.revoked_at is None}
    listed = {c.id: c for c in roster}
    for g in grants:
        listed.setdefault(g.coach.id, g.coach)
    mine = {c.id for c in roster}
    choices = [CoachChoice(c, c.id in mine, active.get(c.id)) for c in listed.values()]
    everyone = env.store.consent.coaches()
    offered = sorted((CoachChoice(c, c.id in mine, active.get(c.id)) for c in everyone),
                     key=lambda c: not c.yours)  # stable: by name within each
    return Sharing(seeker, choices, grants, audit, offered)


def share(env: Env, seeker_id: int, coach_email: str, drafts: bool) -> Granted:
    """Let one of the center's coaches see the signed-in seeker's search (theirs alone)."""
    email = _me(env, seeker_id).email
    return _as_coach(coach_email, lambda: consent.grant(env, email, coach_email, drafts))


def stop_sharing(env: Env, seeker_id: int, coach_email: str) -> Granted:
    """End a coach's view of the signed-in seeker's search, at once."""
    email = _me(env, seeker_id).email
    return _as_coach(coach_email, lambda: consent.revoke(env, email, coach_email))


def _as_coach(coach_email: str, use: Callable[[], Granted]) -> Granted:
    """Say one thing of any address that is not a coach's (not who else it is)."""
    try:
        return use()
    except InputError as wrong:
        if wrong.field != "coach":
            raise
        if not coach_email.strip():
            raise InputError("coach", "choose a coach") from None
        raise InputError("coach", NO_SUCH_COACH) from None


@dataclass(frozen=True)
class Coached:
    """A job seeker on a coach's list: on their roster, or who granted them a view."""

    seeker: Person
    yours: bool  # the center made this coach theirs
    drafts: bool | None  # what the active grant shares; None: no active grant
    ended: datetime | None = None  # no active grant, but one until then


def caseload(env: Env, coach_id: int, role: str) -> list[Coached]:
    """List a coach's job seekers, by name, each with whether they share their search."""
    roster = env.store.consent.coached(coach_id, role) if role == "coach" else []
    granted = env.store.consent.grants_to(coach_id)  # read as the coach, then unbound
    ended = env.store.consent.ended_to(coach_id) if role == "coach" else {}
    found = {p.id: Coached(p, True, granted.get(p.id), ended.get(p.id)) for p in roster}
    for seeker_id, drafts in granted.items():
        if seeker_id not in found:
            found[seeker_id] = Coached(_me(env, seeker_id), False, drafts)
    for seeker_id, at in ended.items():  # who stopped sharing: the coach sees when
        if seeker_id not in found:
            found[seeker_id] = Coached(_me(env, seeker_id), False, None, at)
    return sorted(found.values(), key=lambda c: (c.seeker.name.casefold(), c.seeker.email))


def require_grant(env: Env, coach_id: int, seeker_id: int) -> None:
    """Refuse, as not found, a seeker who has no active grant to this coach."""
    if seeker_id not in env.store.consent.grants_to(coach_id):
        raise not_shared(seeker_id)


def look(env: Env, coach_id: int, seeker_id: int, day: date) -> CoachView:
    """Show a coach one job seeker's overview (written to the seeker's audit log); a seeker
    who has not granted it is not found, in the same words as an unknown id."""
    coach, seeker = _me(env, coach_id), env.store.consent.person_by_id(seeker_id)
    if seeker is None or seeker.role != "seeker" or coach.role != "coach":
        raise not_shared(seeker_id)
    try:
        return consent.coach_view(env, coach.email, seeker.email, day)
    except consent.NoGrant:
        raise not_shared(seeker_id) from None
