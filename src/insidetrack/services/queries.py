"""Read-only views: today's agenda, an interview's plan, advice and details."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from insidetrack.domain.advisor import Advice, advise_channel
from insidetrack.domain.model import Campaign, Clipping, Fact, Step
from insidetrack.services.campaigns import load_campaign
from insidetrack.services.context import Env
from insidetrack.storage.agenda import day_bounds
from insidetrack.storage.store import DueItem


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
    items = env.store.due_items(end, limit=limit)
    total = len(items) if limit < 0 or len(items) < limit else env.store.count_due(end)
    return Agenda(day, [(item, item.step.due < start) for item in items], total)


def today_json(env: Env, day: date) -> dict[str, Any]:
    """Return the agenda of a local day as `today --json` prints it."""
    return env.store.agenda_json(day, env.tz)


def alerts(env: Env, day: date) -> list[Any]:
    """Return the replies and bounces the user should read, as of a local day."""
    from insidetrack.storage.agenda import alert_rows

    return alert_rows(env.store.conn, day, env.tz)


def coming_up(env: Env, day: date, days: int, limit: int = -1) -> list[DueItem]:
    """List pending steps due in the few days after a local day."""
    start = day_bounds(day, env.tz)[1]
    end = day_bounds(day + timedelta(days=days), env.tz)[1]
    return env.store.due_items(end, since=start, limit=limit)


def step(env: Env, step_id: int) -> Step:
    """Return one step of a campaign."""
    return env.store.step(step_id)


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
        campaign, advise_channel(campaign), env.store.facts(opening_id),
        env.store.clippings(opening_id),
    )
