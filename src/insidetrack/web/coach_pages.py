"""A career center's consent on the web: a job seeker's Sharing page (grant, revoke, the
audit log), and a coach's pages under /center (their job seekers; one seeker's overview,
only while that seeker shares it). Single-user mode has neither: they answer 404."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from insidetrack.domain.errors import InputError, NotFoundError
from insidetrack.services import coaching, consent
from insidetrack.services.ports.consent import Person
from insidetrack.session import Session
from insidetrack.web.app import data, page
from insidetrack.web.flash import said_then
from insidetrack.web.screens import when

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)
STAFF = ("coach", "admin")


def _seeker(request: Request) -> int:
    """The signed-in job seeker of a center; anyone else finds no such page."""
    seeker_id = getattr(request.state, "seeker_id", None)
    if seeker_id is None:
        raise NotFoundError("Not found: sharing with a coach is for a career center's job "
                            "seekers")
    return int(seeker_id)


def _staff(request: Request) -> Any:
    """The signed-in coach or administrator; anyone else finds no such page."""
    person = getattr(request.state, "person", None)
    if person is None or person.role not in STAFF:
        raise NotFoundError("Not found: the center's pages are for its coaches")
    return person


def _who(person: Person) -> str:
    return f"{person.name} <{person.email}>"


@router.get("/sharing", response_class=HTMLResponse)
def sharing_page(request: Request, app: Session = OpenSession) -> Response:
    return _sharing(request, app, {}, {})


def _sharing(request: Request, app: Session, form: dict[str, str], errors: dict[str, str],
             code: int = 200) -> Response:
    found = coaching.sharing(app.env(), _seeker(request))
    return page(request, "sharing.html", {
        "sharing": found, "always": consent.SHOWN_ALWAYS, "drafts": consent.SHOWN_WITH_DRAFTS,
        "never": consent.NEVER_SHOWN.split(":")[0], "when": lambda m: when(m, app),
        "form": form, "errors": errors}, code)


@router.post("/sharing/grant")
def grant(request: Request, coach: str = Form(""), drafts: str = Form(""),
          app: Session = OpenSession) -> Response:
    try:
        done = coaching.share(app.env(), _seeker(request), coach, drafts == "on")
    except InputError as wrong:
        errors = {"coach": wrong.reason}
        return _sharing(request, app, {"coach": coach, "drafts": drafts}, errors, 400)
    what = "your pipeline, steps and drafts" if done.drafts else "your pipeline and steps"
    said = (f"{_who(done.coach)} can now see {what}, until you stop sharing."
            if done.changed else f"{_who(done.coach)} already sees {what}: nothing changed.")
    return said_then("/sharing", [said])


@router.post("/sharing/revoke")
def revoke(request: Request, coach: str = Form(""), app: Session = OpenSession) -> Response:
    done = coaching.stop_sharing(app.env(), _seeker(request), coach)
    said = (f"{_who(done.coach)} sees nothing of your search from now on." if done.changed
            else f"{_who(done.coach)} was not seeing your search: nothing changed.")
    return said_then("/sharing", [said])


@router.get("/center", response_class=HTMLResponse)
def center_home(request: Request, app: Session = OpenSession) -> Response:
    person = _staff(request)
    seekers = coaching.caseload(app.env(), person.id, person.role)
    return page(request, "coach_home.html", {"person": person, "seekers": seekers,
                                             "when": lambda m: when(m, app)})


@router.get("/center/seekers/{seeker_id}", response_class=HTMLResponse)
def seeker_overview(request: Request, seeker_id: int, app: Session = OpenSession) -> Response:
    from insidetrack.compose.describe import describe_step

    person = _staff(request)
    today = app.clock().astimezone(app.zone).date()
    view = coaching.look(app.env(), person.id, seeker_id, today)
    overdue = [{"due": when(i.step.due, app), "employer": i.employer, "job": i.job_title,
                "what": describe_step(i.step)} for i in view.overdue]
    return page(request, "coach_seeker.html", {
        "view": view, "overdue": overdue, "when": lambda m: when(m, app),
        "stages": sorted(view.stages.items())})


def home(request: Request) -> Response | None:
    """A coach's home is their list of job seekers."""
    person = getattr(request.state, "person", None)
    return RedirectResponse("/center", 303) if person and person.role == "coach" else None
