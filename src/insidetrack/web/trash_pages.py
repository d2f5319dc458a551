"""Undo a delete from the web: the message after each delete carries a form that restores it."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from insidetrack.services import trash
from insidetrack.session import Session
from insidetrack.web.app import data, page
from insidetrack.web.flash import said_then
from insidetrack.web.screens import when
from insidetrack.web.undo_pages import moved_lines

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)


def restore_url(trash_id: int, back: str) -> str:
    """Return the Undo form's action for a delete: restore it, then show `back`."""
    return f"/trash/{trash_id}/restore?next={quote(back, safe='/')}"


def _inside(page: str) -> str:
    """Keep the redirect inside the app."""
    return page if page.startswith("/") and not page.startswith("//") else "/today"


@router.post("/trash/{trash_id}/restore")
def restore(trash_id: int, next: str = "", app: Session = OpenSession) -> Response:  # noqa: A002 (the query's name)
    restored = trash.restore(app.env(), trash_id)
    back = f"/interviews/{restored.interview_id}" if restored.interview_id else _inside(next)
    return said_then(back, [f"Restored {restored.what}.", *moved_lines(restored.moved, app)])


@router.get("/trash", response_class=HTMLResponse)
def trash_page(request: Request, app: Session = OpenSession) -> Response:
    entries = [{"id": e.id, "what": e.what, "when": when(e.deleted_at, app)}
               for e in trash.entries(app.env())]
    return page(request, "trash.html", {"entries": entries, "days": trash.KEPT_DAYS})
