"""A career center's administrator's pages (`serve --org`): upload the roster, see the
center's people, and set the defaults a new job seeker starts from. Anyone else: 404."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from insidetrack.domain.errors import InputError
from insidetrack.services import center_admin, org_defaults, org_templates
from insidetrack.session import Session
from insidetrack.web.app import data, page
from insidetrack.web.cohort_pages import staff
from insidetrack.web.flash import said_then

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)
ROSTER_LABEL = "Roster file (CSV)"


def _admin_page(request: Request, app: Session, errors: dict[str, str] | None = None,
                form: dict[str, str] | None = None, code: int = 200,
                typed: dict[str, str] | None = None) -> Response:
    person = staff(request, "admin")
    env = app.env()
    defaults = org_defaults.defaults(env)
    context: dict[str, Any] = {
        "people": center_admin.people(env, person), "defaults": defaults,
        "form": form if form is not None else {d.key: d.value for d in defaults},
        "errors": errors or {}, "roster_label": ROSTER_LABEL,
        "templates": org_templates.center_templates(env), "typed": typed or {}}
    return page(request, "admin.html", context, code)


@router.get("/center/admin", response_class=HTMLResponse)
def admin(request: Request, app: Session = OpenSession) -> Response:
    return _admin_page(request, app)


@router.post("/center/admin/roster", response_class=HTMLResponse)
async def upload_roster(request: Request, app: Session = OpenSession) -> Response:
    person = staff(request, "admin")
    upload = (await request.form()).get("roster")
    chosen = isinstance(upload, UploadFile) and bool(upload.filename)
    content = await upload.read() if isinstance(upload, UploadFile) else b""
    try:
        if not chosen:
            raise InputError("file", "choose the roster's CSV file first")
        report = center_admin.import_roster(app.env(), person, content)
    except InputError as exc:
        return _admin_page(request, app, {"roster": exc.reason}, code=400)
    said = (f"Roster imported: {report.added} added, {report.updated} updated, "
            f"{report.unchanged} unchanged.")
    extra = [f"New cohorts: {', '.join(report.new_cohorts)}"] if report.new_cohorts else []
    return said_then("/center/admin", [said, *extra])


@router.post("/center/admin/defaults", response_class=HTMLResponse)
async def save_defaults(request: Request, app: Session = OpenSession) -> Response:
    person = staff(request, "admin")
    typed = {k: str(v) for k, v in (await request.form()).items()}
    try:
        org_defaults.set_defaults(app.env(), person, typed)
    except InputError as exc:
        return _admin_page(request, app, {exc.field: exc.reason}, typed, 400)
    return said_then("/center/admin", ["Defaults saved: each job seeker added from now on "
                                       "starts from them."])


@router.post("/center/admin/templates", response_class=HTMLResponse)
async def save_template(request: Request, app: Session = OpenSession) -> Response:
    person = staff(request, "admin")
    form = await request.form()
    name, source = str(form.get("template", "")), str(form.get("source", ""))
    try:
        said = org_templates.set_template(app.env(), person, name,
                                          "" if form.get("clear") == "on" else source)
    except InputError as exc:
        return _admin_page(request, app, {exc.field: exc.reason}, code=400,
                           typed={name: source})
    label = org_templates.LABELS[name]
    if said is None:
        return said_then("/center/admin", [f"{label}: the built-in template again, for "
                                           "every job seeker's next draft."])
    warned = [f"The playbook's linter on a sample draft: {line}" for line in said]
    return said_then("/center/admin", [f"{label}: saved; every job seeker's next draft "
                                       "uses it.", *warned])
