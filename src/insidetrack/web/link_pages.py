"""Career-center mode: a one-time sign-in link, where a new person chooses their first
password (an administrator makes the link on /center/admin)."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from insidetrack.domain.errors import ConflictError, InputError, NotFoundError
from insidetrack.web.app import page
from insidetrack.web.context import session

router = APIRouter(include_in_schema=False)
LINKS = "/login/link"  # open to anyone: the link's secret is the key


def _refused(request: Request, message: str, code: int = 404) -> Response:
    return page(request, "error.html", {"message": message, "code": code, "link": None}, code)


@router.get(LINKS + "/{secret}", response_class=HTMLResponse)
def open_link(request: Request, secret: str) -> Response:
    """Ask the link's person to choose their password."""
    from insidetrack.services import sign_in_links

    if not request.app.state.guard.org:
        return _refused(request, "Not found")
    try:
        with session(request.app.state.config) as app:
            person = sign_in_links.link_person(app.env(), secret)
    except NotFoundError as exc:
        return _refused(request, exc.message)
    except ConflictError as exc:  # turned off
        return _refused(request, exc.message, 403)
    return _form(request, person.name, person.email, secret, {})


def _form(request: Request, name: str, email: str, secret: str, errors: dict[str, str],
          code: int = 200) -> Response:
    return page(request, "choose_password.html", {"name": name, "email": email,
                                                  "secret": secret, "errors": errors}, code)


@router.post(LINKS, response_class=HTMLResponse)
def choose(request: Request, secret: str = Form(""), password: str = Form(""),
           repeated: str = Form("")) -> Response:
    """Set the password the link's person chose, and sign them in."""
    from insidetrack.services import sign_in_links
    from insidetrack.services.access import start_person_session
    from insidetrack.web.security import keep_session

    if not request.app.state.guard.org:
        return _refused(request, "Not found")
    with session(request.app.state.config) as app:
        env = app.env()
        try:
            person = sign_in_links.choose_password(env, secret, password, repeated)
        except NotFoundError as exc:
            return _refused(request, exc.message)
        except ConflictError as exc:  # turned off
            return _refused(request, exc.message, 403)
        except InputError as exc:
            whose = sign_in_links.link_person(env, secret)
            return _form(request, whose.name, whose.email, secret, {exc.field: exc.reason},
                         400)
        started = start_person_session(env, person.id)
    return keep_session(RedirectResponse("/", 303), started, request.app.state.guard,
                        request)
