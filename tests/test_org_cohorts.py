"""A career center's cohort figures and its administrator's pages (`serve --org`).

A real PostgreSQL (tests/pg.py), the app as the center's app role (row-level security holds
for it), everyone signed in with a password. Two cohorts: Spring (three job seekers with
known interviews, replies and decisions, coached by Cy) and Autumn (two, coached by Dee),
with a minimum of three job seekers a figure. What is checked is what the center's staff
would notice: the figures, the employer that never answers first, a small group's figure
hidden, the CSV the same as the page, and 404 for whoever may not look.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import re
import warnings
from typing import Any

import pytest

from conftest import NOW, TZ, Cli
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

BASE = "http://127.0.0.1:8765"
PASSWORD = "a long enough secret"
STAFF = (("ad@uni.example", "Ada Admin", "admin"), ("cy@uni.example", "Cy Coach", "coach"),
         ("dee@uni.example", "Dee Coach", "coach"))
ROSTER = ("email,name,cohort,coach\r\n"
          "ana@uni.example,Ana Lima,Spring,cy@uni.example\r\n"
          "bo@uni.example,Bo Öberg,Spring,cy@uni.example\r\n"
          "cai@uni.example,Cai Wen,Spring,cy@uni.example\r\n"
          "dan@uni.example,Dan Roe,Autumn,dee@uni.example\r\n"
          "eve@uni.example,Eve Poe,Autumn,dee@uni.example\r\n")
_roles = itertools.count()


def _app(app_url: str) -> TestClient:
    app = create_app(WebConfig(app_url, clock=lambda: NOW, tz=TZ, org=True),
                     Guard(port=8765, org=True))
    return TestClient(app, base_url=BASE, follow_redirects=False, headers={"Origin": BASE})


def _signed_in(app_url: str, email: str) -> TestClient:
    web = _app(app_url)
    answer = web.post("/login", data={"email": email, "password": PASSWORD})
    assert answer.status_code == 303, answer.text
    return web


def _interview(web: TestClient, employer: str, at: str, *, thanked: str | None = None,
               reply: str | None = None, decision: tuple[str, str] | None = None) -> None:
    """Log an interview as a seeker would: the thank-you e-mailed, a reply, a decision."""
    added = web.post("/api/interviews", json={"employer": employer, "job_title": "Analyst",
                                              "at": at, "interviewers": ["Zoë Z <z@x.example>"]})
    assert added.status_code == 201, added.text
    interview = added.json()["id"]
    if thanked:
        steps = web.get(f"/api/interviews/{interview}/plan").json()["steps"]
        thank_you = next(s["id"] for s in steps if s["kind"] == "thank-you")
        assert web.post(f"/api/steps/{thank_you}/done", json={"at": thanked}).status_code == 200
    if reply:
        assert web.post(f"/api/interviews/{interview}/reply",
                        json={"at": reply}).status_code == 200
    if decision:
        answer = web.post(f"/api/interviews/{interview}/decision",
                          json={"outcome": decision[0], "at": decision[1]})
        assert answer.status_code == 200, answer.text


@pytest.fixture(scope="module")
def center(postgres, tmp_path_factory):
    """Return (the owner's Cli, the app role's URL, Spring's id, Autumn's id)."""
    from conftest import close_pools

    url = postgres.new_database()
    run = Cli(url)
    run.ok("org", "init", "--app-role", role := f"cohort_{os.getpid()}_{next(_roles)}")
    for email, name, kind in STAFF:
        run.ok("org", "person", "add", "--email", email, "--name", name, "--role", kind)
    roster = tmp_path_factory.mktemp("roster") / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    run.ok("org", "roster", "import", str(roster))
    for email in [s[0] for s in STAFF] + re.findall(r"^(\w+@uni\.example)", ROSTER, re.M):
        _password(run, email)
    app_url = url.replace("postgres@", f"{role}@")
    admin = _signed_in(app_url, "ad@uni.example")
    saved = admin.post("/center/admin/defaults", data={"cohort.min_seekers": "3"})
    assert saved.status_code == 303, saved.text
    _figures(app_url)
    cohorts = {c["name"]: c for c in run.json("org", "cohorts")}
    ids = {name: _cohort_id(admin, name) for name in cohorts}
    yield run, app_url, ids["Spring"], ids["Autumn"]
    close_pools(app_url)
    close_pools(url)


def _password(run: Cli, email: str) -> None:
    said = run("org", "password", "--email", email, "--password-stdin", input=PASSWORD + "\n")
    assert said.exit_code == 0, said.output


def _figures(app_url: str) -> None:
    """Spring: every seeker e-mails Globex and Acme a thank-you; Globex never answers anyone;
    Acme answers Ana (an offer after 10 days) and Bo (rejected after 4); Cai alone interviews
    at Initech (rejected after 7 days). Autumn: Dan at Hooli."""
    ana, bo, cai = (_signed_in(app_url, f"{n}@uni.example") for n in ("ana", "bo", "cai"))
    for web in (ana, bo, cai):
        _interview(web, "Globex", "2026-11-02 10:00", thanked="2026-11-02 15:00")
    _interview(ana, "Acme", "2026-11-03 10:00", thanked="2026-11-03 15:00",
               reply="2026-11-06 10:00", decision=("offer", "2026-11-13 10:00"))
    _interview(bo, "Acme", "2026-11-03 10:00", thanked="2026-11-03 15:00",
               reply="2026-11-05 10:00", decision=("rejected", "2026-11-07 10:00"))
    _interview(cai, "Acme", "2026-11-03 10:00", thanked="2026-11-03 15:00")
    _interview(cai, "Initech", "2026-11-04 10:00", decision=("rejected", "2026-11-11 10:00"))
    _interview(_signed_in(app_url, "dan@uni.example"), "Hooli", "2026-11-02 10:00",
               thanked="2026-11-02 15:00")


def _cohort_id(web: TestClient, name: str) -> int:
    page = web.get("/center/cohorts").text
    found = re.search(r'href="/center/cohorts/(\d+)">' + name + "<", page)
    assert found, page
    return int(found.group(1))


def _csv(web: TestClient, cohort: int, table: str) -> list[list[str]]:
    answer = web.get(f"/center/cohorts/{cohort}/{table}.csv")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert answer.content.startswith(codecs.BOM_UTF8)  # Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))


def test_the_cohort_figures_add_up_every_seeker_of_the_cohort(center):
    run, app_url, spring, _ = center
    cy = _signed_in(app_url, "cy@uni.example")
    assert _csv(cy, spring, "decisions") == [
        ["decision", "decisions", "median days"], ["all decisions", "3", "7.0"]]
    assert _csv(cy, spring, "channels") == [
        ["channel", "applications written to", "answered", "reply rate %"],
        ["email", "6", "2", "33"]]
    # Globex's three and Cai's Acme wait; Ana's offer and the two closed: too few seekers.
    assert _csv(cy, spring, "stages") == [["stage", "interviews"], ["waiting", "4"]]
    page = cy.get(f"/center/cohorts/{spring}").text
    assert "3 job seekers" in page and "fewer than 3 job seekers is hidden" in page
    assert page.count("2 more rows are hidden") == 2  # stages and decisions: too few each
    assert "<svg" in page and "Ana" not in page and "Lima" not in page


def test_the_employer_that_never_answers_anyone_comes_first(center):
    _, app_url, spring, _ = center
    rows = _csv(_signed_in(app_url, "cy@uni.example"), spring, "employers")
    assert rows == [["employer", "applications interviewed for", "answered", "reply rate %"],
                    ["Globex", "3", "0", "0"], ["Acme", "3", "2", "67"]]
    page = _signed_in(app_url, "cy@uni.example").get(f"/center/cohorts/{spring}").text
    assert page.index("Globex") < page.index("Acme")
    assert "Initech" not in page and "1 more row is hidden" in page  # Cai's alone


def test_the_csv_is_the_table_on_the_page(center):
    _, app_url, spring, _ = center
    ad = _signed_in(app_url, "ad@uni.example")
    page = ad.get(f"/center/cohorts/{spring}").text
    for table in ("stages", "decisions", "channels", "employers"):
        rows = _csv(ad, spring, table)
        assert "".join(f"<th scope=\"col\">{c.capitalize()}</th>" for c in rows[0]) in page
        for row in rows[1:]:
            assert "<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" in page


def test_a_cohort_of_too_few_seekers_shows_no_figure(center):
    _, app_url, _, autumn = center
    dee = _signed_in(app_url, "dee@uni.example")
    page = dee.get(f"/center/cohorts/{autumn}").text
    assert "fewer than 3 job seekers: every figure is hidden" in page and "Hooli" not in page
    assert _csv(dee, autumn, "employers") == [
        ["employer", "applications interviewed for", "answered", "reply rate %"]]


def test_a_seeker_and_a_coach_of_another_cohort_get_404(center):
    _, app_url, spring, autumn = center
    ana, dee = (_signed_in(app_url, f"{n}@uni.example") for n in ("ana", "dee"))
    for path in ("/center/cohorts", f"/center/cohorts/{spring}",
                 f"/center/cohorts/{spring}/employers.csv", "/center/admin"):
        assert ana.get(path).status_code == 404, path
    assert dee.get(f"/center/cohorts/{spring}").status_code == 404
    assert dee.get(f"/center/cohorts/{spring}/employers.csv").status_code == 404
    assert "Spring" not in dee.get("/center/cohorts").text
    assert f"/center/cohorts/{autumn}" in dee.get("/center/cohorts").text
    assert dee.get("/center/admin").status_code == 404
    assert dee.post("/center/admin/defaults", data={"profile.field": "x"}).status_code == 404
    assert "/center/admin" not in dee.get("/").text
    assert "/center/admin" in _signed_in(app_url, "ad@uni.example").get("/").text


def test_the_command_line_reads_the_same_figures(center):
    run, _, _, _ = center
    said = run.json("org", "cohort-report", "--cohort", "spring")
    assert said["seekers"] == 3 and said["minimum_seekers"] == 3
    assert said["tables"]["employers"] == {"hidden": 1, "rows": [
        {"employer": "Globex", "applications interviewed for": 3, "answered": 0,
         "reply rate %": 0},
        {"employer": "Acme", "applications interviewed for": 3, "answered": 2,
         "reply rate %": 67}]}
    assert run.json("org", "cohort-report", "--cohort", "Autumn")["too_small"] is True
    assert "Globex" in run.ok("org", "cohort-report", "--cohort", "Spring")


def _upload(web: TestClient, text: str) -> object:
    return web.post("/center/admin/roster",
                    files={"roster": ("roster.csv", text.encode(), "text/csv")})


def test_an_administrator_uploads_a_roster_and_each_bad_row_is_named(center):
    run, app_url, _, _ = center
    ad = _signed_in(app_url, "ad@uni.example")
    bad = ("email,name,cohort,coach\r\nfay@uni.example,Fay Li,Summer,cy@uni.example\r\n"
           "not-an-address,Gil,Summer,\r\nhal@uni.example,,Summer,\r\n")
    answer = _upload(ad, bad)
    assert answer.status_code == 400  # type: ignore[attr-defined]
    text = answer.text  # type: ignore[attr-defined]
    assert "Roster file (CSV)" in text and "2 bad row(s), nothing imported" in text
    assert "row 3:" in text and "row 4:" in text and 'role="alert"' in text
    assert "fay@uni.example" not in [p["email"] for p in run.json("org", "people")]
    good = _upload(ad, "email,name,cohort,coach\r\nfay@uni.example,Fay Li,Summer,\r\n")
    assert good.headers["location"] == "/center/admin"  # type: ignore[attr-defined]
    page = ad.get("/center/admin").text
    assert "Roster imported: 1 added, 0 updated, 0 unchanged." in page
    assert "<td>Fay Li</td><td>fay@uni.example</td><td>job seeker</td><td>Summer</td>" in page


def test_a_new_seeker_starts_from_the_centers_defaults(center):
    run, app_url, _, _ = center
    ad = _signed_in(app_url, "ad@uni.example")
    _upload(ad, "email,name,cohort,coach\r\nhana@uni.example,Hana Ko,Summer,\r\n")
    refused = ad.post("/center/admin/defaults", data={"cohort.min_seekers": "3",
                                                      "plan.first_follow_up_days": "soon"})
    assert refused.status_code == 400 and "Days before the first follow-up letter" in refused.text
    assert "&#39;soon&#39; is not a whole number from 1 to 60" in refused.text
    assert run.json("org", "defaults")["plan.first_follow_up_days"] == {"set": None,
                                                                        "value": "7"}
    saved = ad.post("/center/admin/defaults", data={
        "cohort.min_seekers": "3", "plan.first_follow_up_days": "5",
        "profile.field": "Data science"})
    assert saved.status_code == 303
    assert run.json("org", "defaults")["plan.first_follow_up_days"] == {"set": "5", "value": "5"}
    assert "Data science" in run.ok("org", "defaults")
    _upload(ad, "email,name,cohort,coach\r\ngus@uni.example,Gus Ray,Summer,\r\n")
    _password(run, "gus@uni.example")
    gus = _signed_in(app_url, "gus@uni.example")
    profile = gus.get("/api/profile").json()
    assert (profile["name"], profile["email"], profile["field"]) == \
        ("Gus Ray", "gus@uni.example", "Data science")
    _password(run, "hana@uni.example")
    hana = _signed_in(app_url, "hana@uni.example")
    profile = hana.get("/api/profile").json()  # added before the defaults: no template
    assert (profile["name"], profile["email"], profile["field"]) == \
        ("Hana Ko", "hana@uni.example", "")
    assert _first_letter(gus) == "2026-11-30"  # 5 days after, on a workday
    assert _first_letter(hana) == "2026-12-01"  # the usual 7


def _first_letter(web: TestClient) -> str:
    """Log the same interview; return the day the first follow-up letter is due."""
    added = web.post("/api/interviews", json={"employer": "Umbrella", "job_title": "Analyst",
                                              "at": "2026-11-24 10:00"})
    steps = web.get(f"/api/interviews/{added.json()['id']}/plan").json()["steps"]
    return str(next(s["due"] for s in steps if s["kind"] == "follow-up"))[:10]



def test_the_apps_role_reads_across_seekers_only_the_cohort_functions_figures(center):
    import psycopg

    _, app_url, spring, _ = center
    role = app_url.split("://")[1].split("@")[0]
    db = psycopg_connect(app_url)
    try:
        with pytest.raises(psycopg.Error):
            db.execute("SELECT COUNT(*) FROM interviews")  # bound to no one: refused
        for other in (f"{role}_report", "postgres"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                db.execute(f"SET ROLE {other}")
        rows = db.execute("SELECT label, a, b FROM cohort_employers(%s)", (spring,)).fetchall()
        assert sorted(r for r in rows if r[0]) == [("Acme", 3, 2), ("Globex", 3, 0)]
        assert [r[0] for r in rows if r[0] is None] == [None]  # Initech: one seeker's
    finally:
        db.close()


def test_org_init_gives_a_center_made_before_them_the_figures_and_defaults(postgres):
    from conftest import close_pools

    url = postgres.new_database()
    run = Cli(url)
    try:
        role = f"older_{os.getpid()}_{next(_roles)}"
        run.ok("org", "init", "--app-role", role)
        db = psycopg_connect(url)
        db.execute("DROP TABLE org_settings CASCADE")
        db.execute("DROP FUNCTION cohort_employers, cohort_channels, cohort_decisions,"
                   " cohort_interviews")
        db.close()
        run.ok("org", "init", "--app-role", role)
        assert run.json("org", "defaults")["cohort.min_seekers"] == {"set": None, "value": "5"}
        said = run("org", "cohort-report", "--cohort", "Nope")
        assert said.exit_code != 0 and "no cohort named 'Nope' (the cohorts: none yet)" in \
            said.output
    finally:
        close_pools(url)


def psycopg_connect(url: str) -> Any:
    """A plain connection, past the app's own storage layer: what the role itself may do."""
    import psycopg

    return psycopg.connect(url, autocommit=True)


def test_an_owner_with_createrole_alone_makes_a_center_whose_figures_work(postgres, tmp_path):
    """As on a managed PostgreSQL, where no one is a superuser: `org init` as the database's
    owner says what it lacks, and with CREATEROLE alone makes the whole center."""
    from conftest import close_pools

    n = f"{os.getpid()}_{next(_roles)}"
    admin = psycopg_connect(postgres.admin)
    admin.execute(f"CREATE ROLE owner_{n} LOGIN")
    admin.execute(f"CREATE DATABASE center_{n} OWNER owner_{n}")
    url = postgres.url(f"center_{n}").replace("postgres@", f"owner_{n}@")
    run = Cli(url)
    try:
        refused = run("org", "init", "--app-role", f"app_{n}")
        assert refused.exit_code == 2
        assert refused.output == (
            "insidetrack: error: --db: org init makes the center's roles, so the role in the "
            "--db URL needs CREATEROLE (as a superuser: ALTER ROLE name CREATEROLE), or "
            "connect as a superuser\n")
        assert "org_people" not in run.ok("export", "json")  # nothing half-made
        admin.execute(f"ALTER ROLE owner_{n} CREATEROLE")
        assert "is now a career center's database" in run.ok("org", "init", "--app-role",
                                                               f"app_{n}")
        # again, as a center made before a new part gets it (its functions replaced)
        assert "is already a career center's" in run.ok("org", "init", "--app-role", f"app_{n}")
        roster = tmp_path / "roster.csv"
        roster.write_text("email,name,cohort\n" + "".join(
            f"s{i}@uni.example,Élève {i},Spring\n" for i in range(3)), encoding="utf-8")
        run.ok("org", "roster", "import", str(roster))
        said = run.json("org", "cohort-report", "--cohort", "Spring")
        assert said["seekers"] == 3 and said["tables"]["employers"]["rows"] == []
        run.ok("org", "person", "add", "--email", "kim@uni.example", "--name", "Kim Ng",
               "--role", "coach")
        run.ok("org", "grant", "--seeker", "s0@uni.example", "--coach", "kim@uni.example")
        assert run.json("org", "coach-view", "--coach", "kim@uni.example", "--seeker",
                        "s0@uni.example")["seeker"]["name"] == "Élève 0"
        assert "the center's operator at the command line" in run.ok(
            "org", "audit", "--seeker", "s0@uni.example")
        app = psycopg_connect(url.replace(f"owner_{n}@", f"app_{n}@"))
        assert app.execute("SELECT * FROM token_seeker('no such hash', '2026-11-27')")\
            .fetchall() == []  # the API tokens' lookup runs too
        app.close()
        member = admin.execute(f"SELECT pg_has_role('owner_{n}', 'app_{n}_report', 'MEMBER')")
        assert member.fetchone()[0] is False  # the owner was one only while it made them
    finally:
        admin.close()
        close_pools(url)
