"""Career-center mode's own pages: sign-in with an e-mail and a password (single sign-on:
sso_pages.py), and what a coach
or an administrator sees until their views are built."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from insidetrack.services import center
from insidetrack.services.access import start_person_session
from insidetrack.services.ports import OrgPerson
from insidetrack.web.app import page
from insidetrack.web.context import session

WRONG = "That e-mail or password is not right."
ROLES = {"seeker": "job seeker", "coach": "coach", "admin": "administrator"}
STAFF_ONLY = "Not found: this page is for the center's coaches and administrators."


def sign_in(request: Request, email: str, password: str) -> Response:
    """Sign one of the center's people in; the same words whichever of the two was wrong."""
    from insidetrack.web.logins import TooManyTries
    from insidetrack.web.security import client_of, keep_session

    guard = request.app.state.guard
    typed = {"email": email}
    with session(request.app.state.config) as app:
        env, found = app.env(), []

        def verify() -> bool:
            person = center.person_with_password(env, email, password)
            found.extend([person] if person is not None else [])
            return person is not None

        try:
            # Counted per address and person: a campus network shows many students as one
            # address, and one student's wrong passwords must not lock the others out.
            guard.logins.check(env, f"{client_of(request)} {email.strip().casefold()}", verify)
        except TooManyTries as wait:
            return login_page(request, {"form": typed, "error": "Too many wrong tries: "
                                        f"try again in {wait.seconds:.0f} seconds."}, 429)
        if not found:
            return login_page(request, {"form": typed, "error": WRONG}, 401)
        if found[0].disabled:
            return login_page(request, {"form": typed, "error": center.TURNED_OFF}, 403)
        secret = start_person_session(env, found[0].id)
    return keep_session(RedirectResponse("/", 303), secret, guard, request)


def login_page(request: Request, context: dict[str, Any], code: int = 200) -> Response:
    """Show the sign-in page; with "Sign in with <institution>" when the center has single
    sign-on (web/sso_pages.py)."""
    from insidetrack.services import sso

    with session(request.app.state.config) as app:
        named = sso.institution(app.env())
    return page(request, "login.html", {"institution": named, **context}, code)


def not_for_you(request: Request) -> Response:
    """Answer a coach or administrator (no seeker's data is theirs to see yet), or a seeker
    asking for the server's own settings: their home page, else 404."""
    from insidetrack.web.coach_pages import home

    person: OrgPerson = request.state.person
    if person.role != "seeker" and request.url.path == "/" and request.method in ("GET", "HEAD"):
        return home(request) or page(request, "staff.html", {"person": person,
                                                              "role": ROLES[person.role]})
    said = ("Not found: a job seeker's own pages are theirs alone; what they share with "
            "their coach is under /center." if person.role != "seeker"
            else STAFF_ONLY if staff_page(request.url.path)
            else "Not found: a career center's settings are not yours to change here.")
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": said, "field": None}, 404)
    return page(request, "error.html", {"message": said, "code": 404, "link": None}, 404)


def staff_page(path: str) -> bool:
    """Say whether a path is one of the center's own pages (for its coaches and
    administrators)."""
    from insidetrack.web.security import STAFF_PAGES

    return path == STAFF_PAGES or path.startswith(STAFF_PAGES + "/")
