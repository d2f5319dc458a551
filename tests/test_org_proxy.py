"""A career center behind a TLS-terminating proxy: nginx (tests/nginx.py) in front of TWO
`insidetrack serve --org --proxy 127.0.0.1` servers on one center (a real PostgreSQL),
round robin (the second with two worker processes). A seeker signs in at
https://localhost:PORT with a password and both servers answer her in turn (nginx's access
log names the one that answered); signing out through one ends her session on the other;
single sign-on through the proxy (Chromium, the test OpenID provider) gives the provider the
public https redirect URI. Without --proxy, forwarded headers change nothing, whoever sends
them.
"""

from __future__ import annotations

import os
import ssl
import textwrap
import time
import uuid
import warnings
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from conftest import Cli, close_pools
from nginx import LOCATION, answered_by, nginx, nginx_binary
from oauth_servers import node_missing, oidc_provider
from servers import free_port
from test_org_sso import _center, _set_up
from test_web_workers import served

warnings.filterwarnings("ignore", category=DeprecationWarning)

pytestmark = pytest.mark.skipif(nginx_binary() is None, reason="nginx is not installed "
                                "(apt-get install nginx-light; make system-deps does it)")
PASSWORDS = {"ana@uni.example": "ana's long secret", "dee@uni.example": "dee's long secret"}
BACK = "/login/sso/back"


@dataclass
class Front:
    """nginx at `base` in front of two servers (`backends`, host:port), on one center."""

    base: str
    backends: tuple[str, str]
    log: Path
    cert: Path
    app_url: str
    issuer: str | None  # the OpenID provider, when node can run it



@contextmanager
def _provider(redirect: str) -> Iterator[str]:
    os.environ["CENTER_REDIRECT"] = redirect
    try:
        with oidc_provider() as issuer:
            yield issuer
    finally:
        os.environ.pop("CENTER_REDIRECT")


@pytest.fixture(scope="module")
def front(postgres, tmp_path_factory):
    url, app_url, _ = _center(postgres)
    for email, password in PASSWORDS.items():
        said = Cli(url)("org", "password", "--email", email, "--password-stdin",
                        input=password + "\n")
        assert said.exit_code == 0, said.output
    root = tmp_path_factory.mktemp("nginx")
    port = free_port()
    base = f"https://localhost:{port}"
    with ExitStack() as stack:
        issuer = None if node_missing() else stack.enter_context(_provider(base + BACK))
        if issuer is not None:
            _set_up(url, issuer)
        servers = [stack.enter_context(served(app_url, "--org", "--proxy", "127.0.0.1", *more))
                   for more in ((), ("--workers", "2"))]  # one process, and several
        backends = (servers[0][0].removeprefix("http://"), servers[1][0].removeprefix("http://"))
        log = stack.enter_context(nginx(root, port, backends))
        yield Front(base, backends, log, root / "cert.pem", app_url, issuer)
    close_pools(app_url)
    close_pools(url)


def _client(front: Front, address: str = "127.0.0.1") -> httpx.Client:
    """A browser-like client of the public address, connecting from `address`."""
    return httpx.Client(base_url=front.base, follow_redirects=False, timeout=30,
                        headers={"Origin": front.base},
                        transport=httpx.HTTPTransport(
                            local_address=address,
                            verify=ssl.create_default_context(cafile=str(front.cert))))


def _cookie_flags(answer: httpx.Response) -> set[str]:
    said = answer.headers["set-cookie"]
    assert said.startswith("insidetrack_session=")
    return {part.strip().casefold() for part in said.split(";")[1:]}


def _sign_in(web: httpx.Client, email: str, password: str | None = None) -> httpx.Response:
    return web.post("/login", data={"email": email, "password": password or PASSWORDS[email]})


def _answered_by(front: Front, *asked: str) -> list[str]:
    """Return the server that answered each request (method and path), from nginx's log,
    which it writes just after answering."""
    deadline = time.monotonic() + 10
    while True:
        seen = {request.rsplit(" ", 1)[0]: server for server, _, request in answered_by(front.log)}
        if all(a in seen for a in asked) or time.monotonic() > deadline:
            return [seen.get(a, "not in the log") for a in asked]
        time.sleep(0.1)


def test_a_seeker_signs_in_through_nginx_and_both_servers_answer_her(front):
    tag = uuid.uuid4().hex
    with _client(front) as web:
        assert web.get("/today").headers["location"] == "/login"
        signed = _sign_in(web, "ana@uni.example")
        assert signed.status_code == 303 and signed.headers["location"] == "/", signed.text
        assert "secure" in _cookie_flags(signed)  # the browser used https, at nginx
        for n in range(6):
            page = web.get(f"/today?look={tag}{n}")
            assert page.status_code == 200 and "Société Générale" in page.text
            assert "Log out" in page.text
    answered = _answered_by(front, *(f"GET /today?look={tag}{n}" for n in range(6)))
    assert set(answered) == set(front.backends)


def test_signing_out_through_one_server_ends_the_session_on_the_other(front):
    tag = uuid.uuid4().hex
    with _client(front) as web:
        assert _sign_in(web, "ana@uni.example").status_code == 303
        session = dict(web.cookies)
        assert web.post(f"/logout?look={tag}").headers["location"] == "/login"
        for n in range(2):  # the old cookie, as a browser that kept it would send it
            web.cookies.update(session)
            assert web.get(f"/today?look={tag}{n}").headers["location"] == "/login"
    out, *after = _answered_by(front, f"POST /logout?look={tag}",
                               *(f"GET /today?look={tag}{n}" for n in range(2)))
    assert out in front.backends
    assert set(after) == set(front.backends)  # the other one too


def test_the_host_check_takes_the_public_name_and_still_refuses_others(front):
    with _client(front) as web:
        assert web.get("/login").status_code == 200  # Host: localhost:PORT, nginx's port
        foreign = web.get("/login", headers={"Host": "rebound.example"})
    assert foreign.status_code == 400
    assert foreign.text == ("Unknown Host: behind its proxy, this app answers on localhost and "
                            "the names of the setting web.allowed_hosts")


def test_a_write_from_another_site_is_refused_through_the_proxy(front):
    with _client(front) as web:
        refused = web.post("/login", data={"email": "ana@uni.example", "password": "x"},
                           headers={"Origin": "https://elsewhere.example"})
        plain = web.post("/login", data={"email": "ana@uni.example", "password": "x"},
                         headers={"Origin": front.base.replace("https:", "http:")})
    assert refused.status_code == 403 and plain.status_code == 403


def test_wrong_passwords_make_only_that_client_wait_behind_the_proxy(front):
    """Every request reaches the servers from nginx's address; each client still waits
    for its own wrong passwords alone."""
    from insidetrack.services.logins import FREE_TRIES

    with _client(front, "127.0.0.2") as guesser, _client(front, "127.0.0.3") as dee:
        for _ in range(FREE_TRIES):
            assert _sign_in(guesser, "dee@uni.example", "guess").status_code == 401
        waits = _sign_in(guesser, "dee@uni.example")
        assert waits.status_code == 429 and "Too many wrong tries" in waits.text
        right = _sign_in(dee, "dee@uni.example")
    assert right.status_code == 303 and right.headers["location"] == "/"


SPOOFED = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "localhost:443"}


def test_forwarded_headers_change_nothing_without_the_proxy_option(front):
    """A client on this computer (which uvicorn would believe by default) sends the
    headers a proxy would: without --proxy, the server takes none of them."""
    from insidetrack.services.logins import FREE_TRIES

    with served(front.app_url, "--org") as (base, _), httpx.Client(
            base_url=base, follow_redirects=False, timeout=30,
            headers={**SPOOFED, "Origin": base}) as web:
        signed = _sign_in(web, "ana@uni.example")
        assert signed.status_code == 303 and "secure" not in _cookie_flags(signed)
        https_origin = web.post("/login", data={"email": "ana@uni.example", "password": "x"},
                                headers={"Origin": base.replace("http:", "https:")})
        assert https_origin.status_code == 403
        for n in range(FREE_TRIES):
            web.post("/login", data={"email": "dee@uni.example", "password": "guess"},
                     headers={"X-Forwarded-For": f"203.0.113.{n}"})
        waits = web.post("/login", data={"email": "dee@uni.example",
                                         "password": PASSWORDS["dee@uni.example"]},
                         headers={"X-Forwarded-For": "198.51.100.7"})
    assert waits.status_code == 429  # counted for this computer, whatever it claimed


def test_a_client_that_is_not_the_proxy_is_not_believed(front):
    backend = f"http://{front.backends[0]}"
    with httpx.Client(base_url=backend, follow_redirects=False, timeout=30,
                      headers={**SPOOFED, "Origin": backend},
                      transport=httpx.HTTPTransport(local_address="127.0.0.4")) as web:
        signed = _sign_in(web, "ana@uni.example")
    assert signed.status_code == 303 and "secure" not in _cookie_flags(signed)


def test_single_sign_on_through_the_proxy_uses_the_public_https_address(front):
    if front.issuer is None:
        pytest.skip(str(node_missing()))
    from browsing import chromium

    with chromium() as browser:
        context = browser.new_context(ignore_https_errors=True)
        page = context.new_page()
        asked: list[str] = []
        page.on("request", lambda r: asked.append(r.url) if r.url.startswith(
            str(front.issuer) + "/auth") else None)
        page.goto(front.base + "/login")
        page.click("text=Sign in with Uni Example")
        page.fill("input[name=login]", "ana@uni.example")
        page.fill("input[name=password]", "any")
        page.click("button[type=submit]")
        page.click("button[type=submit]")  # the provider's consent page
        page.wait_for_url(front.base + "/")
        assert page.inner_text("h1").startswith("Today: ")
        assert "Société Générale" in page.inner_text("main")
        cookies = {c["name"]: c for c in context.cookies()}
        context.close()
    redirect = parse_qs(urlsplit(asked[0]).query)["redirect_uri"]
    assert redirect == [front.base + BACK]
    assert cookies["insidetrack_session"]["secure"] is True


def test_the_readme_shows_the_nginx_location_the_test_runs():
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert textwrap.indent(LOCATION, " " * 8) in readme


def test_serve_proxy_names_its_option_when_wrong(front):
    bad = Cli(front.app_url)("serve", "--org", "--proxy", "127.0.0.1,nginx.local")
    assert bad.exit_code == 2
    assert bad.stderr == ("insidetrack: error: --proxy: 'nginx.local' is not an IP address or "
                          "network: give the address the proxy connects from, e.g. 127.0.0.1 "
                          "or 10.0.0.0/24\n")
    alone = Cli(front.app_url)("serve", "--proxy", "127.0.0.1")
    assert alone.exit_code == 2
    assert alone.stderr == ("insidetrack: error: --proxy: a reverse proxy in front is for a "
                            "career center's server: serve --org --proxy ADDRESS\n")
    helped = " ".join(Cli(front.app_url)("serve", "--help").stdout.split())
    assert "Without it, no one's forwarded headers are believed." in helped


@pytest.mark.parametrize("proxies, answered", [(("127.0.0.1",), 200), ((), 400)])
def test_the_public_name_in_web_allowed_hosts_is_taken_behind_a_proxy_only(
        front, proxies, answered):
    from fastapi.testclient import TestClient

    from insidetrack.web.app import create_app
    from insidetrack.web.context import WebConfig
    from insidetrack.web.security import Guard

    guard = Guard(port=8765, org=True, extra_hosts=("careers.uni.example",), proxies=proxies)
    app = create_app(WebConfig(front.app_url, org=True), guard)
    for public in ("https://careers.uni.example", "https://careers.uni.example:8443"):
        with TestClient(app, base_url=public, follow_redirects=False) as web:
            assert web.get("/login").status_code == answered
    assert guard.knows_host("rebound.example:8443") is False
