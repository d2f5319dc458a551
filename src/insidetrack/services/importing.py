"""Bring a spreadsheet in: all rows or none, nothing twice, every campaign planned."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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
    Touchpoint,
    TouchpointKind,
)
from insidetrack.domain.parse import name_key
from insidetrack.domain.planner import plan_follow_ups
from insidetrack.services.context import Env
from insidetrack.services.spreadsheet import Row, Sheet
from insidetrack.storage import convert
from insidetrack.storage.convert import iso
from insidetrack.storage.db import write

DECIDED = {"offer": OpeningStatus.OFFER, "hired": OpeningStatus.OFFER,
           "rejected": OpeningStatus.CLOSED, "withdrawn": OpeningStatus.CLOSED}


class _DryRun(Exception):
    """Raised to roll back a dry run after counting."""


@dataclass
class ImportReport:
    employers: int = 0
    openings: int = 0
    interviews: int = 0
    contacts: int = 0
    already: int = 0
    new_employers: list[str] = field(default_factory=list)


@dataclass
class _Known:
    """What the database holds already, looked up once."""

    employers: dict[str, Employer]
    openings: dict[tuple[int, str], Opening]
    interviews: set[tuple[int, str]]
    contacts: dict[tuple[int, str], Contact]
    profile: Profile | None


def _known(env: Env) -> _Known:
    conn = env.store.conn
    employers = {name_key(e.name): e for e in env.store.employers()}
    openings = {(o.employer_id, o.job_title.casefold()): o
                for o in map(convert.opening, conn.execute("SELECT * FROM openings"))}
    interviews = {(r[0], r[1]) for r in conn.execute("SELECT opening_id, starts_at FROM interviews")}
    contacts = {(c.employer_id, (c.email or c.name).casefold()): c for c in env.store.contacts()}
    return _Known(employers, openings, interviews, contacts, env.store.profile())


def import_sheet(env: Env, sheet: Sheet, *, dry_run: bool = False,
                 progress: Callable[[int], None] = lambda _: None) -> ImportReport:
    """Create employers, openings, interviews and contacts in one transaction."""
    if sheet.problems:
        shown = "; ".join(sheet.problems[:20])
        more = f" (and {len(sheet.problems) - 20} more)" if len(sheet.problems) > 20 else ""
        raise InputError("FILE", f"{len(sheet.problems)} bad row(s), nothing imported: "
                         f"{shown}{more}")
    report = ImportReport()
    try:
        with write(env.store.conn):
            known = _known(env)
            for row in sheet.rows:
                _import_row(env, known, row, report)
                progress(1)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _employer(env: Env, known: _Known, row: Row, report: ImportReport) -> Employer:
    key = name_key(row.employer)
    found = known.employers.get(key)
    if found is None:
        found = env.store.add_employer(Employer(0, row.employer), key)
        known.employers[key] = found
        report.employers += 1
        report.new_employers.append(row.employer)
    return found


def _opening(env: Env, known: _Known, employer: Employer, row: Row,
             report: ImportReport) -> Opening:
    key = (employer.id, row.job_title.casefold())
    found = known.openings.get(key)
    if found is None:
        status = OpeningStatus.INTERVIEWING if row.interview_at else OpeningStatus.APPLIED
        found = env.store.add_opening(employer.id, row.job_title, "", None, False)
        env.store.conn.execute(
            "UPDATE openings SET status = ?, applied_on = ?, notes = ? WHERE id = ?",
            (status.value, iso(row.applied), row.notes, found.id))
        found = Opening(found.id, employer.id, row.job_title, status=status)
        known.openings[key] = found
        report.openings += 1
    return found


def _contact(env: Env, known: _Known, employer: Employer, row: Row,
             report: ImportReport) -> Contact | None:
    if not (row.contact or row.email):
        return None
    key = (employer.id, (row.email or row.contact).casefold())
    found = known.contacts.get(key)
    if found is None:
        found = env.store.add_contact(Contact(0, employer.id, row.contact or row.email,
                                              ContactRole.INTERVIEWER, row.email))
        known.contacts[key] = found
        report.contacts += 1
    return found


def _import_row(env: Env, known: _Known, row: Row, report: ImportReport) -> None:
    employer = _employer(env, known, row, report)
    opening = _opening(env, known, employer, row, report)
    contact = _contact(env, known, employer, row, report)
    if row.interview_at is None:
        return
    start = iso(row.interview_at)
    assert start is not None
    if (opening.id, start) in known.interviews:
        report.already += 1
        return
    interview = Interview(0, opening.id, row.interview_at,
                          interviewers=(contact,) if contact else ())
    interview_id = env.store.add_interview(interview)
    known.interviews.add((opening.id, start))
    report.interviews += 1
    _plan(env, Campaign(
        Interview(interview_id, opening.id, row.interview_at, interviewers=interview.interviewers),
        opening, employer, known.profile), row)


def _plan(env: Env, campaign: Campaign, row: Row) -> None:
    """Plan a new interview's campaign in memory: nothing stored yet needs reading."""
    touchpoints: tuple[Touchpoint, ...] = ()
    if row.status in DECIDED:
        decision = Touchpoint(0, campaign.opening.id, campaign.interview.id,
                              TouchpointKind.DECISION, env.now, outcome=row.status,
                              note="imported")
        env.store.add_touchpoint(decision)
        env.store.conn.execute("UPDATE openings SET status = ? WHERE id = ?",
                               (DECIDED[row.status].value, campaign.opening.id))
        touchpoints = (decision,)
    planned = plan_follow_ups(Campaign(campaign.interview, campaign.opening, campaign.employer,
                                       campaign.profile, touchpoints=touchpoints),
                              env.plan, env.now, env.tz)
    env.store.add_steps(planned)
