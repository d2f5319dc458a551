"""Say what a fix moved in the plan: steps added (or back), dropped, or re-dated."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from insidetrack.domain.model import Step, StepStatus
from insidetrack.services.context import Env
from insidetrack.services.ports import DueItem


@dataclass(frozen=True)
class Move:
    """One pending step a change added, dropped, moved, or gave to someone else."""

    item: DueItem  # the step as it is now (as it was, when dropped), its employer and job
    change: str  # added, dropped, moved or readdressed (same time, someone else)
    was: datetime | None = None  # its due time before, when it moved
    was_to: str | None = None  # whom it was for, when that changed

    @property
    def step(self) -> Step:
        return self.item.step

    @property
    def before(self) -> datetime | None:
        """Return when it was due before the change (None for a step added)."""
        return None if self.change == "added" else self.was or self.item.step.due

    @property
    def after(self) -> datetime | None:
        """Return when it is due now (None for a step dropped)."""
        return None if self.change == "dropped" else self.item.step.due


@dataclass(frozen=True)
class Moved:
    """What a change did to the pending steps of every campaign, in the order they fall due."""

    moves: tuple[Move, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.moves)

    def of(self, change: str) -> tuple[Move, ...]:
        """Return the moves of one kind: added, dropped, moved or readdressed."""
        return tuple(m for m in self.moves if m.change == change)


@dataclass(frozen=True)
class Fixed:
    """The step a fix is about (if any), what moved in the plan, and what was undone."""

    step: Step | None
    moved: Moved
    undone: str = ""  # the outcome of a decision undone
    wanting: tuple[Step, ...] = ()  # pending letters left without a new fact to tell
    opening_status: str = ""  # the opening's status after a decision is undone
    trash_id: int = 0  # where what a delete removed waits in the trash (`trash.restore`)


def pending(env: Env, interview_ids: Iterable[int]) -> dict[int, DueItem]:
    """Return the pending steps of some interviews, by id, with their employer and job.

    Only the interviews a fix can change are read: the whole agenda may hold tens of
    thousands of steps.
    """
    found: dict[int, DueItem] = {}
    for interview_id in sorted(set(interview_ids)):
        opening = env.store.interviews.opening(env.store.interviews.interview(interview_id)
                                               .opening_id)
        employer = env.store.people.employer(opening.employer_id).name
        found.update((s.id or 0, DueItem(s, employer, opening.job_title))
                     for s in env.store.steps.steps_of_interview(interview_id)
                     if s.status is StepStatus.PENDING)
    return dict(sorted(found.items(), key=lambda kv: (kv[1].step.due, kv[0])))


def interviews_of(env: Env, opening_id: int) -> list[int]:
    """Return the ids of an opening's interviews: what re-planning it may change."""
    return [i.id for i in env.store.interviews.interviews_of_opening(opening_id)]


def moved(before: dict[int, DueItem], after: dict[int, DueItem]) -> Moved:
    """Compare two snapshots of the pending steps: added, dropped, moved, readdressed."""
    moves = [_move(before.get(i), item) for i, item in after.items()]
    moves += [Move(item, "dropped") for i, item in before.items() if i not in after]
    return Moved(tuple(sorted((m for m in moves if m is not None),
                              key=lambda m: (m.after or m.before or m.step.due, m.step.key))))


def _move(was: DueItem | None, now: DueItem) -> Move | None:
    if was is None:
        return Move(now, "added")
    if was.step.due != now.step.due:
        return Move(now, "moved", was.step.due)
    if was.step.to != now.step.to:
        return Move(now, "readdressed", was.step.due, was.step.to)
    return None


def reopened(env: Env, step: Step) -> Step:
    """Put a step back to do: pending, or missed when its moment passed the grace period.

    Ours: as a step planned long after its moment is missed (plan.missed_after_days), a
    step undone that long after is missed too; `done` still takes it.
    """
    late = env.now - step.due > timedelta(days=env.plan.missed_after_days)
    status = StepStatus.MISSED if late else StepStatus.PENDING
    return replace(step, status=status, done_at=None)


def drop(env: Env, steps: list[Step]) -> None:
    """Delete steps never done; one already in the user's calendar is cancelled instead.

    A cancelled step stays cancelled on every re-plan, so deleting lets the planner plan it
    afresh should it be needed again; the calendar's copy goes when its step is cancelled.
    """
    if not steps:
        return
    pushed = env.store.calendar.pushed()
    env.store.steps.delete_steps(s.id or 0 for s in steps if s.id not in pushed)
    env.store.steps.update_steps(replace(s, status=StepStatus.CANCELLED) for s in steps
                                 if s.id in pushed and s.status is not StepStatus.CANCELLED)
