"""Career-center mode: "Sign in with <institution>", through its OpenID Connect provider."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from insidetrack.domain.errors import ConflictError
from insidetrack.web.app import page
from insidetrack.web.context import session

router = APIRouter(include_in_schema=False)
START, BACK = "/login/sso", "/login/sso/back"
# Which sign-in this browser started: sent back on the provider's redirect (a top-level
# navigation, maybe from another site, hence lax), read once.
STATE_COOKIE = "insidetrack_sso"


@router.get(START)
def start(request: Request) -> Response:
    """Send the browser to the institution's provider to sign in."""
    from insidetrack.services import sso

    if not request.app.state.guard.org:
        return page(request, "error.html", {"message": "Not found", "code": 404, "link": None},
                    404)
    try:
        with session(request.app.state.config) as app:
            url, state = sso.begin(app.env(), str(request.url_for("sso_back")))
    except ConflictError as exc:
        return _refused(request, exc.message, 502)
    response = RedirectResponse(url, 303)
    response.set_cookie(STATE_COOKIE, state, max_age=int(sso.WAIT.total_seconds()),
                        httponly=True, samesite="lax", secure=request.app.state.guard.secure(request),
                        path=BACK)
    return response


@router.get(BACK, name="sso_back", response_class=HTMLResponse)
def back(request: Request) -> Response:
    """Take the provider's answer; sign the person in as a password sign-in would."""
    from insidetrack.services import sso
    from insidetrack.services.access import start_person_session
    from insidetrack.web.security import keep_session

    guard = request.app.state.guard
    if not guard.org:
        return page(request, "error.html", {"message": "Not found", "code": 404, "link": None},
                    404)
    params = {k: v for k, v in request.query_params.items()}
    try:
        with session(request.app.state.config) as app:
            env = app.env()
            person = sso.finish(env, params.get("state", ""),
                                request.cookies.get(STATE_COOKIE, ""), str(request.url), params)
            secret = start_person_session(env, person.id)
    except ConflictError as exc:
        return _forget_state(_refused(request, exc.message, 403))
    # A page of our own, not a redirect: after a provider on another site, the browser
    # would not send the (strict) session cookie on a redirect it followed from there.
    answer = page(request, "signed_in.html", {"person": person})
    return _forget_state(keep_session(answer, secret, guard, request))


def _refused(request: Request, said: str, code: int) -> Response:
    from insidetrack.services.sso import NOT_STARTED
    from insidetrack.web.center_pages import login_page

    return login_page(request, {"error": said}, 400 if said == NOT_STARTED else code)


def _forget_state(response: Response) -> Response:
    response.delete_cookie(STATE_COOKIE, path=BACK, httponly=True, samesite="lax")
    return response
