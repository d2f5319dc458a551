"""Re-plan campaigns and record what happened: steps done, calls, replies, decisions."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from insidetrack.domain.errors import ConflictError, InputError
from insidetrack.domain.model import (
    CallOutcome,
    Campaign,
    Channel,
    Decision,
    Interview,
    OpeningStatus,
    Profile,
    Step,
    StepKind,
    StepStatus,
    Touchpoint,
    TouchpointKind,
)
from insidetrack.domain.planner import plan_follow_ups, reconcile
from insidetrack.services.context import Env
from insidetrack.services.ports import DueItem, StorePort

_END_OF_TIME = datetime(9999, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class _Shared:
    """What every campaign's plan reads alike: read once when many are re-planned."""

    profile: Profile | None
    offers: tuple[tuple[int, datetime], ...]


def _shared(store: StorePort) -> _Shared:
    return _Shared(store.people.profile(), tuple(store.interviews.offers()))


def load_campaign(store: StorePort, interview_id: int, shared: _Shared | None = None) -> Campaign:
    """Gather everything the planner needs for one interview."""
    shared = shared or _shared(store)
    interview = store.interviews.interview(interview_id)
    opening = store.interviews.opening(interview.opening_id)
    later = [
        i for i in store.interviews.interviews_of_opening(opening.id)
        if (i.start, i.id) > (interview.start, interview.id)
    ]
    return Campaign(
        interview=interview,
        opening=opening,
        employer=store.people.employer(opening.employer_id),
        profile=shared.profile,
        references=tuple(store.interviews.references_of_opening(opening.id)),
        touchpoints=tuple(store.interviews.touchpoints_of_opening(opening.id)),
        steps=tuple(store.steps.steps_of_interview(interview_id)),
        superseded=bool(later),
        offers_elsewhere=tuple(at for other, at in shared.offers if other != opening.id),
    )


def replan(env: Env, interview_id: int) -> list[Step]:
    """Re-run the planner for one interview, store what changed, and return its steps."""
    _replan(env, interview_id, _shared(env.store))
    return env.store.steps.steps_of_interview(interview_id)


def _replan(env: Env, interview_id: int, shared: _Shared) -> None:
    campaign = load_campaign(env.store, interview_id, shared)
    planned = plan_follow_ups(campaign, env.plan, env.now, env.tz,
                              env.days_off(campaign.interview.start))
    changes = reconcile(campaign.steps, planned)
    env.store.steps.add_steps(changes.added)
    env.store.steps.update_steps(changes.changed)


def replan_opening(env: Env, opening_id: int) -> None:
    shared = _shared(env.store)
    for interview in env.store.interviews.interviews_of_opening(opening_id):
        _replan(env, interview.id, shared)


def replan_all(env: Env) -> None:
    shared = _shared(env.store)  # re-planning changes steps only, not these
    for interview_id in env.store.interviews.interview_ids():
        _replan(env, interview_id, shared)


def _check_moment(field: str, at: datetime, interview: Interview) -> None:
    if at < interview.start:
        raise InputError(field, "is before the interview began; follow-ups come after it")


def _touchpoint(
    interview: Interview, kind: TouchpointKind, at: datetime, *, channel: Channel | None = None,
    outcome: str = "", note: str = "", step_id: int | None = None,
) -> Touchpoint:
    return Touchpoint(
        0, interview.opening_id, interview.id, kind, at, channel, outcome, note, step_id
    )


_DONE_TOUCHPOINT = {
    StepKind.THANK_YOU: TouchpointKind.EMAIL_SENT,
    StepKind.FOLLOW_UP: TouchpointKind.EMAIL_SENT,
    StepKind.CALL: TouchpointKind.CALL,
    StepKind.REFERENCE_BRIEF: TouchpointKind.REFERENCE_BRIEFED,
    StepKind.OFFER_THANKS: TouchpointKind.EMAIL_SENT,
    StepKind.KEEP_IN_MIND: TouchpointKind.EMAIL_SENT,
    StepKind.WITHDRAW: TouchpointKind.EMAIL_SENT,
    StepKind.REFERENCE_THANKS: TouchpointKind.REFERENCE_THANKED,
}


def _settle_opening(env: Env, opening_id: int, status: OpeningStatus) -> None:
    opening = env.store.interviews.opening(opening_id)
    if opening.status in (OpeningStatus.APPLIED, OpeningStatus.INTERVIEWING) or status in (
        OpeningStatus.OFFER, OpeningStatus.CLOSED,
    ):
        env.store.interviews.update_opening(replace(opening, status=status))


class AlreadyDone(ConflictError):
    """A step asked to be done was done already (Mark done clicked twice, say)."""

    def __init__(self, step: Step) -> None:
        super().__init__(f"step {step.id} is already done")
        self.step = step


def mark_done(env: Env, step_id: int, at: datetime, note: str) -> Step:
    """Mark one step done when the user says so, at a time they may give, and re-plan."""
    with env.store.write():
        step = env.store.steps.step(step_id)
        _check_moment("at", at, env.store.interviews.interview(step.interview_id))
        return complete_step(env, step_id, at, note)


def complete_step(env: Env, step_id: int, at: datetime, note: str) -> Step:
    """Mark a step done inside the caller's transaction: touchpoint, banks, re-plan.

    Nothing about `at` is refused here: a message the server accepted was sent, whenever
    that was (a thank-you sent on the day, before the interview's hour, is still sent).
    """
    step = env.store.steps.step(step_id)
    if step.status is StepStatus.DONE:
        raise AlreadyDone(step)
    if not step.doable:
        raise ConflictError(f"step {step_id} is already {step.status.value}")
    interview = env.store.interviews.interview(step.interview_id)
    kind = _DONE_TOUCHPOINT[step.kind]
    if step.channel is Channel.LETTER:
        kind = TouchpointKind.LETTER_SENT
    outcome = CallOutcome.CONNECTED.value if step.kind is StepKind.CALL else ""
    env.store.interviews.add_touchpoint(
        _touchpoint(interview, kind, at, channel=step.channel, outcome=outcome,
                    note=note, step_id=step.id)
    )
    env.store.steps.update_steps([replace(step, status=StepStatus.DONE, done_at=at)])
    if step.reference_id is not None and step.kind is StepKind.REFERENCE_BRIEF:
        env.store.people.mark_reference_prepared(step.reference_id, at)
    if step.kind is StepKind.FOLLOW_UP:
        _use_banks(env, interview.opening_id, step, at)
    withdrawn = step.kind is StepKind.WITHDRAW
    _settle_opening(env, interview.opening_id,
                    OpeningStatus.CLOSED if withdrawn else OpeningStatus.WAITING)
    replan_opening(env, interview.opening_id)
    return env.store.steps.step(step_id)


def move_step(env: Env, step_id: int, to: datetime) -> Step:
    """Put a pending step where the user moved it (in their calendar), and re-plan.

    The step keeps that time until it is done, unless the playbook needs it later (a
    reply or an unanswered call restarts a wait); later steps count on from it.
    """
    with env.store.write():
        step = env.store.steps.step(step_id)
        if step.settled:
            raise ConflictError(f"step {step_id} is already {step.status.value}")
        env.store.steps.update_steps([replace(step, due=to, moved_to=to)])
        replan(env, step.interview_id)
        return env.store.steps.step(step_id)


def _use_banks(env: Env, opening_id: int, step: Step, at: datetime) -> None:
    """Mark used the fact (and clipping) that the step's draft carried."""
    fact = next((f for f in env.store.interviews.facts(opening_id) if f.used_at is None), None)
    if fact is not None:
        env.store.interviews.mark_fact_used(fact.id, at)
    clipping = next((c for c in env.store.interviews.clippings(opening_id) if c.used_at is None), None)
    if step.clipping and clipping is not None:
        env.store.interviews.mark_clipping_used(clipping.id, at)


def _open_call(env: Env, interview_id: int) -> Step | None:
    calls = [
        s for s in env.store.steps.steps_of_interview(interview_id)
        if s.kind is StepKind.CALL and s.status is StepStatus.PENDING
    ]
    return min(calls, key=lambda s: (s.number or 0), default=None)


def log_call(env: Env, interview_id: int, outcome: CallOutcome, at: datetime, note: str) -> Step | None:
    """Record a call; an answered one completes the open call step, others retry."""
    with env.store.write():
        interview = env.store.interviews.interview(interview_id)
        _check_moment("at", at, interview)
        step = _open_call(env, interview_id)
        env.store.interviews.add_touchpoint(
            _touchpoint(interview, TouchpointKind.CALL, at, channel=Channel.PHONE,
                        outcome=outcome.value, note=note,
                        step_id=step.id if step else None)
        )
        if step is not None and outcome.answered:
            env.store.steps.update_steps([replace(step, status=StepStatus.DONE, done_at=at)])
        _settle_opening(env, interview.opening_id, OpeningStatus.WAITING)
        replan_opening(env, interview.opening_id)
        return None if step is None else env.store.steps.step(step.id or 0)


def log_reply(env: Env, interview_id: int, at: datetime, note: str) -> None:
    """Record a reply from the employer; the wait for the next letter restarts."""
    with env.store.write():
        record_reply(env, interview_id, at, note)


def record_reply(env: Env, interview_id: int, at: datetime, note: str) -> None:
    """Record a reply inside the caller's transaction and re-plan."""
    interview = env.store.interviews.interview(interview_id)
    _check_moment("at", at, interview)
    env.store.interviews.add_touchpoint(_touchpoint(interview, TouchpointKind.REPLY, at, note=note))
    _settle_opening(env, interview.opening_id, OpeningStatus.WAITING)
    replan_opening(env, interview.opening_id)


def log_decision(env: Env, interview_id: int, outcome: Decision, at: datetime,
                 note: str) -> list[DueItem]:
    """Record the employer's decision and return the steps it planned.

    Every pending follow-up is cancelled; an offer or a rejection is answered and the
    references thanked. An offer also plans a polite withdrawal from every other opening
    still active, on its latest interview.
    """
    with env.store.write():
        interview = env.store.interviews.interview(interview_id)
        _check_moment("at", at, interview)
        env.store.interviews.add_touchpoint(
            _touchpoint(interview, TouchpointKind.DECISION, at, outcome=outcome.value, note=note)
        )
        good = outcome in (Decision.OFFER, Decision.HIRED)
        _settle_opening(
            env, interview.opening_id, OpeningStatus.OFFER if good else OpeningStatus.CLOSED
        )
        before = {item.step.id for item in _pending(env)}
        if outcome is Decision.OFFER:
            replan_all(env)  # every other active opening gets its withdrawal step
        else:
            replan_opening(env, interview.opening_id)
        return [item for item in _pending(env) if item.step.id not in before]


def _pending(env: Env) -> list[DueItem]:
    return env.store.steps.due_items(_END_OF_TIME)
