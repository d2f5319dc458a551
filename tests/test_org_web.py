"""Career-center mode's web app (`serve --org`): sign-in, and each request bound to one seeker.

A real PostgreSQL (tests/pg.py) and the app as the center's app role, which owns nothing, so
row-level security holds for it. Two job seekers and a coach sign in with passwords set
through `org password`; what is checked is what a person would notice: another seeker's
interview never shows, a coach sees no one's data, a pooled connection forgets whose it was.
"""

from __future__ import annotations

import itertools
import os
import warnings

import pytest
from fastapi import Request

from conftest import NOW, TZ, Cli
from insidetrack.domain.errors import StorageError
from insidetrack.storage.database import PostgresDatabase, _pool
from insidetrack.storage.db import connect
from insidetrack.storage.store import Store
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import COOKIE, Guard

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

BASE = "http://127.0.0.1:8765"
WRONG = "That e-mail or password is not right."
PASSWORDS = {"ana@uni.example": "ana's long secret", "bo@uni.example": "bo's long secret",
             "cy@uni.example": "cy's long secret"}
INTERVIEW = {"employer": "Société Générale", "job_title": "Analyst", "at": "2026-11-24 10:00",
             "interviewers": ["Zoë Müller <zoe@sg.example>"]}
_roles = itertools.count()


@pytest.fixture
def center(postgres, request):
    """Return (owner's URL, app role's URL) of a center with two seekers and a coach, each
    with a password set by `org password`."""
    from conftest import close_pools

    url = postgres.new_database()
    role = f"web_{os.getpid()}_{next(_roles)}"
    owner = Store(connect(url))
    try:
        owner.center.organise(role)
        for name in ("ana", "bo"):
            owner.center.add_seeker(f"{name}@uni.example", name.title())
        owner.db.execute("INSERT INTO org_people (email, name, role)"
                         " VALUES ('cy@uni.example', 'Cy Coach', 'coach')")
    finally:
        owner.close()
    for email, password in PASSWORDS.items():
        said = Cli(url)("org", "password", "--email", email, "--password-stdin",
                        input=password + "\n")
        assert said.output.startswith("Password set for ") and f"<{email}>" in said.output
    app_url = url.replace("postgres@", f"{role}@")
    request.addfinalizer(lambda: (close_pools(app_url), close_pools(url)))
    return url, app_url


def _app(app_url: str) -> TestClient:
    app = create_app(WebConfig(app_url, clock=lambda: NOW, tz=TZ, org=True),
                     Guard(port=8765, org=True))

    @app.get("/api/whose")  # what the ownership check (being built) reads
    def whose(request: Request) -> dict[str, object]:
        return {"seeker_id": getattr(request.state, "seeker_id", None)}

    return TestClient(app, base_url=BASE, follow_redirects=False, headers={"Origin": BASE})


def _signed_in(app_url: str, email: str) -> TestClient:
    web = _app(app_url)
    answer = web.post("/login", data={"email": email, "password": PASSWORDS[email]})
    assert answer.status_code == 303 and answer.headers["location"] == "/", answer.text
    return web


def _add_interview(web: TestClient) -> int:
    added = web.post("/api/interviews", json=INTERVIEW)
    assert added.status_code == 201, added.text
    return int(added.json()["id"])


def test_the_sign_in_page_asks_for_an_email_and_a_password(center):
    _, app_url = center
    web = _app(app_url)
    assert web.get("/today").headers["location"] == "/login"
    page = web.get("/login").text
    assert "<span>E-mail</span>" in page and "<span>Password</span>" in page


@pytest.mark.parametrize("email, password", [
    ("ana@uni.example", "bo's long secret"),  # someone else's password
    ("nobody@uni.example", "ana's long secret"),  # no one's e-mail
    ("ana@uni.example", ""),
])
def test_a_wrong_email_or_password_gets_the_same_one_line(center, email, password):
    _, app_url = center
    web = _app(app_url)
    answer = web.post("/login", data={"email": email, "password": password})
    assert answer.status_code == 401
    assert answer.text.count('role="alert"') == 1 and WRONG in answer.text
    assert COOKIE not in answer.cookies
    assert web.get("/api/today").status_code == 401


def test_an_email_signs_in_whatever_its_case(center):
    _, app_url = center
    web = _app(app_url)
    answer = web.post("/login", data={"email": " Ana@Uni.Example ",
                                      "password": PASSWORDS["ana@uni.example"]})
    assert answer.status_code == 303 and answer.headers["location"] == "/"


def test_each_seeker_sees_only_their_own_interviews(center):
    _, app_url = center
    ana = _signed_in(app_url, "ana@uni.example")
    interview = _add_interview(ana)
    assert "Société Générale" in ana.get("/today").text
    assert "Société Générale" in ana.get("/pipeline").text
    assert ana.get(f"/api/interviews/{interview}").json()["employer"]["name"] == \
        "Société Générale"

    bo = _signed_in(app_url, "bo@uni.example")
    assert "Société Générale" not in bo.get("/today").text
    assert "Société Générale" not in bo.get("/pipeline").text
    assert bo.get("/api/interviews").json() == []
    assert [i["id"] for i in ana.get("/api/interviews").json()] == [interview]
    assert bo.get(f"/api/interviews/{interview}").status_code == 404
    assert bo.get(f"/interviews/{interview}").status_code == 404
    assert bo.delete(f"/api/interviews/{interview}").status_code == 404
    assert ana.get(f"/api/interviews/{interview}").status_code == 200  # nothing changed


def test_a_request_is_bound_to_the_seeker_signed_in(center):
    url, app_url = center
    owner = connect(url)
    ana_id = owner.execute("SELECT id FROM org_people WHERE email = 'ana@uni.example'"
                           ).fetchone()[0]
    owner.close()
    assert _signed_in(app_url, "ana@uni.example").get("/api/whose").json() == \
        {"seeker_id": ana_id}
    assert _signed_in(app_url, "cy@uni.example").get("/api/whose").status_code == 404


def test_logging_out_ends_the_session(center):
    _, app_url = center
    ana = _signed_in(app_url, "ana@uni.example")
    secret = ana.cookies[COOKIE]
    assert ana.post("/logout").headers["location"] == "/login"
    assert ana.get("/today").headers["location"] == "/login"
    again = _app(app_url)
    again.cookies.set(COOKIE, secret)  # the old cookie, kept by someone
    assert again.get("/api/today").status_code == 401


def test_a_pooled_connection_forgets_whose_it_was(center):
    _, app_url = center
    ana = _signed_in(app_url, "ana@uni.example")
    _add_interview(ana)
    assert ana.get("/api/today").status_code == 200
    assert _app(app_url).get("/api/today").status_code == 401  # no session: refused
    pool = _pool(app_url)
    taken = [PostgresDatabase(app_url, pooled=True)
             for _ in range(pool.get_stats()["pool_size"])]  # every connection the app used
    try:
        for db in taken:
            assert not db.per_seeker
            with pytest.raises(StorageError):  # unbound: an error, never Ana's rows
                db.execute("SELECT COUNT(*) FROM interviews").fetchone()
    finally:
        for db in taken:
            db.close()


def test_a_coach_sees_a_short_page_and_nothing_else(center):
    _, app_url = center
    ana = _signed_in(app_url, "ana@uni.example")
    interview = _add_interview(ana)
    cy = _signed_in(app_url, "cy@uni.example")
    assert cy.get("/").headers["location"] == "/center"  # the coach's list of job seekers
    home = cy.get("/center")
    assert home.status_code == 200 and "Signed in as Cy Coach." in home.text
    assert 'href="/center/cohorts"' in home.text and 'href="/center/admin"' not in home.text
    assert 'href="/today"' not in home.text  # no seeker's menu
    for path in ("/today", "/pipeline", "/insights", f"/interviews/{interview}",
                 "/api/today", "/api/interviews", f"/api/interviews/{interview}"):
        assert cy.get(path).status_code == 404, path
    assert cy.post("/api/interviews", json=INTERVIEW).status_code == 404
    assert cy.post("/logout").headers["location"] == "/login"


def test_a_seeker_cannot_change_the_servers_settings(center):
    _, app_url = center
    ana = _signed_in(app_url, "ana@uni.example")
    assert ana.get("/settings").status_code == 404
    assert ana.post("/settings/mail", data={"smtp.host": "evil.example"}).status_code == 404
    assert 'href="/settings"' not in ana.get("/today").text


def test_an_unknown_api_token_is_refused_with_one_line(center):
    _, app_url = center  # a seeker's own tokens: tests/test_org_tokens.py
    web = _app(app_url)
    answer = web.get("/api/today", headers={"Authorization": "Bearer itk_whatever"})
    assert answer.status_code == 401
    assert answer.text == ("That API token is not valid (revoked, expired, or never made here): "
                           "see your API tokens page, /tokens")


def test_org_password_says_who_and_asks_nothing_for_an_unknown_email(center):
    url, _ = center
    said = Cli(url)("org", "password", "--email", "ANA@uni.example", "--password-stdin",
                    input="another long secret\n")
    assert said.output == ("Password set for Ana <ana@uni.example> (only its argon2 hash is"
                           " kept).\n")
    unknown = Cli(url)("org", "password", "--email", "zed@uni.example", input="")
    assert unknown.output == ("insidetrack: error: --email: zed@uni.example is not one of the"
                              " center's people\n")  # not asked for a password first


def test_org_password_names_the_email_it_does_not_know(center):
    url, _ = center
    result = Cli(url)("org", "password", "--email", "zed@uni.example", "--password-stdin",
                      input="long enough\n")
    assert result.exit_code != 0
    assert result.output == ("insidetrack: error: --email: zed@uni.example is not one of the "
                             "center's people\n")


def test_org_password_asks_twice_without_echo(center):
    url, app_url = center
    result = Cli(url)("org", "password", "--email", "bo@uni.example",
                      input="a new secret\na new secret\n")
    assert result.exit_code == 0, result.output
    assert "a new secret" not in result.output
    web = _app(app_url)
    assert web.post("/login", data={"email": "bo@uni.example",
                                    "password": "a new secret"}).status_code == 303


def test_serve_org_refuses_sqlite_and_a_database_that_is_no_centers(sqlite_path, postgres):
    sqlite = Cli(sqlite_path)("serve", "--org")
    assert sqlite.exit_code == 2
    assert sqlite.output == ("insidetrack: error: --org: career-center mode needs a PostgreSQL "
                             "database: give its postgresql://... URL with --db\n")
    assert not sqlite_path.exists()  # nothing was made
    plain = Cli(postgres.new_database())("serve", "--org")
    assert plain.exit_code == 2
    assert plain.output == ("insidetrack: error: --db: this is not a career center's database "
                            "(make one with: insidetrack --db postgresql://... org init)\n")


def test_serve_org_refuses_a_role_that_row_level_security_does_not_hold_for(center):
    owner_url, _ = center  # the tests' server's superuser
    result = Cli(owner_url)("serve", "--org")
    assert result.exit_code == 2
    assert result.output.startswith("insidetrack: error: --db: connect as the web app's role")
    assert "every job seeker would see everyone's rows" in result.output


def test_single_user_requests_carry_no_seeker(db_path):
    app = create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ), Guard(port=8765))

    @app.get("/api/whose")
    def whose(request: Request) -> dict[str, object]:
        return {"seeker_id": getattr(request.state, "seeker_id", None)}

    assert TestClient(app, base_url=BASE).get("/api/whose").json() == {"seeker_id": None}



def test_wrong_passwords_make_a_client_wait_as_in_single_user_mode(center):
    from insidetrack.services.logins import FREE_TRIES

    _, app_url = center
    web = _app(app_url)
    for _ in range(FREE_TRIES):
        assert web.post("/login", data={"email": "ana@uni.example",
                                        "password": "guess"}).status_code == 401
    right = web.post("/login", data={"email": "ana@uni.example",
                                     "password": PASSWORDS["ana@uni.example"]})
    assert right.status_code == 429 and "Too many wrong tries: try again in" in right.text


def test_wrong_passwords_for_one_person_do_not_make_others_at_that_address_wait(center):
    """A campus network shows the server one address for many students."""
    from insidetrack.services.logins import FREE_TRIES

    _, app_url = center
    web = _app(app_url)
    for _ in range(FREE_TRIES + 1):
        web.post("/login", data={"email": "ana@uni.example", "password": "guess"})
    assert web.post("/login", data={"email": "ana@uni.example", "password": "guess"}
                    ).status_code == 429
    bo = web.post("/login", data={"email": "Bo@uni.example",
                                  "password": PASSWORDS["bo@uni.example"]})
    assert bo.status_code == 303 and bo.headers["location"] == "/"


def test_serve_org_with_workers_signs_in_and_keeps_seekers_apart(center):
    from test_web_workers import fresh, noted, on_every_worker, served

    _, app_url = center
    with served(app_url, "--org", "--workers", "2") as (base, pid):
        clients, answers = {}, []
        for name in ("ana", "bo"):
            client = fresh(base)
            email = f"{name}@uni.example"
            signed = client.post("/login", data={"email": email, "password": PASSWORDS[email]})
            assert signed.status_code == 303, signed.text
            clients[name] = client
        added = clients["ana"].post("/api/interviews", json=INTERVIEW)
        assert added.status_code == 201, added.text
        interview = added.json()["id"]
        for name, client in clients.items():
            noted(client, pid, name, answers)

        def apart() -> None:
            assert clients["ana"].get(f"/api/interviews/{interview}").status_code == 200
            assert clients["bo"].get(f"/api/interviews/{interview}").status_code == 404
            assert clients["bo"].get("/api/interviews").json() == []

        on_every_worker(pid, answers, apart)  # until each worker answered each request
        for client in clients.values():
            client.close()


def test_a_session_expires_after_a_week_as_in_single_user_mode(center):
    from datetime import timedelta

    from insidetrack.services.access import SESSION_LIFETIME

    _, app_url = center
    secret = _signed_in(app_url, "ana@uni.example").cookies[COOKIE]
    later = create_app(WebConfig(app_url, clock=lambda: NOW + SESSION_LIFETIME
                                 + timedelta(minutes=1), tz=TZ, org=True),
                       Guard(port=8765, org=True))
    web = TestClient(later, base_url=BASE, follow_redirects=False)
    web.cookies.set(COOKIE, secret)
    assert web.get("/api/today").status_code == 401
