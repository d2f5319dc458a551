"""Plan each distinct imported campaign once: rows that differ only in names and ids share it.

The planner reads an interviewer's id and name only to copy them into the steps, and the
employer's and opening's names and ids not at all. So a campaign with those replaced by
stand-ins plans the same steps as every real campaign of the same shape; the steps are
then given each real campaign's ids and names back.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import replace

from insidetrack.domain.model import Campaign, Contact, Step

# Enough distinct campaigns for a large sheet; past this, a campaign is planned every time.
MAX_PLANS = 20_000


def _stand_in(person: Contact, n: int) -> Contact:
    return Contact(-(n + 1), 0, f"#{n}", person.role)


def model(campaign: Campaign) -> Campaign:
    """Return the campaign with stand-ins for every name and id the planner only copies."""
    interview = campaign.interview
    people = tuple(_stand_in(p, n) for n, p in enumerate(interview.interviewers))
    return replace(
        campaign,
        interview=replace(interview, id=0, opening_id=0, interviewers=people),
        opening=replace(campaign.opening, id=0, employer_id=0, job_title=""),
        employer=replace(campaign.employer, id=0, name=""),
    )


def _with(step: Step, **changes: object) -> Step:
    """Return a copy of a step with some fields changed (as `replace`, without its cost)."""
    return Step(**{**vars(step), **changes})


def _cast(step: Step, campaign: Campaign) -> Step:
    """Give a step planned for stand-ins the real campaign's ids and names."""
    if step.contact_id is None or step.contact_id >= 0:
        return _with(step, interview_id=campaign.interview.id)
    person = campaign.interview.interviewers[-step.contact_id - 1]
    suffix = f":{step.contact_id}"
    key = step.key[: -len(suffix)] + f":{person.id}" if step.key.endswith(suffix) else step.key
    return _with(step, interview_id=campaign.interview.id, key=key, to=person.name,
                 contact_id=person.id)


def _fields(record: object, *left_out: str) -> tuple[object, ...]:
    return tuple(v for k, v in vars(record).items() if k not in left_out)


def shape(campaign: Campaign) -> Hashable:
    """Return what the planner reads of a campaign: all but the names and ids `model` hides."""
    interview = campaign.interview
    return (_fields(campaign, "interview", "opening", "employer"),
            _fields(interview, "id", "opening_id", "interviewers"),
            tuple(p.role for p in interview.interviewers),
            _fields(campaign.opening, "id", "employer_id", "job_title"),
            _fields(campaign.employer, "id", "name"))


class PlanCache:
    """Plans by the shape of their campaign, for one import (one clock, one set of settings)."""

    def __init__(self) -> None:
        self._plans: dict[Hashable, tuple[Step, ...]] = {}

    def plan(self, campaign: Campaign, how: Hashable,
             make: Callable[[Campaign], tuple[Step, ...]]) -> tuple[Step, ...]:
        """Return `make(campaign)`, planned once for all campaigns of its shape and `how`."""
        if campaign.steps or campaign.touchpoints or campaign.references:
            return make(campaign)
        key = (shape(campaign), how)
        found = self._plans.get(key)
        if found is None:
            found = make(model(campaign))
            if len(self._plans) < MAX_PLANS:
                self._plans[key] = found
        return tuple(_cast(s, campaign) for s in found)
