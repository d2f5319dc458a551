"""Track an application before any interview; archive an opening whose campaign is over."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

from insidetrack.domain import parse
from insidetrack.domain.errors import ConflictError, InputError
from insidetrack.domain.model import Employer, OpeningStatus
from insidetrack.services.context import Env
from insidetrack.services.ports.applications import Application, ApplicationDetails
from insidetrack.services.records import find_or_add_employer, opening_titled
from insidetrack.storage.agenda import day_bounds

# An application not yet answered by an interview: archiving it means giving it up.
UNANSWERED = (OpeningStatus.SAVED, OpeningStatus.APPLIED)
# A decision is recorded: the campaign is over, the opening may be archived.
DECIDED = (OpeningStatus.OFFER, OpeningStatus.CLOSED)


@dataclass(frozen=True)
class Typed:
    """What the user typed about an application; None: not given (an edit keeps it)."""

    applied_on: str | None = None  # YYYY-MM-DD; "" or `not_yet`: not applied yet
    not_yet: bool = False
    link: str | None = None
    salary: str | None = None
    notes: str | None = None
    job_title: str | None = None


def today_of(env: Env) -> date:
    return env.now.astimezone(env.tz).date()


def _applied(env: Env, typed: Typed, was: datetime | None) -> datetime | None:
    """Return when the application went in: the day typed, none, or as it was."""
    if typed.not_yet and typed.applied_on:
        raise InputError("applied_on", "give a date, or say it is not sent yet, not both")
    if typed.not_yet or typed.applied_on == "":
        return None
    if typed.applied_on is None:
        return was
    day = parse.day_in("applied_on", typed.applied_on, parse.APPLIED, today_of(env))
    return day_bounds(day, env.tz)[0]


def _salary(field: str, value: str) -> str:
    return parse.text(field, value, limit=100)  # as typed: "$90,000-110,000", "90k + bonus"


def _details(env: Env, typed: Typed, was: ApplicationDetails) -> ApplicationDetails:
    """Check what was typed and fill in the rest from what was there."""
    def kept(field: str, value: str | None, old: str, check: Callable[[str, str], str]) -> str:
        return old if value is None else check(field, value)

    return ApplicationDetails(_applied(env, typed, was.applied_at),
                              kept("link", typed.link, was.link, parse.url),
                              kept("salary", typed.salary, was.salary, _salary),
                              kept("notes", typed.notes, was.notes, parse.lines))


def _status_for(status: str, details: ApplicationDetails) -> str:
    """Saved until the application is sent; a later stage stays as it is."""
    if OpeningStatus(status) not in UNANSWERED:
        return status
    return (OpeningStatus.APPLIED if details.applied_at else OpeningStatus.SAVED).value


def add(env: Env, employer: str, job_title: str, typed: Typed) -> Application:
    """Track an application (sent today unless told otherwise, or not yet sent)."""
    name = parse.name("employer", employer)
    title = parse.text("job_title", job_title, required=True, limit=parse.MAX_NAME)
    if typed.applied_on is None and not typed.not_yet:
        typed = replace(typed, applied_on=today_of(env).isoformat())
    details = _details(env, typed, ApplicationDetails(None, "", "", ""))
    with env.store.write():
        found, _ = find_or_add_employer(env.store, Employer(0, name))
        same = opening_titled(env.store, found.id, title)
        if same is not None and same.status not in DECIDED:
            raise ConflictError(f"you already track {found.name}, {same.job_title} "
                                f"(application {same.id}); change that one instead")
        new_id = env.store.applications.add(found.id, title, _status_for("saved", details),
                                            details)
        return env.store.applications.application(new_id)


def edit(env: Env, opening_id: int, typed: Typed) -> Application:
    """Change what was given of an application, keeping the rest."""
    title = None if typed.job_title is None else parse.text(
        "job_title", typed.job_title, required=True, limit=parse.MAX_NAME)
    with env.store.write():
        was = env.store.applications.application(opening_id)
        details = _details(env, typed, ApplicationDetails(was.applied_at, was.link, was.salary,
                                                          was.notes))
        env.store.applications.save(opening_id, title or was.job_title,
                                    _status_for(was.status, details), details)
        return env.store.applications.application(opening_id)


def delete(env: Env, opening_id: int) -> Application:
    """Delete an application no interview hangs on."""
    with env.store.write():
        gone = env.store.applications.application(opening_id)
        if gone.interview_ids:
            first = gone.interview_ids[0]
            raise ConflictError(f"application {opening_id} has an interview ({first}); delete "
                                "the interview first")
        env.store.interviews.delete_opening(opening_id)
        return gone


def show(env: Env, opening_id: int) -> Application:
    return env.store.applications.application(opening_id)


def listed(env: Env, archived: bool | None = False, waiting: bool = False,
           limit: int | None = None, offset: int = 0) -> list[Application]:
    """Return the applications, live ones by default; archived only, or all; `waiting`: only
    those with no interview yet; `limit`/`offset`: one page of them."""
    return env.store.applications.applications(archived, waiting, limit, offset)


def count(env: Env, archived: bool | None = False) -> int:
    """Return how many applications `listed` gives without a page."""
    return env.store.applications.count_applications(archived)


def closes_when_archived(app: Application) -> bool:
    """Say whether archiving gives the application up (no interview, no answer yet)."""
    return not app.interview_ids and OpeningStatus(app.status) in UNANSWERED


def archive(env: Env, opening_id: int, *, close: bool = False) -> Application:
    """Archive an opening whose campaign is over; `close` gives up an unanswered one."""
    with env.store.write():
        app = env.store.applications.application(opening_id)
        if app.archived_at is not None:
            raise ConflictError(f"{_named(app)} is archived already")
        status = OpeningStatus(app.status)
        if closes_when_archived(app) and not close:
            raise ConflictError(f"{_named(app)} is still open ({status.value}): "
                                "archiving it closes it too, so confirm that first")
        if status not in DECIDED and not closes_when_archived(app):
            raise ConflictError(f"{_named(app)} is still live ({status.value}): "
                                "record the employer's decision first, then archive it")
        if status not in DECIDED:
            _set_status(env, app, OpeningStatus.CLOSED)
        env.store.applications.set_archived(opening_id, env.now)
        return env.store.applications.application(opening_id)


def unarchive(env: Env, opening_id: int) -> Application:
    """Bring an archived opening back; one given up with no interview is open again."""
    with env.store.write():
        app = env.store.applications.application(opening_id)
        if app.archived_at is None:
            raise ConflictError(f"{_named(app)} is not archived")
        if not app.interview_ids and app.status == OpeningStatus.CLOSED.value:
            _set_status(env, app, OpeningStatus.APPLIED if app.applied_at else OpeningStatus.SAVED)
        env.store.applications.set_archived(opening_id, None)
        return env.store.applications.application(opening_id)


def _named(app: Application) -> str:
    return f"{app.job_title} at {app.employer}"


def opening_of_interview(env: Env, interview_id: int) -> int:
    return env.store.interviews.interview(interview_id).opening_id


def _set_status(env: Env, app: Application, status: OpeningStatus) -> None:
    env.store.applications.save(app.id, app.job_title, status.value, ApplicationDetails(
        app.applied_at, app.link, app.salary, app.notes))


def applied_day(app: Application, env: Env) -> date | None:
    """Return the local day the application went in."""
    return None if app.applied_at is None else app.applied_at.astimezone(env.tz).date()
