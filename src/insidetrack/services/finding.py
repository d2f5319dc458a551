"""Find interviews by a word the user remembers: an employer, a person, a note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from insidetrack.domain import parse
from insidetrack.services.context import Env


@dataclass(frozen=True)
class Found:
    """An interview that matched, and where: ('note', 'fleet sales in winter')."""

    interview_id: int
    employer: str
    job_title: str
    at: datetime
    status: str
    where: tuple[tuple[str, str], ...]
    archived: bool = False


def search(env: Env, typed: str) -> list[Found]:
    """Find the interviews a word or phrase appears in, newest first."""
    text = parse.text("text", typed, required=True, limit=200)
    found: dict[int, Found] = {}
    for row in env.store.search.matches(text):
        hit = found.get(row.interview_id) or Found(row.interview_id, row.employer, row.job_title,
                                                   row.at, row.status, (), row.archived)
        if (row.place, row.found) not in hit.where:
            hit = Found(hit.interview_id, hit.employer, hit.job_title, hit.at, hit.status,
                        (*hit.where, (row.place, row.found)), hit.archived)
        found[row.interview_id] = hit
    return list(found.values())
