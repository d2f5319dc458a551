"""A career center's job seekers' API tokens (issue 15): made on the /tokens page, each
opening that seeker's API and calendar feed alone.

A real PostgreSQL (tests/pg.py), the app as the center's app role (row-level security
holds for it), seekers signed in for real with a password set by `org password`. What is
checked is what a student would notice: the secret shown once, a script's token reading
and changing their own search and nothing of anyone else's, their calendar app
subscribing to their follow-ups, and a revoked token refused at once.
"""

from __future__ import annotations

import html
import os
import re
import warnings
from typing import Any

import pytest

from centers import new_center
from conftest import NOW, TZ, Cli
from insidetrack.domain.errors import StorageError
from insidetrack.storage.db import connect
from insidetrack.storage.org_tokens import token_role
from insidetrack.storage.store import Store
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import TOKEN_SCOPE, Guard

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

BASE = "http://127.0.0.1:8765"
PASSWORDS = {"ana@uni.example": "ana's long secret", "bo@uni.example": "bo's long secret",
             "cy@uni.example": "cy's long secret"}
EMPLOYERS = {"ana@uni.example": "Société Générale", "bo@uni.example": "Quokka Freight"}
REFUSED = ("That API token is not valid (revoked, expired, or never made here): see your API "
           "tokens page, /tokens")
_roles = iter(range(10**6))


def _center(url: str) -> str:
    """Make a center of Ana and Bo (seekers) and Cy (a coach) on a new database; return
    the app role's URL."""
    role = f"tok_{os.getpid()}_{next(_roles)}"
    owner = Store(connect(url))
    try:
        owner.center.organise(role)
        for email in EMPLOYERS:
            owner.center.add_seeker(email, email.split("@")[0].title())
        owner.roster.add_person("cy@uni.example", "Cy Coach", "coach")
    finally:
        owner.close()
    for email, password in PASSWORDS.items():
        said = Cli(url)("org", "password", "--email", email, "--password-stdin",
                        input=password + "\n")
        assert said.exit_code == 0, said.output
    return url.replace("postgres@", f"{role}@")


@pytest.fixture
def center(postgres, request) -> tuple[str, str]:
    """Return (owner's URL, app role's URL) of a center of Ana, Bo (seekers) and Cy (coach)."""
    url, app_url, _ = new_center(postgres, request, lambda url: (_center(url), {}))
    return url, app_url


def _app(app_url: str, check_owners: bool = True, **headers: str) -> TestClient:
    """The web app as `serve --org` serves it (the application's check off only to prove
    row-level security alone: tests/test_org_sweep.py)."""
    app = create_app(WebConfig(app_url, clock=lambda: NOW, tz=TZ, org=True,
                               check_owners=check_owners), Guard(port=8765, org=True))
    return TestClient(app, base_url=BASE, follow_redirects=False, headers=headers)


def signed_in(app_url: str, email: str) -> TestClient:
    web = _app(app_url, Origin=BASE)
    answer = web.post("/login", data={"email": email, "password": PASSWORDS[email]})
    assert answer.status_code == 303, answer.text
    return web


def script(app_url: str, token: str, check_owners: bool = True) -> TestClient:
    """A script of the seeker's: no cookie, no Origin, the token in its header."""
    return _app(app_url, check_owners, Authorization=f"Bearer {token}")


def make_token(web: TestClient, name: str) -> str:
    """Make a token on the page; return its secret, read from the page as a student would."""
    made = web.post("/tokens", data={"name": name})
    assert made.status_code == 201, made.text
    found = re.findall(r'id="new-secret" class="copy" readonly value="(itk_[^"]+)"', made.text)
    assert len(found) == 1, made.text
    return found[0]


def add_interview(web: TestClient, email: str) -> dict[str, Any]:
    added = web.post("/api/interviews", json={
        "employer": EMPLOYERS[email], "job_title": "Analyst", "at": "2026-11-24 10:00",
        "interviewers": ["Zoë Müller <zoe@example.com>"]})
    assert added.status_code == 201, added.text
    return dict(added.json())


def pending(plan: dict[str, Any]) -> list[int]:
    return [s["id"] for s in plan["steps"] if s["status"] == "pending"]


def test_a_seeker_makes_a_token_on_the_page_and_sees_its_secret_once(center):
    _, app_url = center
    ana = signed_in(app_url, "ana@uni.example")
    page = ana.get("/tokens")
    assert page.status_code == 200
    assert "What a token can do" in page.text and "You have no tokens yet." in page.text
    assert "never anyone else's data" in page.text
    secret = make_token(ana, "job-board sync")
    made = ana.post("/tokens", data={"name": "Apple Calendar"})
    assert f"{BASE}/calendar.ics?token=itk_" in made.text  # the subscription address
    again = ana.get("/tokens").text
    assert secret not in again and "itk_" not in again  # shown once, never again
    assert again.count("job-board sync") == 2  # its row, and its Revoke's label
    assert 'href="/tokens"' in ana.get("/sharing").text


def test_a_token_needs_a_name_and_says_so_next_to_the_field(center):
    _, app_url = center
    ana = signed_in(app_url, "ana@uni.example")
    answer = ana.post("/tokens", data={"name": "   "})
    assert answer.status_code == 400
    alerts = re.findall(r'role="alert">([^<]*)<', answer.text)
    assert alerts == ["give the token a short name that says which script uses it"]
    assert "<span>Token name *</span>" in answer.text and "itk_" not in answer.text
    assert "You have no tokens yet." in answer.text  # nothing was made


def test_a_token_opens_the_seekers_own_api_and_nothing_of_anyone_elses(center):
    _, app_url = center
    ana, bo = signed_in(app_url, "ana@uni.example"), signed_in(app_url, "bo@uni.example")
    mine, theirs = add_interview(ana, "ana@uni.example"), add_interview(bo, "bo@uni.example")
    api = script(app_url, make_token(ana, "job-board sync"))

    listed = api.get("/api/interviews")
    assert listed.status_code == 200 and [i["id"] for i in listed.json()] == [mine["id"]]
    assert api.get(f"/api/interviews/{mine['id']}").json()["employer"]["name"] == \
        "Société Générale"
    refused = api.get(f"/api/interviews/{theirs['id']}")
    assert refused.status_code == 404
    assert refused.json()["error"] == (f"no interview {theirs['id']}: see GET "
                                       "/api/interviews for the interviews and their ids")
    assert "Quokka" not in api.get("/api/today").text + api.get("/api/employers").text


def test_a_script_marks_a_step_done_with_the_token_and_nothing_of_anothers_changes(center):
    _, app_url = center
    ana, bo = signed_in(app_url, "ana@uni.example"), signed_in(app_url, "bo@uni.example")
    mine, theirs = add_interview(ana, "ana@uni.example"), add_interview(bo, "bo@uni.example")
    api = script(app_url, make_token(ana, "job-board sync"))
    bos_plan = bo.get(f"/api/interviews/{theirs['id']}/plan").json()

    step = pending(mine)[0]
    done = api.post(f"/api/steps/{step}/done", json={"note": "sent from my script"})
    assert done.status_code == 200, done.text
    assert step not in pending(done.json())
    shown = ana.get(f"/api/interviews/{mine['id']}/plan").json()  # Ana sees it done
    assert [s["status"] for s in shown["steps"] if s["id"] == step] == ["done"]

    for answer in (api.post(f"/api/steps/{pending(theirs)[0]}/done", json={}),
                   api.delete(f"/api/interviews/{theirs['id']}"),
                   api.post(f"/api/interviews/{theirs['id']}/decision",
                            json={"outcome": "offer"})):
        assert answer.status_code == 404, answer.text
    assert bo.get(f"/api/interviews/{theirs['id']}/plan").json() == bos_plan


def test_a_calendar_app_subscribes_to_the_seekers_own_steps_with_the_token(center):
    _, app_url = center
    ana, bo = signed_in(app_url, "ana@uni.example"), signed_in(app_url, "bo@uni.example")
    add_interview(ana, "ana@uni.example")
    add_interview(bo, "bo@uni.example")
    made = ana.post("/calendar/link")  # the Calendar page's button makes one too
    feed = re.findall(r'id="feed-address" class="copy" readonly value="([^"]+)"', made.text)
    assert feed and feed[0].startswith(f"{BASE}/calendar.ics?token=itk_")
    assert 'your <a href="/tokens">API tokens</a> page' in made.text

    calendar_app = _app(app_url)  # no cookie, no header: the address alone
    answer = calendar_app.get(feed[0].removeprefix(BASE))
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/calendar")
    unfolded = answer.text.replace("\r\n ", "")  # long lines are folded (RFC 5545)
    assert "BEGIN:VCALENDAR" in unfolded and "Société Générale" in unfolded
    assert "Quokka" not in unfolded
    assert "calendar subscription" in ana.get("/tokens").text


def test_a_revoked_or_unknown_token_is_refused_with_one_line(center):
    _, app_url = center
    ana = signed_in(app_url, "ana@uni.example")
    secret = make_token(ana, "job-board sync")
    api = script(app_url, secret)
    assert api.get("/api/today").status_code == 200
    listed = ana.get("/tokens").text
    assert "never" not in listed.split("job-board sync")[1].split("</tr>")[0]  # used
    token_id = re.findall(r'action="/tokens/(\d+)/revoke"', listed)[0]

    revoked = ana.post(f"/tokens/{token_id}/revoke")
    assert revoked.status_code == 303
    assert ('Revoked "job-board sync": a script or calendar app using it is refused '
            "from now on.") in html.unescape(ana.get(revoked.headers["location"]).text)
    for refused in (api.get("/api/today"), _app(app_url).get(f"/calendar.ics?token={secret}"),
                    script(app_url, "itk_never_made_here").get("/api/interviews"),
                    script(app_url, "not even a token").get("/api/interviews")):
        assert (refused.status_code, refused.text) == (401, REFUSED)
    assert ana.post(f"/tokens/{token_id}/revoke").status_code == 404  # already revoked


def test_another_seeker_cannot_revoke_a_token_nor_see_it(center):
    _, app_url = center
    ana, bo = signed_in(app_url, "ana@uni.example"), signed_in(app_url, "bo@uni.example")
    secret = make_token(ana, "ana's script")
    token_id = re.findall(r'action="/tokens/(\d+)/revoke"', ana.get("/tokens").text)[0]
    assert "ana's script" not in bo.get("/tokens").text
    answer = bo.post(f"/tokens/{token_id}/revoke")
    assert answer.status_code == 404 and f"no API token {token_id}" in answer.text
    assert script(app_url, secret).get("/api/today").status_code == 200  # still works


def test_a_token_opens_no_page_nor_makes_another_token(center):
    _, app_url = center
    ana = signed_in(app_url, "ana@uni.example")
    api = script(app_url, make_token(ana, "job-board sync"))
    for answer in (api.get("/today"), api.get("/tokens"), api.post("/tokens", data={"name": "x"}),
                   api.post("/sharing/grant", data={"coach": "cy@uni.example"}),
                   api.get("/settings"), api.get("/center")):
        assert (answer.status_code, answer.text) == (403, TOKEN_SCOPE)
    assert ana.get("/tokens").text.count('action="/tokens/') == 1  # no token was made


def test_coaches_have_no_tokens_page_nor_single_user_mode(center, db_path):
    _, app_url = center
    cy = signed_in(app_url, "cy@uni.example")
    assert cy.get("/tokens").status_code == 404
    assert cy.post("/tokens", data={"name": "x"}, headers={"Origin": BASE}).status_code == 404
    single = TestClient(create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ),
                                   Guard(port=8765)), base_url=BASE)
    assert single.get("/tokens").status_code == 404


def test_the_apps_role_cannot_read_tokens_before_binding_only_ask_whose_one_is(center):
    """The lookup is a function of its own role: the app's role cannot list the hashes,
    nor take that role, and an unknown hash finds no one."""
    url, app_url = center
    ana = signed_in(app_url, "ana@uni.example")
    make_token(ana, "job-board sync")
    db = connect(app_url, upgrade=False)
    try:
        with pytest.raises(StorageError):
            db.execute("SELECT token_hash FROM api_tokens").fetchall()
        assert db.execute("SELECT * FROM token_seeker('0000', '2026-11-27')").fetchall() == []
        with pytest.raises(StorageError):
            db.execute(f"SET ROLE {token_role(app_url.split('//')[1].split('@')[0])}")
    finally:
        db.close()
    owner = connect(url, upgrade=False)
    try:
        assert owner.execute("SELECT COUNT(*) FROM api_tokens").fetchone()[0] == 1
    finally:
        owner.close()


def test_a_token_of_one_center_opens_nothing_on_another(center, postgres):
    from conftest import close_pools

    _, app_url = center
    secret = make_token(signed_in(app_url, "ana@uni.example"), "job-board sync")
    other = postgres.new_database()
    other_app = _center(other)
    try:
        refused = script(other_app, secret).get("/api/today")
        assert (refused.status_code, refused.text) == (401, REFUSED)
    finally:
        close_pools(other_app)
        close_pools(other)


def test_serve_org_with_workers_takes_a_token_on_every_worker(center):
    """A real `serve --org --workers 2`: the token is found in the database, whichever
    worker a request reaches (each worker answers each request at least once)."""
    from test_web_workers import fresh, noted, on_every_worker, served

    _, app_url = center
    with served(app_url, "--org", "--workers", "2") as (base, pid):
        with fresh(base) as ana:
            signed = ana.post("/login", data={"email": "ana@uni.example",
                                              "password": PASSWORDS["ana@uni.example"]})
            assert signed.status_code == 303, signed.text
            made = ana.post("/tokens", data={"name": "job-board sync"})
            secret = re.findall(r'value="(itk_[^"]+)"', made.text)[0]
            mine = ana.post("/api/interviews", json={
                "employer": "Société Générale", "job_title": "Analyst",
                "at": "2026-11-24 10:00"}).json()["id"]
        answers: list[tuple[str, int]] = []

        def by_token() -> None:
            with fresh(base) as api:
                noted(api, pid, answers=answers)
                api.headers["Authorization"] = f"Bearer {secret}"
                assert [i["id"] for i in api.get("/api/interviews").json()] == [mine]
                assert api.get(f"/calendar.ics?token={secret}").status_code == 200

        on_every_worker(pid, answers, by_token)


def test_the_centers_operator_lists_and_revokes_a_seekers_tokens(center):
    url, app_url = center
    ana = signed_in(app_url, "ana@uni.example")
    secret = make_token(ana, "job-board sync")
    assert script(app_url, secret).get("/api/today").status_code == 200
    make_token(signed_in(app_url, "bo@uni.example"), "bo's script")
    listed = Cli(url).json("org", "tokens", "--email", "ana@uni.example")
    assert [(t["name"], t["revoked"]) for t in listed["tokens"]] == [("job-board sync", None)]
    assert listed["email"] == "ana@uni.example" and listed["tokens"][0]["last_used"]
    token_id = str(listed["tokens"][0]["id"])

    wrong = Cli(url)("org", "tokens", "--email", "bo@uni.example", "--revoke", token_id)
    assert wrong.exit_code != 0
    assert wrong.output == (f"insidetrack: error: bo@uni.example has no API token with id "
                            f"{token_id}\n")
    coach = Cli(url)("org", "tokens", "--email", "cy@uni.example")
    assert coach.output == ("insidetrack: error: --email: cy@uni.example is a coach: only job "
                            "seekers have API tokens\n")
    assert script(app_url, secret).get("/api/today").status_code == 200  # nothing changed

    revoked = Cli(url)("org", "tokens", "--email", "ana@uni.example", "--revoke", token_id)
    assert revoked.exit_code == 0, revoked.output
    assert revoked.stderr == f"Revoked API token {token_id} (job-board sync).\n"
    assert revoked.stdout.startswith("API tokens of Ana <ana@uni.example>:\n")
    assert f"  {token_id}  job-board sync  (made 2026-" in revoked.stdout
    assert ", revoked 2026-" in revoked.stdout
    assert script(app_url, secret).get("/api/today").status_code == 401


def test_a_seeker_makes_and_revokes_a_token_in_a_browser(center):
    """Chromium, the server as `serve --org` runs it: from Sharing to API tokens, make one,
    copy the secret the page shows, use it from a script, revoke it; each page passes axe."""
    import httpx

    from browsing import ARTIFACTS, chromium
    from test_web_accessibility import AA, _problems
    from test_web_workers import served

    _, app_url = center
    with served(app_url, "--org") as (base, _), chromium() as browser:
        page = browser.new_page()
        page.goto(base + "/login")
        page.get_by_label("E-mail").fill("ana@uni.example")
        page.get_by_label("Password").fill(PASSWORDS["ana@uni.example"])
        page.get_by_role("button", name="Log in").click()
        page.get_by_role("link", name="Sharing").click()
        page.get_by_role("link", name="API token").click()
        assert page.get_by_role("heading", level=1).inner_text() == "API tokens"
        assert _problems(page) == [], AA
        page.get_by_label("Token name").fill("job-board sync")
        page.get_by_role("button", name="Make a token").click()
        secret = page.get_by_label("Token", exact=True).input_value()
        assert secret.startswith("itk_")
        assert page.get_by_label("Calendar subscription address").input_value() == \
            f"{base}/calendar.ics?token={secret}"
        assert _problems(page) == [], AA
        page.screenshot(path=str(ARTIFACTS / "org-tokens.png"), full_page=True)
        api = {"Authorization": f"Bearer {secret}"}
        assert httpx.get(f"{base}/api/today", headers=api).status_code == 200
        page.get_by_role("button", name="Revoke job-board sync").click()
        assert 'Revoked "job-board sync"' in page.get_by_role("status").inner_text()
        assert "revoked" in page.get_by_role("row").filter(has_text="job-board sync").inner_text()
        assert httpx.get(f"{base}/api/today", headers=api).status_code == 401


def test_a_token_made_to_stop_after_some_days_is_refused_after_them(center):
    from datetime import timedelta

    _, app_url = center
    ana = signed_in(app_url, "ana@uni.example")
    wrong = ana.post("/tokens", data={"name": "weekly export", "expires_in": "soon"})
    assert wrong.status_code == 400
    assert re.findall(r'role="alert">([^<]*)<', wrong.text) == ["&#39;soon&#39; is not a "
                                                                "number of days"]
    assert "You have no tokens yet." in wrong.text  # nothing made
    made = ana.post("/tokens", data={"name": "weekly export", "expires_in": "3"})
    assert made.status_code == 201
    secret = re.findall(r'readonly value="(itk_[^"]+)"', made.text)[0]
    assert "Stops working" in made.text and "when revoked" not in made.text

    def later(days: int) -> TestClient:
        app = create_app(WebConfig(app_url, clock=lambda: NOW + timedelta(days=days), tz=TZ,
                                   org=True), Guard(port=8765, org=True))
        return TestClient(app, base_url=BASE, headers={"Authorization": f"Bearer {secret}"})

    assert later(2).get("/api/today").status_code == 200
    refused = later(4).get("/api/today")
    assert (refused.status_code, refused.text) == (401, REFUSED)


def test_the_lookup_itself_finds_no_one_for_a_turned_off_seekers_token(center):
    """Turning off revokes the tokens too; a token left live (a person turned off by hand, or
    by a version that did not revoke them) still opens nothing, whoever asks the lookup."""
    import hashlib

    url, app_url = center
    secret = make_token(signed_in(app_url, "ana@uni.example"), "job-board sync")
    token_hash = hashlib.sha256(secret.encode("utf-8")).hexdigest()
    owner = connect(url, upgrade=False)
    try:
        owner.execute("UPDATE org_people SET disabled_at = now() WHERE email = ?",
                      ("ana@uni.example",))
    finally:
        owner.close()
    db = connect(app_url, upgrade=False)
    try:
        assert db.execute("SELECT * FROM token_seeker(?, '2026-11-27')",
                          (token_hash,)).fetchall() == []
    finally:
        db.close()
    refused = script(app_url, secret).get("/api/today")
    assert (refused.status_code, refused.text) == (401, REFUSED)
