"""What a tester found in a career center's web pages (issue 15), mended: the demo refused,
the Sharing page saying exactly what a coach sees, the grant form telling no one who is
enrolled, an empty roster file named so, no menu before signing in, a normal 404 for a
wrong address under /center, wording that fits a job seeker and a coach after a revoke,
cohort CSVs that Excel opens, no phantom hidden decision, and a calm second "Mark done".

A real PostgreSQL (tests/pg.py), the app as the center's app role, everyone signed in for
real (tests/test_org_coach.py makes the center); each test checks what a person sees.
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
from insidetrack.services.demo import CENTER_REFUSES
from insidetrack.web.app import create_app
from insidetrack.web.center_pages import STAFF_ONLY
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard
from test_org_coach import BASE, INTERVIEW, alert, make_center, said, signed_in

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402


@pytest.fixture
def center(postgres, request):
    """A center of tests/test_org_coach.py's PEOPLE: (owner's URL, app role's URL, ids)."""
    return new_center(postgres, request, make_center)


def _thank_you(web: TestClient) -> int:
    """Add tests/test_org_coach.py's interview; return its thank-you step's id."""
    added = web.post("/api/interviews", json=INTERVIEW)
    assert added.status_code == 201, added.text
    steps = web.get(f"/api/interviews/{added.json()['id']}/plan").json()["steps"]
    return int(next(s["id"] for s in steps if s["kind"] == "thank-you"))


def test_a_centers_job_seeker_is_offered_no_demo_and_cannot_load_it(center, db_path):
    _, app_url, _ = center
    bo = signed_in(app_url, "bo@uni.example")
    first = bo.get("/")
    assert "Follow up after every interview" in first.text  # the first page
    assert "Load the demo data" not in first.text and 'action="/demo"' not in first.text
    refused = bo.post("/demo")
    assert refused.status_code == 409
    assert html.unescape(alert(refused.text)) == CENTER_REFUSES
    assert "Dana Whitfield" not in bo.get("/profile").text
    assert "Northwind" not in bo.get("/pipeline").text
    alone = TestClient(create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ),
                                  Guard(port=8765)), base_url=BASE)
    assert "Load the demo data" in alone.get("/").text  # single-user mode: as before


def test_the_demo_command_on_a_centers_database_is_refused_in_one_line(center):
    url, app_url, _ = center
    for db in (url, app_url):  # as the center's owner, and as its app's role
        refused = Cli(db)("demo")
        assert refused.exit_code == 2, refused.output
        assert refused.output == (
            "insidetrack: error: --db: this is a career center's database: the "
            "single-user commands do not run on it; use the org commands (insidetrack "
            "org --help), or its web app (serve --org)\n")
    bo = signed_in(app_url, "bo@uni.example")
    assert "Dana Whitfield" not in bo.get("/profile").text  # nothing was loaded
    assert bo.get("/api/interviews").json() == []


def _parts(page: str) -> list[tuple[str, str]]:
    return [(html.unescape(h), html.unescape(w))
            for h, w in re.findall(r"<li><strong>([^<]*)</strong>: ([^<]*)</li>", page)]


def _sections(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r"<h2>([^<]*)</h2>", page)]


def test_the_sharing_page_lists_exactly_the_parts_of_the_coachs_page(center):
    _, app_url, ids = center
    anais = signed_in(app_url, "anais@uni.example")
    _thank_you(anais)
    sharing = anais.get("/sharing").text
    assert _parts(sharing) == [(p.heading, p.words) for p in SHOWN_ALWAYS + SHOWN_WITH_DRAFTS]
    for promise in ("salary", "e-mail and phone", "who interviewed you"):  # not on the view
        assert promise not in sharing
    cyrille = signed_in(app_url, "cyrille@uni.example")
    overview = f"/center/seekers/{ids['anais@uni.example']}"
    said(anais, anais.post("/sharing/grant", data={"coach": "cyrille@uni.example"}))
    assert _sections(cyrille.get(overview).text) == [p.heading for p in SHOWN_ALWAYS]
    said(anais, anais.post("/sharing/grant", data={"coach": "cyrille@uni.example",
                                                    "drafts": "on"}))
    assert _sections(cyrille.get(overview).text) == [
        p.heading for p in SHOWN_ALWAYS + SHOWN_WITH_DRAFTS]


def test_the_grant_form_tells_no_one_who_is_enrolled(center):
    _, app_url, _ = center
    anais = signed_in(app_url, "anais@uni.example")
    for someone in ("bo@uni.example", "eve@uni.example", "nobody@uni.example"):
        answer = anais.post("/sharing/grant", data={"coach": someone})
        assert answer.status_code == 400
        assert html.unescape(alert(answer.text)) == NO_SUCH_COACH, someone
        stop = anais.post("/sharing/revoke", data={"coach": someone})
        assert NO_SUCH_COACH in html.unescape(alert(stop.text)), someone
    form = anais.get("/sharing").text.split("Share with one of the center's coaches")[1]
    options = [html.unescape(o) for o in re.findall(r"<option [^>]*>([^<]*)</option>", form)]
    assert options == ["Cyrille Lefèvre (cyrille@uni.example): your coach at the center",
                       "Dee Núñez (dee@uni.example)"]  # the center's coaches: hers first
    shared = said(anais, anais.post("/sharing/grant", data={"coach": "dee@uni.example"}))
    assert "Dee Núñez &lt;dee@uni.example&gt; can now see your pipeline and steps" in shared


def test_an_empty_roster_file_is_called_empty(center, tmp_path):
    url, app_url, _ = center
    eve = signed_in(app_url, "eve@uni.example")
    empty = eve.post("/center/admin/roster", files={"roster": ("roster.csv", b"", "text/csv")})
    assert empty.status_code == 400
    assert alert(empty.text).startswith("the file is empty")
    none = eve.post("/center/admin/roster", files={"roster": ("", b"", "text/csv")})
    assert html.unescape(alert(none.text)) == "choose the roster's CSV file first"
    (tmp_path / "empty.csv").write_bytes(b"")
    said_cli = Cli(url)("org", "roster", "import", str(tmp_path / "empty.csv"))
    assert said_cli.exit_code != 0 and "FILE: the file is empty" in said_cli.stderr


def test_the_sign_in_page_shows_no_menu(center):
    _, app_url, _ = center
    app = create_app(WebConfig(app_url, clock=lambda: NOW, tz=TZ, org=True),
                     Guard(port=8765, org=True))
    page = TestClient(app, base_url=BASE).get("/login").text
    assert "E-mail" in page and "Password" in page
    for item in ('aria-label="Main"', 'href="/today"', "Log out", 'href="/sharing"'):
        assert item not in page, item


def _center_addresses() -> list[str]:
    """Every address under /center with a path parameter (from the router), each "abc"."""
    from test_org_sweep import routes

    paths = {r.path for r in routes() if r.method == "GET"}
    return sorted(re.sub(r"\{[^}]+\}", "abc", p) for p in paths
                  if p.startswith("/center/") and "{" in p)


def test_a_wrong_address_under_center_is_a_normal_404_page(center):
    _, app_url, _ = center
    addresses = _center_addresses()
    assert "/center/cohorts/abc" in addresses and "/center/seekers/abc" in addresses
    for email in ("cyrille@uni.example", "eve@uni.example"):
        web = signed_in(app_url, email)
        for address in addresses:
            answer = web.get(address)
            assert answer.status_code == 404, (email, address, answer.text[:200])
            assert answer.headers["content-type"].startswith("text/html"), address
            assert alert(answer.text) and "Input should be" not in answer.text, address


def test_a_seeker_is_told_a_staff_page_is_the_staffs(center):
    _, app_url, ids = center
    anais = signed_in(app_url, "anais@uni.example")
    for address in (f"/center/seekers/{ids['bo@uni.example']}", "/center/admin", "/center"):
        answer = anais.get(address)
        assert answer.status_code == 404
        assert html.unescape(alert(answer.text)) == STAFF_ONLY


def test_a_coach_reads_who_stopped_sharing_and_when(center):
    _, app_url, _ = center
    anais = signed_in(app_url, "anais@uni.example")
    cyrille = signed_in(app_url, "cyrille@uni.example")
    said(anais, anais.post("/sharing/grant", data={"coach": "cyrille@uni.example"}))
    said(anais, anais.post("/sharing/revoke", data={"coach": "cyrille@uni.example"}))
    row = _row(cyrille.get("/center").text, "Anaïs Dupré")
    assert "they shared their search with you until Wed 25 Nov 2026 15:00, then stopped" in row
    assert "have not shared" not in row


def _row(page: str, name: str) -> str:
    found = [r for r in re.findall(r"<tr>.*?</tr>", page, re.S) if name in r]
    assert found, page
    return html.unescape(found[0])


def test_a_post_without_origin_gets_no_command_line_advice_in_a_center(center, db_path):
    _, app_url, _ = center
    anais = signed_in(app_url, "anais@uni.example")
    del anais.headers["Origin"]
    refused = anais.post("/sharing/grant", data={"coach": "cyrille@uni.example"})
    assert refused.status_code == 403
    assert "API token" in refused.text and "insidetrack api-token" not in refused.text
    alone = TestClient(create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ),
                                  Guard(port=8765)), base_url=BASE)
    assert "insidetrack api-token create NAME" in alone.post("/demo").text  # as before


def _marked_twice(web: TestClient, step: int) -> tuple[Any, str]:
    first = web.post(f"/steps/{step}/done", data={"next": "/today"})
    second = web.post(f"/steps/{step}/done", data={"next": "/today"})
    assert first.status_code == 303
    return second, said(web, second)


def test_mark_done_twice_lands_calmly_in_a_center(center):
    _, app_url, _ = center
    anais = signed_in(app_url, "anais@uni.example")
    second, page = _marked_twice(anais, _thank_you(anais))
    assert second.headers["location"] == "/today"
    assert "Already done: Thank-you e-mail to Zoë Müller. Nothing changed." in page


def test_mark_done_twice_lands_calmly_alone(db_path):
    web = TestClient(create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ),
                                Guard(port=8765)), base_url=BASE, follow_redirects=False,
                     headers={"Origin": BASE})
    second, page = _marked_twice(web, _thank_you(web))
    assert "Already done: Thank-you e-mail to Zoë Müller. Nothing changed." in page
    again = web.post(f"/api/steps/{_first_done(web)}/done", json={})
    assert again.status_code == 409  # a script still learns it was done already


def _first_done(web: TestClient) -> int:
    steps = web.get("/api/interviews/1/plan").json()["steps"]
    return int(next(s["id"] for s in steps if s["status"] == "done"))


# The cohort figures' files ----------------------------------------------------------

COHORT = "Société/Été 2026"
_roles = iter(range(10**6))


@pytest.fixture(scope="module")
def cohort(postgres, tmp_path_factory):
    """A cohort of three job seekers, each with an interview and no decision (a minimum of
    three): (the app role's URL, the cohort's id)."""
    from conftest import close_pools

    url = postgres.new_database()
    run = Cli(url)
    run.ok("org", "init", "--app-role", role := f"pages_{os.getpid()}_{next(_roles)}")
    for name, kind in (("cy", "coach"), ("ad", "admin")):
        run.ok("org", "person", "add", "--email", f"{name}@uni.example", "--name", name,
               "--role", kind)
    roster = tmp_path_factory.mktemp("roster") / "roster.csv"
    roster.write_text("email,name,cohort,coach\n" + "".join(
        f"{n}@uni.example,{n.title()},{COHORT},cy@uni.example\n" for n in ("ana", "bo", "cai")),
        encoding="utf-8")
    run.ok("org", "roster", "import", str(roster))
    app_url = url.replace("postgres@", f"{role}@")
    for name in ("cy", "ad", "ana", "bo", "cai"):
        said_cli = run("org", "password", "--email", f"{name}@uni.example",
                       "--password-stdin", input="a long enough secret\n")
        assert said_cli.exit_code == 0, said_cli.output
    saved = _signed(app_url, "ad@uni.example").post("/center/admin/defaults",
                                                     data={"cohort.min_seekers": "3"})
    assert saved.status_code == 303, saved.text
    for name in ("ana", "bo", "cai"):
        _signed(app_url, f"{name}@uni.example").post("/api/interviews", json=INTERVIEW)
    cy = _signed(app_url, "cy@uni.example")
    cohort_id = int(re.findall(r'href="/center/cohorts/(\d+)"', cy.get("/center/cohorts").text)[0])
    yield app_url, cohort_id
    close_pools(app_url)
    close_pools(url)


def _signed(app_url: str, email: str) -> TestClient:
    app = create_app(WebConfig(app_url, clock=lambda: NOW, tz=TZ, org=True),
                     Guard(port=8765, org=True))
    web = TestClient(app, base_url=BASE, follow_redirects=False, headers={"Origin": BASE})
    answer = web.post("/login", data={"email": email, "password": "a long enough secret"})
    assert answer.status_code == 303, answer.text
    return web


def _section(page: str, table: str) -> str:
    found = re.search(f'<section class="card" id="{table}">(.*?)</section>', page, re.S)
    assert found, page
    return found.group(1)


def test_no_decision_at_all_hides_no_row(cohort):
    app_url, cohort_id = cohort
    page = _signed(app_url, "cy@uni.example").get(f"/center/cohorts/{cohort_id}").text
    assert "3 job seekers" in page
    decisions = _section(page, "decisions")
    assert "Nothing to show yet." in decisions and "hidden" not in decisions
    assert "interviewing" in _section(page, "stages")  # three seekers: shown


def test_a_cohort_csv_opens_in_excel_named_by_its_cohort(cohort):
    app_url, cohort_id = cohort
    cy = _signed(app_url, "cy@uni.example")
    answer = cy.get(f"/center/cohorts/{cohort_id}/stages.csv")
    assert answer.status_code == 200
    assert answer.content.startswith("\ufeff".encode())  # a BOM: Excel reads UTF-8
    assert answer.content.decode("utf-8-sig").splitlines() == ["stage,interviews",
                                                               "interviewing,3"]
    named = answer.headers["content-disposition"]
    assert named == ('attachment; filename="Societe Ete 2026 - stages.csv"; '
                     "filename*=UTF-8''Soci%C3%A9t%C3%A9%20%C3%89t%C3%A9%202026%20-%20stages.csv")
    page = cy.get(f"/center/cohorts/{cohort_id}").text
    assert ("a row computed from fewer than 3 job seekers is left out of the file too"
            in _section(page, "stages"))
