"""Correcting and deleting an interview, and recording a decision, from its page.

Each change says afterwards what moved in the plan; deleting and deciding ask first, on a
page of their own, so they work without JavaScript.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from insidetrack.domain import parse
from insidetrack.domain.errors import InputError
from insidetrack.domain.model import Decision
from insidetrack.services import interview_edits, queries
from insidetrack.services.interview_edits import InterviewChanges
from insidetrack.session import Session
from insidetrack.web import screens
from insidetrack.web.app import ask_delete, data, page
from insidetrack.web.flash import said_then
from insidetrack.web.screens import when
from insidetrack.web.undo_pages import moved_lines

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)


def _changes(form: FormData, app: Session) -> InterviewChanges:
    """Read the edit form; a field it did not send stays as it was."""
    def sent(name: str) -> str | None:
        value = form.get(name)
        return None if value is None else str(value).strip()

    decision, added, at = sent("expected_decision"), sent("add_interviewer"), sent("at")
    return interview_edits.changes_from(
        app.zone, app.clock(), at=None if at is None else at.replace("T", " "),
        duration=None if sent("duration") is None else screens.minutes(form),
        job_title=sent("job_title"), expected_decision=decision or None,
        no_expected_decision=decision == "", add_interviewer=(added,) if added else (),
        remove_interviewer=tuple(str(v) for v in form.getlist("remove_interviewer")))


@router.post("/interviews/{interview_id}/details", response_class=HTMLResponse)
async def edit_details(request: Request, interview_id: int, app: Session = OpenSession) -> Response:
    """Correct the interview: time, length, job title, decision date, who interviewed."""
    form = await request.form()
    try:
        edited = interview_edits.edit(app.env(), interview_id, _changes(form, app))
    except InputError as exc:
        context = screens.interview(app, interview_id)
        context["errors"] = {exc.field: exc.reason}
        context["open_details"] = True
        return page(request, "interview.html", context, 400)
    what = ", ".join(k.replace("_", " ") for k in edited.changed) or "nothing changed"
    return said_then(f"/interviews/{interview_id}",
                     [f"Saved: {what}.",
                      *(moved_lines(edited.moves, app) or ["Nothing in the plan moved."])])


@router.get("/interviews/{interview_id}/delete", response_class=HTMLResponse)
def confirm_delete(request: Request, interview_id: int, app: Session = OpenSession) -> Response:
    d = interview_edits.deletion(app.env(), interview_id)
    goes = [f"The interview for {d.job_title} on {when(d.start, app)} goes, with its notes and "
            f"its {d.planned} planned step(s)."
            + (" Its facts, clippings and linked references go too: no other interview uses "
               "them." if d.opening_goes else "")]
    if d.sent:
        goes.append(f"{d.sent} letter(s) or e-mail(s) already sent stay sent: mail cannot be "
                    "recalled.")
    goes.append("The employer and its people stay in your address book.")
    return ask_delete(request, f"Delete the interview with {d.employer}?",
                      f"/interviews/{interview_id}/delete", f"/interviews/{interview_id}",
                      "Delete the interview", goes)


@router.post("/interviews/{interview_id}/delete")
def delete(interview_id: int, app: Session = OpenSession) -> Response:
    gone = interview_edits.delete(app.env(), interview_id)
    lines = [f"Deleted the interview with {gone.employer} ({gone.job_title}) and its "
             f"{gone.planned} planned step(s)."]
    if gone.sent:
        lines.append(f"{gone.sent} letter(s) or e-mail(s) already sent stay sent.")
    from insidetrack.web.trash_pages import restore_url

    return said_then("/pipeline", lines + moved_lines(gone.moves, app),
                     undo=restore_url(gone.trash_id, "/pipeline"))


_DECIDED = {"offer": "they offered you the job", "rejected": "they chose someone else",
            "hired": "you were hired", "withdrawn": "you withdrew"}


def confirm_decision(request: Request, interview_id: int, outcome: str, note: str,
                     app: Session) -> Response:
    """Ask before a decision ends the campaign: say what it cancels and what comes next."""
    if not outcome:
        raise InputError("outcome", "choose what they decided")
    chosen = parse.choice("outcome", outcome, Decision)
    view = queries.interview(app.env(), interview_id)
    pending = [s for s in view.campaign.steps if s.status.value == "pending"]
    return page(request, "confirm_decision.html", {
        "c": view.campaign, "outcome": chosen.value, "said": _DECIDED[chosen.value],
        "note": note, "pending": len(pending)})


def decided(interview_id: int, outcome: str, planned: list[str]) -> Response:
    """Say what the decision did, with what it planned."""
    lines = [f"Recorded: {_DECIDED.get(outcome, outcome)}. The follow-ups for this application "
             "are cancelled."]
    lines += ["Planned:", *planned] if planned else []
    return said_then(f"/interviews/{interview_id}", lines,
                     undo=f"/interviews/{interview_id}/decision/undo")
