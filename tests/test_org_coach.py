"""Consent on the web (issue 15, items 4-6): a job seeker's Sharing page, a coach's pages
under /center, and the isolation sweep with a coach.

A real PostgreSQL (tests/pg.py), the app as the center's app role, everyone signed in for
real with a password set by `org password`. What is checked is what a person would notice:
what the Sharing page lists, what a coach sees before, during and after a grant, the log
the seeker reads, and that a coach without consent gets 404 everywhere and changes nothing.
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
from insidetrack.services.coaching import NO_SUCH_COACH
from insidetrack.services.consent import SHOWN_ALWAYS, SHOWN_WITH_DRAFTS
from insidetrack.services.ownership import ID_PARAMETERS
from insidetrack.storage.db import connect
from insidetrack.storage.store import Store
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

BASE = "http://127.0.0.1:8765"
PEOPLE = {  # e-mail: (name, role, password)
    "anais@uni.example": ("Anaïs Dupré", "seeker", "anaïs's long secret"),
    "bo@uni.example": ("Bo Ødegård", "seeker", "bo's long secret"),
    "cyrille@uni.example": ("Cyrille Lefèvre", "coach", "cyrille's long secret"),
    "dee@uni.example": ("Dee Núñez", "coach", "dee's long secret"),
    "eve@uni.example": ("Ève Admin", "admin", "ève's long secret"),
}
INTERVIEW = {"employer": "Société Générale", "job_title": "Analyst", "at": "2026-11-20 10:00",
             "interviewers": ["Zoë Müller <zoe@sg.example>"]}
_roles = iter(range(10**6))


def make_center(url: str, fill: Any = None) -> tuple[str, dict[str, int]]:
    """Make a center of PEOPLE on a new database, Anaïs on Cyrille's roster; return the app
    role's URL and everyone's id. `fill(env, seeker_id)` adds rows for a seeker."""
    role = f"coach_{os.getpid()}_{next(_roles)}"
    owner = Store(connect(url))
    ids = {}
    try:
        owner.center.organise(role)
        for email, (name, kind, _) in PEOPLE.items():
            ids[email] = (owner.center.add_seeker(email, name) if kind == "seeker"
                          else owner.roster.add_person(email, name, kind))
        owner.roster.assign(ids["anais@uni.example"], ids["cyrille@uni.example"])
    finally:
        owner.close()
    for email, (_, _, password) in PEOPLE.items():
        said = Cli(url)("org", "password", "--email", email, "--password-stdin",
                        input=password + "\n")
        assert said.exit_code == 0, said.output
    return url.replace("postgres@", f"{role}@"), ids


@pytest.fixture
def center(postgres, request):
    _, app_url, ids = new_center(postgres, request, make_center)
    return app_url, ids


def signed_in(app_url: str, email: str, check_owners: bool = True) -> TestClient:
    app = create_app(WebConfig(app_url, clock=lambda: NOW, tz=TZ, org=True,
                               check_owners=check_owners), Guard(port=8765, org=True))
    web = TestClient(app, base_url=BASE, follow_redirects=False, headers={"Origin": BASE})
    answer = web.post("/login", data={"email": email, "password": PEOPLE[email][2]})
    assert answer.status_code == 303, answer.text
    return web


def alert(page: str) -> str:
    """The error a page says (error.html's one alert)."""
    found = re.findall(r'role="alert">([^<]*)<', page)
    assert len(found) == 1, page
    return found[0]


def said(web: TestClient, answer: Any) -> str:
    """Follow a form's redirect; return the page it leads to, with its message."""
    assert answer.status_code == 303, answer.text
    return web.get(answer.headers["location"]).text


def test_a_seeker_shares_with_their_coach_who_looks_and_then_sees_nothing(center):
    app_url, ids = center
    anais = signed_in(app_url, "anais@uni.example")
    assert anais.post("/api/interviews", json=INTERVIEW).status_code == 201
    page = anais.get("/sharing").text
    assert '<a href="/sharing" aria-current="page">Sharing</a>' in page
    assert "Cyrille Lefèvre" in page and "your coach at the center" in page
    assert all(part.words in page for part in (*SHOWN_ALWAYS, *SHOWN_WITH_DRAFTS))
    assert "No coach has looked at your search yet." in page

    cyrille = signed_in(app_url, "cyrille@uni.example")
    assert cyrille.get("/").headers["location"] == "/center"
    listed = cyrille.get("/center").text
    assert "Anaïs Dupré" in listed and "they have not shared their search with you" in listed
    overview = f"/center/seekers/{ids['anais@uni.example']}"
    assert f'href="{overview}"' not in listed

    shared = said(anais, anais.post("/sharing/grant", data={"coach": "cyrille@uni.example"}))
    assert ("Cyrille Lefèvre &lt;cyrille@uni.example&gt; can now see your pipeline and steps,"
            " until you stop sharing." in shared)
    assert f'href="{overview}"' in cyrille.get("/center").text
    look = cyrille.get(overview)
    assert look.status_code == 200
    assert "Anaïs Dupré" in look.text and "Société Générale" in look.text
    assert "Thank-yous missed" in look.text and "Drafts of the" not in look.text
    log = anais.get("/sharing").text
    assert "Who looked at what, when" in log and "overview: pipeline and steps" in log

    stopped = said(anais, anais.post("/sharing/revoke", data={"coach": "cyrille@uni.example"}))
    assert "Cyrille Lefèvre &lt;cyrille@uni.example&gt; sees nothing of your search" in stopped
    gone, unknown = cyrille.get(overview), cyrille.get("/center/seekers/987654321")
    assert gone.status_code == unknown.status_code == 404
    assert (f"no job seeker with id {ids['anais@uni.example']} has shared their search with "
            "you") in gone.text
    assert alert(gone.text).replace(str(ids["anais@uni.example"]), "987654321") == \
        alert(unknown.text)


def test_drafts_are_shown_only_when_shared(center):
    app_url, ids = center
    anais = signed_in(app_url, "anais@uni.example")
    anais.post("/api/interviews", json=INTERVIEW)
    said(anais, anais.post("/sharing/grant", data={"coach": "cyrille@uni.example",
                                                    "drafts": "on"}))
    page = anais.get("/sharing").text
    assert "your pipeline and steps, and your drafts (since" in page
    look = signed_in(app_url, "cyrille@uni.example").get(
        f"/center/seekers/{ids['anais@uni.example']}")
    assert "shares their pipeline, steps and drafts with you" in look.text
    assert "Drafts of the overdue follow-ups" in look.text
    assert "overview: pipeline and steps, drafts" in anais.get("/sharing").text


def test_a_seeker_shares_only_with_the_centers_coaches(center):
    app_url, _ = center
    anais = signed_in(app_url, "anais@uni.example")
    for coach, reason in (("bo@uni.example", NO_SUCH_COACH), ("eve@uni.example", NO_SUCH_COACH),
                          ("zed@uni.example", NO_SUCH_COACH), ("not an address", "")):
        answer = anais.post("/sharing/grant", data={"coach": coach})
        assert answer.status_code == 400, coach
        assert answer.text.count('role="alert"') == 1
        assert reason in html.unescape(answer.text)
    assert "Everything you shared" not in anais.get("/sharing").text  # nothing granted
    # Another coach of the center than their own: allowed, and listed from then on.
    shared = said(anais, anais.post("/sharing/grant", data={"coach": "DEE@uni.example"}))
    assert "Dee Núñez" in shared
    listed = signed_in(app_url, "dee@uni.example").get("/center").text
    assert "Anaïs Dupré" in listed and "not on your list at the center" in listed


def test_a_seeker_grants_only_for_themselves(center):
    app_url, ids = center
    anais = signed_in(app_url, "anais@uni.example")
    answer = anais.post("/sharing/grant", data={"coach": "cyrille@uni.example",
                                                "seeker_id": str(ids["bo@uni.example"])})
    assert answer.status_code == 404
    bo_page = signed_in(app_url, "bo@uni.example").get("/sharing").text
    assert "Everything you shared" not in bo_page
    assert signed_in(app_url, "cyrille@uni.example").get(
        f"/center/seekers/{ids['bo@uni.example']}").status_code == 404


def test_a_seeker_has_no_center_pages_and_staff_no_sharing_page(center):
    app_url, ids = center
    anais = signed_in(app_url, "anais@uni.example")
    assert anais.get("/center").status_code == 404
    assert anais.get(f"/center/seekers/{ids['anais@uni.example']}").status_code == 404
    for email in ("cyrille@uni.example", "eve@uni.example"):
        assert signed_in(app_url, email).get("/sharing").status_code == 404


def test_an_administrator_sees_no_seekers_records(center):
    app_url, ids = center
    anais = signed_in(app_url, "anais@uni.example")
    said(anais, anais.post("/sharing/grant", data={"coach": "cyrille@uni.example"}))
    eve = signed_in(app_url, "eve@uni.example")
    assert eve.get("/").status_code == 200  # the administrator's home, for now
    assert "No job seekers yet" in eve.get("/center").text
    assert eve.get(f"/center/seekers/{ids['anais@uni.example']}").status_code == 404


def test_single_user_mode_has_no_sharing_or_center_pages(db_path):
    web = TestClient(create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ), Guard(port=8765)),
                     base_url=BASE, follow_redirects=False)
    assert web.get("/sharing").status_code == 404
    assert web.get("/center").status_code == 404
    assert web.get("/center/seekers/1").status_code == 404
    assert 'href="/sharing"' not in web.get("/today").text


# The isolation sweep with a coach -------------------------------------------------------

@pytest.fixture(scope="module")
def swept(postgres) -> Any:
    """A center whose Bo has a full set of rows (the sweep's), and Bo's id in each table."""
    from conftest import close_pools
    from test_org_sweep import _env, _fill

    url = postgres.new_database()
    app_url, ids = make_center(url)
    bo = ids["bo@uni.example"]
    store = Store(connect(app_url, upgrade=False))
    store.center.bind(bo)
    _fill(_env(store), "Quokka Freight Cooperative")
    store.close()
    b_ids = {"org_people": bo}
    db = connect(url, upgrade=False)
    for table in sorted({p.table for p in ID_PARAMETERS.values() if not p.seeker}):
        b_ids[table] = int(db.execute(f"SELECT MIN(id) FROM {table} WHERE seeker_id = ?",
                                      (bo,)).fetchone()[0])
    db.close()
    yield url, app_url, ids, b_ids
    close_pools(app_url)
    close_pools(url)


def _bos_rows(url: str, bo: int) -> dict[str, list[dict[str, Any]]]:
    from test_org_sweep import Center

    return Center(url, "", 0, bo).b_rows()


def _sweep(web: TestClient, b_ids: dict[str, int], skip: set[str]) -> dict[str, Any]:
    """Call every route of the router with Bo's ids (and those without an id too)."""
    from test_org_sweep import Center, _request, routes

    ids = Center("", "", 0, b_ids["org_people"], b_ids)
    answers = {}
    for route in routes():
        name = f"{route.method} {route.path}"
        if name not in skip:
            answers[name] = web.request(**_request(route, ids))
    return answers


# Not swept: signing in and out (the coach's own session, single sign-on too), where a
# provider's answer comes back before any session is known (a student's mail sign-in's too:
# it only moves on to /my-mail/oauth/done, which is a seeker's and swept), and the coach's
# home pages (their job seekers, and their cohorts' figures: counts, never rows).
OWN = {"GET /login", "POST /login", "POST /logout", "GET /login/sso", "GET /login/sso/back",
       "GET /my-mail/oauth/back", "GET /", "GET /center", "GET /center/cohorts"}
OVERVIEW = "GET /center/seekers/{seeker_id}"


@pytest.mark.parametrize("check_owners", [True, False], ids=["both walls", "without the "
                                                                "application's check"])
def test_a_coach_without_consent_gets_404_everywhere_and_changes_nothing(swept, check_owners):
    url, app_url, ids, b_ids = swept
    cyrille = signed_in(app_url, "cyrille@uni.example", check_owners)
    before = _bos_rows(url, ids["bo@uni.example"])
    answers = _sweep(cyrille, b_ids, OWN)
    assert len(answers) > 100 and OVERVIEW in answers
    wrong = [f"{k}: {r.status_code} {r.text[:120]}" for k, r in answers.items()
             if r.status_code != 404]
    assert not wrong, "\n".join(wrong)
    assert "Quokka" not in cyrille.get("/center").text
    assert "Quokka" not in cyrille.get("/center/cohorts").text
    assert _bos_rows(url, ids["bo@uni.example"]) == before


def test_a_coach_with_consent_sees_the_overview_and_still_cannot_write(swept):
    url, app_url, ids, b_ids = swept
    bo_id = ids["bo@uni.example"]
    bo = signed_in(app_url, "bo@uni.example")
    said(bo, bo.post("/sharing/grant", data={"coach": "cyrille@uni.example", "drafts": "on"}))
    cyrille = signed_in(app_url, "cyrille@uni.example")
    before = _bos_rows(url, bo_id)
    answers = _sweep(cyrille, b_ids, OWN)
    assert answers.pop(OVERVIEW).status_code == 200
    wrong = [f"{k}: {r.status_code}" for k, r in answers.items() if r.status_code != 404]
    assert not wrong, "\n".join(wrong)
    look = cyrille.get(f"/center/seekers/{bo_id}")
    assert look.text.count('method="post"') == 1  # Log out: nothing on the page writes
    assert "Bo Ødegård" in look.text and '<span class="tag late">overdue</span>' in look.text
    assert "Drafts of the overdue follow-ups" in look.text and "Best regards" in look.text
    after = _bos_rows(url, bo_id)
    assert len(after.pop("audit")) == len(before.pop("audit")) + 2  # the two looks, logged
    assert after == before
    said(bo, bo.post("/sharing/revoke", data={"coach": "cyrille@uni.example"}))
    assert cyrille.get(f"/center/seekers/{bo_id}").status_code == 404


# In a real browser --------------------------------------------------------------------

def test_a_seeker_shares_from_the_sharing_page_in_a_browser(center):
    """Chromium, the server as `serve --org` runs it: sign in, open Sharing from the menu,
    share drafts too with one's coach, read what changed; the coach looks, and the seeker
    reads it in the log; each page passes axe."""
    from browsing import chromium
    from test_web_accessibility import AA, _problems
    from test_web_workers import served

    app_url, _ = center
    with served(app_url, "--org") as (base, _), chromium() as browser:
        page = browser.new_page()
        page.goto(base + "/login")
        page.get_by_label("E-mail").fill("anais@uni.example")
        page.get_by_label("Password").fill(PEOPLE["anais@uni.example"][2])
        page.get_by_role("button", name="Log in").click()
        page.get_by_role("link", name="Sharing").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Sharing with your coach"
        assert _problems(page) == [], AA
        page.get_by_label("Also share my drafts with Cyrille Lefèvre").check()
        page.get_by_role("button", name="Share my search with Cyrille Lefèvre").click()
        assert ("Cyrille Lefèvre <cyrille@uni.example> can now see your pipeline, steps and "
                "drafts, until you stop sharing.") in page.get_by_role("status").inner_text()
        row = page.get_by_role("row").filter(has_text="Cyrille Lefèvre")
        assert "your pipeline and steps, and your drafts (since" in row.inner_text()
        coach = browser.new_context().new_page()  # the coach, in a browser of their own
        coach.goto(base + "/login")
        coach.get_by_label("E-mail").fill("cyrille@uni.example")
        coach.get_by_label("Password").fill(PEOPLE["cyrille@uni.example"][2])
        coach.get_by_role("button", name="Log in").click()
        assert coach.get_by_role("heading", level=1).inner_text() == "Your job seekers"
        assert _problems(coach) == []
        coach.get_by_role("link", name="Anaïs Dupré").click()
        assert coach.get_by_role("heading", level=1).inner_text() == "Anaïs Dupré"
        assert _problems(coach) == []
        page.reload()
        assert "overview: pipeline and steps, drafts" in page.get_by_role("table").last \
            .inner_text()
        page.get_by_role("button", name="Stop sharing with Cyrille Lefèvre").click()
        assert "sees nothing of your search from now on" in page.get_by_role("status").inner_text()
        assert _problems(page) == []
