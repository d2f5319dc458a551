"""The application's own check in a career center (the first wall): every id a request
names must be a row of the signed-in job seeker.

Independent of PostgreSQL's row-level security (the second wall, storage/org.py), so
each can be proven alone. The web app runs it before every route, with the route's path,
query and form or JSON parameters; `ID_PARAMETERS` says which table each id names, and a
test fails when a route takes an id this mapping does not know.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from insidetrack.domain.errors import NoSuchRecord, NotFoundError
from insidetrack.services.coaching import not_shared, require_grant
from insidetrack.services.context import Env

_DIGITS = re.compile(r"[0-9]{1,18}")  # beyond 18 digits: no row (a BIGINT id stops at 19)


@dataclass(frozen=True)
class IdParameter:
    """What an id parameter names: a table's row, said as `what` when it is not there."""

    table: str
    what: str
    names_too: bool = False  # it takes a name as well as an id: only digits are an id
    # It names a job seeker, not a row of theirs: a seeker may name only themselves, and a
    # coach only a seeker whose grant to them is active (the coach's pages, /center/...).
    seeker: bool = False


ID_PARAMETERS: dict[str, IdParameter] = {
    "interview_id": IdParameter("interviews", "interview"),
    "step_id": IdParameter("steps", "step"),
    "contact_id": IdParameter("contacts", "contact"),
    "employer_id": IdParameter("employers", "employer"),
    "reference_id": IdParameter("reference_people", "reference"),
    "reference": IdParameter("reference_people", "reference"),  # linking one to an interview
    "application_id": IdParameter("openings", "application"),
    "opening_id": IdParameter("openings", "application"),
    "fact_id": IdParameter("facts", "fact"),
    "clipping_id": IdParameter("clippings", "clipping"),
    "note_id": IdParameter("interview_notes", "note"),
    "trash_id": IdParameter("trash", "deleted item"),
    "item_id": IdParameter("outbox", "outbox message"),
    "invitation_id": IdParameter("invitations", "invitation"),
    "token_id": IdParameter("api_tokens", "API token"),  # a center's seeker's (/tokens)
    # "A name or a contact id" (the interview's details form, and the API's PATCH)
    "remove_interviewer": IdParameter("contacts", "interviewer", names_too=True),
    "remove_interviewers": IdParameter("contacts", "interviewer", names_too=True),
    "seeker_id": IdParameter("org_people", "job seeker", seeker=True),
}


def require_own(env: Env, seeker_id: int, given: Iterable[tuple[str, object]]) -> None:
    """Refuse, as not found, unless every id among the request's parameters (name, value)
    is a row of this job seeker."""
    wanted: dict[str, dict[int, str]] = {}  # table -> id -> what it is, in the user's words
    for name, value in given:
        kind = ID_PARAMETERS.get(name)
        if kind is None:
            continue
        for number in _ids(kind, value):
            if kind.seeker and number != seeker_id:
                raise NoSuchRecord(kind.what, number)
            if not kind.seeker:
                wanted.setdefault(kind.table, {})[number] = kind.what
    for table, ids in wanted.items():
        owners = env.store.owners.owners(table, ids)
        for number, what in ids.items():
            if owners.get(number) != seeker_id:
                raise NoSuchRecord(what, number)


def _ids(kind: IdParameter, value: object) -> list[int]:
    """Return the ids a parameter's value names (one, or a JSON list of them)."""
    found = []
    for one in value if isinstance(value, list) else [value]:
        text = str(one).strip() if isinstance(one, str | int) and not isinstance(one, bool) \
            else None
        if text is not None and _DIGITS.fullmatch(text):
            found.append(int(text))
        elif not kind.names_too:  # what the check cannot read, the route does not get
            raise NoSuchRecord(kind.what, repr(one))
    return found


def require_granted(env: Env, coach_id: int, given: Iterable[tuple[str, object]]) -> None:
    """Refuse, as not found, unless every id among a coach's request parameters is a job
    seeker whose grant to this coach is active: a coach names no row of a seeker's."""
    for name, value in given:
        kind = ID_PARAMETERS.get(name)
        if kind is None:
            continue
        try:
            numbers = _ids(kind, value)
        except NotFoundError:
            raise not_shared(str(value)) if kind.seeker else _not_found(kind, value) from None
        for number in numbers:
            if not kind.seeker:
                raise _not_found(kind, number)
            require_grant(env, coach_id, number)


def _not_found(kind: IdParameter, value: object) -> NotFoundError:
    return NoSuchRecord(kind.what, value)
