"""Read-only views: today's agenda, an interview's plan, advice and details."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from insidetrack.domain.advisor import Advice, advise_channel
from insidetrack.domain.model import Campaign, Clipping, Contact, Employer, Fact, Profile, Reference, Step
from insidetrack.domain.parse import name_key
from insidetrack.services.campaigns import load_campaign
from insidetrack.services.context import Env
from insidetrack.services.ports import DueItem
from insidetrack.storage.agenda import day_bounds


@dataclass(frozen=True)
class Agenda:
    day: date
    items: list[tuple[DueItem, bool]]
    total: int


def today(env: Env, day: date, limit: int = -1) -> Agenda:
    """List pending steps due on or before a local day; mark those already overdue.

    With a limit, list the first ones only; `total` still counts them all.
    """
    start, end = day_bounds(day, env.tz)
    items = env.store.steps.due_items(end, limit=limit)
    total = len(items) if limit < 0 or len(items) < limit else env.store.steps.count_due(end)
    return Agenda(day, [(item, item.step.due < start) for item in items], total)


def today_json(env: Env, day: date) -> dict[str, Any]:
    """Return the agenda of a local day as `today --json` prints it."""
    return env.store.steps.agenda_json(day, env.tz)


def alerts(env: Env, day: date) -> list[Any]:
    """Return the replies and bounces the user should read, as of a local day."""
    return env.store.steps.alerts(day, env.tz)


def coming_up(env: Env, day: date, days: int, limit: int = -1) -> list[DueItem]:
    """List pending steps due in the few days after a local day."""
    start = day_bounds(day, env.tz)[1]
    end = day_bounds(day + timedelta(days=days), env.tz)[1]
    return env.store.steps.due_items(end, since=start, limit=limit)


@dataclass(frozen=True)
class InterviewLine:
    """One interview in a listing, with its next pending step."""

    id: int
    at: datetime
    round: int
    employer: str
    job_title: str
    status: str
    next_due: datetime | None
    pending: int
    archived: bool = False


def interview_lines(env: Env, limit: int = -1, offset: int = 0, status: str | None = None,
                    archived: bool | None = None) -> list[InterviewLine]:
    """List interviews by start time (a page of them, with a limit; one stage, when asked)."""
    return [InterviewLine(r["id"], datetime.fromisoformat(r["starts_at"]), r["round"],
                          r["employer"], r["job_title"], r["status"],
                          datetime.fromisoformat(r["next_due"]) if r["next_due"] else None,
                          r["pending"], bool(r["archived"]))
            for r in env.store.interviews.interview_rows(limit, offset, status, archived)]


def count_interviews(env: Env) -> int:
    return env.store.interviews.count_interviews()


def count_by_stage(env: Env, archived: bool = False) -> dict[str, int]:
    """Return how many interviews each stage of the pipeline holds."""
    return env.store.interviews.count_by_stage(archived)


def day_bounds_of(env: Env, day: date) -> tuple[datetime, datetime]:
    """Return the moments when a local day begins and ends."""
    return day_bounds(day, env.tz)


def step(env: Env, step_id: int) -> Step:
    """Return one step of a campaign."""
    return env.store.steps.step(step_id)


def advice(env: Env, interview_id: int) -> Advice:
    return advise_channel(load_campaign(env.store, interview_id))


@dataclass(frozen=True)
class InterviewView:
    campaign: Campaign
    advice: Advice
    facts: list[Fact]
    clippings: list[Clipping]

    @property
    def steps(self) -> tuple[Step, ...]:
        return self.campaign.steps


def interview(env: Env, interview_id: int) -> InterviewView:
    """Gather one interview with its campaign, advice and banks."""
    campaign = load_campaign(env.store, interview_id)
    opening_id = campaign.opening.id
    return InterviewView(
        campaign, advise_channel(campaign), env.store.interviews.facts(opening_id),
        env.store.interviews.clippings(opening_id),
    )


def profile(env: Env) -> Profile | None:
    return env.store.people.profile()


def is_new(env: Env) -> bool:
    """Say whether nothing was entered yet: no profile and no interview."""
    return env.store.people.profile() is None and env.store.interviews.is_empty()


def is_new_seeker(env: Env) -> bool:
    """Say whether a center's job seeker entered nothing yet: no interview, and the profile
    lacks what the profile form requires (the roster gave their name and e-mail, no phone)."""
    p = env.store.people.profile()
    unfinished = p is None or not (p.name and p.email and p.phone)
    return unfinished and env.store.interviews.is_empty()


def employers(env: Env) -> list[Employer]:
    return env.store.people.employers()


def employer_named(env: Env, name: str) -> Employer | None:
    return env.store.people.employer_named(name_key(name))


def contacts(env: Env) -> list[Contact]:
    return env.store.people.contacts()


def references(env: Env) -> list[Reference]:
    return env.store.people.references()


@dataclass(frozen=True)
class Insights:
    openings_by_status: dict[str, int]
    replies_by_channel: dict[str, int]
    days_to_decision: list[tuple[str, str, float]]


def insights(env: Env) -> Insights:
    """Count openings by stage, replies by channel, and the days each decision took."""
    counts = env.store.insights
    return Insights(counts.openings_by_status(), counts.replies_by_channel(),
                    counts.days_to_decision())


def pending_dues(env: Env, start: datetime, end: datetime) -> list[tuple[datetime, int]]:
    """Return each moment pending steps are due between two moments, with how many."""
    return [(datetime.fromisoformat(d), n) for d, n in env.store.insights.pending_dues(start, end)]
