"""The JSON API under /api: what the CLI reads and writes, for scripts and the page."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from insidetrack.domain import parse
from insidetrack.domain.model import CallOutcome, Decision
from insidetrack.services import campaigns, forms, queries, records
from insidetrack.session import Session
from insidetrack.views import (
    advice_json,
    employer_json,
    interview_json,
    interview_line_json,
    plan_json,
    profile_json,
    reference_json,
)
from insidetrack.web.app import data

router = APIRouter(prefix="/api", tags=["api"])
OpenSession = Depends(data)
# The schema names the formats, so a fuzzer (and a reader) knows what a field holds.
LocalTime = Annotated[str, Field(description="Local time, YYYY-MM-DD HH:MM",
                                 json_schema_extra={"format": "local-date-time"})]
Day = Annotated[str, Field(description="YYYY-MM-DD", json_schema_extra={"format": "date"})]


class InterviewBody(BaseModel):
    employer: str
    job_title: str
    at: LocalTime
    department: str = ""
    duration: int = 60
    interviewers: list[str] = Field(default_factory=list,
                                    description='"Full Name <email>" or "Full Name", with an '
                                    'optional title in front: "Mr. Full Name <email>"')
    requested_electronic: bool = False
    resume_via: Literal["email", "post", "fax", "portal", "in-person"] | None = None
    urgent: bool = False
    dialogue: bool = False
    expected_decision: Day | None = None
    topics: list[str] = Field(default_factory=list)
    emphases: list[str] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)
    as_typed: bool = Field(default=False, description="Save the notes exactly as typed; "
                           "otherwise a full sentence is refused and a doubled word dropped")


class InterviewChangesBody(BaseModel):
    """Only what is given changes; every change re-plans the campaign."""

    at: LocalTime | None = None
    duration: int | None = None
    job_title: str | None = None
    expected_decision: Day | None = Field(default=None, description="Empty string: none given")
    add_interviewers: list[str] = Field(default_factory=list,
                                        description='"Full Name <email>", as when adding')
    remove_interviewers: list[str] = Field(default_factory=list,
                                           description="A name or a contact id")


class EventBody(BaseModel):
    at: LocalTime | None = Field(default=None, description="Default: now")
    note: str = ""


class OutcomeBody(EventBody):
    outcome: str


class LintBody(BaseModel):
    text: str
    kind: Literal["email", "letter", "voicemail"] = "email"


class ProfileBody(BaseModel):
    name: str
    email: str
    phone: str
    address: str = ""
    field: str = ""
    years: int | None = None
    specialty: str = ""
    over_40: bool = False


def _at(app: Session, value: str | None) -> Any:
    now = app.clock()
    return now if value is None else parse.moment("at", value, app.zone, now, parse.EVENT)


@router.get("/today", response_class=JSONResponse)
def today(date: Annotated[Day | None, Query()] = None,
          app: Session = OpenSession) -> JSONResponse:
    """What is due on a day (default today) and overdue, with new replies and bounces."""
    from insidetrack.views import today_json
    from insidetrack.web.screens import agenda_day

    return JSONResponse(today_json(app.env(), agenda_day(app, date), app.zone))


# The most rows one listing answers at once: a script pages through the rest with ?offset=
# (the X-Total-Count header says how many). bench/every_route.py times a full page.
PAGE_MOST = 200


@router.get("/interviews", response_class=JSONResponse)
def interviews(limit: int = Query(100, ge=1, le=PAGE_MOST), offset: int = Query(0, ge=0, le=10**9),
               app: Session = OpenSession) -> JSONResponse:
    """Interviews by start time with their next step, a page at a time (X-Total-Count: all)."""
    env = app.env()
    return JSONResponse(
        headers={"X-Total-Count": str(queries.count_interviews(env))},
        content=[interview_line_json(line, app.zone)
                 for line in queries.interview_lines(env, limit, offset)])


@router.post("/interviews", status_code=201)
def add_interview(body: InterviewBody, app: Session = OpenSession) -> dict[str, Any]:
    """Log an interview; its campaign is planned at once."""
    notes = {"topic": tuple(body.topics), "emphasis": tuple(body.emphases),
             "problem": tuple(body.problems)}
    new = forms.interview_from(forms.InterviewForm(
        body.employer, body.job_title, body.at, body.department, body.duration, None,
        tuple(body.interviewers), body.requested_electronic, body.resume_via, body.urgent,
        body.dialogue, body.expected_decision, notes, body.as_typed), app.zone, app.clock())
    added = records.add_interview(app.env(), new)
    return {"id": added.interview_id, "opening": added.opening.id,
            "opening_created": added.opening_created,
            "employer": {**employer_json(added.employer), "created": added.employer_created},
            **plan_json(added.interview_id, added.steps, app.zone)}


@router.get("/interviews/{interview_id}")
def interview(interview_id: int, app: Session = OpenSession) -> dict[str, Any]:
    return interview_json(queries.interview(app.env(), interview_id), app.zone)


@router.get("/interviews/{interview_id}/plan")
def plan(interview_id: int, app: Session = OpenSession) -> dict[str, Any]:
    steps = list(queries.interview(app.env(), interview_id).steps)
    return plan_json(interview_id, steps, app.zone)


@router.get("/interviews/{interview_id}/advice")
def advice(interview_id: int, app: Session = OpenSession) -> dict[str, Any]:
    return advice_json(interview_id, queries.advice(app.env(), interview_id))


@router.post("/interviews/{interview_id}/reply")
def reply(interview_id: int, body: EventBody, app: Session = OpenSession) -> dict[str, Any]:
    """Log a reply from the employer: the next letter waits a week."""
    campaigns.log_reply(app.env(), interview_id, _at(app, body.at),
                        parse.text("note", body.note))
    return plan(interview_id, app)


@router.post("/interviews/{interview_id}/call")
def call(interview_id: int, body: OutcomeBody, app: Session = OpenSession) -> dict[str, Any]:
    """Log a call: an answered one completes the call step, others retry."""
    return _log_outcome(app, interview_id, body, CallOutcome, campaigns.log_call)


@router.post("/interviews/{interview_id}/decision")
def decision(interview_id: int, body: OutcomeBody, app: Session = OpenSession) -> dict[str, Any]:
    """Log the employer's decision: every pending step is cancelled."""
    return _log_outcome(app, interview_id, body, Decision, campaigns.log_decision)


def _log_outcome(app: Session, interview_id: int, body: OutcomeBody, kind: Any,
                 log: Any) -> dict[str, Any]:
    outcome = parse.choice("outcome", body.outcome, kind)
    log(app.env(), interview_id, outcome, _at(app, body.at), parse.text("note", body.note))
    return plan(interview_id, app)


@router.post("/steps/{step_id}/done")
def done(step_id: int, body: EventBody, app: Session = OpenSession) -> dict[str, Any]:
    """Mark a step done; the campaign is re-planned."""
    step = campaigns.mark_done(app.env(), step_id, _at(app, body.at),
                               parse.text("note", body.note))
    return plan(step.interview_id, app)


@router.get("/steps/{step_id}/draft")
def draft(step_id: int, voicemail: bool = False, app: Session = OpenSession) -> dict[str, Any]:
    """The step's draft, checked by the linter."""
    from insidetrack.web.drafting import draft_json

    return draft_json(app, step_id, voicemail)


@router.post("/lint")
def lint(body: LintBody, app: Session = OpenSession) -> dict[str, Any]:
    """Check a text as the page's editor holds it."""
    from insidetrack.web.drafting import lint_text

    findings = lint_text(app, body.text, body.kind)
    return {"ok": not any(f["severity"] == "error" for f in findings), "findings": findings}


@router.get("/profile")
def profile(app: Session = OpenSession) -> dict[str, Any] | None:
    p = queries.profile(app.env())
    return None if p is None else profile_json(p)


@router.put("/profile")
def set_profile(body: ProfileBody, app: Session = OpenSession) -> dict[str, Any]:
    p = forms.profile_from(body.name, body.email, body.phone, body.address, body.field,
                           body.years, body.specialty, body.over_40)
    records.set_profile(app.env(), p)
    return profile_json(p)


@router.get("/employers")
def employers(app: Session = OpenSession) -> list[dict[str, Any]]:
    return [employer_json(e) for e in queries.employers(app.env())]


@router.get("/references")
def references(app: Session = OpenSession) -> list[dict[str, Any]]:
    return [reference_json(r, app.zone) for r in queries.references(app.env())]


@router.patch("/interviews/{interview_id}")
def edit_interview(interview_id: int, body: InterviewChangesBody,
                   app: Session = OpenSession) -> dict[str, Any]:
    """Correct an interview; the answer lists every step added, dropped or moved."""
    from insidetrack.fix_views import edited_json
    from insidetrack.services import interview_edits

    decision = body.expected_decision
    changes = interview_edits.changes_from(
        app.zone, app.clock(), at=body.at, duration=body.duration, job_title=body.job_title,
        expected_decision=decision or None, no_expected_decision=decision == "",
        add_interviewer=tuple(body.add_interviewers),
        remove_interviewer=tuple(body.remove_interviewers))
    return edited_json(interview_edits.edit(app.env(), interview_id, changes), app.zone)


@router.delete("/interviews/{interview_id}")
def delete_interview(interview_id: int, app: Session = OpenSession) -> dict[str, Any]:
    """Delete an interview with its campaign; mail already sent is not recalled."""
    from insidetrack.fix_views import deleted_json
    from insidetrack.services import interview_edits

    return deleted_json(interview_edits.delete(app.env(), interview_id), app.zone)


@router.delete("/steps/{step_id}/done")
def undo_done(step_id: int, app: Session = OpenSession) -> dict[str, Any]:
    """Undo 'done': the step is to do again (refused for an e-mail already sent)."""
    from insidetrack.fix_views import fixed_json
    from insidetrack.services import undoing

    return fixed_json(undoing.undo_done(app.env(), step_id), app.zone, undone="done")


@router.post("/steps/{step_id}/skip")
def skip(step_id: int, app: Session = OpenSession) -> dict[str, Any]:
    """Skip a step: it leaves Today and the campaign goes on."""
    from insidetrack.fix_views import fixed_json
    from insidetrack.services import undoing

    return fixed_json(undoing.skip_step(app.env(), step_id), app.zone, skipped=True)


@router.delete("/steps/{step_id}/skip")
def unskip(step_id: int, app: Session = OpenSession) -> dict[str, Any]:
    """Take a skip back: the step is in the plan again."""
    from insidetrack.fix_views import fixed_json
    from insidetrack.services import undoing

    return fixed_json(undoing.unskip_step(app.env(), step_id), app.zone, skipped=False)


@router.delete("/interviews/{interview_id}/decision")
def undo_decision(interview_id: int, app: Session = OpenSession) -> dict[str, Any]:
    """Undo the last decision: the campaign goes on as before it."""
    from insidetrack.fix_views import fixed_json
    from insidetrack.services import undoing

    fixed = undoing.undo_decision(app.env(), interview_id)
    return fixed_json(fixed, app.zone, undone=fixed.undone, status=fixed.opening_status)


@router.delete("/interviews/{interview_id}/reply")
def undo_reply(interview_id: int, app: Session = OpenSession) -> dict[str, Any]:
    """Undo the last reply logged: the wait it started goes."""
    from insidetrack.fix_views import fixed_json
    from insidetrack.services import undoing

    return fixed_json(undoing.undo_reply(app.env(), interview_id), app.zone, undone="reply")


@router.delete("/references/{reference_id}")
def delete_reference(reference_id: int, app: Session = OpenSession) -> dict[str, Any]:
    """Delete a reference; their calls not yet made go from every campaign."""
    from insidetrack.fix_views import fixed_json
    from insidetrack.services import undoing

    return fixed_json(undoing.delete_reference(app.env(), reference_id), app.zone,
                      reference=reference_id, deleted=True)


@router.get("/trash")
def trash_list(app: Session = OpenSession) -> list[dict[str, Any]]:
    """What was deleted in the last 30 days, the latest first."""
    from insidetrack.fix_views import trash_entry_json
    from insidetrack.services import trash

    return [trash_entry_json(e, app.zone) for e in trash.entries(app.env())]


@router.post("/trash/{trash_id}/restore")
def trash_restore(trash_id: int, app: Session = OpenSession) -> dict[str, Any]:
    """Bring back what a delete removed (404: not in the trash; 409: it cannot come back)."""
    from insidetrack.fix_views import restored_json
    from insidetrack.services import trash

    return restored_json(trash.restore(app.env(), trash_id), app.zone)
