"""Fix mistakes in an interview: edit what was typed, or delete it with its campaign.

Every change re-plans and says what moved. Steps already done (letters sent, calls
made) are history: the planner keeps them as they are, so an edit never changes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo

from insidetrack.domain import parse
from insidetrack.domain.errors import InputError
from insidetrack.domain.model import (
    Contact,
    Interview,
    Step,
    StepKind,
    StepStatus,
    TouchpointKind,
)
from insidetrack.services import trash
from insidetrack.services.campaigns import replan_all, replan_opening
from insidetrack.services.context import Env
from insidetrack.services.moves import Moved, interviews_of, moved, pending
from insidetrack.services.records import distinct_people, interviewer_contact


@dataclass(frozen=True)
class InterviewChanges:
    """What the user asked to change of an interview; None (or empty): left as it is."""

    start: datetime | None = None
    duration_minutes: int | None = None
    job_title: str | None = None
    expected_decision: date | None = None
    no_expected_decision: bool = False
    add_interviewers: tuple[tuple[str, str], ...] = ()
    remove_interviewers: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Tell whether nothing at all was asked."""
        return self == InterviewChanges()


@dataclass(frozen=True)
class Edited:
    """What an edit changed (the fields' keys) and what moved in the plan."""

    interview_id: int
    changed: tuple[str, ...]
    moves: Moved


@dataclass(frozen=True)
class Deletion:
    """An interview as the question before deleting it names it, or as it was deleted."""

    interview_id: int
    employer: str
    job_title: str
    start: datetime
    planned: int  # steps still to do
    sent: int  # letters and e-mails already sent: not recalled
    opening_goes: bool  # no other interview uses the opening
    moves: Moved = Moved()
    trash_id: int = 0  # where it waits in the trash (`trash.restore`)


# Checking what was typed: the CLI and the web pass the text, each field by its key.


def changes_from(tz: tzinfo, now: datetime, *, at: str | None = None,
                 duration: int | None = None, job_title: str | None = None,
                 expected_decision: str | None = None, no_expected_decision: bool = False,
                 add_interviewer: tuple[str, ...] = (),
                 remove_interviewer: tuple[str, ...] = ()) -> InterviewChanges:
    """Check the typed changes (None or empty: not given); a bad one is refused by name."""
    if expected_decision is not None and no_expected_decision:
        raise InputError("no_expected_decision", "give a decision date or none, not both")
    today = now.astimezone(tz).date()
    return InterviewChanges(
        start=None if at is None else parse.moment("at", at, tz, now, parse.INTERVIEW),
        duration_minutes=None if duration is None else parse.whole_number(
            "duration", duration, low=1, high=24 * 60),
        job_title=None if job_title is None else parse.text(
            "job_title", job_title, required=True, limit=200),
        expected_decision=None if expected_decision is None else parse.day_in(
            "expected_decision", expected_decision, parse.DECISION_DATE, today),
        no_expected_decision=no_expected_decision,
        add_interviewers=tuple(parse.interviewer("add_interviewer", v) for v in add_interviewer),
        remove_interviewers=tuple(parse.text("remove_interviewer", v, required=True)
                                  for v in remove_interviewer),
    )


# Editing.


def edit(env: Env, interview_id: int, changes: InterviewChanges) -> Edited:
    """Change what was asked of an interview, re-plan its opening, and say what moved."""
    with env.store.write():
        interview = env.store.interviews.interview(interview_id)
        campaigns = interviews_of(env, interview.opening_id)
        before = pending(env, campaigns)
        edited = _edited(env, interview, changes)
        _check_sense(env, interview, edited)
        latest = _latest(env, interview.opening_id)
        changed = _save(env, interview, edited, changes.job_title)
        if _latest(env, interview.opening_id) != latest:  # the rounds changed places
            _revive(env, _latest(env, interview.opening_id), lambda s: s.kind in _HANDED_ON)
        replan_opening(env, interview.opening_id)
        moves = moved(before, pending(env, campaigns))
    return Edited(interview_id, changed, moves)


def edit_details(env: Env, interview_id: int, start: datetime, minutes: int,
                 expected_decision: date | None) -> Edited:
    """Correct an interview's time, length and decision date (the web's details form)."""
    return edit(env, interview_id, InterviewChanges(
        start=start, duration_minutes=minutes, expected_decision=expected_decision,
        no_expected_decision=expected_decision is None))


def _edited(env: Env, interview: Interview, changes: InterviewChanges) -> Interview:
    """Return the interview as the changes make it (not yet saved)."""
    decision = None if changes.no_expected_decision else (
        changes.expected_decision or interview.expected_decision)
    people = _without(interview, changes.remove_interviewers)
    employer_id = env.store.interviews.opening(interview.opening_id).employer_id
    added = [interviewer_contact(env.store, employer_id, name, email)
             for name, email in changes.add_interviewers]
    return replace(
        interview, start=changes.start or interview.start,
        duration_minutes=changes.duration_minutes or interview.duration_minutes,
        expected_decision=decision, interviewers=distinct_people([*people, *added]),
    )


def _without(interview: Interview, typed: Iterable[str]) -> tuple[Contact, ...]:
    """Return the interviewers less those named (by name in any case, or contact id)."""
    people = list(interview.interviewers)
    for who in typed:
        found = next((c for c in people if str(c.id) == who
                      or parse.name_key(c.name) == parse.name_key(who)), None)
        if found is None:
            names = ", ".join(f"{c.name} ({c.id})" for c in interview.interviewers)
            known = f"its interviewers are: {names}" if names else "it has no interviewers"
            raise InputError("remove_interviewer",
                             f"{who!r} is not an interviewer of interview {interview.id}; {known}")
        people.remove(found)
    return tuple(people)


def _check_sense(env: Env, old: Interview, edited: Interview) -> None:
    """Refuse a time after what was already done for the interview, or a decision before it."""
    day = edited.start.astimezone(env.tz).date()
    moved = edited.start != old.start
    decision = edited.expected_decision
    if decision is not None and decision < day and (moved or decision != old.expected_decision):
        raise InputError("expected_decision", f"is before the interview ({day.isoformat()}); "
                         "use a later date, or none")
    done = [s.done_at for s in env.store.steps.steps_of_interview(edited.id) if s.done_at]
    done += [t.at for t in env.store.interviews.touchpoints_of_opening(edited.opening_id)
             if t.interview_id == edited.id]
    if moved and done and edited.start > min(done):
        first = min(done).astimezone(env.tz).strftime("%Y-%m-%d %H:%M")
        raise InputError("at", f"is after something already done for this interview (at {first}); "
                         "an interview comes before its follow-ups")


def _save(env: Env, old: Interview, new: Interview, job_title: str | None) -> tuple[str, ...]:
    """Store the edited interview (and the opening's new title); return the keys that changed."""
    changed = [key for key, a, b in (
        ("at", old.start, new.start), ("duration", old.duration_minutes, new.duration_minutes),
        ("expected_decision", old.expected_decision, new.expected_decision),
        ("interviewers", [c.id for c in old.interviewers], [c.id for c in new.interviewers]),
    ) if a != b]
    env.store.interviews.update_interview(new)
    if "interviewers" in changed:
        env.store.interviews.set_interviewers(new.id, new.interviewers)
        _revive_thank_yous(env, old, new)
    opening = env.store.interviews.opening(old.opening_id)
    if job_title is not None and job_title != opening.job_title:
        # Ours: the title belongs to the opening, so every round of it shows the new one.
        env.store.interviews.update_opening(replace(opening, job_title=job_title))
        changed.append("job_title")
    return tuple(changed)


def _revive_thank_yous(env: Env, old: Interview, new: Interview) -> None:
    """Give back an interviewer removed and added again the thank-you the removal cancelled.

    Ours: a cancelled step is not history (nothing was sent); the re-plan that follows
    cancels it again if the campaign has no room for it (after a decision, say).
    """
    keys = {f"thank-you:{c.id}" for c in new.interviewers} - {
        f"thank-you:{c.id}" for c in old.interviewers}
    _revive(env, new.id, lambda step: step.key in keys)


def _revive(env: Env, interview_id: int, which: Callable[[Step], bool]) -> None:
    """Make pending again the cancelled steps of an interview that `which` picks."""
    revived = [replace(s, status=StepStatus.PENDING)
               for s in env.store.steps.steps_of_interview(interview_id)
               if s.status is StepStatus.CANCELLED and which(s)]
    env.store.steps.update_steps(revived)


# Deleting.


_SENT = (TouchpointKind.EMAIL_SENT, TouchpointKind.LETTER_SENT)


def deletion(env: Env, interview_id: int) -> Deletion:
    """Say what deleting an interview would take away, to ask the user first."""
    interview = env.store.interviews.interview(interview_id)
    opening = env.store.interviews.opening(interview.opening_id)
    steps = env.store.steps.steps_of_interview(interview_id)
    sent = [t for t in env.store.interviews.touchpoints_of_opening(opening.id)
            if t.interview_id == interview_id and t.kind in _SENT]
    others = [i for i in env.store.interviews.interviews_of_opening(opening.id)
              if i.id != interview_id]
    return Deletion(
        interview_id, env.store.people.employer(opening.employer_id).name, opening.job_title,
        interview.start, sum(s.status is StepStatus.PENDING for s in steps), len(sent),
        not others,
    )


def delete(env: Env, interview_id: int) -> Deletion:
    """Delete an interview with its campaign; its opening too when no other interview uses it.

    Ours: the employer and its contacts stay (they are the user's address book); mail
    already sent is history outside insidetrack and is not recalled.
    """
    with env.store.write():
        gone = deletion(env, interview_id)
        interview = env.store.interviews.interview(interview_id)
        decided = any(t.interview_id == interview_id and t.kind is TouchpointKind.DECISION
                      for t in env.store.interviews.touchpoints_of_opening(interview.opening_id))
        # A decision there re-plans every campaign: an offer planned withdrawals elsewhere.
        campaigns = [i for i in (env.store.interviews.interview_ids() if decided
                                 else interviews_of(env, interview.opening_id))
                     if i != interview_id]
        before = pending(env, campaigns)
        removed = env.store.trash.interview_rows(
            interview_id, interview.opening_id if gone.opening_goes else None)
        watched = trash.watch(env, campaigns)
        env.store.interviews.delete_interview(interview_id)
        if gone.opening_goes:
            env.store.interviews.delete_opening(interview.opening_id)
        else:
            _resume_earlier_round(env, interview)
        if decided:
            replan_all(env)
        else:
            replan_opening(env, interview.opening_id)
        trash_id = trash.keep(env, _in_words(env, gone), removed, trash.changes(env, watched))
    return replace(gone, moves=moved(before, pending(env, campaigns)), trash_id=trash_id)


def _in_words(env: Env, gone: Deletion) -> str:
    """Name a deleted interview: 'the interview with Acme on Tue 24 Nov'."""
    day = gone.start.astimezone(env.tz)
    return f"the interview with {gone.employer} on {day:%a} {day.day} {day:%b}"


def _latest(env: Env, opening_id: int) -> int:
    """Return the id of the opening's latest round: it carries the follow-ups."""
    return env.store.interviews.interviews_of_opening(opening_id)[-1].id


def _resume_earlier_round(env: Env, deleted: Interview) -> None:
    """Give the round before a deleted latest round back the follow-ups it had handed on.

    Ours: a later round takes over the follow-ups (the earlier round's are cancelled);
    once it is deleted, the earlier round's letters and calls are planned again, and the
    re-plan that follows cancels them again if the campaign has no room for them.
    """
    rounds = env.store.interviews.interviews_of_opening(deleted.opening_id)
    if rounds and (rounds[-1].start, rounds[-1].id) < (deleted.start, deleted.id):
        _revive(env, rounds[-1].id, lambda step: step.kind in _HANDED_ON)


_HANDED_ON = (StepKind.FOLLOW_UP, StepKind.CALL)
