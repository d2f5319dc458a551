"""Find interviews by a word the user remembers: an employer, a person, a note."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from insidetrack.domain import parse
from insidetrack.services.context import Env


@dataclass(frozen=True)
class Found:
    """An interview (or an application with none yet) that matched, and where."""

    interview_id: int  # 0 for an application with no interview yet
    employer: str
    job_title: str
    at: datetime | None  # the interview's start, or when the application went in
    status: str
    where: tuple[tuple[str, str], ...]  # ('note', 'fleet sales in winter')
    archived: bool = False
    application_id: int = 0


def search(env: Env, typed: str) -> list[Found]:
    """Find the interviews a word or phrase appears in, newest first, then the applications."""
    text = parse.text("text", typed, required=True, limit=200)
    found: dict[tuple[int, int], Found] = {}
    rows = [*env.store.search.matches(text), *env.store.search.application_matches(text)]
    for row in rows:
        key = (row.interview_id, row.application_id)
        hit = found.get(key) or Found(row.interview_id, row.employer, row.job_title, row.at,
                                      row.status, (), row.archived, row.application_id)
        if (row.place, row.found) not in hit.where:
            hit = replace(hit, where=(*hit.where, (row.place, row.found)))
        found[key] = hit
    return list(found.values())
