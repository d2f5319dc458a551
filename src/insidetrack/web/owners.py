"""Before every route of a career center's server: the ids a request names must be the
signed-in job seeker's, or for a coach, a job seeker who granted them a view
(services/ownership.py). Single-user mode never gets here."""

from __future__ import annotations

import email.message
from typing import Any

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from insidetrack.session import Session
from insidetrack.web.app import data
from insidetrack.web.limits import BodyTooLarge

FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


async def owned_only(request: Request, app: Session = Depends(data)) -> None:
    """An app-wide dependency: refuse (404) an id that is not the signed-in seeker's.

    It runs once the route's body is read, before the route; the form it reads is the one
    starlette keeps for the request, so the route still has it.
    """
    seeker = getattr(request.state, "seeker_id", None)
    person = getattr(request.state, "person", None)  # one of a center's people, signed in
    if not request.app.state.config.check_owners or (seeker is None and person is None):
        return
    from insidetrack.services.ownership import require_granted, require_own

    try:
        given = await _parameters(request)
    except BodyTooLarge:  # an upload over its own limit (web/limits.py): its route says so
        if not getattr(request.state, "upload_too_large", False):
            raise
        return
    if seeker is not None:
        await run_in_threadpool(require_own, app.env(), seeker, given)
    elif person is not None:  # a coach or an administrator: only seekers who granted them
        await run_in_threadpool(require_granted, app.env(), person.id, given)


async def _parameters(request: Request) -> list[tuple[str, Any]]:
    """Return every (name, value) of a request: path, query, and a form or JSON body."""
    given: list[tuple[str, Any]] = [*request.path_params.items(),
                                    *request.query_params.multi_items()]
    kind = _content_type(request)
    if kind in FORMS:
        given += (await request.form()).multi_items()
    elif kind == "application/json" or kind.endswith("+json"):
        try:
            body = await request.json() if await request.body() else None
        except ValueError:  # the route refuses it, if it reads a body at all
            body = None
        if isinstance(body, dict):
            given += body.items()
    return given


def _content_type(request: Request) -> str:
    message = email.message.Message()
    message["content-type"] = request.headers.get("content-type", "")
    return message.get_content_type() if message["content-type"] else ""
