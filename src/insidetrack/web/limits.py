"""Cap request bodies: nothing the app takes (a draft, a form) comes near 1 MiB.

A body announced as larger (Content-Length) gets 413 before any of it is read;
a body streamed without its length is counted and cut off at the cap.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 1024 * 1024  # 1 MiB: a 1,000,000-character draft fits, with its JSON around it
TOO_LARGE = "the request body is larger than 1 MiB, more than any draft or form needs"


class BodyTooLarge(HTTPException):
    """A streamed body went past the cap while the app was reading it."""

    def __init__(self) -> None:
        super().__init__(413, TOO_LARGE)


def too_large(path: str) -> Response:
    """The answer to a body over the cap: JSON on the API, plain text elsewhere."""
    if path.startswith("/api/"):
        return JSONResponse({"error": TOO_LARGE, "field": None}, status_code=413)
    return PlainTextResponse(f"Refused: {TOO_LARGE}", status_code=413)


async def too_large_handler(request: Request, exc: Any) -> Response:
    return too_large(request.url.path)


def _announced(scope: Scope) -> int | None:
    """Return the Content-Length a request announces; -1 when it is not a number."""
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            return int(value) if value.isdigit() else -1
    return None


class BodyLimit:
    """ASGI middleware: refuse a body over `limit` bytes with 413.

    The paths in `larger` (an upload form) take up to their own limit, and over it their
    route hears of it (BodyTooLarge as it reads the body), to say so on its own page.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY,
                 larger: dict[str, int] | None = None) -> None:
        self.app = app
        self.limit = limit
        self.larger = larger or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = _announced(scope)
        limit = self.larger.get(scope["path"], self.limit)
        if scope["path"] in self.larger and length is not None and not 0 <= length <= limit:
            scope.setdefault("state", {})["upload_too_large"] = True  # request.state
            await self.app(scope, _refusing(receive, limit), send)
            return
        if length is not None and not 0 <= length <= limit:
            await too_large(scope["path"])(scope, receive, send)
            return
        await self.app(scope, self._counting(receive, limit), send)

    def _counting(self, receive: Receive, limit: int) -> Receive:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge()
            return message

        return counted


def _refusing(receive: Receive, limit: int) -> Receive:
    """Read a body announced as too large (up to a few times the limit, so the browser
    finishes sending and reads the answer), then raise BodyTooLarge."""

    async def drained() -> Message:
        seen = 0
        while seen <= 4 * limit:
            message = await receive()
            seen += len(message.get("body", b""))
            if message["type"] != "http.request" or not message.get("more_body", False):
                break
        raise BodyTooLarge()

    return drained
