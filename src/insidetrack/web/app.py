"""create_app: the FastAPI application over the services, its guard and error pages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from insidetrack import __version__
from insidetrack.domain.errors import (
    ConflictError,
    Elsewhere,
    InputError,
    InsidetrackError,
    MissingInformation,
    NoSuchRecord,
    NotFoundError,
)
from insidetrack.domain.note_frames import DETERMINERS
from insidetrack.services.forms import NOTE_FIELDS
from insidetrack.session import Session
from insidetrack.web.context import WebConfig, session
from insidetrack.web.limits import BodyLimit, BodyTooLarge, too_large_handler
from insidetrack.web.security import Guard, guard_middleware
from insidetrack.web.words import link, note_fields

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals["tip_link"] = link  # a draft's tips link to where notes are added
# Every form that takes interview notes shows the sentence each fills (_note_field.html).
templates.env.globals["all_note_fields"] = note_fields(NOTE_FIELDS)
templates.env.globals["new_note_fields"] = note_fields(("topic", "emphasis", "problem"))
templates.env.globals["determiners"] = " ".join(sorted(DETERMINERS))


def status_of(error: InsidetrackError) -> int:
    if isinstance(error, InputError):
        return 400
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, ConflictError):
        return 409
    return 500


def api_error(exc: InsidetrackError) -> dict[str, Any]:
    """The API's error: the words, the field's key, and what is missing where."""
    body: dict[str, Any] = {"error": exc.message, "field": None}
    if isinstance(exc, InputError):
        body.update(error=exc.reason, field=exc.field)
    if isinstance(exc, NoSuchRecord):
        from insidetrack.web.words import where_listed

        body["error"] = where_listed(exc, api=True)
    if isinstance(exc, MissingInformation):
        body["missing"] = {"what": exc.what, "place": exc.place.kind,
                           "interview": exc.place.interview_id, "contact": exc.place.contact_id}
    elif isinstance(exc, Elsewhere):
        body["go_on"] = {"place": exc.place.kind, "interview": exc.place.interview_id,
                         "step": exc.place.step_id}
    return body


def create_app(config: WebConfig, guard: Guard) -> FastAPI:
    """Build the web app on a database, guarded for the host and port it serves."""
    from insidetrack.web import admin_pages
    from insidetrack.web.docs import add_docs
    from insidetrack.web.owners import owned_only

    app = FastAPI(title="insidetrack", version=__version__, docs_url=None,
                  openapi_url="/api/openapi.json", redoc_url=None,
                  dependencies=[Depends(owned_only)])  # a center: only the seeker's ids
    app.state.config = config
    app.state.guard = guard
    # Inside the guard: a foreign Host is refused first, and the 413 gets the security headers.
    app.add_middleware(BodyLimit, larger={admin_pages.ROSTER_UPLOAD: admin_pages.ROSTER_MOST})
    app.add_exception_handler(BodyTooLarge, too_large_handler)

    _handlers(app, guard)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    add_docs(app, "/api/openapi.json")
    _routes(app)
    return app


def _handlers(app: FastAPI, guard: Guard) -> None:
    """The guard in front of every request, and the pages that errors get."""

    @app.middleware("http")
    async def _guard(request: Request, call_next: Any) -> Any:
        return await guard_middleware(guard, request, call_next)

    @app.exception_handler(InsidetrackError)
    async def _error(request: Request, exc: InsidetrackError) -> Any:
        from insidetrack.web.words import said

        code = status_of(exc)
        if request.url.path.startswith("/api/"):
            return JSONResponse(api_error(exc), status_code=code)
        where = link(exc.place) if isinstance(exc, Elsewhere) else None
        return templates.TemplateResponse(
            request, "error.html", {"message": said(exc), "code": code, "link": where},
            status_code=code)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Any:
        from insidetrack.web.center_pages import staff_page

        if staff_page(request.url.path) and _in_path(exc):  # /center/cohorts/abc
            return templates.TemplateResponse(request, "error.html", {
                "message": f"Not found: there is no page {request.url.path}", "code": 404,
                "link": None}, status_code=404)
        return AsciiJSONResponse(invalid_json(exc), status_code=422)


def _routes(app: FastAPI) -> None:
    """Every page and API route, in the order they are matched."""
    from insidetrack.web import (
        account_pages,
        admin_pages,
        api,
        application_api,
        application_pages,
        bank_pages,
        calendar_pages,
        coach_pages,
        cohort_pages,
        corrections,
        export_pages,
        interview_pages,
        invitation_pages,
        link_pages,
        own_mail_pages,
        own_oauth_pages,
        own_settings_pages,
        pages,
        settings_page,
        sso_pages,
        token_pages,
        trash_pages,
        undo_pages,
    )
    app.include_router(account_pages.router)  # before /settings/{name}
    app.include_router(sso_pages.router)
    app.include_router(link_pages.router)
    app.include_router(api.router)
    app.include_router(application_api.router)
    app.include_router(pages.router)
    app.include_router(calendar_pages.router)
    app.include_router(interview_pages.router)
    app.include_router(undo_pages.router)
    app.include_router(trash_pages.router)
    app.include_router(invitation_pages.router)
    app.include_router(bank_pages.router)
    app.include_router(application_pages.router)
    app.include_router(settings_page.router)
    app.include_router(corrections.router)
    app.include_router(corrections.api)
    app.include_router(cohort_pages.router)  # a career center's (serve --org)
    app.include_router(admin_pages.router)
    app.include_router(coach_pages.router)
    app.include_router(export_pages.router)
    app.include_router(token_pages.router)  # a center's job seekers' API tokens
    app.include_router(own_settings_pages.router)  # a center's job seeker's own settings
    app.include_router(own_mail_pages.router)  # and their own mail account
    app.include_router(own_oauth_pages.router)  # signed in at their provider


def _in_path(exc: RequestValidationError) -> bool:
    """Say whether a request's address itself is wrong (an id that is not a number)."""
    return any(e.get("loc", ())[:1] == ("path",) for e in exc.errors())


class AsciiJSONResponse(JSONResponse):
    """JSON spelled in ASCII: what was sent is echoed safely, lone surrogates included."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def invalid_json(exc: RequestValidationError) -> dict[str, Any]:
    """Say which field of a request is wrong, in the API's error shape (plus FastAPI's detail)."""
    errors = jsonable_encoder(exc.errors())
    first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
    field = str(first["loc"][-1]) if first["loc"] else None
    return {"error": f"{field}: {first['msg']}" if field else first["msg"], "field": field,
            "detail": errors}


def data(request: Request) -> Iterator[Session]:
    """A FastAPI dependency: a session over the data for one request.

    When the guard already opened one to check a login or an API token, the route uses it
    (one connection per request) and the guard closes it.
    """
    checked = getattr(request.state, "session", None)
    if checked is not None:
        yield checked
        return
    with session(request.app.state.config) as app:
        yield app


def center_seeker(request: Request, page: str) -> int:
    """Return the signed-in job seeker of a career center; anyone else (single-user mode, a
    coach, an administrator) finds no such page."""
    seeker_id = getattr(request.state, "seeker_id", None)
    if seeker_id is None:
        raise NotFoundError(f"Not found: {page} is a career center's job seekers' page")
    return int(seeker_id)


def ask_delete(request: Request, title: str, action: str, back: str, button: str,
               why: list[str], what: str = "", keep: str = "Keep it") -> HTMLResponse:
    """Ask before a delete: what goes (`why`, one paragraph each), the button, and a way back."""
    return page(request, "confirm.html", {"title": title, "what": what, "why": why,
                                          "action": action, "next": back, "button": button,
                                          "keep": keep})


def page(request: Request, name: str, context: dict[str, Any], code: int = 200) -> HTMLResponse:
    """Render a page template, with the message the last action left (shown once)."""
    from insidetrack.web import flash

    said = flash.taken(request)
    response = templates.TemplateResponse(request, name, {"flash": said, **context},
                                          status_code=code)
    if said is not None:
        flash.clear(response)
    return response
