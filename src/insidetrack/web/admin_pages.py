"""A career center's administrator's pages (`serve --org`): upload the roster, see the
center's people, and set the defaults a new job seeker starts from. Anyone else: 404."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from insidetrack.domain.errors import InputError
from insidetrack.services import center_admin, org_defaults, org_templates
from insidetrack.services.context import Env
from insidetrack.services.ports import OrgPerson
from insidetrack.session import Session
from insidetrack.web.app import data, page
from insidetrack.web.cohort_pages import staff
from insidetrack.web.flash import said_then
from insidetrack.web.limits import BodyTooLarge

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)
ROSTER_LABEL = "Roster file (CSV)"
ROSTER_UPLOAD = "/center/admin/roster"
ROSTER_MOST = 20 * 1024 * 1024  # 20 MiB: some 300,000 students; every other form: 1 MiB
TOO_BIG = ("the file is larger than 20 MB (some 300,000 students): split it, or import it at "
           "the command line: insidetrack org roster import FILE.csv")


def _admin_page(request: Request, app: Session, errors: dict[str, str] | None = None,
                form: dict[str, str] | None = None, code: int = 200,
                typed: dict[str, str] | None = None, **more: Any) -> Response:
    person = staff(request, "admin")
    env = app.env()
    defaults = org_defaults.defaults(env)
    context: dict[str, Any] = {
        "people": _people(request, env, person), "defaults": defaults,
        "form": form if form is not None else {d.key: d.value for d in defaults},
        "errors": errors or {}, "roster_label": ROSTER_LABEL,
        "templates": org_templates.center_templates(env), "typed": typed or {},
        "link": None, "link_form": None, "refused": [], "me": person.id, **more}
    return page(request, "admin.html", context, code)


def _people(request: Request, env: Env, person: OrgPerson) -> center_admin.PeoplePage:
    """The page of people the address asks for: ?q= searches, ?page= turns the pages."""
    asked = request.query_params.get("page", "1")
    number = int(asked) if asked.isdigit() and len(asked) < 7 else 1
    return center_admin.people(env, person, request.query_params.get("q", ""), number)


@router.get("/center/admin", response_class=HTMLResponse)
def admin(request: Request, app: Session = OpenSession) -> Response:
    return _admin_page(request, app)


@router.post(ROSTER_UPLOAD, response_class=HTMLResponse)
async def upload_roster(request: Request, app: Session = OpenSession) -> Response:
    person = staff(request, "admin")
    try:  # an upload over ROSTER_MOST was drained unread (web/limits.py)
        if getattr(request.state, "upload_too_large", False):
            raise BodyTooLarge()
        upload = (await request.form()).get("roster")
    except BodyTooLarge:
        return _admin_page(request, app, {"roster": TOO_BIG}, code=413)
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
        reasons = getattr(exc, "reasons", {exc.field: exc.reason})
        return _admin_page(request, app, reasons, typed, 400, refused=_labelled(app, reasons))
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


@router.post("/center/admin/link", response_class=HTMLResponse)
async def make_link(request: Request, app: Session = OpenSession) -> Response:
    """Make a one-time sign-in link for one person, shown here to copy."""
    from insidetrack.services import sign_in_links

    person = staff(request, "admin")
    form = await request.form()
    email = str(form.get("email") or form.get("link_email") or "")
    try:
        made = sign_in_links.make_link(app.env(), person, email)
    except InputError as exc:
        return _admin_page(request, app, {"link_email": exc.reason}, code=400,
                           link_form={"link_email": email})
    url = str(request.base_url).rstrip("/") + f"/login/link/{made.secret}"
    return _admin_page(request, app, link={"person": made.person, "url": url,
                                           "expires": made.expires})


@router.post("/center/admin/turn-off", response_class=HTMLResponse)
async def turn_off(request: Request, app: Session = OpenSession) -> Response:
    """Turn a person off: signed out everywhere, no way in until turned back on."""
    return await _switch(request, app, on=False)


@router.post("/center/admin/turn-on", response_class=HTMLResponse)
async def turn_on(request: Request, app: Session = OpenSession) -> Response:
    """Turn a person back on."""
    return await _switch(request, app, on=True)


async def _switch(request: Request, app: Session, on: bool) -> Response:
    from insidetrack.services import disabling

    person = staff(request, "admin")
    email = str((await request.form()).get("email", ""))
    switch = disabling.enable_as_admin if on else disabling.disable_as_admin
    try:
        done = switch(app.env(), person, email)
    except InputError as exc:
        return _admin_page(request, app, {"switch": exc.reason}, code=400)
    who = f"{done.person.name} <{done.person.email}>"
    if not done.changed:
        return said_then("/center/admin#people",
                         [f"{who} was {'on' if on else 'turned off'} already."])
    return said_then("/center/admin#people", [
        f"{who} is turned back on: they sign in as before." if on else
        f"{who} is turned off: signed out everywhere, no way in until turned back on. "
        "Nothing of theirs is deleted."])


def _labelled(app: Session, reasons: dict[str, str]) -> list[tuple[str, str, str]]:
    """The defaults refused, for the summary at the top: (key, label, reason)."""
    labels = {d.key: d.label for d in org_defaults.defaults(app.env())}
    return [(k, labels.get(k, k), r) for k, r in reasons.items()]
