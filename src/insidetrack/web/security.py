"""Guard the local web app: only its own Host, only same-origin writes, strict CSP."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from insidetrack.web.logins import LoginLimiter

if TYPE_CHECKING:
    from insidetrack.services.context import Env
    from insidetrack.services.ports import OrgPerson
    from insidetrack.session import Session
    from insidetrack.web.context import WebConfig

logger = logging.getLogger(__name__)
LOOPBACK = ("127.0.0.1", "localhost", "[::1]", "::1")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
COOKIE = "insidetrack_session"
# In career-center mode, the pages that change what the server itself keeps (its settings
# file, the mail account in its keyring): closed until the center's own settings exist.
SERVERS_OWN = ("/settings",)
# A career center's own pages, for its coaches and administrators only (`serve --org`).
STAFF_PAGES = "/center"
# What a career center's API token opens (token_reaches); a session opens the pages too.
TOKEN_PATHS = ("/api/", "/calendar.ics")
NOT_VALID = "That API token is not valid (revoked, expired, or never made here): see "
CENTERS_TOKENS = "your API tokens page, /tokens"
TOKEN_SCOPE = ("An API token opens the API (/api/...) and the calendar feed (/calendar.ics) "
               "only: sign in for this page")
_CROSS_SITE = ("Refused: this change did not come from this app's pages (a script can send "
               "an API token: insidetrack api-token create NAME)")
# A center's people make no tokens at the command line (the server's operator runs it).
_CROSS_SITE_CENTER = ("Refused: this change did not come from this app's pages (a script "
                      "sends an API token instead)")
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
    extra_hosts: tuple[str, ...] = ()  # the setting web.allowed_hosts
    tls: bool = False  # served over https: cookies are Secure, origins are https://
    logins: LoginLimiter = field(default_factory=LoginLimiter)
    # Several worker processes: a password changed on the settings page (in one of them) is
    # read back from its file at each login, so every worker takes it.
    reread_password: bool = False
    # A career center's database (`serve --org`): everyone signs in with their e-mail and
    # password, and each request reads and writes the signed-in job seeker's rows alone.
    org: bool = False
    # The reverse proxies in front (`serve --proxy`): from them alone, uvicorn takes the
    # scheme and client address of X-Forwarded-Proto/-For, and the Host names the public one.
    proxies: tuple[str, ...] = ()
    _allowed: frozenset[str] | None = field(default=None, repr=False)
    _names: frozenset[str] | None = field(default=None, repr=False)

    def current_password_hash(self) -> str | None:
        """Return the hash a login is checked against."""
        if self.reread_password:
            from insidetrack.services.access import web_password_hash

            self.password_hash = web_password_hash()
        return self.password_hash

    @property
    def login_required(self) -> bool:
        return self.org or self.beyond_loopback

    @property
    def beyond_loopback(self) -> bool:
        return self.bind_host not in LOOPBACK

    def allowed_hosts(self) -> frozenset[str]:
        """Loopback names; beyond loopback also this machine's names and addresses (found once)."""
        if self._allowed is None:
            self._allowed = frozenset(f"{n}:{self.port}" for n in self.host_names())
        return self._allowed

    def host_names(self) -> frozenset[str]:
        """The names (without a port) this app answers to; behind a proxy, web.allowed_hosts."""
        if self._names is None:
            from insidetrack.web.hosts import host_form, machine_hosts

            names = {"localhost", "127.0.0.1", "[::1]"}
            if self.beyond_loopback:
                names |= machine_hosts(self.bind_host, self.extra_hosts)
            if self.proxies:
                names |= {host_form(e.strip()) for e in self.extra_hosts if e.strip()}
            self._names = frozenset(names)
        return self._names

    def knows_host(self, host: str) -> bool:
        """Say whether a Host header names this app: on its own port; behind a proxy, on the
        proxy's port, which the app cannot know (443 is no port at all)."""
        host = host.casefold()
        if host in self.allowed_hosts():
            return True
        if not self.proxies:
            return False
        from insidetrack.web.hosts import without_port

        return without_port(host) in self.host_names()

    def same_origin(self, request: Request) -> bool:
        """Tell a write from this app's own pages (Sec-Fetch-Site, else Origin)."""
        site = request.headers.get("sec-fetch-site")
        if site is not None:
            return site in ("same-origin", "none")
        origin = request.headers.get("origin")
        return origin == f"{self.scheme_of(request)}://{request.headers.get('host', '')}"

    @property
    def scheme(self) -> str:
        return "https" if self.tls else "http"

    def scheme_of(self, request: Request) -> str:
        """The scheme the browser used: behind a trusted proxy, the one it forwarded."""
        return request.url.scheme if self.proxies else self.scheme

    def secure(self, request: Request) -> bool:
        """Say whether cookies set on this request must be Secure (the browser used https)."""
        return self.scheme_of(request) == "https"


def _bearer(request: Request) -> str | None:
    """Return the API token a script sent (Authorization: Bearer TOKEN), if any.

    A calendar app cannot send a header: the feed's address carries the token instead.
    """
    if request.url.path == "/calendar.ics" and "token" in request.query_params:
        return request.query_params["token"]
    kind, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if kind.lower() == "bearer" else None


def _checking_session(config: WebConfig, request: Request) -> Session:
    """Open the request's session to check who is asking; the route then uses the same one
    (`web.app.data`), and the middleware closes it after the answer."""
    from insidetrack.web.context import open_session

    app = open_session(config)
    request.state.session = app
    return app


def _token_ok(guard: Guard, config: WebConfig, request: Request, token: str) -> bool:
    if guard.org:  # the job seeker the token belongs to, bound as their session would be
        from insidetrack.services import center

        return _bind_by(config, request, token, center.token_holder)
    from insidetrack.services.access import token_is_valid

    return token_is_valid(_checking_session(config, request).env(), token)


def token_reaches(path: str) -> bool:
    """Say whether a career center's API token opens a path: the API and the calendar
    feed, never the pages (nor the one that makes and revokes tokens)."""
    return path.startswith(TOKEN_PATHS[0]) or path == TOKEN_PATHS[1]


def _logged_in(guard: Guard, config: WebConfig, request: Request) -> bool:
    from insidetrack.services.access import session_is_valid

    secret = request.cookies.get(COOKIE, "")
    if not secret:
        return False
    if guard.org:
        from insidetrack.services import center

        return _bind_by(config, request, secret, center.signed_in)
    return session_is_valid(_checking_session(config, request).env(), secret)


def _bind_by(config: WebConfig, request: Request, secret: str,
             lookup: Callable[[Env, str], OrgPerson | None]) -> bool:
    """Find the center's person a secret (a session's, or an API token's) is, by `lookup`;
    bind the request's connection to their rows (a job seeker's) before any route runs,
    and say whose they are in `seeker_id`. Say whether anyone was found."""
    env = _checking_session(config, request).env()
    person = lookup(env, secret)
    if person is None:
        return False
    _bound(request, env, person)
    return True


def _bound(request: Request, env: Env, person: OrgPerson) -> None:
    """Bind the request to a center's person: their rows alone (a job seeker's; none for
    staff), planned with their own settings and shown in their zone (/my-settings)."""
    from insidetrack.services import center
    from insidetrack.services.seeker_settings import with_own

    request.state.person = person
    request.state.seeker_id = center.bind(env, person)
    if request.state.seeker_id is not None:
        app: Session = request.state.session
        app.as_seeker(with_own(env, request.state.seeker_id, app.settings, app.zone),
                      request.state.seeker_id)


def keep_session(response: Response, secret: str, guard: Guard, request: Request) -> Response:
    """Give the browser the cookie of the session it just logged in to."""
    from insidetrack.services.access import SESSION_LIFETIME

    response.set_cookie(COOKIE, secret, max_age=int(SESSION_LIFETIME.total_seconds()),
                        httponly=True, samesite="strict", secure=guard.secure(request))
    return response


async def guard_middleware(
    guard: Guard, request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Refuse a foreign Host (DNS rebinding) and cross-site writes; add security headers.

    A script with an API token passes the browser-only rules (same origin, login); a wrong
    token is refused outright.
    """
    try:
        response = await _checked(guard, request, call_next)
    except Exception:  # the database behind a session or token check failed
        logger.exception("internal error checking %s %s", request.method, request.url.path)
        response = PlainTextResponse("Internal error: the details are in the server's log", 500)
    finally:
        checked = getattr(request.state, "session", None)
        if checked is not None:
            await run_in_threadpool(checked.close)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


async def _checked(
    guard: Guard, request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    config = request.app.state.config
    token = _bearer(request)
    if not guard.knows_host(request.headers.get("host", "")):
        response: Response = PlainTextResponse(_unknown_host(guard), 400)
    elif token is not None:
        if not await run_in_threadpool(_token_ok, guard, config, request, token):
            return PlainTextResponse(NOT_VALID + (CENTERS_TOKENS if guard.org else
                                                  "insidetrack api-token list"), 401)
        if guard.org and not token_reaches(request.url.path):
            return PlainTextResponse(TOKEN_SCOPE, 403)
        response = await _answer(request, call_next)
    elif request.method not in SAFE_METHODS and not guard.same_origin(request):
        response = PlainTextResponse(_CROSS_SITE_CENTER if guard.org else _CROSS_SITE, 403)
    elif (guard.login_required and not _open_path(request)
          and not await run_in_threadpool(_logged_in, guard, config, request)):
        if request.url.path.startswith("/api/"):
            response = PlainTextResponse("Log in first", 401)
        else:
            response = RedirectResponse("/login", 303)
    elif (guard.org and not _open_path(request) and not _for_seekers(request)
          and not _for_staff(request)):
        from insidetrack.web.center_pages import not_for_you

        response = await run_in_threadpool(not_for_you, request)
    else:
        response = await _answer(request, call_next)
    return response


def _unknown_host(guard: Guard) -> str:
    if guard.proxies:  # the operator of a center may be the one who sees it first
        return ("Unknown Host: behind its proxy, this app answers on localhost and the names "
                "of the setting web.allowed_hosts")
    return "Unknown Host: this app answers on localhost"


def _for_staff(request: Request) -> bool:
    """Say whether a signed-in coach or administrator asks for a page of the center's own
    (under STAFF_PAGES); every job seeker's page stays closed to them."""
    path = request.url.path
    return (request.state.person.role in ("coach", "admin")
            and (path == STAFF_PAGES or path.startswith(STAFF_PAGES + "/")))


def _for_seekers(request: Request) -> bool:
    """Say whether a signed-in job seeker asks for a page of their own (not the server's
    settings, which every seeker of a center shares)."""
    path = request.url.path
    return (request.state.seeker_id is not None
            and not any(path == p or path.startswith(p + "/")
                        for p in (*SERVERS_OWN, STAFF_PAGES)))


async def _answer(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Answer the request; a bug gets a plain 500 here, so it keeps the security headers."""
    try:
        return await call_next(request)
    except Exception:
        logger.exception("internal error answering %s %s", request.method, request.url.path)
        return PlainTextResponse("Internal error: the details are in the server's log", 500)


def _open_path(request: Request) -> bool:
    return (request.url.path in ("/login", "/logout", "/login/sso", "/login/sso/back",
                                 "/login/link", "/my-mail/oauth/back")
            or request.url.path.startswith(("/static/", "/login/link/")))


def client_of(request: Request) -> str:
    """Name the client a login attempt comes from, for its waits."""
    return request.client.host if request.client else "unknown"
