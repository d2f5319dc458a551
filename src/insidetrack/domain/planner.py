"""Plan the follow-up campaign for one interview, as the playbook prescribes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from functools import partial

from insidetrack.domain.advisor import preferred_channel
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
    days_later_at,
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
    days_off: frozenset[date]  # public holidays, skipped like weekends
    missed_after: timedelta  # the settings' missed_after_days

    @property
    def replan(self) -> Replan:
        return Replan(self.now, self.tz, self.stored, self.missed_after, self.days_off)

    def on_day(self, day: date) -> datetime:
        return at_local(day, self.settings.workday_start, self.tz)

    def days_after(self, moment: datetime, days: int) -> datetime:
        return days_later_at(moment, days, self.settings.workday_start, self.tz)

    def long_past(self, due: datetime, stored: Step | None) -> bool:
        """Tell whether a step planned only now was due long before now.

        Only a step planned for the first time can be: a late-logged or imported
        interview. A step the user let slip stays due, so Today keeps asking.
        """
        return stored is None and self.too_late(due)

    def too_late(self, due: datetime) -> bool:
        """Tell whether a moment lies more than `missed_after_days` before now."""
        return self.now - due > self.missed_after

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
    ctx = _Context(campaign, settings, now, tz, {s.key: s for s in campaign.steps}, days_off,
                   timedelta(days=settings.missed_after_days))
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
        if campaign.offers_elsewhere:
            planned += plan_withdrawal(campaign, written, ctx.replan)
    return tuple(sorted(_merge(planned, campaign.steps), key=_order))


def _order(step: Step) -> tuple[datetime, str]:
    return (step.due, step.key)


def _written_channel(campaign: Campaign) -> Channel:
    """Write by e-mail when e-mail is advised, on paper when the phone is."""
    return Channel.EMAIL if preferred_channel(campaign) is Channel.EMAIL else Channel.LETTER


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
    people: list[tuple[str, str | None, int | None]] = [
        (f"thank-you:{p.id}", p.name, p.id) for p in interview.interviewers
    ] or [("thank-you", None, None)]
    return [_thank_you(ctx, written, key, ctx.moved(key) or due, name, contact_id)
            for key, name, contact_id in people]


def _thank_you(ctx: _Context, written: Channel, key: str, due: datetime, to: str | None,
               contact_id: int | None) -> Step:
    """Thank one interviewer; a thank-you planned days after its 24 hours is missed.

    Ours: the playbook's "within 24 hours" has no late form; a step first planned more than
    `missed_after_days` after its moment is history, not a task for Today.
    """
    late = ctx.long_past(due, ctx.stored.get(key))
    return Step(ctx.campaign.interview.id, key, StepKind.THANK_YOU, written, due,
                StepStatus.MISSED if late else StepStatus.PENDING, number=1, to=to,
                contact_id=contact_id)


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


# Says when the pending step `number` of a chain is due, from its base due time and its
# stored row; then builds the step with that due time and a status.
_DueOf = Callable[[int, datetime, Step | None], datetime]
_Build = Callable[[int, datetime, Step | None, StepStatus], Step]


def _moved(stored: Step | None) -> datetime | None:
    """Return where the user moved a pending stored step in their calendar, if they did."""
    return None if stored is None else stored.moved_to


def _chain(
    ctx: _Context, prefix: str, numbers: range, first: datetime,
    gap: Callable[[int], int], due_of: _DueOf, build: _Build,
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
        due = due_of(number, base if stored is None else stored.moved_to or base, stored)
        status = StepStatus.PENDING
        if stored is None and ctx.too_late(due):
            status, due = _missed_or_resumed(ctx, number, due, number + 1 in numbers,
                                             gap(number + 1), due_of)
        steps.append(build(number, due, stored, status))
        previous = due if status is StepStatus.MISSED else max(due, ctx.now)
    return steps


def _missed_or_resumed(ctx: _Context, number: int, due: datetime, more: bool, gap: int,
                       due_of: _DueOf) -> tuple[StepStatus, datetime]:
    """A chain logged late skips the steps a later one replaces, and resumes from today.

    Ours: an interview logged weeks late should not flood Today with letters a later one
    would make pointless.

    The step is missed when the next one would be long past too; otherwise it is the
    one to do now, due today.
    """
    if more and ctx.too_late(ctx.days_after(due, gap)):
        return StepStatus.MISSED, due
    return StepStatus.PENDING, due_of(number, ctx.resume(), None)


def _calls(ctx: _Context) -> list[Step]:
    """Plan calls at most once a month, the first two weeks after the interview.

    Playbook: "Space your follow-up calls — once a month is probably plenty."
    After the first few unanswered calls, "you may have to leave a message".
    """
    s, interview = ctx.settings, ctx.campaign.interview
    to, contact_id = _first_interviewer(ctx.campaign)

    def due_of(number: int, due: datetime, stored: Step | None) -> datetime:
        attempts = _unanswered_attempts(ctx, stored)
        if attempts:
            # Try again the next business day, but never sooner than a month allows.
            retry = ctx.on_day(next_business_day(local_date(attempts[-1], ctx.tz),
                                                 ctx.days_off))
            due = max(due, retry)
        return _place(due, _moved(stored), ctx.tz, ctx.days_off)

    def build(number: int, due: datetime, stored: Step | None, status: StepStatus) -> Step:
        attempts = len(_unanswered_attempts(ctx, stored))
        return Step(
            interview.id, f"call:{number}", StepKind.CALL, Channel.PHONE, due, status,
            number=number, to=to, contact_id=contact_id,
            attempts=attempts, voicemail=attempts >= s.voicemail_after_attempts,
        )

    first = ctx.days_after(interview.start, s.first_call_days)
    return _chain(ctx, "call", range(1, s.max_calls + 1), first, lambda _: s.call_gap_days,
                  due_of, build)


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
    avoid = frozenset(local_date(c.effective, ctx.tz) for c in calls) | ctx.days_off
    reply = _last_reply(ctx.campaign)
    # A reply that is not a decision restarts the wait.
    wait_over = None if reply is None else start_on_or_after(
        reply + timedelta(days=s.reply_wait_days), s.workday_start, ctx.tz)

    def due_of(number: int, due: datetime, stored: Step | None) -> datetime:
        if wait_over is not None:
            due = max(due, wait_over)
        return _place(due, _moved(stored), ctx.tz, avoid)

    def build(number: int, due: datetime, stored: Step | None, status: StepStatus) -> Step:
        return Step(
            interview.id, f"follow-up:{number}", StepKind.FOLLOW_UP, written, due, status,
            number=number, clipping=number >= s.clipping_from_letter, to=to,
            contact_id=contact_id,
        )

    return _chain(ctx, "follow-up", range(2, s.max_letters + 1), _first_follow_up_due(ctx),
                  partial(_follow_up_gap, s), due_of, build)


def _merge(planned: Iterable[Step], stored: Iterable[Step]) -> list[Step]:
    """Give planned steps their stored ids; cancel pending steps no longer planned."""
    by_key = {s.key: s for s in stored}
    if not by_key:
        return list(planned)
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
