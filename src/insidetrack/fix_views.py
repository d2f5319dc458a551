"""The JSON shapes of fixes (edits, deletions, undos, skips), for the CLI and the API alike."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from insidetrack.compose.describe import describe_step
from insidetrack.views import stamp, step_json

if TYPE_CHECKING:  # types only: importing the services here made every command's start slow
    from insidetrack.services.interview_edits import Deletion, Edited
    from insidetrack.services.moves import Fixed, Move, Moved
    from insidetrack.services.ports import DueItem, TrashEntry
    from insidetrack.services.trash import Restored


def move_json(move: Move, tz: tzinfo) -> dict[str, Any]:
    return {"step": move.step.id, "interview": move.step.interview_id, "kind": move.step.kind.value,
            "what": describe_step(move.step), "change": move.change,
            "from": stamp(move.before, tz), "to": stamp(move.after, tz),
            "recipient": move.step.to, "was_to": move.was_to}


def edited_json(edited: Edited, tz: tzinfo) -> dict[str, Any]:
    return {"id": edited.interview_id, "changed": list(edited.changed),
            "moves": [move_json(m, tz) for m in edited.moves.moves]}


def deleted_json(d: Deletion, tz: tzinfo) -> dict[str, Any]:
    return {"id": d.interview_id, "employer": d.employer, "job_title": d.job_title,
            "at": stamp(d.start, tz), "planned_steps_deleted": d.planned,
            "sent_not_recalled": d.sent, "opening_deleted": d.opening_goes,
            "moves": [move_json(m, tz) for m in d.moves.moves], "trash": d.trash_id}


def _item_json(item: DueItem, tz: tzinfo) -> dict[str, Any]:
    return {**step_json(item.step, tz), "employer": item.employer, "job_title": item.job_title}


def moved_json(moved: Moved, tz: tzinfo) -> dict[str, Any]:
    """Return what moved as JSON: added, dropped and re-dated steps (with `was`)."""
    return {
        "added": [_item_json(m.item, tz) for m in moved.of("added")],
        "dropped": [_item_json(m.item, tz) for m in moved.of("dropped")],
        "redated": [{**_item_json(m.item, tz), "was": stamp(m.was, tz)}
                    for m in moved.of("moved")],
    }


def fixed_json(fixed: Fixed, tz: tzinfo, **about: Any) -> dict[str, Any]:
    """Return a fix as JSON: what it was about, the step (if any), and what moved."""
    step = None if fixed.step is None else step_json(fixed.step, tz)
    kept = {"trash": fixed.trash_id} if fixed.trash_id else {}
    return {**about, **kept, "step": step, "moved": moved_json(fixed.moved, tz)}


def trash_entry_json(entry: TrashEntry, tz: tzinfo) -> dict[str, Any]:
    """Return one deletion in the trash: when, what, and how many rows of each table."""
    return {"id": entry.id, "deleted_at": stamp(entry.deleted_at, tz), "what": entry.what,
            "rows": {t: len(rows) for t, rows in sorted(entry.removed.items())}}


def restored_json(restored: Restored, tz: tzinfo) -> dict[str, Any]:
    """Return what came back from the trash and what moved in the plan."""
    return {"restored": restored.trash_id, "what": restored.what,
            "interview": restored.interview_id, "moved": moved_json(restored.moved, tz)}
