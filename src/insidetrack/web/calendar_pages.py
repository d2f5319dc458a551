"""Your follow-ups in your calendar, from the web: subscribe, download, or push to CalDAV."""

from __future__ import annotations

from datetime import UTC
from email.utils import format_datetime

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from insidetrack.domain.errors import InsidetrackError
from insidetrack.services import access, calendar, calendar_feed, calendar_sync, calendar_words
from insidetrack.session import Session
from insidetrack.web.app import data, page
from insidetrack.web.screens import when
from insidetrack.web.words import said

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)
FEED = "/calendar.ics"
ICS = "text/calendar; charset=utf-8"


def _feed_address(request: Request, token: str = "") -> str:
    return str(request.base_url).rstrip("/") + FEED + (f"?token={token}" if token else "")


def _screen(request: Request, app: Session, **extra: object) -> dict[str, object]:
    login, center = request.app.state.guard.login_required, request.app.state.guard.org
    return {"feed": None if login else _feed_address(request), "login": login,
            "caldav": app.calendar_server().url, "weeks": app.settings.calendar.feed_weeks,
            "setup": "/my-mail" if app.seeker_id is not None else "/settings",
            **_center_links(center), "report": None, "problem": None, **extra}


def _center_links(center: bool) -> dict[str, object]:
    """What the page links to, and says, in a career center (its server runs the app, a
    student's settings and tokens are pages of theirs) or on this computer."""
    return {"settings": "/my-settings" if center else "/settings#calendar",
            "on_this_computer": not center, "tokens_page": center}


@router.get("/calendar", response_class=HTMLResponse)
def calendar_page(request: Request, app: Session = OpenSession) -> Response:
    return page(request, "calendar.html", _screen(request, app))


@router.get(FEED)
def feed(request: Request, download: bool = False, app: Session = OpenSession) -> Response:
    """The subscription polled by calendar apps (the next weeks), or every step downloaded."""
    if download:
        return Response(calendar.export_ics(app.env(), app.settings.calendar), media_type=ICS,
                        headers={"Content-Disposition": 'attachment; filename="insidetrack.ics"'})
    kept = calendar_feed.feed(app.env(), app.settings.calendar)
    headers = {"ETag": kept.etag, "Last-Modified": format_datetime(kept.written.astimezone(UTC),
                                                                   usegmt=True),
               "Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
    if calendar_feed.etag_matches(request.headers.get("if-none-match", ""), kept.etag):
        return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(kept.gzipped, media_type=ICS, headers={**headers, "Content-Encoding": "gzip"})
    return Response(kept.body, media_type=ICS, headers=headers)


@router.post("/calendar/link", response_class=HTMLResponse)
def private_link(request: Request, app: Session = OpenSession) -> Response:
    """Make a subscription link that carries its own key, for apps that cannot log in."""
    _, secret = access.create_token(app.env(), "calendar subscription")
    return page(request, "calendar.html", _screen(request, app,
                                                  feed=_feed_address(request, secret)))


@router.post("/calendar/push", response_class=HTMLResponse)
def push(request: Request, app: Session = OpenSession) -> Response:
    """Write the steps to the user's calendar, leaving what they changed there."""
    return _with_calendar(request, app, calendar_sync.push)


@router.post("/calendar/sync", response_class=HTMLResponse)
def take_in(request: Request, app: Session = OpenSession) -> Response:
    """Take in what the user ticked or moved in their calendar, then write it again."""
    return _with_calendar(request, app, calendar_sync.sync)


def _with_calendar(request: Request, app: Session, way: calendar_sync.Way) -> Response:
    try:
        report = calendar_sync.with_server(app.env(), app.settings, way,
                                           app.calendar_account())
    except InsidetrackError as exc:
        return page(request, "calendar.html", _screen(request, app, problem=said(exc)), 502)
    lines = calendar_words.report_lines(report, lambda at: when(at, app))
    return page(request, "calendar.html", _screen(request, app, report=lines))
