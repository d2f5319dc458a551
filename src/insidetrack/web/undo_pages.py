"""Undo from the web: a step marked done, a decision, a reply; skip a step and take it back.

The message after each action carries its Undo button (see flash.py); each undo says
what moved in the plan, in the same words as the command line's.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from insidetrack.compose.describe import describe_step
from insidetrack.services import move_words, undoing
from insidetrack.services.moves import Fixed, Moved
from insidetrack.session import Session
from insidetrack.web.app import ask_delete, data
from insidetrack.web.flash import said_then
from insidetrack.web.screens import when

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)


def moved_lines(moved: Moved, app: Session) -> list[str]:
    """Say each step a change added, dropped, moved or gave to someone else."""
    return move_words.moved_lines(moved, lambda at: when(at, app))


def _back_to(fixed: Fixed, fallback: str) -> str:
    return f"/interviews/{fixed.step.interview_id}" if fixed.step else fallback


@router.post("/steps/{step_id}/undo")
def undo_done(step_id: int, app: Session = OpenSession) -> Response:
    fixed = undoing.undo_done(app.env(), step_id)
    what = describe_step(fixed.step) if fixed.step else f"step {step_id}"
    return said_then("/today", [f"Undone: {what} is to do again.", *moved_lines(fixed.moved, app)])


@router.post("/steps/{step_id}/skip")
def skip(step_id: int, app: Session = OpenSession) -> Response:
    fixed = undoing.skip_step(app.env(), step_id)
    what = describe_step(fixed.step) if fixed.step else f"step {step_id}"
    return said_then(_back_to(fixed, "/today"),
                     [f"Skipped: {what}.", *moved_lines(fixed.moved, app)],
                     undo=f"/steps/{step_id}/unskip")


@router.post("/steps/{step_id}/unskip")
def unskip(step_id: int, app: Session = OpenSession) -> Response:
    fixed = undoing.unskip_step(app.env(), step_id)
    what = describe_step(fixed.step) if fixed.step else f"step {step_id}"
    return said_then(_back_to(fixed, "/today"),
                     [f"Back in the plan: {what}.", *moved_lines(fixed.moved, app)])


@router.post("/interviews/{interview_id}/decision/undo")
def undo_decision(interview_id: int, app: Session = OpenSession) -> Response:
    fixed = undoing.undo_decision(app.env(), interview_id)
    return said_then(f"/interviews/{interview_id}",
                     [f"Undone: the decision ({fixed.undone}). The campaign goes on.",
                      *moved_lines(fixed.moved, app)])


@router.post("/interviews/{interview_id}/reply/undo")
def undo_reply(interview_id: int, app: Session = OpenSession) -> Response:
    fixed = undoing.undo_reply(app.env(), interview_id)
    return said_then(f"/interviews/{interview_id}",
                     ["Undone: their reply.", *moved_lines(fixed.moved, app)])


@router.get("/references/{reference_id}/delete", response_class=HTMLResponse)
def confirm_reference_delete(request: Request, reference_id: int,
                             app: Session = OpenSession) -> Response:
    from insidetrack.services import queries

    found = next((r for r in queries.references(app.env()) if r.id == reference_id), None)
    if found is None:
        from insidetrack.domain.errors import NoSuchRecord

        raise NoSuchRecord("reference", reference_id)
    return ask_delete(request, f"Delete {found.name} from your references?",
                      f"/references/{found.id}/delete", "/references", "Delete the reference",
                      [f"Calls to {found.name} not yet made (briefings and thanks) go from every "
                       "campaign; calls already made stay in each interview's timeline."],
                      keep="Keep them")


@router.post("/references/{reference_id}/delete")
def delete_reference(reference_id: int, app: Session = OpenSession) -> Response:
    fixed = undoing.delete_reference(app.env(), reference_id)
    from insidetrack.web.trash_pages import restore_url

    return said_then("/references", ["Reference deleted. Calls already made stay in each "
                                     "interview's timeline.", *moved_lines(fixed.moved, app)],
                     undo=restore_url(fixed.trash_id, "/references"))
