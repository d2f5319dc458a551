"""Plan what follows the employer's decision: thanks, a gracious reply, withdrawals.

The playbook stops at the decision; these rules are ours, written in its spirit. The
written ones follow the same e-mail/letter advice as every other message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo

from insidetrack.domain.model import (
    Campaign,
    Channel,
    Decision,
    Step,
    StepKind,
    StepStatus,
    Touchpoint,
    TouchpointKind,
)
from insidetrack.domain.workdays import shift_to_business_day

# Ours: the answer to a decision goes out within a day, like the thank-you's 24 hours.
REPLY_HOURS = 24
# Ours: references are thanked, and other applications withdrawn from, within two days.
FOLLOW_THROUGH_DAYS = 2

# The steps that answer a decision on its own opening.
ANSWER_KINDS = frozenset({StepKind.OFFER_THANKS, StepKind.KEEP_IN_MIND, StepKind.REFERENCE_THANKS})
_REPLY_KIND = {Decision.OFFER: StepKind.OFFER_THANKS, Decision.REJECTED: StepKind.KEEP_IN_MIND}


def answered_decision(campaign: Campaign) -> Touchpoint | None:
    """Return the latest offer or rejection: the decision that is answered."""
    answered = [t for t in campaign.touchpoints if t.kind is TouchpointKind.DECISION
                and t.outcome in (Decision.OFFER.value, Decision.REJECTED.value)]
    return answered[-1] if answered else None


def withdrew(campaign: Campaign) -> bool:
    """Tell whether the user has withdrawn from this opening (its withdrawal step is done)."""
    return any(s.kind is StepKind.WITHDRAW and s.status is StepStatus.DONE
               for s in campaign.steps)


@dataclass(frozen=True)
class Replan:
    """When the plan is made, and what is stored of it."""

    now: datetime
    tz: tzinfo
    stored: Mapping[str, Step]
    missed_after: timedelta
    days_off: frozenset[date] = frozenset()


def _kept_due(stored: Mapping[str, Step], key: str, due: datetime) -> datetime:
    """Keep a pending step where the user moved it in their calendar."""
    old = stored.get(key)
    if old is not None and not old.settled and old.moved_to is not None:
        return old.moved_to
    return due


def _missed_if_long_past(step: Step, stored: Mapping[str, Step], now: datetime,
                         missed_after: timedelta) -> Step:
    """A decision logged (or imported) long after it came: its answers are missed.

    As with a thank-you, only a step planned for the first time can be.
    """
    if step.key not in stored and now - step.due > missed_after:
        return replace(step, status=StepStatus.MISSED)
    return step


def plan_after_decision(campaign: Campaign, written: Channel, at: Replan) -> list[Step]:
    """Plan the answer to an offer or a rejection, and thanks to each reference.

    Only the latest round answers: its interviewers made the decision. Other outcomes
    (hired, withdrawn) plan nothing more.
    """
    decision = answered_decision(campaign)
    if decision is None or campaign.superseded:
        return []
    steps = [*_replies(campaign, decision, written, at),
             *_reference_thanks(campaign, decision.at, at)]
    return [_missed_if_long_past(s, at.stored, at.now, at.missed_after) for s in steps]


def _replies(campaign: Campaign, decision: Touchpoint, written: Channel, at: Replan) -> list[Step]:
    """Thank them for an offer, or answer a rejection graciously, within a day.

    Playbook, on why even an offer deserves it: "your follow-up creates goodwill that
    can silken your success when you join the company." A rejection is answered asking
    to be kept in mind (ours): the next opening there may be yours.
    """
    kind = _REPLY_KIND[Decision(decision.outcome)]
    due = decision.at + timedelta(hours=REPLY_HOURS)
    interview = campaign.interview
    if not interview.interviewers:
        return [Step(interview.id, kind.value, kind, written,
                     _kept_due(at.stored, kind.value, due))]
    return [
        Step(interview.id, f"{kind.value}:{person.id}", kind, written,
             _kept_due(at.stored, f"{kind.value}:{person.id}", due),
             to=person.name, contact_id=person.id)
        for person in interview.interviewers
    ]


def _reference_thanks(campaign: Campaign, decided: datetime, at: Replan) -> list[Step]:
    """Call each reference within two days to tell them the news and thank them.

    Playbook: "References can make all the difference." Thanking them is ours: you may
    need them again.
    """
    return [
        Step(campaign.interview.id, key, StepKind.REFERENCE_THANKS, Channel.PHONE,
             _on_workday(at, key, decided + timedelta(days=FOLLOW_THROUGH_DAYS)),
             to=ref.name, reference_id=ref.id)
        for ref, key in ((ref, f"reference-thanks:{ref.id}") for ref in campaign.references)
    ]


def _on_workday(at: Replan, key: str, due: datetime) -> datetime:
    """Put a call or letter on a business day, unless the user moved it where it is."""
    kept = _kept_due(at.stored, key, due)
    if kept != due:
        return kept
    return shift_to_business_day(due, at.tz, avoid=at.days_off)


def plan_withdrawal(campaign: Campaign, written: Channel, at: Replan) -> list[Step]:
    """After an offer elsewhere, withdraw politely from this application within two days.

    Ours: the playbook is silent. The step lives on the opening's latest interview (the
    caller plans only that one), to its first interviewer. Offers made before this
    interview began do not count: the user chose to interview after them.
    """
    offers = [o for o in campaign.offers_elsewhere if o >= campaign.interview.start]
    if not offers:
        return []
    people = campaign.interview.interviewers
    first = people[0] if people else None
    step = Step(campaign.interview.id, "withdraw", StepKind.WITHDRAW, written,
                _on_workday(at, "withdraw", min(offers) + timedelta(days=FOLLOW_THROUGH_DAYS)),
                to=first.name if first else None, contact_id=first.id if first else None)
    return [_missed_if_long_past(step, at.stored, at.now, at.missed_after)]
