"""A career center's job seeker's own settings (/my-settings): their time zone and their
follow-up rhythm. The server's /settings is not theirs; single-user mode, coaches and
administrators find no such page."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from insidetrack.services import seeker_settings
from insidetrack.services.preferences import SettingsRefused, time_zones
from insidetrack.session import Session
from insidetrack.web.app import center_seeker, data, page
from insidetrack.web.flash import said_then

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)
PAGE = "/my-settings"


def _seeker(request: Request) -> int:
    return center_seeker(request, "your own settings")


@router.get(PAGE, response_class=HTMLResponse)
def own_settings(request: Request, app: Session = OpenSession) -> Response:
    return _page(request, app, {}, {})


def _page(request: Request, app: Session, typed: dict[str, str], errors: dict[str, str],
          code: int = 200) -> Response:
    shown = seeker_settings.own_settings(app.env(), _seeker(request), app.server_settings,
                                         app.server_zone)
    return page(request, "own_settings.html", {
        "settings": shown, "typed": typed, "errors": errors, "zones": time_zones()}, code)


@router.post(PAGE, response_class=HTMLResponse)
async def save(request: Request, app: Session = OpenSession) -> Response:
    seeker_id = _seeker(request)
    form = await request.form()
    typed = {k: str(form.get(k, "")) for k in seeker_settings.setting_keys()}
    try:
        now = seeker_settings.save_own(app.env(), seeker_id, typed, app.server_settings,
                                       app.server_zone)
    except SettingsRefused as refused:
        return _page(request, app, typed, refused.reasons, 400)
    app.as_seeker(now)
    return said_then(PAGE, ["Saved: your open follow-ups are planned with these settings now."])
