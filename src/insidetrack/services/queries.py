"""Read-only views: today's agenda, an interview's plan, advice and details."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from insidetrack.domain.advisor import Advice, advise_channel
from insidetrack.domain.model import Campaign, Clipping, Fact, Step
from insidetrack.domain.workdays import at_local
from insidetrack.services.campaigns import load_campaign
from insidetrack.services.context import Env
from insidetrack.storage.store import DueItem


@dataclass(frozen=True)
class Agenda:
    day: date
    items: list[tuple[DueItem, bool]]


def today(env: Env, day: date) -> Agenda:
    """List pending steps due on or before a local day; mark those already overdue."""
    start = at_local(day, time(0, 0), env.tz)
    end = at_local(day + timedelta(days=1), time(0, 0), env.tz)
    items = env.store.due_items(end)
    return Agenda(day, [(item, item.step.due < start) for item in items])


def coming_up(env: Env, day: date, days: int) -> list[DueItem]:
    """List pending steps due in the few days after a local day."""
    start = at_local(day + timedelta(days=1), time(0, 0), env.tz)
    end = at_local(day + timedelta(days=days + 1), time(0, 0), env.tz)
    return env.store.due_items(end, since=start)


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
