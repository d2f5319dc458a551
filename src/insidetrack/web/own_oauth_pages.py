"""A career center's job seeker signs in to their own mail at their provider, from /my-mail
(services/own_oauth.py): "Sign in with <Provider>", the provider's answer, and "Forget this
sign-in"."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from insidetrack.domain.errors import ConflictError, InputError
from insidetrack.session import Session
from insidetrack.web.app import center_seeker, data, page
from insidetrack.web.flash import said_then

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)
PAGE, START, BACK = "/my-mail", "/my-mail/oauth", "/my-mail/oauth/back"
DONE = START + "/done"
# Which sign-in this browser started: sent back on the provider's redirect (a top-level
# navigation from another site, hence lax), read once.
STATE_COOKIE = "insidetrack_mail_oauth"


@router.post(START)
async def start(request: Request, app: Session = OpenSession) -> Response:
    """Send the browser on to the seeker's provider to sign in to their mail."""
    from insidetrack.services import own_oauth

    seeker_id = center_seeker(request, "your own mail and calendar accounts")
    form = await request.form()
    try:
        url, state = own_oauth.begin(app.env(), seeker_id, str(form.get("provider", "")),
                                     str(form.get("email", "")),
                                     str(request.url_for("own_mail_oauth_back")))
    except InputError as exc:
        return said_then(PAGE, [f"E-mail address: {exc.reason}"])
    except ConflictError as exc:
        return said_then(PAGE, [exc.message])
    response = page(request, "own_mail_onward.html", {
        "to": url, "said": "Taking you to your provider to sign in.", "link": "Go on"})
    response.set_cookie(STATE_COOKIE, state, max_age=int(own_oauth.WAIT.total_seconds()),
                        httponly=True, samesite="lax",
                        secure=request.app.state.guard.secure(request), path=START)
    return response


@router.get(BACK, name="own_mail_oauth_back", response_class=HTMLResponse)
def back(request: Request) -> Response:
    """Take the provider's answer on to DONE with a page of our own: after a provider on
    another site, the session's strict cookie comes with a navigation of this site's own, not
    with this one, and DONE must know who is signed in now."""
    if not request.app.state.guard.org:
        return page(request, "error.html", {"message": "Not found", "code": 404, "link": None},
                    404)
    return page(request, "own_mail_onward.html", {
        "to": f"{DONE}?{request.url.query}", "said": "Back from your provider.",
        "link": "Go on"})


@router.get(DONE, response_class=HTMLResponse)
def done(request: Request, app: Session = OpenSession) -> Response:
    """Keep the sign-in, when the student signed in here now is the one who started it;
    say what happened on /my-mail."""
    from insidetrack.services import own_oauth

    seeker_id = center_seeker(request, "your own mail and calendar accounts")
    params = {k: v for k, v in request.query_params.items()}
    try:
        said = own_oauth.finish(app.env(), seeker_id, params.get("state", ""),
                                request.cookies.get(STATE_COOKIE, ""), request.url.query,
                                params)
    except ConflictError as exc:
        said = exc.message
    answer = said_then(PAGE, [said])
    answer.delete_cookie(STATE_COOKIE, path=START, httponly=True, samesite="lax")
    return answer


@router.post(START + "/forget")
def forget(request: Request, app: Session = OpenSession) -> Response:
    """Forget the seeker's sign-in: nothing is sent or read through it any more."""
    from insidetrack.services import own_oauth

    own_oauth.forget(app.env(), center_seeker(request, "your own mail and calendar accounts"))
    return said_then(PAGE, ["Your sign-in is forgotten: nothing is sent or read through it "
                            "any more."])
