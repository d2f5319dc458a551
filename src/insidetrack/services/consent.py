"""Consent in a career center (issue 15, item 4): a job seeker grants a coach a view of
their search, per coach, and can revoke it at any time; every read a coach makes is
written to an audit log the seeker reads. The walls are PostgreSQL's (storage/consent.py):
these use cases only say who is who and what a grant shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from insidetrack.domain import parse
from insidetrack.domain.errors import InputError, InsidetrackError
from insidetrack.services import queries
from insidetrack.services.context import Env
from insidetrack.services.ports import DueItem
from insidetrack.services.ports.consent import AuditRow, GrantRow, Happening, Person


@dataclass(frozen=True)
class Shown:
    """One part of a coach's view of a seeker: its heading on the coach's page, and what it
    shows, in the seeker's words, for the grant page. The one list both pages come from."""

    key: str  # which part of the view: its section on the coach's page
    heading: str
    words: str


# What a coach's overview shows (coach_view below): web/templates/coach_seeker.html shows
# these parts under these headings, in this order, and `org coach-view` the same parts.
# The database lets the coaches' role read more than this (storage/consent.py PIPELINE:
# what these parts are read from).
SHOWN_ALWAYS = (
    Shown("stages", "Interviews by stage",
          "how many of your interviews are at each stage "
          "(interviewing, waiting, offer...)"),
    Shown("overdue", "Overdue follow-ups",
          "your overdue follow-ups: when each was due, the employer and "
          "job, and what it is, with the name of the person it is for"),
    Shown("thank_yous", "Thank-yous missed",
          "the thank-yous you missed or have not sent yet: the employer, "
          "the job and when each was due"),
    Shown("replies", "Replies",
          "the replies you logged: when, the employer and job, and what each "
          "answered (an e-mail, a letter, a call)"),
    Shown("decisions", "Decisions",
          "the decisions you logged: when, the employer and job, and the "
          "outcome"),
)
# ... and when drafts are shared too (storage/consent.py DRAFTS: what they are written from).
SHOWN_WITH_DRAFTS = (
    Shown("drafts", "Drafts of the overdue follow-ups",
          "the text of the drafts of those overdue "
          "follow-ups, as insidetrack writes them for you (from your profile, interview "
          "notes, facts, clippings and references)"),
)
NEVER_SHOWN = ("your mail and calendar settings, API tokens, invitations and trash: "
               "never shown to a coach")
_ROLE_WORDS = {"seeker": "a job seeker", "coach": "a coach", "admin": "an administrator"}


class NoGrant(InputError):
    """A coach asked to see a job seeker who has not granted them a view."""


def parts(drafts: bool) -> tuple[Shown, ...]:
    """Return the parts of a coach's view a grant shows (drafts only when shared)."""
    return SHOWN_ALWAYS + (SHOWN_WITH_DRAFTS if drafts else ())


def shows(drafts: bool) -> tuple[str, ...]:
    """Say what a grant shows a coach, in the seeker's words."""
    return tuple(part.words for part in parts(drafts))


def _person(env: Env, field: str, email: str, role: str) -> Person:
    """Find one of the center's people by e-mail, in the role the field asks for."""
    if env.store.dialect != "postgresql":
        raise InputError("db", "career-center mode needs a PostgreSQL database: give its "
                         "postgresql://... URL")
    address = parse.email(field, email)
    person = env.store.consent.person(address)
    if person is None:
        raise InputError(field, f"{address} is not one of the center's people")
    if person.role != role:
        raise InputError(field, f"{person.email} is {_ROLE_WORDS.get(person.role, person.role)},"
                         f" not {_ROLE_WORDS[role]}")
    return person


@dataclass(frozen=True)
class Granted:
    seeker: Person
    coach: Person
    drafts: bool
    changed: bool  # False: that very grant was already active


def grant(env: Env, seeker_email: str, coach_email: str, drafts: bool) -> Granted:
    """Let a coach see a seeker's pipeline and steps (and drafts, when asked)."""
    seeker = _person(env, "seeker", seeker_email, "seeker")
    coach = _person(env, "coach", coach_email, "coach")
    with env.store.write():
        env.store.consent.bind_seeker(seeker.id)
        changed = env.store.consent.grant(seeker.id, coach.id, drafts, env.now)
    return Granted(seeker, coach, drafts, changed)


def revoke(env: Env, seeker_email: str, coach_email: str) -> Granted:
    """End a coach's grant: from the next read on, they see nothing of the seeker."""
    seeker = _person(env, "seeker", seeker_email, "seeker")
    coach = _person(env, "coach", coach_email, "coach")
    with env.store.write():
        env.store.consent.bind_seeker(seeker.id)
        changed = env.store.consent.revoke(seeker.id, coach.id, env.now)
    return Granted(seeker, coach, False, changed)


def grants_of(env: Env, seeker_email: str) -> tuple[Person, list[GrantRow]]:
    """List a seeker's grants, the latest first, revoked ones too."""
    seeker = _person(env, "seeker", seeker_email, "seeker")
    env.store.consent.bind_seeker(seeker.id)
    return seeker, env.store.consent.grants_of(seeker.id)


def audit_of(env: Env, seeker_email: str) -> tuple[Person, list[AuditRow]]:
    """List every read of a seeker's records by a coach, the latest first."""
    seeker = _person(env, "seeker", seeker_email, "seeker")
    env.store.consent.bind_seeker(seeker.id)
    return seeker, env.store.consent.audit_of(seeker.id)


@dataclass(frozen=True)
class CoachView:
    """What a coach sees of one seeker: where things stand and what needs a nudge."""

    seeker: Person
    coach: Person
    drafts_shared: bool
    stages: dict[str, int]
    overdue: list[DueItem]
    thank_yous_missed: list[Happening]
    replies: list[Happening]
    decisions: list[Happening]
    drafts: list[tuple[int, str]]  # (step id, text) of the overdue steps, when shared

    @property
    def parts(self) -> tuple[Shown, ...]:
        """The parts of this view, in order: what the seeker's grant page lists."""
        return parts(self.drafts_shared)


OPERATOR = " (the center's operator at the command line, seeing what this coach sees)"


def coach_view(env: Env, coach_email: str, seeker_email: str, day: date, *,
               operator: bool = False) -> CoachView:
    """Show a coach one seeker's overview, as of a local day, and write it to the audit log
    (saying so when the center's operator looked, not the coach)."""
    coach = _person(env, "coach", coach_email, "coach")
    seeker = _person(env, "seeker", seeker_email, "seeker")
    consent = env.store.consent
    consent.bind_coach(coach.id, seeker.id)
    with env.store.write():
        shared = consent.active_drafts(seeker.id, coach.id)
        if shared is None:
            raise NoGrant("coach", f"{coach.email} has no active grant from the job seeker "
                             f"{seeker.email}: a coach sees nothing until the seeker grants it")
        what = ("overview: pipeline and steps" + (", drafts" if shared else "")
                + (OPERATOR if operator else ""))
        consent.record(seeker.id, coach.id, what, env.now)
        return _read(env, coach, seeker, shared, day)


def _read(env: Env, coach: Person, seeker: Person, shared: bool, day: date) -> CoachView:
    start = queries.day_bounds_of(env, day)[0]
    overdue = [item for item, late in queries.today(env, day).items if late]
    consent = env.store.consent
    return CoachView(
        seeker, coach, shared, queries.count_by_stage(env), overdue,
        consent.missed_steps("thank-you", start), consent.happenings("reply"),
        consent.happenings("decision"), _drafts(env, overdue) if shared else [])


def _drafts(env: Env, items: list[DueItem]) -> list[tuple[int, str]]:
    """Draft the overdue steps, as the seeker would see them; skip what cannot be drafted."""
    from insidetrack.services.drafts import draft_step

    found = []
    for item in items:
        step_id = item.step.id or 0
        try:
            found.append((step_id, draft_step(env, step_id).as_text()))
        except InsidetrackError:  # missing profile details, a call to make: nothing to show
            continue
    return found
