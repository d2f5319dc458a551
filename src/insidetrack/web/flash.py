"""A message after an action ('Marked done: ...', with Undo), carried to the next page.

The redirect after a form sets a short-lived cookie; the next page shows it once and
clears it. It works without JavaScript and keeps nothing on the server.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

COOKIE = "insidetrack_said"
MOST = 3000  # bytes: a cookie holds about 4 KB


def said_then(to: str, lines: list[str], undo: str = "", undo_label: str = "Undo") -> RedirectResponse:
    """Redirect to a page that says what happened; `undo` is a form action to undo it."""
    response = RedirectResponse(to, status_code=303)
    keep_said(response, lines, undo, undo_label)
    return response


def keep_said(response: Response, lines: list[str], undo: str = "",
              undo_label: str = "Undo") -> None:
    """Have the next page say `lines` (the answer may be a page that moves on)."""
    kept = list(lines)
    while kept and len(_pack(kept, undo, undo_label)) > MOST:  # a long list of moves is cut
        kept = [*kept[:-2], "..."] if len(kept) > 2 else kept[:1]
    response.set_cookie(COOKIE, _pack(kept, undo, undo_label), max_age=120, httponly=True,
                        samesite="strict", path="/")


def _pack(lines: list[str], undo: str, label: str) -> str:
    data = {"lines": lines, "undo": undo if undo.startswith("/") else "", "label": label}
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode()


def taken(request: Request) -> dict[str, Any] | None:
    """Read the message a redirect left, if any (a broken one is ignored)."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(raw.encode()))
        lines = [str(line) for line in data["lines"]]
    except (ValueError, KeyError, TypeError):
        return None
    undo = str(data.get("undo", ""))
    return {"lines": lines, "undo": undo if undo.startswith("/") and not undo.startswith("//")
            else "", "label": str(data.get("label", "Undo"))}


def clear(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/")
