"""Builders for domain objects and an in-memory campaign for planner tests."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from insidetrack.domain.model import (
    CallOutcome,
    Campaign,
    Contact,
    Employer,
    Interview,
    Opening,
    Profile,
    Reference,
    Step,
    StepKind,
    StepStatus,
    Touchpoint,
    TouchpointKind,
)
from insidetrack.domain.planner import PlanSettings, plan_follow_ups, reconcile

TZ = ZoneInfo("America/New_York")


def local(text: str, tz: ZoneInfo = TZ) -> datetime:
    """Return the aware moment of a local 'YYYY-MM-DD HH:MM'."""
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def campaign(
    start: str = "2026-11-04 10:00",
    *,
    interviewers: tuple[str, ...] = ("Maria Lopez",),
    references: tuple[str, ...] = (),
    expected_decision: date | None = None,
    profile: Profile | None = None,
    employer: Employer | None = None,
    opening: Opening | None = None,
    urgent: bool = False,
    dialogue: bool = False,
    duration: int = 60,
    tz: ZoneInfo = TZ,
) -> Campaign:
    people = tuple(Contact(n, 1, name) for n, name in enumerate(interviewers, start=1))
    return Campaign(
        interview=Interview(
            1, 1, local(start, tz), duration, interviewers=people, urgent=urgent,
            dialogue=dialogue, expected_decision=expected_decision,
        ),
        opening=opening or Opening(1, 1, "Sales Manager"),
        employer=employer or Employer(1, "Acme Motors"),
        profile=profile,
        references=tuple(Reference(n, name, "555 0100") for n, name in enumerate(references, 1)),
    )


@dataclass
class Sim:
    """A campaign kept in memory the way the services keep it in SQLite."""

    campaign: Campaign
    settings: PlanSettings = PlanSettings()
    tz: ZoneInfo = TZ
    steps: list[Step] = field(default_factory=list)
    touchpoints: list[Touchpoint] = field(default_factory=list)
    next_id: int = 1
    days_off: frozenset[date] = frozenset()

    def plan(self, now: datetime) -> list[Step]:
        current = replace(self.campaign, steps=tuple(self.steps),
                          touchpoints=tuple(self.touchpoints))
        planned = plan_follow_ups(current, self.settings, now, self.tz, self.days_off)
        changes = reconcile(self.steps, planned)
        by_id = {s.id: s for s in self.steps}
        for step in changes.changed:
            by_id[step.id] = step
        for step in changes.added:
            by_id[self.next_id] = replace(step, id=self.next_id)
            self.next_id += 1
        self.steps = sorted(by_id.values(), key=lambda s: (s.due, s.key))
        return self.steps

    def step(self, key: str) -> Step:
        return next(s for s in self.steps if s.key == key)

    def pending(self, kind: StepKind | None = None) -> list[Step]:
        return [s for s in self.steps if s.status is StepStatus.PENDING
                and (kind is None or s.kind is kind)]

    def _touch(self, kind: TouchpointKind, at: datetime, outcome: str = "",
               step_id: int | None = None) -> None:
        self.touchpoints.append(
            Touchpoint(len(self.touchpoints) + 1, 1, 1, kind, at, outcome=outcome, step_id=step_id)
        )

    def done(self, key: str, at: datetime) -> list[Step]:
        self.steps = [replace(s, status=StepStatus.DONE, done_at=at) if s.key == key else s
                      for s in self.steps]
        return self.plan(at)

    def call(self, outcome: CallOutcome, at: datetime) -> list[Step]:
        calls = sorted(self.pending(StepKind.CALL), key=lambda s: s.number or 0)
        target = calls[0] if calls else None
        self._touch(TouchpointKind.CALL, at, outcome.value, target.id if target else None)
        if target is not None and outcome.answered:
            return self.done(target.key, at)
        return self.plan(at)

    def reply(self, at: datetime) -> list[Step]:
        self._touch(TouchpointKind.REPLY, at)
        return self.plan(at)

    def decide(self, at: datetime, outcome: str = "offer") -> list[Step]:
        self._touch(TouchpointKind.DECISION, at, outcome)
        return self.plan(at)
