"""Properties of the planner that hold whatever happens in a campaign."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import Sim, campaign
from insidetrack.domain.model import (
    CallOutcome,
    Channel,
    Employer,
    StepKind,
    StepStatus,
    TouchpointKind,
)
from insidetrack.domain.workdays import local_date

ZONES = [ZoneInfo(z) for z in ("America/New_York", "Europe/Paris", "Asia/Tokyo", "UTC")]
EVENTS = ["done", "no-answer", "gatekeeper", "connected", "voicemail", "reply", "offer",
          "rejected", "hired", "idle"]
ANSWERED = {"offer": {StepKind.OFFER_THANKS, StepKind.REFERENCE_THANKS},
            "rejected": {StepKind.KEEP_IN_MIND, StepKind.REFERENCE_THANKS}}


@st.composite
def scenarios(draw):
    tz = draw(st.sampled_from(ZONES))
    start = draw(st.datetimes(datetime(2024, 1, 1), datetime(2029, 12, 31)))
    start = start.replace(second=0, microsecond=0)
    decision_in = draw(st.none() | st.integers(0, 60))
    c = campaign(
        start.strftime("%Y-%m-%d %H:%M"), tz=tz,
        interviewers=tuple(draw(st.lists(st.sampled_from(["Ana", "Bo", "Cy"]), max_size=3,
                                         unique=True))),
        references=tuple(draw(st.lists(st.sampled_from(["Ref A", "Ref B"]), max_size=2,
                                       unique=True))),
        expected_decision=None if decision_in is None else (start + timedelta(days=decision_in)).date(),
        employer=Employer(1, "Co", traditionalist=draw(st.booleans())),
        duration=draw(st.integers(15, 480)), urgent=draw(st.booleans()),
    )
    events = draw(st.lists(st.tuples(st.sampled_from(EVENTS), st.integers(1, 24 * 20)),
                           max_size=12))
    return tz, c, events


def _apply(sim: Sim, event: str, at: datetime) -> None:
    if event == "done" and sim.pending():
        sim.done(sim.pending()[0].key, at)
    elif event in ("no-answer", "gatekeeper", "connected", "voicemail"):
        sim.call(CallOutcome(event), at)
    elif event == "reply":
        sim.reply(at)
    elif event in ("offer", "rejected", "hired"):
        sim.decide(at, event)
    else:
        sim.plan(at)


def _check(sim: Sim) -> None:
    interview = sim.campaign.interview
    tz = sim.tz
    steps = sim.steps
    for s in steps:
        assert s.due >= interview.start, f"{s.key} due before the interview"
        assert s.clipping == (s.kind is StepKind.FOLLOW_UP and (s.number or 0) >= 4)
        if s.kind is StepKind.THANK_YOU and s.channel is Channel.EMAIL:
            assert s.due == interview.end + timedelta(hours=24)
        if s.kind is StepKind.THANK_YOU and s.channel is Channel.LETTER:  # posted on a workday
            day_after = interview.end + timedelta(hours=24)
            assert day_after <= s.due <= day_after + timedelta(days=4)
            assert local_date(s.due, tz).weekday() < 5, f"{s.key} posted on a weekend"
        if s.status is StepStatus.PENDING and s.kind in (StepKind.FOLLOW_UP, StepKind.CALL):
            assert local_date(s.due, tz).weekday() < 5, f"{s.key} on a weekend"
    calls = sorted((s for s in steps if s.kind is StepKind.CALL
                    and s.status is not StepStatus.CANCELLED), key=lambda s: s.number or 0)
    for earlier, later in zip(calls, calls[1:], strict=False):
        if later.status is StepStatus.PENDING:
            gap = local_date(later.effective, tz) - local_date(earlier.effective, tz)
            assert gap.days >= 30, f"{later.key} only {gap.days} days after {earlier.key}"
    decisions = [t for t in sim.touchpoints if t.kind is TouchpointKind.DECISION]
    if decisions:
        # Only the answer to the latest offer or rejection, and thanks, may be pending.
        answered = [t for t in decisions if t.outcome in ANSWERED]
        allowed = ANSWERED[answered[-1].outcome] if answered else set()
        left = {s.kind for s in sim.pending()}
        assert left <= allowed, f"{left - allowed} pending after {decisions[-1].outcome}"
        for s in sim.pending():
            assert s.due > answered[-1].at, f"{s.key} due before the decision it answers"
    replies = [t.at for t in sim.touchpoints if t.kind is TouchpointKind.REPLY]
    if replies:
        for s in sim.pending(StepKind.FOLLOW_UP):
            assert s.due >= max(replies) + timedelta(days=7)


@settings(deadline=None, max_examples=150)
@given(scenarios())
def test_campaign_invariants_hold_after_every_event(scenario):
    tz, c, events = scenario
    sim = Sim(c, tz=tz)
    now = c.interview.end
    sim.plan(now)
    _check(sim)
    for event, hours in events:
        now += timedelta(hours=hours)
        _apply(sim, event, now)
        _check(sim)


@settings(deadline=None, max_examples=50)
@given(scenarios())
def test_replanning_without_news_changes_nothing(scenario):
    tz, c, events = scenario
    sim = Sim(c, tz=tz)
    now = c.interview.end
    for event, hours in events:
        now += timedelta(hours=hours)
        _apply(sim, event, now)
    before = list(sim.plan(now))
    assert sim.plan(now) == before
