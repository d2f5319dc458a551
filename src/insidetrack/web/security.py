"""Guard the local web app: only its own Host, only same-origin writes, strict CSP."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

logger = logging.getLogger(__name__)
LOOPBACK = ("127.0.0.1", "localhost", "[::1]", "::1")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
COOKIE = "insidetrack_session"
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


@dataclass
class Guard:
    """What the app accepts: Host names on its port, and logins when not on loopback."""

    port: int
    bind_host: str = "127.0.0.1"
    password_hash: str | None = None
    sessions: set[str] = field(default_factory=set)
    extra_hosts: tuple[str, ...] = ()  # the setting web.allowed_hosts
    _allowed: frozenset[str] | None = field(default=None, repr=False)

    @property
    def login_required(self) -> bool:
        return self.bind_host not in LOOPBACK

    def allowed_hosts(self) -> frozenset[str]:
        """Loopback names; beyond loopback also this machine's names and addresses (found once)."""
        if self._allowed is None:
            names = {"localhost", "127.0.0.1", "[::1]"}
            if self.login_required:
                from insidetrack.web.hosts import machine_hosts

                names |= machine_hosts(self.bind_host, self.extra_hosts)
            self._allowed = frozenset(f"{n}:{self.port}" for n in names)
        return self._allowed

    def same_origin(self, request: Request) -> bool:
        """Tell a write from this app's own pages (Sec-Fetch-Site, else Origin)."""
        site = request.headers.get("sec-fetch-site")
        if site is not None:
            return site in ("same-origin", "none")
        origin = request.headers.get("origin")
        return origin == f"http://{request.headers.get('host', '')}"

    def new_session(self) -> str:
        token = secrets.token_urlsafe(32)
        self.sessions.add(token)
        return token

    def logged_in(self, request: Request) -> bool:
        return request.cookies.get(COOKIE, "") in self.sessions


async def guard_middleware(
    guard: Guard, request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Refuse a foreign Host (DNS rebinding) and cross-site writes; add security headers."""
    if request.headers.get("host", "").casefold() not in guard.allowed_hosts():
        response: Response = PlainTextResponse("Unknown Host: this app answers on localhost", 400)
    elif request.method not in SAFE_METHODS and not guard.same_origin(request):
        response = PlainTextResponse("Refused: this change did not come from this app's pages", 403)
    elif guard.login_required and not guard.logged_in(request) and not _open_path(request):
        if request.url.path.startswith("/api/"):
            response = PlainTextResponse("Log in first", 401)
        else:
            response = RedirectResponse("/login", 303)
    else:
        response = await _answer(request, call_next)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


async def _answer(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Answer the request; a bug gets a plain 500 here, so it keeps the security headers."""
    try:
        return await call_next(request)
    except Exception:
        logger.exception("internal error answering %s %s", request.method, request.url.path)
        return PlainTextResponse("Internal error: the details are in the server's log", 500)


def _open_path(request: Request) -> bool:
    return request.url.path in ("/login",) or request.url.path.startswith("/static/")
