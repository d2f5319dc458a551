"""The trash: what the user deleted comes back, as it was, with `restore`.

Ours: each delete keeps every row it removes (and those it changes) in the trash, in
the same transaction; a deletion is kept 30 days, then emptied when the app next
deletes or restores something. Restoring is all or nothing: the rows come back with
their own ids, or, when that cannot be (an id taken since, or what they belonged to
deleted), nothing changes and one line says why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from insidetrack.domain.errors import ConflictError, NotFoundError
from insidetrack.domain.model import TouchpointKind
from insidetrack.services.campaigns import replan_all, replan_opening
from insidetrack.services.context import Env
from insidetrack.services.moves import Moved, interviews_of, moved, pending
from insidetrack.services.ports import Snapshot, TrashEntry

KEPT_DAYS = 30
_NAMES = {"interviews": "interview", "openings": "opening", "steps": "step",
          "interview_notes": "note", "reference_people": "reference", "facts": "fact",
          "clippings": "clipping", "touchpoints": "timeline entry", "outbox": "outbox message",
          "messages": "message", "alerts": "alert"}


@dataclass(frozen=True)
class Restored:
    """What came back from the trash, and what that moved in the plan."""

    trash_id: int
    what: str
    moved: Moved
    interview_id: int | None  # the interview it belongs to, to show it again


def keep(env: Env, what: str, removed: Snapshot,
         changed: tuple[Snapshot, Snapshot] = ({}, {})) -> int:
    """Put what a delete removed in the trash (inside the delete's transaction), with the
    rows it changed: as they were, and as it left them (`changes`)."""
    env.store.trash.empty_before(env.now - timedelta(days=KEPT_DAYS))
    return env.store.trash.put(env.now, what, removed, *changed)


@dataclass(frozen=True)
class Watched:
    """Steps as they were before a delete, to keep those it changes."""

    interview_ids: list[int]
    rows: list[dict[str, Any]]


def watch(env: Env, interview_ids: Iterable[int],
          also: Iterable[dict[str, Any]] = ()) -> Watched:
    """Read the steps a delete and its re-plan may change (and `also` these), before it."""
    extra = list(also)
    ids = sorted(set(interview_ids) | {int(r["interview_id"]) for r in extra})
    rows = {r["id"]: r for r in [*env.store.trash.step_rows(ids), *extra]}
    return Watched(ids, list(rows.values()))


def changes(env: Env, watched: Watched) -> tuple[Snapshot, Snapshot]:
    """Return the watched steps the delete changed: as they were, and as it left them.

    Ours: a restore puts back only the steps still as the delete left them; one the user
    changed since (marked done, say) keeps what they said, and the re-plan fits it.
    """
    now = {r["id"]: r for r in env.store.trash.step_rows(watched.interview_ids)}
    before = [r for r in watched.rows if now.get(r["id"]) != r]
    return {"steps": before}, {"steps": [now[r["id"]] for r in before if r["id"] in now]}


def entries(env: Env) -> list[TrashEntry]:
    """Return what was deleted in the last 30 days, the latest first."""
    return env.store.trash.entries(env.now - timedelta(days=KEPT_DAYS))


def restore(env: Env, trash_id: int) -> Restored:
    """Bring back what a delete removed, re-plan, and say what came back and what moved."""
    with env.store.write():
        env.store.trash.empty_before(env.now - timedelta(days=KEPT_DAYS))
        entry = env.store.trash.entry(trash_id)
        _refuse_taken(env, entry)
        openings = _openings(entry)
        before = pending(env, [i for o in openings for i in _interviews(env, o)])
        try:
            env.store.trash.bring_back(entry.removed, entry.changed, entry.left)
        except ConflictError as exc:
            raise ConflictError(f"cannot bring back {entry.what}: something it names has been "
                                "deleted since (if it is in the trash, bring that back first); "
                                "nothing changed") from exc
        _replan(env, entry, openings)
        env.store.trash.forget(trash_id)
        after = pending(env, [i for o in openings for i in interviews_of(env, o)])
    interviews = entry.removed.get("interviews", [])
    return Restored(trash_id, entry.what, moved(before, after),
                    int(interviews[0]["id"]) if interviews else None)


def _refuse_taken(env: Env, entry: TrashEntry) -> None:
    taken = env.store.trash.taken(entry.removed)
    if taken:
        table, row_id = taken[0]
        name = _NAMES.get(table, table)
        raise ConflictError(f"cannot bring back {entry.what}: {name} {row_id} is another "
                            f"{name} now (made after the delete); nothing changed")


def _openings(entry: TrashEntry) -> list[int]:
    """Return the openings whose campaigns the restored rows belong to."""
    found = {int(r["opening_id"]) for table in ("interviews", "facts", "clippings",
                                                 "reference_links")
             for r in entry.removed.get(table, [])}
    return sorted(found)


def _interviews(env: Env, opening_id: int) -> list[int]:
    """Return the ids of an opening's interviews, none when the opening is still deleted."""
    try:
        env.store.interviews.opening(opening_id)
    except NotFoundError:
        return []
    return interviews_of(env, opening_id)


def _replan(env: Env, entry: TrashEntry, openings: list[int]) -> None:
    """Re-plan as the delete did: every campaign when a decision came back, else its own."""
    decided = any(r["kind"] == TouchpointKind.DECISION.value
                  for r in entry.removed.get("touchpoints", []))
    if decided:
        replan_all(env)
        return
    for opening_id in openings:
        replan_opening(env, opening_id)
