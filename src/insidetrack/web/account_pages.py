"""The mail account page: sign in to Gmail, Outlook or Microsoft 365 with OAuth 2.0 from the
browser, and see whether the sign-in still works."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from insidetrack.domain.errors import ConflictError, InputError
from insidetrack.services.accounts import (
    Pending,
    SignIn,
    begin_sign_in,
    finish_sign_in,
    show_account,
)
from insidetrack.session import Session
from insidetrack.web import flash
from insidetrack.web.app import data, page

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)
PROVIDERS = (("gmail", "Gmail (Google)"), ("outlook", "Outlook.com or Hotmail"),
             ("m365", "Microsoft 365 (work or school)"), ("other", "Another provider"))
FIELDS = ("provider", "email", "client_id", "client_secret", "issuer")
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


@router.get("/settings/account", response_class=HTMLResponse)
def account(request: Request, app: Session = OpenSession) -> Response:
    """Show the signed-in account and whether it works, and the form to sign in."""
    return _page(request, app, {})


@router.post("/settings/account", response_class=HTMLResponse)
async def sign_in(request: Request, app: Session = OpenSession) -> Response:
    """Start the sign-in and send the browser to the provider's page."""
    form = await request.form()
    typed = {key: str(form.get(key, "")).strip() for key in FIELDS}
    asked = SignIn(typed["provider"], typed["email"], typed["client_id"],
                   typed["client_secret"], typed["issuer"] if typed["provider"] == "other" else "")
    try:
        pending = begin_sign_in(asked, str(request.url_for("signed_in")))
    except InputError as exc:
        return _page(request, app, {"form": typed, "errors": {exc.field: exc.reason}}, 400)
    except ConflictError as exc:
        return _page(request, app, {"form": typed, "problem": exc.message}, 400)
    _waiting(request)[pending.key] = pending
    # A link, not a redirect: the page's form-action 'self' forbids a form leaving the app.
    return _page(request, app, {"form": typed, "go": pending.url,
                                "go_host": urlsplit(pending.url).netloc})


@router.get("/settings/account/back", response_class=HTMLResponse, name="signed_in")
def signed_in(request: Request, app: Session = OpenSession) -> Response:
    """Take the provider's answer, keep the tokens, and say who is signed in."""
    pending = _waiting(request).pop(request.query_params.get("state", ""), None)
    if pending is None:
        return _page(request, app, {"problem": _not_started(request)}, 400)
    try:
        done = finish_sign_in(app, pending, request.url.query)
    except ConflictError as exc:
        return _page(request, app, {"problem": exc.message}, 400)
    return flash.said_then("/settings/account", [
        f"Signed in as {done.email}. Sending and reading mail use this account now."])


def _not_started(request: Request) -> str:
    """Say why a sign-in that came back is unknown here."""
    said = "This sign-in was not started here, or it was already used; start it again."
    if request.app.state.config.workers > 1:
        # A sign-in is kept by the process that started it; its answer may reach another.
        said += (" This server runs several worker processes, and another one started it: "
                 "sign in from the command line (insidetrack account add), or serve with "
                 "--workers 1 while you sign in.")
    return said


def _waiting(request: Request) -> dict[str, Pending]:
    """Return the sign-ins started and not yet come back, by their state."""
    state = request.app.state
    if not hasattr(state, "sign_ins"):
        state.sign_ins = {}
    waiting: dict[str, Pending] = state.sign_ins
    return waiting


def _page(request: Request, app: Session, state: dict[str, Any], code: int = 200) -> Response:
    try:
        current = show_account(app)
    except ConflictError as exc:
        current, state = None, {"problem": exc.message, **state}
    here = (request.url.hostname or "") in LOOPBACK
    return page(request, "account.html", {
        "current": current, "providers": PROVIDERS, "here": here,
        "form": state.get("form", {"provider": "gmail"}), "errors": state.get("errors", {}),
        "problem": state.get("problem", ""), "go": state.get("go", ""),
        "go_host": state.get("go_host", "")}, code)
