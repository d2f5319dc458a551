"""Track an application before any interview; archive an opening whose campaign is over.

Deleting an application, and archiving one that is still open (which gives it up), ask
first on a page of their own, so they work without JavaScript. Archiving says so with Undo.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from insidetrack.domain.errors import InputError
from insidetrack.services import applications
from insidetrack.services.applications import Typed
from insidetrack.services.ports.applications import Application
from insidetrack.session import Session
from insidetrack.web.app import ask_delete, data, page
from insidetrack.web.flash import said_then

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)
FIELDS = ("employer", "job_title", "applied_on", "link", "salary", "notes")


def _typed(form: FormData, *, adding: bool) -> Typed:
    """Read the form: an empty date means today when adding, not applied yet when editing.

    A ticked "Not applied yet" wins over the date the form fills in.
    """
    def sent(name: str) -> str | None:
        value = form.get(name)
        return None if value is None else str(value)

    applied = sent("applied_on")
    not_yet = form.get("not_yet") == "on"
    if not_yet or (adding and not applied):
        applied = None
    return Typed(applied, not_yet, sent("link"), sent("salary"), sent("notes"),
                 None if adding else sent("job_title"))


def _form_of(a: Application, app: Session) -> dict[str, str]:
    day = applications.applied_day(a, app.env())
    return {"job_title": a.job_title, "applied_on": day.isoformat() if day else "",
            "link": a.link, "salary": a.salary, "notes": a.notes}


def _context(app: Session, a: Application, **more: Any) -> dict[str, Any]:
    day = applications.applied_day(a, app.env())
    return {"a": a, "applied": day.strftime("%A %d %B %Y") if day else "",
            "closes": applications.closes_when_archived(a), "form": _form_of(a, app),
            "errors": {}, "editing": True, **more}


@router.get("/applications/new", response_class=HTMLResponse)
def new(request: Request, app: Session = OpenSession) -> Response:
    today = applications.today_of(app.env()).isoformat()
    return page(request, "application_new.html", {"form": {"applied_on": today}, "errors": {}})


@router.post("/applications", response_class=HTMLResponse)
async def add(request: Request, app: Session = OpenSession) -> Response:
    form = await request.form()
    try:
        added = applications.add(app.env(), str(form.get("employer", "")),
                                 str(form.get("job_title", "")), _typed(form, adding=True))
    except InputError as exc:
        values = {k: str(v) for k, v in form.items()}
        return page(request, "application_new.html",
                    {"form": values, "errors": {exc.field: exc.reason}}, 400)
    return said_then(f"/applications/{added.id}",
                     [f"Tracking your application: {added.job_title} at {added.employer}."])


@router.get("/applications/{application_id}", response_class=HTMLResponse)
def show(request: Request, application_id: int, app: Session = OpenSession) -> Response:
    return page(request, "application.html",
                _context(app, applications.show(app.env(), application_id)))


@router.post("/applications/{application_id}", response_class=HTMLResponse)
async def edit(request: Request, application_id: int, app: Session = OpenSession) -> Response:
    form = await request.form()
    try:
        applications.edit(app.env(), application_id, _typed(form, adding=False))
    except InputError as exc:
        context = _context(app, applications.show(app.env(), application_id))
        context.update(errors={exc.field: exc.reason}, open_edit=True,
                       form={k: str(v) for k, v in form.items()})
        return page(request, "application.html", context, 400)
    return said_then(f"/applications/{application_id}", ["Saved."])


@router.get("/applications/{application_id}/delete", response_class=HTMLResponse)
def confirm_delete(request: Request, application_id: int, app: Session = OpenSession) -> Response:
    a = applications.show(app.env(), application_id)
    return ask_delete(request, "Delete this application?", f"/applications/{a.id}/delete",
                      f"/applications/{a.id}", "Delete the application",
                      ["Its date, link, salary and notes go with it. To keep them out of sight "
                       "instead, archive it."], what=f"{a.job_title} at {a.employer}")


@router.post("/applications/{application_id}/delete")
def delete(application_id: int, app: Session = OpenSession) -> Response:
    gone = applications.delete(app.env(), application_id)
    return said_then("/pipeline", [f"Deleted the application: {gone.job_title} at {gone.employer}."])


@router.post("/applications/{application_id}/archive", response_class=HTMLResponse)
def archive(request: Request, application_id: int, confirmed: bool = Form(False),
            app: Session = OpenSession) -> Response:
    """Archive; an application still open is given up too, after asking."""
    a = applications.show(app.env(), application_id)
    closes = applications.closes_when_archived(a) and a.archived_at is None
    if closes and not confirmed:
        return page(request, "confirm_archive.html", {"a": a})
    done = applications.archive(app.env(), application_id, close=closes)
    return _archived(done, f"/applications/{application_id}",
                     f"/applications/{application_id}/unarchive")


@router.post("/applications/{application_id}/unarchive")
def unarchive(application_id: int, app: Session = OpenSession) -> Response:
    back = applications.unarchive(app.env(), application_id)
    return said_then(f"/applications/{application_id}",
                     [f"Back in Pipeline: {back.job_title} at {back.employer} ({back.status})."])


@router.post("/interviews/{interview_id}/archive")
def archive_interview(interview_id: int, app: Session = OpenSession) -> Response:
    env = app.env()
    done = applications.archive(env, applications.opening_of_interview(env, interview_id))
    return _archived(done, f"/interviews/{interview_id}", f"/interviews/{interview_id}/unarchive")


@router.post("/interviews/{interview_id}/unarchive")
def unarchive_interview(interview_id: int, app: Session = OpenSession) -> Response:
    env = app.env()
    back = applications.unarchive(env, applications.opening_of_interview(env, interview_id))
    return said_then(f"/interviews/{interview_id}",
                     [f"Back in Today and Pipeline: {back.job_title} at {back.employer}."])


def _archived(a: Application, to: str, undo: str) -> Response:
    return said_then(to, [f"Archived: {a.job_title} at {a.employer}. It is out of Today and "
                          "Pipeline, and still counts in Insights and exports."], undo=undo)
