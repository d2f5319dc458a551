"""Bring a spreadsheet in: all rows or none, nothing twice, every campaign planned."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from insidetrack.domain.errors import InputError
from insidetrack.domain.model import (
    Campaign,
    Contact,
    ContactRole,
    Employer,
    Interview,
    Opening,
    OpeningStatus,
    Profile,
    Step,
    Touchpoint,
    TouchpointKind,
)
from insidetrack.domain.parse import name_key
from insidetrack.domain.planner import plan_follow_ups
from insidetrack.services.context import Env
from insidetrack.services.ports import Imported
from insidetrack.services.spreadsheet import Row, Sheet

DECIDED = {"offer": OpeningStatus.OFFER, "hired": OpeningStatus.OFFER,
           "rejected": OpeningStatus.CLOSED, "withdrawn": OpeningStatus.CLOSED}
PROGRESS_EVERY = 500


@dataclass
class ImportReport:
    employers: int = 0
    openings: int = 0
    interviews: int = 0
    contacts: int = 0
    already: int = 0
    new_employers: list[str] = field(default_factory=list)


@dataclass
class _Batch:
    """What the database holds already, and the new rows, written together at the end."""

    employers: dict[str, Employer]
    openings: dict[tuple[int, str], Opening]
    interviews: set[tuple[int, datetime]]
    contacts: dict[tuple[int, str], Contact]
    profile: Profile | None
    ids: dict[str, int]
    new: Imported = field(default_factory=Imported)
    steps: list[Step] = field(default_factory=list)

    def new_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table] - 1


def _batch(env: Env) -> _Batch:
    return _Batch(
        employers={name_key(e.name): e for e in env.store.people.employers()},
        openings={(o.employer_id, o.job_title.casefold()): o for o in env.store.interviews.openings()},
        interviews=env.store.interviews.interview_starts(),
        contacts={(c.employer_id, (c.email or c.name).casefold()): c for c in env.store.people.contacts()},
        profile=env.store.people.profile(),
        ids=env.store.interviews.next_ids(),
    )


def import_sheet(env: Env, sheet: Sheet, *, dry_run: bool = False,
                 progress: Callable[[int], None] = lambda _: None) -> ImportReport:
    """Create employers, openings, interviews and contacts in one transaction."""
    if sheet.problems:
        shown = "; ".join(sheet.problems[:20])
        more = f" (and {len(sheet.problems) - 20} more)" if len(sheet.problems) > 20 else ""
        raise InputError("file", f"{len(sheet.problems)} bad row(s), nothing imported: "
                         f"{shown}{more}")
    report = ImportReport()
    with env.store.write():
        batch = _batch(env)
        for n, row in enumerate(sheet.rows, start=1):
            _import_row(env, batch, row, report)
            if n % PROGRESS_EVERY == 0:
                progress(PROGRESS_EVERY)
        if not dry_run:
            env.store.interviews.add_imported(batch.new)
            env.store.steps.add_steps(batch.steps)
        progress(len(sheet.rows) % PROGRESS_EVERY)
    return report


def _employer(batch: _Batch, row: Row, report: ImportReport) -> Employer:
    key = name_key(row.employer)
    found = batch.employers.get(key)
    if found is None:
        found = Employer(batch.new_id("employers"), row.employer)
        batch.new.employers.append(found)
        batch.employers[key] = found
        report.employers += 1
        report.new_employers.append(row.employer)
    return found


def _status(row: Row) -> OpeningStatus:
    if row.status in DECIDED:
        return DECIDED[row.status]
    if row.status:
        return OpeningStatus(row.status)
    return OpeningStatus.INTERVIEWING if row.interview_at else OpeningStatus.APPLIED


def _opening(batch: _Batch, employer: Employer, row: Row, report: ImportReport) -> Opening:
    key = (employer.id, row.job_title.casefold())
    found = batch.openings.get(key)
    if found is None:
        found = Opening(batch.new_id("openings"), employer.id, row.job_title, status=_status(row))
        batch.new.openings.append((found, row.applied, row.notes))
        batch.openings[key] = found
        report.openings += 1
    return found


def _contact(batch: _Batch, employer: Employer, row: Row, report: ImportReport) -> Contact | None:
    if not (row.contact or row.email):
        return None
    key = (employer.id, (row.email or row.contact).casefold())
    found = batch.contacts.get(key)
    if found is None:
        found = Contact(batch.new_id("contacts"), employer.id, row.contact or row.email,
                        ContactRole.INTERVIEWER, row.email)
        batch.new.contacts.append(found)
        batch.contacts[key] = found
        report.contacts += 1
    return found


def _import_row(env: Env, batch: _Batch, row: Row, report: ImportReport) -> None:
    employer = _employer(batch, row, report)
    opening = _opening(batch, employer, row, report)
    contact = _contact(batch, employer, row, report)
    if row.interview_at is None:
        return
    start = row.interview_at
    if (opening.id, start) in batch.interviews:
        report.already += 1
        return
    interview = Interview(batch.new_id("interviews"), opening.id, row.interview_at,
                          interviewers=(contact,) if contact else ())
    batch.new.interviews.append(interview)
    batch.interviews.add((opening.id, start))
    report.interviews += 1
    _plan(env, batch, Campaign(interview, opening, employer, batch.profile), row)


def _plan(env: Env, batch: _Batch, campaign: Campaign, row: Row) -> None:
    """Plan a new interview's campaign in memory: nothing stored yet needs reading."""
    touchpoints: tuple[Touchpoint, ...] = ()
    if row.status in DECIDED:
        decision = Touchpoint(0, campaign.opening.id, campaign.interview.id,
                              TouchpointKind.DECISION, env.now, outcome=row.status,
                              note="imported")
        batch.new.touchpoints.append(decision)
        touchpoints = (decision,)
    planned = plan_follow_ups(Campaign(campaign.interview, campaign.opening, campaign.employer,
                                       campaign.profile, touchpoints=touchpoints),
                              env.plan, env.now, env.tz, env.days_off(campaign.interview.start))
    batch.steps.extend(planned)
