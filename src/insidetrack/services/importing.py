"""Bring a spreadsheet in: all rows or none, nothing twice, every campaign planned."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime

from insidetrack.domain.after_decision import ANSWER_KINDS
from insidetrack.domain.errors import InputError
from insidetrack.domain.model import (
    Campaign,
    Channel,
    Contact,
    ContactRole,
    Employer,
    Interview,
    Opening,
    OpeningStatus,
    Profile,
    Step,
    StepKind,
    StepStatus,
    Touchpoint,
    TouchpointKind,
)
from insidetrack.domain.parse import name_key, titled_name
from insidetrack.domain.planner import plan_follow_ups
from insidetrack.services.context import Env
from insidetrack.services.done_steps import DoneStep
from insidetrack.services.import_writer import BatchWriter
from insidetrack.services.plan_cache import PlanCache
from insidetrack.services.ports import Imported
from insidetrack.services.spreadsheet import Row, Sheet, opening_key, person_key

DECIDED = {"offer": OpeningStatus.OFFER, "hired": OpeningStatus.OFFER,
           "rejected": OpeningStatus.CLOSED, "withdrawn": OpeningStatus.CLOSED}
STANDING = {"saved": OpeningStatus.SAVED, "applied": OpeningStatus.APPLIED,
            "interviewing": OpeningStatus.INTERVIEWING, "waiting": OpeningStatus.WAITING}
PROGRESS_EVERY = 500
STEPS_PER_ROW = 8  # about what a row's campaign plans: enough to judge a load by
BATCH_ROWS = 2000  # rows planned in memory before they are written (still one transaction)


@dataclass
class ImportReport:
    employers: int = 0
    openings: int = 0
    interviews: int = 0
    contacts: int = 0
    already: int = 0
    new_employers: list[str] = field(default_factory=list)
    steps_done: int = 0
    not_matched: list[str] = field(default_factory=list)  # steps done the new plan lacks


@dataclass
class _Batch:
    """What the database holds already, and the new rows, written together at the end."""

    employers: dict[str, Employer]
    openings: dict[tuple[int, str], Opening]
    interviews: set[tuple[int, datetime]]
    contacts: dict[tuple[int, str], Contact]
    profile: Profile | None
    ids: dict[str, int]
    plans: PlanCache
    new: Imported = field(default_factory=Imported)
    steps: list[tuple[object, ...]] = field(default_factory=list)  # rows to store
    stored_rounds: dict[tuple[str, str], set[datetime]] = field(default_factory=dict)
    sheet_rounds: dict[tuple[str, str], set[datetime]] = field(default_factory=dict)
    # The sheet says which steps were done (an `export csv` of ours): each campaign ran from
    # its interview, so what was not done is still due, not missed as in a late-logged one.
    followed: bool = False

    # Hashes of the openings and people the sheet names again (None: any): only those new
    # ones are kept for later rows to find, so a large sheet is not all held in memory.
    again: set[int] | None = None

    def named_again(self, key: tuple[str, str]) -> bool:
        return self.again is None or hash(key) in self.again

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
        plans=PlanCache(env.store.steps.planned_rows),
    )


def import_sheet(env: Env, sheet: Sheet, *, dry_run: bool = False,
                 progress: Callable[[int], None] = lambda _: None) -> ImportReport:
    """Create employers, openings, interviews and contacts in one transaction.

    Rows are read, planned and written a batch at a time; a bad row anywhere stops the
    writing, the rest are still read to name every bad row, and nothing is kept.
    """
    report = ImportReport()
    steps = 0 if dry_run else sheet.size * STEPS_PER_ROW
    with (_uncollected(), env.store.write(), env.store.steps.loading(steps),
          BatchWriter(env, dry_run) as writer):
        batch = _batch(env)
        batch.stored_rounds = _stored_rounds(batch)
        batch.sheet_rounds, batch.again = sheet.rounds, sheet.again
        batch.followed = "steps_done" in sheet.columns
        n = 0
        for n, row in enumerate(sheet.rows(), start=1):
            if not sheet.problems:
                _import_row(env, batch, row, report)
            if n % BATCH_ROWS == 0:
                _write(writer, batch, bool(sheet.problems))
            if n % PROGRESS_EVERY == 0:
                progress(PROGRESS_EVERY)
        _refuse(sheet.problems)
        _write(writer, batch)
        progress(n % PROGRESS_EVERY)
    return report


@contextmanager
def _uncollected() -> Iterator[None]:
    """Pause the cycle collector while importing.

    An import makes millions of tuples and records that form no cycles (reference counting
    frees them); the collector's passes over them all, the plans kept among them, took about
    a tenth of a large import's time.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _refuse(problems: list[str]) -> None:
    """Name the bad rows, and so roll the whole import back."""
    if problems:
        shown = "; ".join(problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        raise InputError("file", f"{len(problems)} bad row(s), nothing imported: "
                         f"{shown}{more}")


def _write(writer: BatchWriter, batch: _Batch, refused: bool = False) -> None:
    """Write the rows planned since the last batch (none once a row is refused), and
    forget them."""
    if not refused:
        writer.write(batch.new, batch.steps)
    batch.new, batch.steps = Imported(), []


def _opening_key(row: Row) -> tuple[str, str]:
    return opening_key(row.employer, row.job_title)


def _stored_rounds(batch: _Batch) -> dict[tuple[str, str], set[datetime]]:
    """Return when each stored opening's interviews begin."""
    stored: dict[int, list[datetime]] = {}
    for opening_id, start in batch.interviews:
        stored.setdefault(opening_id, []).append(start)
    employers = {e.id: k for k, e in batch.employers.items()}
    return {(employers[employer_id], title): set(stored[opening.id])
            for (employer_id, title), opening in batch.openings.items() if opening.id in stored}


def _rounds(batch: _Batch, row: Row, start: datetime) -> list[datetime]:
    """Return when the row's opening's interviews begin, stored and in the sheet, in order."""
    key = _opening_key(row)
    stored, listed = batch.stored_rounds.get(key), batch.sheet_rounds.get(key)
    if stored is None and listed is None:
        return [start]
    return sorted((stored or set()) | (listed or {start}))


def _employer(batch: _Batch, row: Row, report: ImportReport) -> Employer:
    key = name_key(row.employer)
    found = batch.employers.get(key)
    if found is None:
        found = Employer(batch.new_id("employers"), row.employer,
                         traditionalist=row.traditionalist, high_tech=row.high_tech)
        batch.new.employers.append(found)
        batch.employers[key] = found
        report.employers += 1
        report.new_employers.append(row.employer)
    return found


def _status(row: Row) -> OpeningStatus:
    if row.status in DECIDED:
        return DECIDED[row.status]
    if row.status:
        return STANDING[row.status]
    return OpeningStatus.INTERVIEWING if row.interview_at else OpeningStatus.APPLIED


def _opening(batch: _Batch, employer: Employer, row: Row, report: ImportReport) -> Opening:
    key = (employer.id, row.job_title.casefold())
    found = batch.openings.get(key)
    if found is None:
        found = Opening(batch.new_id("openings"), employer.id, row.job_title, status=_status(row))
        batch.new.openings.append((found, row.applied, row.notes, row.link, row.salary))
        if batch.named_again(_opening_key(row)):
            batch.openings[key] = found
        report.openings += 1
    return found


def _person(batch: _Batch, employer: Employer, name: str, email: str,
            report: ImportReport) -> Contact:
    key = (employer.id, (email or name).casefold())
    found = batch.contacts.get(key)
    if found is None:
        again = batch.named_again(person_key(employer.name, email or name))
        title, name = titled_name("contact", name) if name else ("", email)
        found = Contact(batch.new_id("contacts"), employer.id, name, ContactRole.INTERVIEWER,
                        email, title=title)
        batch.new.contacts.append(found)
        if again:
            batch.contacts[key] = found
        report.contacts += 1
    return found


def _interviewers(batch: _Batch, employer: Employer, row: Row,
                  report: ImportReport) -> tuple[Contact, ...]:
    """Return the row's interviewers: its contact, then the others, each once."""
    named = ([(row.contact, row.email)] if row.contact or row.email else [])
    people: list[Contact] = []
    for name, email in [*named, *row.other_interviewers]:
        person = _person(batch, employer, name, email, report)
        if person not in people:
            people.append(person)
    return tuple(people)


def _import_row(env: Env, batch: _Batch, row: Row, report: ImportReport) -> None:
    employer = _employer(batch, row, report)
    opening = _opening(batch, employer, row, report)
    people = _interviewers(batch, employer, row, report)
    if row.interview_at is None:
        return
    start = row.interview_at
    if (opening.id, start) in batch.interviews:
        report.already += 1
        return
    starts = _rounds(batch, row, start)
    interview = Interview(batch.new_id("interviews"), opening.id, start,
                          round=starts.index(start) + 1 if start in starts else 1,
                          interviewers=people)
    batch.new.interviews.append(interview)
    if batch.named_again(_opening_key(row)):
        batch.interviews.add((opening.id, start))
    report.interviews += 1
    # A later round replaces an earlier round's follow-ups, as `interview add` does.
    _plan(env, batch, Campaign(interview, opening, employer, batch.profile,
                               superseded=start < starts[-1]), row, report)


def _plan(env: Env, batch: _Batch, campaign: Campaign, row: Row, report: ImportReport) -> None:
    """Plan a new interview's campaign in memory: nothing stored yet needs reading."""
    if row.steps_done:
        steps = _replayed(env, batch, campaign, row, report)
        batch.steps.extend(env.store.steps.planned_rows(steps).cast(campaign.interview.id, {}))
        return
    decided = row.status if row.status in DECIDED else ""
    if decided:
        batch.new.touchpoints.append(_decision(env, campaign, decided))
    batch.steps.extend(batch.plans.plan(
        campaign, decided, lambda shape: _fresh(env, batch.followed, shape, decided)))


def _decision(env: Env, campaign: Campaign, outcome: str) -> Touchpoint:
    return Touchpoint(0, campaign.opening.id, campaign.interview.id, TouchpointKind.DECISION,
                      env.now, outcome=outcome, note="imported")


def _first(env: Env, followed: bool, campaign: Campaign) -> datetime:
    return min(campaign.interview.end, env.now) if followed else env.now


def _decided(env: Env, campaign: Campaign, outcome: str, steps: tuple[Step, ...]
             ) -> tuple[Step, ...]:
    """Re-plan after the sheet's decision.

    A sheet does not say when the decision came: its answers are not asked for, and stay
    cancelled on later re-plans.
    """
    steps = plan_follow_ups(replace(campaign, touchpoints=(_decision(env, campaign, outcome),),
                                    steps=steps),
                            env.plan, env.now, env.tz, env.days_off(campaign.interview.start))
    return tuple(replace(s, status=StepStatus.CANCELLED)
                 if s.kind in ANSWER_KINDS and not s.settled else s for s in steps)


def _fresh(env: Env, followed: bool, campaign: Campaign, decided: str) -> tuple[Step, ...]:
    """Plan a campaign the sheet says nothing was done in; a decision cancels the plan."""
    steps = plan_follow_ups(campaign, env.plan, _first(env, followed, campaign), env.tz,
                            env.days_off(campaign.interview.start))
    if not decided:
        return steps
    # A sheet's decision cancels a plan nobody saw.
    return tuple(s for s in _decided(env, campaign, decided, steps)
                 if s.status is not StepStatus.CANCELLED or s.kind in ANSWER_KINDS)


def _replayed(env: Env, batch: _Batch, campaign: Campaign, row: Row,
              report: ImportReport) -> tuple[Step, ...]:
    """Do again the steps the sheet says were done, in order, each re-planning the rest as
    `done` does; then a decision cancels what is still pending and ends the plan that ran."""
    steps = plan_follow_ups(campaign, env.plan, _first(env, batch.followed, campaign), env.tz,
                            env.days_off(campaign.interview.start))
    for done in row.steps_done:
        steps = _done(env, batch, replace(campaign, steps=steps), done, report)
    if row.status not in DECIDED:
        return steps
    batch.new.touchpoints.append(_decision(env, campaign, row.status))
    return _decided(env, campaign, row.status, steps)


def _done(env: Env, batch: _Batch, campaign: Campaign, done: DoneStep,
          report: ImportReport) -> tuple[Step, ...]:
    """Mark one planned step done when it happened, and re-plan the rest."""
    key = done.key(campaign.interview.interviewers)
    step = next((s for s in campaign.steps if s.key == key and s.doable), None)
    if step is None or done.at < campaign.interview.start:
        report.not_matched.append(f"{campaign.employer.name}, {campaign.opening.job_title}: {done}")
        return campaign.steps
    report.steps_done += 1
    kind = (TouchpointKind.CALL if step.kind is StepKind.CALL else
            TouchpointKind.LETTER_SENT if step.channel is Channel.LETTER else
            TouchpointKind.EMAIL_SENT)
    batch.new.touchpoints.append(Touchpoint(
        0, campaign.opening.id, campaign.interview.id, kind, done.at, step.channel,
        outcome="connected" if step.kind is StepKind.CALL else "", note="imported"))
    settled = replace(step, status=StepStatus.DONE, done_at=done.at)
    kept = tuple(settled if s is step else s for s in campaign.steps)
    return plan_follow_ups(replace(campaign, steps=kept), env.plan, env.now, env.tz,
                           env.days_off(campaign.interview.start))
