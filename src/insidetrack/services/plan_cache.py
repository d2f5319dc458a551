"""Plan each distinct imported campaign once: rows that differ only in names and ids share it.

The planner reads an interviewer's id and name only to copy them into the steps, and the
employer's and opening's names and ids not at all. So a campaign with those replaced by
stand-ins plans the same steps as every real campaign of the same shape; the steps are
then given each real campaign's ids and names back.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import fields, replace
from operator import attrgetter

from insidetrack.domain.model import Campaign, Contact, Employer, Interview, Opening, Step
from insidetrack.services.ports.activity import StepRows

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


def _people(campaign: Campaign) -> dict[int, Contact]:
    """Return the real interviewers by the stand-ins' ids `model` gave them."""
    return {-(n + 1): p for n, p in enumerate(campaign.interview.interviewers)}


def _reader(kind: type, *left_out: str) -> Callable[[object], tuple[object, ...]]:
    """Return what reads a record's fields but those left out, as one tuple."""
    names = [f.name for f in fields(kind) if f.name not in left_out]
    read = attrgetter(*names)
    return read if len(names) > 1 else lambda record: (read(record),)


# What the planner reads of each record of a campaign (read for every campaign of an import).
_CAMPAIGN = _reader(Campaign, "interview", "opening", "employer")
_INTERVIEW = _reader(Interview, "id", "opening_id", "interviewers")
_OPENING = _reader(Opening, "id", "employer_id", "job_title")
_EMPLOYER = _reader(Employer, "id", "name")


def shape(campaign: Campaign) -> Hashable:
    """Return what the planner reads of a campaign: all but the names and ids `model` hides."""
    interview = campaign.interview
    return (_CAMPAIGN(campaign), _INTERVIEW(interview),
            tuple(p.role for p in interview.interviewers),
            _OPENING(campaign.opening), _EMPLOYER(campaign.employer))


class PlanCache:
    """Plans by the shape of their campaign, for one import (one clock, one set of settings),
    kept as the rows they are stored as (`rows_of` makes them)."""

    def __init__(self, rows_of: Callable[[Iterable[Step]], StepRows]) -> None:
        self._plans: dict[Hashable, StepRows] = {}
        self._rows_of = rows_of

    def plan(self, campaign: Campaign, how: Hashable,
             make: Callable[[Campaign], tuple[Step, ...]]) -> list[tuple[object, ...]]:
        """Return the rows of `make(campaign)`, planned once for all campaigns of its shape
        and `how`."""
        if campaign.steps or campaign.touchpoints or campaign.references:
            return self._rows_of(make(campaign)).cast(campaign.interview.id, {})
        key = (shape(campaign), how)
        found = self._plans.get(key)
        if found is None:
            found = self._rows_of(make(model(campaign)))
            if len(self._plans) < MAX_PLANS:
                self._plans[key] = found
        return found.cast(campaign.interview.id, _people(campaign))
