"""The API for applications (openings tracked before any interview) and the archive."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from insidetrack.services import applications
from insidetrack.services.applications import Typed
from insidetrack.session import Session
from insidetrack.views import application_json
from insidetrack.web.api import PAGE_MOST
from insidetrack.web.app import data

router = APIRouter(prefix="/api", tags=["api"])
OpenSession = Depends(data)
Day = Annotated[str, Field(description="YYYY-MM-DD", json_schema_extra={"format": "date"})]


class ApplicationBody(BaseModel):
    employer: str
    job_title: str
    applied_on: Day | None = Field(default=None, description="Default: today")
    not_yet: bool = Field(default=False, description="Saved for later: not applied yet")
    link: str = Field(default="", description="The job posting's http(s) address")
    salary: str = Field(default="", description='As the user says it: "$90,000-110,000"')
    notes: str = ""


class ApplicationChangesBody(BaseModel):
    """Only what is given changes."""

    job_title: str | None = None
    applied_on: Day | None = Field(default=None, description='"": not applied yet')
    link: str | None = None
    salary: str | None = None
    notes: str | None = None


class ArchiveBody(BaseModel):
    close: bool = Field(default=False, description="Give up an application still open "
                        "(no interview): it is closed, then archived")


@router.get("/applications", response_class=JSONResponse)
def listed(archived: Literal["no", "yes", "all"] = Query("no"),
           limit: int = Query(100, ge=1, le=PAGE_MOST), offset: int = Query(0, ge=0, le=10**9),
           app: Session = OpenSession) -> JSONResponse:
    """Applications (every opening), live ones unless asked for archived or all, oldest
    first, a page at a time (X-Total-Count: all of them)."""
    which = {"no": False, "yes": True, "all": None}[archived]
    env = app.env()
    return JSONResponse(
        headers={"X-Total-Count": str(applications.count(env, which))},
        content=[application_json(a, app.zone)
                 for a in applications.listed(env, which, limit=limit, offset=offset)])


@router.post("/applications", status_code=201)
def add(body: ApplicationBody, app: Session = OpenSession) -> dict[str, Any]:
    """Track an application; an interview for the same job later joins it."""
    typed = Typed(body.applied_on, body.not_yet, body.link, body.salary, body.notes)
    return application_json(applications.add(app.env(), body.employer, body.job_title, typed),
                            app.zone)


@router.get("/applications/{application_id}")
def show(application_id: int, app: Session = OpenSession) -> dict[str, Any]:
    return application_json(applications.show(app.env(), application_id), app.zone)


@router.patch("/applications/{application_id}")
def edit(application_id: int, body: ApplicationChangesBody,
         app: Session = OpenSession) -> dict[str, Any]:
    typed = Typed(body.applied_on, False, body.link, body.salary, body.notes, body.job_title)
    return application_json(applications.edit(app.env(), application_id, typed), app.zone)


@router.delete("/applications/{application_id}")
def delete(application_id: int, app: Session = OpenSession) -> dict[str, Any]:
    """Delete an application no interview uses (409 otherwise: delete the interview first)."""
    gone = applications.delete(app.env(), application_id)
    return {**application_json(gone, app.zone), "deleted": True}


@router.post("/openings/{opening_id}/archive")
def archive(opening_id: int, body: ArchiveBody | None = None,
            app: Session = OpenSession) -> dict[str, Any]:
    """Archive an opening whose decision is recorded (or, with close, one given up)."""
    close = body is not None and body.close
    return application_json(applications.archive(app.env(), opening_id, close=close), app.zone)


@router.delete("/openings/{opening_id}/archive")
def unarchive(opening_id: int, app: Session = OpenSession) -> dict[str, Any]:
    """Bring an archived opening back into Today and Pipeline."""
    return application_json(applications.unarchive(app.env(), opening_id), app.zone)
