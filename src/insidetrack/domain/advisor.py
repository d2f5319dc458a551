"""Advise e-mail or telephone for following up one interview."""

from __future__ import annotations

from dataclasses import dataclass

from insidetrack.domain import playbook
from insidetrack.domain.model import Campaign, Channel, ResumeVia


@dataclass(frozen=True)
class Reason:
    """One advisor rule whose condition held, and whether it decided."""

    rule: str
    text: str
    applied: bool
    explanation: str


@dataclass(frozen=True)
class Advice:
    preferred: Channel
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class _Signal:
    rule: str
    text: str
    explanation: str


def _email_signals(c: Campaign) -> list[_Signal]:
    """List the playbook's e-mail signals, apart from the ad's request, that hold."""
    signals = []
    if c.profile is not None and c.profile.over_40:
        signals.append(_Signal("over-40", playbook.OVER_40, "You are over 40."))
    if c.interview.dialogue:
        signals.append(_Signal("dialogue", playbook.DIALOGUE, "You want a dialogue."))
    if c.interview.urgent:
        signals.append(_Signal("quick-action", playbook.QUICK_ACTION, "Quick action matters."))
    if c.opening.resume_via is ResumeVia.EMAIL:
        signals.append(
            _Signal("resume-by-email", playbook.RESUME_BY_EMAIL, "You sent your resume by e-mail.")
        )
    if c.employer.high_tech:
        signals.append(
            _Signal("high-tech", playbook.HIGH_TECH, f"{c.employer.name} is a high-tech firm.")
        )
    return signals


def preferred_channel(c: Campaign) -> Channel:
    """Return the channel `advise_channel` prefers, without its reasons.

    Only the ad's request and a traditionalist employer can make it the phone: every
    other signal, and none at all, means e-mail.
    """
    email_wins = c.opening.requested_electronic or not c.employer.traditionalist
    return Channel.EMAIL if email_wins else Channel.PHONE


def advise_channel(c: Campaign) -> Advice:
    """Decide e-mail or phone for a campaign and list every rule that held.

    Precedence, highest first: the ad requested electronic communication;
    a traditionalist employer; the other e-mail signals; no signal at all
    means e-mail, the HR professional's view.
    """
    requested = c.opening.requested_electronic
    traditional = c.employer.traditionalist
    signals = _email_signals(c)
    email_wins = requested or not traditional
    reasons: list[Reason] = []
    if requested:
        reasons.append(
            Reason(
                "requested-electronic",
                playbook.AD_REQUESTED_ELECTRONIC,
                True,
                "The job ad asked for electronic communication.",
            )
        )
    if traditional:
        reasons.append(
            Reason(
                "traditionalist",
                playbook.TRADITIONALISTS,
                not requested,
                f"{c.employer.name} is traditionalist: phones and paper letters.",
            )
        )
    reasons.extend(Reason(s.rule, s.text, email_wins, s.explanation) for s in signals)
    if not reasons:
        reasons.append(
            Reason("default", playbook.HR_PREFERS_EMAIL, True, "No other signal: e-mail.")
        )
    return Advice(preferred_channel(c), tuple(reasons))
