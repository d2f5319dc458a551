"""Undo what was recorded by mistake: a step done, a reply, a decision; skip a step.

Each fix re-plans the campaign and says what moved (see `services.moves`).
"""

from __future__ import annotations

from dataclasses import replace

from insidetrack.domain.after_decision import ANSWER_KINDS
from insidetrack.domain.errors import ConflictError, Elsewhere, Place
from insidetrack.domain.model import (
    CallOutcome,
    Decision,
    Interview,
    OpeningStatus,
    Step,
    StepKind,
    StepStatus,
    Touchpoint,
    TouchpointKind,
)
from insidetrack.services import trash
from insidetrack.services.campaigns import replan, replan_opening
from insidetrack.services.context import Env
from insidetrack.services.moves import Fixed, drop, interviews_of, moved, pending, reopened
from insidetrack.services.ports import DueItem

# The steps a decision plans: they go when it is undone, unless done.
AFTER_KINDS = ANSWER_KINDS | {StepKind.WITHDRAW}
# The statuses a touchpoint may have given an opening (see campaigns._settle_opening).
_SETTLED = (OpeningStatus.WAITING, OpeningStatus.OFFER, OpeningStatus.CLOSED)


def undo_done(env: Env, step_id: int) -> Fixed:
    """Make a step done by mistake to do again, and re-plan.

    A message the outbox sent cannot be un-sent: that is refused. A withdrawal undone
    brings back the follow-ups it ended (the planner cancels again what it no longer plans).
    """
    with env.store.write():
        step = env.store.steps.step(step_id)
        interview = env.store.interviews.interview(step.interview_id)
        scope = interviews_of(env, interview.opening_id)
        before = pending(env, scope)
        if step.status is not StepStatus.DONE:
            raise ConflictError(f"step {step_id} is not done ({step.status.value}): "
                                "there is nothing to undo")
        _refuse_sent(env, step)
        for t in _completing(env, interview, step):
            env.store.interviews.delete_touchpoint(t.id)
        revived = _revivable(env, interview.opening_id) if step.kind is StepKind.WITHDRAW else []
        env.store.steps.update_steps([reopened(env, step), *revived])
        _unprepare_reference(env, interview, step)
        _free_banks(env, interview.opening_id, step)
        restore_status(env, interview.opening_id)
        replan_opening(env, interview.opening_id)
        return Fixed(env.store.steps.step(step_id), moved(before, pending(env, scope)))


def _refuse_sent(env: Env, step: Step) -> None:
    for item in env.store.outbox.of_step(step.id or 0):
        if item.state in ("sent", "sending"):
            when = (item.sent_at or item.updated_at).astimezone(env.tz)
            raise ConflictError(f"step {step.id} was sent by e-mail on {when:%Y-%m-%d %H:%M}: "
                                "the message already went out and cannot be un-sent")


def _completing(env: Env, interview: Interview, step: Step) -> list[Touchpoint]:
    """Return the touchpoint that marked the step done (not a call's unanswered tries)."""
    mine = [t for t in env.store.interviews.touchpoints_of_opening(interview.opening_id)
            if t.step_id == step.id and _completes(t)]
    exact = [t for t in mine if t.at == step.done_at]
    return (exact or mine)[-1:]


def _completes(t: Touchpoint) -> bool:
    return t.kind is not TouchpointKind.CALL or CallOutcome(t.outcome).answered


def _unprepare_reference(env: Env, interview: Interview, step: Step) -> None:
    """A briefing undone: the reference was last prepared at the briefing before, if any."""
    if step.kind is not StepKind.REFERENCE_BRIEF or step.reference_id is None:
        return
    ref = env.store.people.reference(step.reference_id)
    if ref.last_prepared != step.done_at:
        return
    others = [s.done_at for i in env.store.interviews.interviews_of_opening(interview.opening_id)
              for s in env.store.steps.steps_of_interview(i.id)
              if s.kind is StepKind.REFERENCE_BRIEF and s.reference_id == ref.id
              and s.done_at is not None and s.id != step.id]
    env.store.people.set_reference_prepared(ref.id, max(others, default=None))


def _free_banks(env: Env, opening_id: int, step: Step) -> None:
    """Free the fact and clipping a follow-up used (campaigns._use_banks marks them)."""
    if step.kind is not StepKind.FOLLOW_UP or step.done_at is None:
        return
    for fact in env.store.interviews.facts(opening_id):
        if fact.used_at == step.done_at:
            env.store.interviews.free_fact(fact.id)
    for clip in env.store.interviews.clippings(opening_id):
        if clip.used_at == step.done_at:
            env.store.interviews.free_clipping(clip.id)


def restore_status(env: Env, opening_id: int) -> None:
    """Give an opening the status what is left of its history gives it.

    The same rules as `campaigns._settle_opening`, replayed: the latest decision stands;
    else a withdrawal sent closes it; else anything done or heard means waiting.
    """
    opening = env.store.interviews.opening(opening_id)
    if opening.status not in _SETTLED:
        return
    touchpoints = env.store.interviews.touchpoints_of_opening(opening_id)
    decisions = [t for t in touchpoints if t.kind is TouchpointKind.DECISION]
    if decisions:
        good = decisions[-1].outcome in (Decision.OFFER.value, Decision.HIRED.value)
        status = OpeningStatus.OFFER if good else OpeningStatus.CLOSED
    elif any(s.kind is StepKind.WITHDRAW and s.status is StepStatus.DONE
             for s in _steps_of_opening(env, opening_id)):
        status = OpeningStatus.CLOSED
    else:
        status = OpeningStatus.WAITING if touchpoints else OpeningStatus.INTERVIEWING
    if status is not opening.status:
        env.store.interviews.update_opening(replace(opening, status=status))
    if status not in (OpeningStatus.OFFER, OpeningStatus.CLOSED):
        env.store.applications.set_archived(opening_id, None)  # Ours: live again, in sight


def _steps_of_opening(env: Env, opening_id: int) -> list[Step]:
    return [s for i in env.store.interviews.interviews_of_opening(opening_id)
            for s in env.store.steps.steps_of_interview(i.id)]


def _last(env: Env, interview_id: int, kind: TouchpointKind) -> Touchpoint:
    interview = env.store.interviews.interview(interview_id)
    found = [t for t in env.store.interviews.touchpoints_of_opening(interview.opening_id)
             if t.kind is kind]
    if not found:
        raise ConflictError(f"interview {interview_id}'s opening has no {kind.value} logged: "
                            "there is nothing to undo")
    return found[-1]


def undo_reply(env: Env, interview_id: int) -> Fixed:
    """Remove the last reply logged for the interview's opening, and re-plan."""
    with env.store.write():
        reply = _last(env, interview_id, TouchpointKind.REPLY)
        scope = interviews_of(env, reply.opening_id)
        before = pending(env, scope)
        env.store.interviews.delete_touchpoint(reply.id)
        restore_status(env, reply.opening_id)
        replan_opening(env, reply.opening_id)
        return Fixed(None, moved(before, pending(env, scope)))


def undo_decision(env: Env, interview_id: int) -> Fixed:
    """Remove the last decision: status, cancelled steps and what it planned come undone.

    Steps it cancelled return (the planner cancels again those it no longer plans); the
    steps after the decision go unless done, withdrawals elsewhere too after an offer.
    """
    with env.store.write():
        decision = _last(env, interview_id, TouchpointKind.DECISION)
        opening_id = decision.opening_id
        after = _after_steps(env, opening_id, decision.outcome == Decision.OFFER.value)
        scope = {*interviews_of(env, opening_id), *(s.interview_id for s in after)}
        before = pending(env, scope)
        env.store.interviews.delete_touchpoint(decision.id)
        restore_status(env, opening_id)
        missed = {s.id for s in after if s.status is StepStatus.MISSED}
        env.store.steps.update_steps(
            [replace(s, status=StepStatus.PENDING) for s in after] + _revivable(env, opening_id))
        for interview in sorted(scope):
            replan(env, interview)
        _settle_after(env, [env.store.steps.step(s.id or 0) for s in after], missed)
        status = env.store.interviews.opening(opening_id).status.value
        return Fixed(None, moved(before, pending(env, scope)), decision.outcome,
                     opening_status=status)


def _after_steps(env: Env, opening_id: int, offer: bool) -> list[Step]:
    """Return the steps after a decision, not done, this decision may have planned.

    After an offer, those are also the withdrawals from every other opening: only the
    openings holding one can change when the offer goes (see `plan_withdrawal`).
    """
    steps = _steps_of_opening(env, opening_id)
    if offer:
        steps += env.store.steps.open_steps_of_kind(StepKind.WITHDRAW.value)
    return list({s.id: s for s in steps if s.kind in AFTER_KINDS
                 and s.status in (StepStatus.PENDING, StepStatus.MISSED)}.values())


def _revivable(env: Env, opening_id: int) -> list[Step]:
    """Return the opening's cancelled follow-ups, calls and briefings, to do again.

    A thank-you keeps its moment: one long past comes back missed, not due (see `reopened`).
    """
    return [reopened(env, s) if s.kind is StepKind.THANK_YOU
            else replace(s, status=StepStatus.PENDING) for s in _steps_of_opening(env, opening_id)
            if s.status is StepStatus.CANCELLED and s.kind not in AFTER_KINDS]


def _settle_after(env: Env, after: list[Step], missed: set[int | None]) -> None:
    """Drop the steps no longer planned; those still planned keep their missed status."""
    drop(env, [s for s in after if s.status is StepStatus.CANCELLED])
    env.store.steps.update_steps([replace(s, status=StepStatus.MISSED) for s in after
                                  if s.id in missed and s.status is StepStatus.PENDING])


def skip_step(env: Env, step_id: int) -> Fixed:
    """Skip a step the user chose not to do; the chain goes on to the next one."""
    with env.store.write():
        step = env.store.steps.step(step_id)
        before = pending(env, _scope_of(env, step))
        if not step.doable:
            raise ConflictError(f"step {step_id} is already {step.status.value}")
        _refuse_on_its_way(env, step)
        env.store.steps.update_steps([replace(step, status=StepStatus.SKIPPED)])
        return _replanned(env, step, before)


def _refuse_on_its_way(env: Env, step: Step) -> None:
    """A step whose e-mail is queued or being sent is not skipped behind the outbox's back."""
    for item in env.store.outbox.of_step(step.id or 0):
        if item.state in ("queued", "sending"):
            raise Elsewhere(f"step {step.id} has message {item.id} in the outbox, {item.state}",
                            Place("outbox", interview_id=step.interview_id, step_id=step.id))


def unskip_step(env: Env, step_id: int) -> Fixed:
    """Put a skipped step back to do, and re-plan."""
    with env.store.write():
        step = env.store.steps.step(step_id)
        before = pending(env, _scope_of(env, step))
        if step.status is not StepStatus.SKIPPED:
            raise ConflictError(f"step {step_id} is not skipped ({step.status.value}): "
                                "there is nothing to undo")
        env.store.steps.update_steps([reopened(env, step)])
        return _replanned(env, step, before)


def _scope_of(env: Env, step: Step) -> list[int]:
    return interviews_of(env, env.store.interviews.interview(step.interview_id).opening_id)


def _replanned(env: Env, step: Step, before: dict[int, DueItem]) -> Fixed:
    interview = env.store.interviews.interview(step.interview_id)
    replan_opening(env, interview.opening_id)
    return Fixed(env.store.steps.step(step.id or 0),
                 moved(before, pending(env, _scope_of(env, step))))


def unlink_reference(env: Env, reference_id: int, interview_id: int) -> Fixed:
    """Unlink a reference from the interview's opening; its calls not done go."""
    with env.store.write():
        env.store.people.reference(reference_id)
        interview = env.store.interviews.interview(interview_id)
        scope = interviews_of(env, interview.opening_id)
        before = pending(env, scope)
        if not env.store.interviews.unlink_reference(reference_id, interview.opening_id):
            raise ConflictError(f"reference {reference_id} is not linked to interview "
                                f"{interview_id}'s opening")
        drop(env, [s for s in _steps_of_opening(env, interview.opening_id)
                   if s.reference_id == reference_id and s.status is not StepStatus.DONE])
        replan_opening(env, interview.opening_id)
        return Fixed(None, moved(before, pending(env, scope)))


def delete_reference(env: Env, reference_id: int) -> Fixed:
    """Delete a reference: their calls not done go; those done stay in each timeline."""
    with env.store.write():
        person = env.store.people.reference(reference_id)
        openings = env.store.people.openings_of_reference(reference_id)
        scope = [i for o in openings for i in interviews_of(env, o)]
        before = pending(env, scope)
        removed, naming = env.store.trash.reference_rows(reference_id)
        watched = trash.watch(env, scope, also=naming["steps"])
        drop(env, [s for o in openings for s in _steps_of_opening(env, o)
                   if s.reference_id == reference_id and s.status is not StepStatus.DONE])
        env.store.people.delete_reference(reference_id)
        for opening_id in openings:
            replan_opening(env, opening_id)
        trash_id = trash.keep(env, f"the reference {person.name}", removed,
                              trash.changes(env, watched))
        return Fixed(None, moved(before, pending(env, scope)), trash_id=trash_id)
