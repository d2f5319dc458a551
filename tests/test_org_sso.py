"""Career-center mode's single sign-on: people sign in at their institution's OpenID Connect
provider (node's oidc-provider, tests/oidc), in a real browser, on `serve --org` started as a
user starts it, over a center on a real PostgreSQL; and `org sso`, which sets it up.

The provider's login page takes any login (its development pages): the login is the
person's subject and e-mail, and GROUPS gives each their groups (the role claim).
"""

from __future__ import annotations

import itertools
import json
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from browsing import chromium
from conftest import NOW, TZ, Cli, close_pools
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard
from oauth_servers import node_missing, oidc_provider

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

MISSING = node_missing()
pytestmark = pytest.mark.skipif(MISSING is not None, reason=str(MISSING))
CLIENT = ("insidetrack-center", "insidetrack-center-secret")  # provider.mjs's sign-in client
GROUPS = {"cy@uni.example": ["careers-coaches"], "dee@uni.example": ["careers-coaches"]}
_roles = itertools.count()
_app_roles: dict[str, str] = {}  # each center's app role, by the owner's URL


def center_role(url: str) -> str:
    return _app_roles[url]


UNVERIFIED = ["eve@uni.example"]


@contextmanager
def _provider() -> Iterator[str]:
    before = {k: os.environ.get(k) for k in ("GROUPS", "UNVERIFIED")}
    os.environ.update(GROUPS=json.dumps(GROUPS), UNVERIFIED=json.dumps(UNVERIFIED))
    try:
        with oidc_provider() as issuer:
            yield issuer
    finally:
        for key, value in before.items():
            os.environ.pop(key) if value is None else os.environ.update({key: value})


def _center(postgres: Any) -> tuple[str, str, int]:
    """Make a center: Ana, Dee and Eve job seekers, Cy a coach; Ana has an interview. Return the
    owner's URL, the app role's URL and Ana's id."""
    from insidetrack.domain.planner import PlanSettings
    from insidetrack.services.context import Env
    from insidetrack.services.records import NewInterview, add_interview
    from insidetrack.storage.db import connect
    from insidetrack.storage.store import Store

    url = postgres.new_database()
    role = _app_roles[url] = f"sso_{os.getpid()}_{next(_roles)}"
    owner = Store(connect(url))
    try:
        owner.center.organise(role)
        ana = owner.center.add_seeker("ana@uni.example", "Ana Lima")
        owner.center.add_seeker("dee@uni.example", "Dee Seeker")
        owner.center.add_seeker("eve@uni.example", "Eve Seeker")
        owner.roster.add_person("cy@uni.example", "Cy Coach", "coach")
        owner.center.bind(ana)
        now = datetime.now(UTC)
        add_interview(Env(owner, PlanSettings(), UTC, now), NewInterview(
            "Société Générale", "Analyst", now - timedelta(days=2),
            interviewers=(("Zoë Müller", "zoe@sg.example"),)))
    finally:
        owner.close()
    return url, url.replace("postgres@", f"{role}@"), ana


def _set_up(url: str, issuer: str) -> str:
    said = Cli(url)("org", "sso", "--issuer", issuer, "--client-id", CLIENT[0],
                    "--client-secret-stdin", "--name", "Uni Example", "--role-claim", "groups",
                    "--coach-values", "careers-coaches", "--admin-values", "careers-admins",
                    input=CLIENT[1] + "\n")
    assert said.exit_code == 0, said.output
    return said.output


@pytest.fixture(scope="module")
def served(postgres):
    """A center with single sign-on, served by `insidetrack serve --org` with two worker
    processes (a sign-in may start in one and come back to the other), and a browser;
    yield (the server's address, the owner's URL, Ana's id, the browser)."""
    from test_web_workers import served as serve

    url, app_url, ana = _center(postgres)
    with _provider() as issuer:
        _set_up(url, issuer)
        with serve(app_url, "--org", "--workers", "2") as (base, _), chromium() as browser:
            yield base, url, ana, browser
    close_pools(url)


def _sign_in(browser: Any, base: str, login: str) -> Any:
    """Sign in with the institution as `login`, in a new browser; return its page."""
    page = browser.new_context().new_page()
    page.goto(base + "/login")
    assert page.get_by_label("Password").count() == 1  # passwords still work beside it
    page.click("text=Sign in with Uni Example")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "any")
    page.click("button[type=submit]")
    page.click("button[type=submit]")  # the provider's consent page
    page.wait_for_url(base + "/**")
    return page


def _alert(page: Any) -> str:
    return str(page.inner_text("[role=alert]"))


def test_a_seeker_on_the_roster_signs_in_and_sees_their_today(served):
    base, url, ana, browser = served
    page = _sign_in(browser, base, "ana@uni.example")
    page.wait_for_url(base + "/")
    assert page.inner_text("h1").startswith("Today: ")
    assert "Société Générale" in page.inner_text("main")
    assert page.locator("text=Log out").count() == 1

    # The second time her subject finds her, even with another e-mail on the roster now.
    from insidetrack.storage.db import connect

    owner = connect(url)
    owner.execute("UPDATE org_people SET email = 'ana.lima@uni.example' WHERE id = ?", (ana,))
    try:
        again = _sign_in(browser, base, "ana@uni.example")
        again.wait_for_url(base + "/")
        assert "Société Générale" in again.inner_text("main")
    finally:
        owner.execute("UPDATE org_people SET email = 'ana@uni.example' WHERE id = ?", (ana,))
        owner.close()
    again.click("text=Log out")
    again.wait_for_url(base + "/login")
    assert again.goto(base + "/today") is not None
    assert again.url == base + "/login"  # the local session is over


REFUSALS = {  # a login at the institution: the one line the center answers with
    "zed@uni.example": ("Your institution signed you in as zed@uni.example, but "
                        "zed@uni.example is not on this center's roster: ask your career "
                        "center."),
    "dee@uni.example": ("Your institution says dee@uni.example is a coach, but this "  # says GROUPS
                        "center's roster has dee@uni.example as a job seeker: ask your "
                        "career center."),
    "eve@uni.example": ("Your institution signed you in as eve@uni.example, but does not "
                        "say it verified that address, so this center cannot tell who you "
                        "are: ask your career center."),  # on the roster, but UNVERIFIED
}


@pytest.mark.parametrize("login", REFUSALS, ids=["not-on-the-roster", "role-disagrees",
                                                 "address-not-verified"])
def test_a_refused_sign_in_gets_one_line_and_no_session(served, login):
    base, _, _, browser = served
    page = _sign_in(browser, base, login)
    assert _alert(page) == REFUSALS[login]
    page.goto(base + "/today")
    assert page.url == base + "/login"


def test_a_coach_lands_on_their_list_of_job_seekers(served):
    base, _, _, browser = served
    page = _sign_in(browser, base, "cy@uni.example")
    page.wait_for_url(base + "/center")
    assert "Signed in as Cy Coach." in page.inner_text("main")
    assert page.goto(base + "/today").status == 404


NOT_STARTED = "This sign-in was not started here, or it was already used: start it again."


def test_an_answer_with_a_state_never_given_is_refused(served):
    base, _, _, browser = served
    page = browser.new_context().new_page()
    answer = page.goto(base + "/login/sso/back?state=made-up&code=whatever")
    assert answer.status == 400 and _alert(page) == NOT_STARTED


def _caught_answer(browser: Any, base: str, login: str) -> tuple[Any, str]:
    """Sign in at the provider, but stop the browser before its answer reaches the app;
    return the page and the answer's address. (Playwright's routes never see a redirect's
    next hop, where the answer comes: Chromium's own Fetch domain does.)"""
    page = browser.new_context().new_page()
    cdp = page.context.new_cdp_session(page)
    caught: list[str] = []

    def catch(event: dict[str, Any]) -> None:
        caught.append(event["request"]["url"])
        cdp.send("Fetch.failRequest", {"requestId": event["requestId"],
                                       "errorReason": "Aborted"})

    cdp.on("Fetch.requestPaused", catch)
    page.goto(base + "/login")
    page.click("text=Sign in with Uni Example")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "any")
    page.click("button[type=submit]")
    cdp.send("Fetch.enable", {"patterns": [{"urlPattern": "*/login/sso/back?*"}]})
    try:
        page.click("button[type=submit]")  # consent: the provider sends its answer
        for _ in range(100):
            if caught:
                break
            page.wait_for_timeout(100)
    finally:
        cdp.send("Fetch.disable")
    assert caught, "the provider never sent its answer"
    return page, caught[0]


def test_a_tampered_answer_is_refused_and_an_answer_counts_once(served):
    base, _, _, browser = served
    page, answer = _caught_answer(browser, base, "ana@uni.example")
    tampered = answer.replace("code=", "code=x")
    assert page.goto(tampered).status == 403
    assert _alert(page) == "Your institution refused the sign-in (invalid_grant): start it again."
    assert page.goto(answer).status == 400 and _alert(page) == NOT_STARTED  # used up
    page.goto(base + "/today")
    assert page.url == base + "/login"


def test_an_answer_taken_to_another_browser_is_refused(served):
    base, _, _, browser = served
    started, answer = _caught_answer(browser, base, "ana@uni.example")
    other = browser.new_context().new_page()  # no cookie saying it started this sign-in
    assert other.goto(answer).status == 400 and _alert(other) == NOT_STARTED
    other.goto(base + "/today")
    assert other.url == base + "/login"
    started.goto(answer)  # the browser that started it still can
    started.wait_for_url(base + "/")
    assert "Société Générale" in started.inner_text("main")


@pytest.fixture
def center(postgres, request):
    url, app_url, _ = _center(postgres)
    request.addfinalizer(lambda: (close_pools(app_url), close_pools(url)))
    return url


def test_org_sso_shows_its_settings_but_never_the_secret(center):
    with _provider() as issuer:
        said = _set_up(center, issuer)
    assert said == (f"Single sign-on at Uni Example: {issuer}\n"
                    "Client: insidetrack-center (a client secret is set)\n"
                    "Role claim: groups (coach: careers-coaches; administrator: careers-admins)\n"
                    "Register this redirect URI at the provider: "
                    "https://YOUR-SERVER/login/sso/back\n")
    assert Cli(center).ok("org", "sso") == said
    assert Cli(center).json("org", "sso") == {
        "admin_values": ["careers-admins"], "client_id": "insidetrack-center",
        "client_secret": True, "coach_values": ["careers-coaches"], "institution": "Uni Example",
        "issuer": issuer, "role_claim": "groups"}
    assert CLIENT[1] not in Cli(center).ok("org", "sso", "--json")


def test_org_sso_without_settings_says_how_to_set_them(center):
    assert Cli(center).ok("org", "sso").startswith("No single sign-on: people sign in with")
    assert Cli(center).json("org", "sso") is None


@pytest.mark.parametrize("issuer, said", [
    ("ftp://login.uni.example", "--issuer: 'ftp://login.uni.example' is not a web address: "
     "give the provider's issuer URL (https://...)"),
    ("http://login.uni.example", "--issuer: http://login.uni.example is not https: a "
     "provider's issuer must be (http only on this computer)"),
    ("http://127.0.0.1:9", "--issuer: cannot read the sign-in settings at "
     "http://127.0.0.1:9/.well-known/openid-configuration: "),
])
def test_org_sso_names_the_option_of_a_bad_issuer(center, issuer, said):
    result = Cli(center)("org", "sso", "--issuer", issuer, "--client-id", "x")
    assert result.exit_code == 2, result.output
    assert result.output.startswith("insidetrack: error: " + said)
    assert result.output.count("\n") == 1
    assert Cli(center).json("org", "sso") is None  # nothing was kept


def test_org_sso_needs_a_client_id_the_first_time(center):
    result = Cli(center)("org", "sso", "--issuer", "https://login.uni.example")
    assert result.exit_code == 2
    assert result.output == ("insidetrack: error: --issuer: give the provider's issuer URL, "
                             "and its --client-id\n")


def test_org_init_gives_a_center_made_before_single_sign_on_its_tables(center):
    from insidetrack.storage.db import connect

    owner = connect(center)
    for sql in ("DROP TABLE org_sso", "DROP TABLE sso_sign_ins",
                "ALTER TABLE org_people DROP COLUMN subject"):
        owner.execute(sql)
    owner.close()
    assert Cli(center).json("org", "sso") is None  # an older center: no sign-on, no error
    said = Cli(center).ok("org", "init", "--app-role", center_role(center))
    assert said.endswith("is already a career center's database (brought up to date with "
                          "this version).\n")
    with _provider() as issuer:
        assert _set_up(center, issuer).startswith("Single sign-on at Uni Example")


def test_a_provider_that_cannot_be_reached_is_said_in_one_line(center):
    with _provider() as issuer:
        _set_up(center, issuer)
    # the provider is gone now
    app_url = center.replace("postgres@", f"{center_role(center)}@")
    app = create_app(WebConfig(app_url, clock=lambda: NOW, tz=TZ, org=True),
                     Guard(port=8765, org=True))
    web = TestClient(app, base_url="http://127.0.0.1:8765", follow_redirects=False)
    assert "Sign in with Uni Example" in web.get("/login").text
    answer = web.get("/login/sso")
    assert answer.status_code == 502
    said = answer.text.split('role="alert">')[1].split("</p>")[0]
    assert said.startswith("Cannot reach Uni Example&#39;s sign-in (")
    assert said.endswith("): try again later, or sign in with your e-mail and password.")
    close_pools(app_url)


def test_org_sso_off_leaves_passwords_alone(center):
    with _provider() as issuer:
        _set_up(center, issuer)
    assert Cli(center).ok("org", "sso", "--off").startswith("No single sign-on: people sign in")
    assert Cli(center).json("org", "sso") is None
    again = Cli(center)("org", "sso", "--off")
    assert again.exit_code == 2
    assert again.output == ("insidetrack: error: --off: this center has no single sign-on to "
                            "turn off\n")


def test_someone_turned_off_is_refused_at_their_institution_s_sign_in_too(served):
    base, url, _, browser = served
    Cli(url).ok("org", "person", "disable", "--email", "ana@uni.example")
    try:
        page = _sign_in(browser, base, "ana@uni.example")
        assert _alert(page) == ("This account is turned off: ask your career center to turn "
                                "it back on.")
        page.goto(base + "/today")
        assert page.url == base + "/login"
    finally:
        Cli(url).ok("org", "person", "enable", "--email", "ana@uni.example")
    again = _sign_in(browser, base, "ana@uni.example")
    again.wait_for_url(base + "/")
    assert "Société Générale" in again.inner_text("main")
