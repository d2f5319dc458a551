"""A career center's job seeker's API tokens on the web: make one (its secret shown once),
list them, revoke one. A token opens that seeker's API and calendar feed, nothing else
(web/security.py `token_reaches`). Single-user mode keeps its tokens at the command line
(`insidetrack api-token`): there, and for coaches and administrators, this page is 404."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from insidetrack.domain import parse
from insidetrack.domain.errors import InputError
from insidetrack.services import access
from insidetrack.session import Session
from insidetrack.web.app import center_seeker, data, page
from insidetrack.web.flash import said_then
from insidetrack.web.screens import when

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)
TOKENS = "/tokens"


def _seeker(request: Request) -> int:
    return center_seeker(request, "API tokens on the web")


@router.get(TOKENS, response_class=HTMLResponse)
def tokens_page(request: Request, app: Session = OpenSession) -> Response:
    return _tokens(request, app)


def _tokens(request: Request, app: Session, code: int = 200, **extra: object) -> Response:
    _seeker(request)
    base = str(request.base_url).rstrip("/")
    return page(request, "tokens.html", {
        "tokens": access.tokens(app.env()), "when": lambda m: when(m, app), "base": base,
        "form": {}, "errors": {}, "made": None, "now": app.env().now, **extra}, code)


@router.post(TOKENS, response_class=HTMLResponse)
def make_token(request: Request, name: str = Form(""), expires_in: str = Form(""),
               app: Session = OpenSession) -> Response:
    """Make a token and show its secret, this once (never carried in a cookie)."""
    _seeker(request)
    typed = {"name": name, "expires_in": expires_in}
    try:
        days = parse.number("expires_in", expires_in, what="a number of days") \
            if expires_in.strip() else None
        _, secret = access.create_token(app.env(), name, days)
    except InputError as wrong:
        return _tokens(request, app, 400, form=typed, errors={wrong.field: wrong.reason})
    return _tokens(request, app, 201, made={"name": name.strip(), "secret": secret})


@router.post(TOKENS + "/{token_id}/revoke")
def revoke(request: Request, token_id: int, app: Session = OpenSession) -> Response:
    _seeker(request)
    gone = access.revoke_token(app.env(), token_id)
    return said_then(TOKENS, [f'Revoked "{gone.name}": a script or calendar app using it '
                              "is refused from now on."])
