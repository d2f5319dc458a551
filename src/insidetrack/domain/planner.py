"""Plan the follow-up campaign for one interview, as the playbook prescribes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo

from insidetrack.domain.advisor import advise_channel
from insidetrack.domain.after_decision import (
    Replan,
    plan_after_decision,
    plan_withdrawal,
    withdrew,
)
from insidetrack.domain.model import (
    CallOutcome,
    Campaign,
    Channel,
    Step,
    StepKind,
    StepStatus,
    TouchpointKind,
)
from insidetrack.domain.settings import PlanSettings
from insidetrack.domain.workdays import (
    at_local,
    local_date,
    next_business_day,
    shift_to_business_day,
    start_on_or_after,
)


@dataclass(frozen=True)
class _Context:
    campaign: Campaign
    settings: PlanSettings
    now: datetime
    tz: tzinfo
    stored: dict[str, Step]
    days_off: frozenset[date] = frozenset()  # public holidays, skipped like weekends

    @property
    def replan(self) -> Replan:
        missed = timedelta(days=self.settings.missed_after_days)
        return Replan(self.now, self.tz, self.stored, missed, self.days_off)

    def on_day(self, day: date) -> datetime:
        return at_local(day, self.settings.workday_start, self.tz)

    def days_after(self, moment: datetime, days: int) -> datetime:
        return self.on_day(local_date(moment, self.tz) + timedelta(days=days))

    def long_past(self, step: Step, stored: Step | None) -> bool:
        """Tell whether a step planned only now was due long before now.

        Only a step planned for the first time can be: a late-logged or imported
        interview. A step the user let slip stays due, so Today keeps asking.
        """
        return stored is None and self.too_late(step.due)

    def too_late(self, due: datetime) -> bool:
        """Tell whether a moment lies more than `missed_after_days` before now."""
        return self.now - due > timedelta(days=self.settings.missed_after_days)

    def resume(self) -> datetime:
        """Return when a campaign logged late picks up: today's first business hour."""
        return shift_to_business_day(self.on_day(local_date(self.now, self.tz)), self.tz,
                                     self.days_off)

    def moved(self, key: str) -> datetime | None:
        """Return where the user moved a pending step in their calendar, if they did."""
        stored = self.stored.get(key)
        return None if stored is None or stored.settled else stored.moved_to


def _place(due: datetime, moved: datetime | None, tz: tzinfo,
           avoid: frozenset[date] = frozenset()) -> datetime:
    """Keep the time the user chose; move a planned one off weekends (and `avoid` days)."""
    if moved is not None and due == moved:
        return due
    return shift_to_business_day(due, tz, avoid=avoid)


def plan_follow_ups(
    campaign: Campaign, settings: PlanSettings, now: datetime, tz: tzinfo,
    days_off: frozenset[date] = frozenset(),
) -> tuple[Step, ...]:
    """Plan every step of one interview's campaign, keeping settled steps as they are.

    Letters and calls land on business days: not on weekends, nor on `days_off` (the
    user's public holidays). A thank-you e-mail keeps its 24 hours whatever the day; a
    thank-you letter falling on a weekend or a holiday is posted on the next business day.

    Ours: the playbook says nothing of holidays; an employer's office is as closed on one as
    on a Sunday, so a letter or a call waits for the next business day.
    """
    ctx = _Context(campaign, settings, now, tz, {s.key: s for s in campaign.steps}, days_off)
    written = _written_channel(campaign)
    planned = [*_thank_yous(ctx, written), *_reference_briefs(ctx)]
    if _decided(campaign):
        # Ours: a decision (offer, rejected, hired, withdrawn) cancels every pending
        # follow-up; an offer or a rejection is answered, and the references thanked.
        planned = plan_after_decision(campaign, written, ctx.replan)
    elif withdrew(campaign):
        planned = []  # ours: once withdrawn, nothing more is sent there
    elif not campaign.superseded:
        calls = _calls(ctx)
        planned += calls
        planned += _follow_ups(ctx, written, calls)
        planned += plan_withdrawal(campaign, written, ctx.replan)
    return tuple(sorted(_merge(planned, campaign.steps), key=_order))


def _order(step: Step) -> tuple[datetime, str]:
    return (step.due, step.key)


def _written_channel(campaign: Campaign) -> Channel:
    """Write by e-mail when e-mail is advised, on paper when the phone is."""
    advice = advise_channel(campaign)
    return Channel.EMAIL if advice.preferred is Channel.EMAIL else Channel.LETTER


def _decided(campaign: Campaign) -> bool:
    return any(t.kind is TouchpointKind.DECISION for t in campaign.touchpoints)


def _last_reply(campaign: Campaign) -> datetime | None:
    replies = [t.at for t in campaign.touchpoints if t.kind is TouchpointKind.REPLY]
    return max(replies, default=None)


def _first_interviewer(campaign: Campaign) -> tuple[str | None, int | None]:
    people = campaign.interview.interviewers
    return (people[0].name, people[0].id) if people else (None, None)


def _thank_yous(ctx: _Context, written: Channel) -> list[Step]:
    """Thank each interviewer separately within 24 hours of the interview's end.

    Playbook: "Write a thank-you letter for the interview within 24 hours to
    strengthen the good impression you made in the interview."
    """
    interview = ctx.campaign.interview
    due = interview.end + timedelta(hours=ctx.settings.thank_you_hours)
    if written is Channel.LETTER:  # ours: a letter is posted on a day the post office opens
        due = shift_to_business_day(due, ctx.tz, avoid=ctx.days_off)
    base = Step(interview.id, "thank-you", StepKind.THANK_YOU, written, due, number=1)
    steps = [replace(base, due=ctx.moved(base.key) or due)] if not interview.interviewers else [
        replace(base, key=f"thank-you:{person.id}", to=person.name, contact_id=person.id,
                due=ctx.moved(f"thank-you:{person.id}") or due)
        for person in interview.interviewers
    ]
    return [_missed_if_long_past(ctx, step) for step in steps]


def _missed_if_long_past(ctx: _Context, step: Step) -> Step:
    """A thank-you planned days after its 24 hours is missed: too late to thank.

    Ours: the playbook's "within 24 hours" has no late form; a step first planned more than
    `missed_after_days` after its moment is history, not a task for Today.
    """
    if ctx.long_past(step, ctx.stored.get(step.key)):
        return replace(step, status=StepStatus.MISSED)
    return step


def _reference_briefs(ctx: _Context) -> list[Step]:
    """Brief every reference linked to the opening after each interview.

    Playbook: "Call your references and fill them in on your interview."
    """
    interview = ctx.campaign.interview
    hours = timedelta(hours=ctx.settings.reference_brief_hours)
    return [
        Step(
            interview.id,
            key,
            StepKind.REFERENCE_BRIEF,
            Channel.PHONE,
            ctx.moved(key) or _brief_due(ctx, key, interview.end + hours, hours),
            to=ref.name,
            reference_id=ref.id,
        )
        for ref, key in ((ref, f"reference-brief:{ref.id}") for ref in ctx.campaign.references)
    ]


def _brief_due(ctx: _Context, key: str, due: datetime, hours: timedelta) -> datetime:
    """A reference linked (or an interview logged) after the briefing's time is briefed
    within the same hours from when it was first planned."""
    stored = ctx.stored.get(key)
    if stored is not None:
        return stored.due if due < stored.due else due
    return max(due, ctx.now + hours) if due < ctx.now else due


def _unanswered_attempts(ctx: _Context, step: Step | None) -> list[datetime]:
    if step is None or step.id is None:
        return []
    return sorted(
        t.at
        for t in ctx.campaign.touchpoints
        if t.kind is TouchpointKind.CALL
        and t.step_id == step.id
        and not CallOutcome(t.outcome).answered
    )


# Builds the pending step `number` of a chain from its base due time and its stored row.
_MakeStep = Callable[[int, datetime, Step | None], Step]


def _chain(
    ctx: _Context, prefix: str, numbers: range, first: datetime,
    gap: Callable[[int], int], make: _MakeStep,
) -> list[Step]:
    """Plan a chain of steps, each due `gap` days after the previous one happened.

    Settled steps stay as they are and the chain counts on from when they
    happened; while a step is overdue, the next one counts from today. A step the
    user moved in their calendar starts from where they put it.
    """
    steps: list[Step] = []
    previous: datetime | None = None
    for number in numbers:
        stored = ctx.stored.get(f"{prefix}:{number}")
        if stored is not None and stored.settled:
            steps.append(stored)
            previous = stored.effective
            continue
        base = first if previous is None else ctx.days_after(previous, gap(number))
        if stored is not None and steps and steps[-1].status is StepStatus.MISSED:
            base = max(base, stored.due)  # resumed after missed steps: it keeps its day
        step = make(number, ctx.moved(f"{prefix}:{number}") or base, stored)
        if ctx.long_past(step, stored):
            step = _missed_or_resumed(ctx, step, number + 1 in numbers, gap(number + 1), make)
        steps.append(step)
        previous = step.due if step.status is StepStatus.MISSED else max(step.due, ctx.now)
    return steps


def _missed_or_resumed(ctx: _Context, step: Step, more: bool, gap: int, make: _MakeStep) -> Step:
    """A chain logged late skips the steps a later one replaces, and resumes from today.

    Ours: an interview logged weeks late should not flood Today with letters a later one
    would make pointless.

    The step is missed when the next one would be long past too; otherwise it is the
    one to do now, due today.
    """
    if more and ctx.too_late(ctx.days_after(step.due, gap)):
        return replace(step, status=StepStatus.MISSED)
    return make(step.number or 0, ctx.resume(), None)


def _calls(ctx: _Context) -> list[Step]:
    """Plan calls at most once a month, the first two weeks after the interview.

    Playbook: "Space your follow-up calls — once a month is probably plenty."
    After the first few unanswered calls, "you may have to leave a message".
    """
    s, interview = ctx.settings, ctx.campaign.interview
    to, contact_id = _first_interviewer(ctx.campaign)

    def make(number: int, due: datetime, stored: Step | None) -> Step:
        attempts = _unanswered_attempts(ctx, stored)
        if attempts:
            # Try again the next business day, but never sooner than a month allows.
            retry = ctx.on_day(next_business_day(local_date(attempts[-1], ctx.tz),
                                                 ctx.days_off))
            due = max(due, retry)
        return Step(
            interview.id, f"call:{number}", StepKind.CALL, Channel.PHONE,
            _place(due, ctx.moved(f"call:{number}"), ctx.tz, ctx.days_off), number=number,
            to=to, contact_id=contact_id,
            attempts=len(attempts), voicemail=len(attempts) >= s.voicemail_after_attempts,
        )

    first = ctx.days_after(interview.start, s.first_call_days)
    return _chain(ctx, "call", range(1, s.max_calls + 1), first, lambda _: s.call_gap_days, make)


def _first_follow_up_due(ctx: _Context) -> datetime:
    """Follow up once the decision date they gave has passed, or a week after."""
    interview = ctx.campaign.interview
    if interview.expected_decision is not None:
        return ctx.on_day(interview.expected_decision + timedelta(days=1))
    return ctx.days_after(interview.start, ctx.settings.first_follow_up_days)


def _follow_up_gap(settings: PlanSettings, number: int) -> int:
    if number == 3:
        return settings.second_follow_up_gap_days
    return settings.later_follow_up_gap_days


def _follow_ups(ctx: _Context, written: Channel, calls: Iterable[Step]) -> list[Step]:
    """Plan letters #2 onwards while the employer is silent.

    Playbook: "try to think of new facts to add in a second or third follow-up
    letter (fax, postal mail, or e-mail). After the third letter, try to include
    a relevant news clipping or even an appropriate cartoon." Letters "fill in
    the slack" between calls, so none lands on a call's day.
    """
    s, interview = ctx.settings, ctx.campaign.interview
    to, contact_id = _first_interviewer(ctx.campaign)
    call_days = frozenset(local_date(c.effective, ctx.tz) for c in calls)
    reply = _last_reply(ctx.campaign)

    def make(number: int, due: datetime, stored: Step | None) -> Step:
        if reply is not None:
            # A reply that is not a decision restarts the wait.
            wait_over = reply + timedelta(days=s.reply_wait_days)
            due = max(due, start_on_or_after(wait_over, s.workday_start, ctx.tz))
        return Step(
            interview.id, f"follow-up:{number}", StepKind.FOLLOW_UP, written,
            _place(due, ctx.moved(f"follow-up:{number}"), ctx.tz, call_days | ctx.days_off),
            number=number,
            clipping=number >= s.clipping_from_letter, to=to, contact_id=contact_id,
        )

    return _chain(ctx, "follow-up", range(2, s.max_letters + 1), _first_follow_up_due(ctx),
                  lambda number: _follow_up_gap(s, number), make)


def _merge(planned: Iterable[Step], stored: Iterable[Step]) -> list[Step]:
    """Give planned steps their stored ids; cancel pending steps no longer planned."""
    by_key = {s.key: s for s in stored}
    merged = []
    for step in planned:
        old = by_key.pop(step.key, None)
        if old is None:
            merged.append(step)
        elif old.settled:
            merged.append(old)
        else:
            merged.append(replace(step, id=old.id, moved_to=old.moved_to))
    for old in by_key.values():
        merged.append(old if old.settled else replace(old, status=StepStatus.CANCELLED))
    return merged


@dataclass(frozen=True)
class StepChanges:
    added: tuple[Step, ...]
    changed: tuple[Step, ...]


def reconcile(stored: Iterable[Step], planned: Iterable[Step]) -> StepChanges:
    """Say which planned steps are new and which stored steps changed."""
    by_id = {s.id: s for s in stored}
    added = tuple(p for p in planned if p.id is None)
    changed = tuple(p for p in planned if p.id is not None and by_id.get(p.id) != p)
    return StepChanges(added, changed)
