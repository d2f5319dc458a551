"""A career center's administrator and its new students (`serve --org`): sign-in links, a
password changed ending the sessions before it, a large roster uploaded, the people list
paged and searched, the defaults form's errors all at once, and a new student's first
sign-in.

A real PostgreSQL (tests/pg.py), the app as the center's app role (row-level security holds
for it). What is checked is what the administrator and the students see.
"""

from __future__ import annotations

import itertools
import os
import re
import warnings
from datetime import timedelta
from html import unescape

import pytest

from conftest import NOW, TZ, Cli
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

BASE = "http://127.0.0.1:8765"
PASSWORD = "a long enough secret"
WRONG = "That e-mail or password is not right."
_roles = itertools.count()


def _app(app_url: str, days_later: int = 0) -> TestClient:
    at = NOW + timedelta(days=days_later)
    app = create_app(WebConfig(app_url, clock=lambda: at, tz=TZ, org=True),
                     Guard(port=8765, org=True))
    return TestClient(app, base_url=BASE, follow_redirects=False, headers={"Origin": BASE})


def _sign_in(app_url: str, email: str, password: str = PASSWORD) -> TestClient:
    web = _app(app_url)
    answer = web.post("/login", data={"email": email, "password": password})
    assert answer.status_code == 303, answer.text
    return web


@pytest.fixture(scope="module")
def center(postgres, tmp_path_factory):
    """Return (the owner's Cli, the app role's URL, a folder for files): an administrator
    with a password, and students Zoë (imported before any default) and Cy, with none."""
    from conftest import close_pools

    url = postgres.new_database()
    run = Cli(url)
    run.ok("org", "init", "--app-role", role := f"people_{os.getpid()}_{next(_roles)}")
    run.ok("org", "person", "add", "--email", "ad@uni.example", "--name", "Ada Admin",
           "--role", "admin")
    folder = tmp_path_factory.mktemp("people")
    roster = folder / "roster.csv"
    roster.write_text("email,name,cohort\r\nzoe@uni.example,Zoë Lefèvre,Spring\r\n"
                      "cy@uni.example,Cy Dvořák,Spring\r\n"
                      "dee@uni.example,Dee Ng,Spring\r\n", encoding="utf-8")
    run.ok("org", "roster", "import", str(roster))
    for email in ("ad@uni.example", "zoe@uni.example"):
        said = run("org", "password", "--email", email, "--password-stdin",
                   input=PASSWORD + "\n")
        assert said.exit_code == 0, said.output
    app_url = url.replace("postgres@", f"{role}@")
    yield run, app_url, folder
    close_pools(app_url)
    close_pools(url)


def _link(admin: TestClient, email: str) -> str:
    """Make a sign-in link on the administrator's page; return it as shown to copy."""
    answer = admin.post("/center/admin/link", data={"email": email})
    assert answer.status_code == 200, answer.text
    shown = re.search(r'value="(http://127\.0\.0\.1:8765/login/link/[^"]+)"', answer.text)
    assert shown, answer.text
    assert "it works once, until Wed 02 Dec 2026" in answer.text
    return shown.group(1).removeprefix(BASE)


def test_a_new_student_chooses_a_password_through_a_link(center):
    _, app_url, _ = center
    page = _app(app_url).get("/login").text
    assert "New here? Ask your career center for your sign-in link." in page
    refused = _app(app_url).post("/login", data={"email": "cy@uni.example",
                                                 "password": "anything at all"})
    assert refused.status_code == 401 and WRONG in refused.text
    admin = _sign_in(app_url, "ad@uni.example")
    listed = admin.get("/center/admin", params={"q": "Spring"}).text
    assert 'aria-label="Make a sign-in link for Cy Dvořák"' in listed
    assert "<td>zoe@uni.example</td><td>job seeker</td><td>Spring</td><td></td><td>signs in" \
        in listed
    link = _link(admin, "cy@uni.example")
    cy = _app(app_url)
    opened = cy.get(link)
    assert opened.status_code == 200 and "Welcome, Cy Dvořák" in opened.text
    secret = link.rsplit("/", 1)[1]
    differ = cy.post("/login/link", data={"secret": secret, "password": "cy's own secret",
                                          "repeated": "cy's other secret"})
    assert differ.status_code == 400 and "the two passwords differ" in differ.text
    chosen = cy.post("/login/link", data={"secret": secret, "password": "cy's own secret",
                                          "repeated": "cy's own secret"})
    assert chosen.status_code == 303 and chosen.headers["location"] == "/"
    assert cy.get("/").status_code == 200
    _sign_in(app_url, "cy@uni.example", "cy's own secret")
    again = _app(app_url).get(link)
    assert again.status_code == 404
    assert "does not work any more: it was used already, or is more than 7 days old" in \
        unescape(again.text)


def test_a_link_stops_working_after_a_week_and_a_new_one_replaces_it(center):
    run, app_url, _ = center
    admin = _sign_in(app_url, "ad@uni.example")
    first = _link(admin, "dee@uni.example")
    second = _link(admin, "dee@uni.example")
    assert _app(app_url).get(first).status_code == 404
    assert _app(app_url, days_later=6).get(second).status_code == 200
    assert _app(app_url, days_later=8).get(second).status_code == 404
    unknown = admin.post("/center/admin/link", data={"link_email": "nobody@uni.example"})
    assert unknown.status_code == 400
    assert "nobody@uni.example is not one of the center&#39;s people" in unknown.text
    taken = admin.post("/center/admin/link", data={"email": "zoe@uni.example"})
    assert taken.status_code == 400 and "/login/link/" not in taken.text
    assert ("Zoë Lefèvre &lt;zoe@uni.example&gt; already signs in (a password or single "
            "sign-on): a sign-in link is for a first password") in taken.text
    said = run("org", "password", "--email", "dee@uni.example", "--password-stdin",
               input=PASSWORD + "\n")  # before Dee opened her link: it sets nothing now
    assert said.exit_code == 0
    late = _app(app_url).post("/login/link", data={
        "secret": second.rsplit("/", 1)[1], "password": "not dee's own", "repeated":
        "not dee's own"})
    assert late.status_code == 404
    _sign_in(app_url, "dee@uni.example")


def test_a_password_set_again_ends_the_sessions_before_it(center):
    run, app_url, _ = center
    zoe = _sign_in(app_url, "zoe@uni.example")
    assert zoe.get("/today").status_code == 200
    said = run("org", "password", "--email", "zoe@uni.example", "--password-stdin",
               input=PASSWORD + "\n")
    assert said.exit_code == 0, said.output
    ended = zoe.get("/today")
    assert ended.status_code == 303 and ended.headers["location"] == "/login"
    assert _sign_in(app_url, "zoe@uni.example").get("/today").status_code == 200


def test_a_roster_over_1_mb_is_imported_and_over_20_mb_is_refused_on_the_page(center):
    run, app_url, _ = center
    admin = _sign_in(app_url, "ad@uni.example")
    notes = "x" * 12_000  # a column the import ignores: 100 students, 1.2 MB
    wide = "email,name,cohort,notes\r\n" + "".join(
        f"wide{i}@uni.example,Wide {i},Wide,{notes}\r\n" for i in range(100))
    assert len(wide) > 1_100_000
    taken = admin.post("/center/admin/roster",
                       files={"roster": ("roster.csv", wide.encode(), "text/csv")})
    assert taken.status_code == 303, taken.text[:300]
    assert "Roster imported: 100 added" in admin.get("/center/admin").text
    huge = wide.encode() * 18  # 21 MB
    refused = admin.post("/center/admin/roster",
                         files={"roster": ("roster.csv", huge, "text/csv")})
    assert refused.status_code == 413
    field = re.search(r'<label class="field invalid">\s*<span>Roster file \(CSV\)</span>.*?'
                      r'<em class="error" role="alert">([^<]+)</em>', refused.text, re.S)
    assert field and "the file is larger than 20 MB" in field.group(1), refused.text[:3000]
    elsewhere = admin.post("/center/admin/defaults", data={"profile.field": "x" * 2_000_000})
    assert elsewhere.status_code == 413 and "larger than 1 MiB" in elsewhere.text


def test_the_people_list_is_paged_searched_and_counted(center):
    run, app_url, folder = center
    roster = folder / "many.csv"
    roster.write_text("email,name,cohort\r\n" + "".join(
        f"many{i:03}@uni.example,Many {i:03},{'Autumn' if i % 2 else 'Winter'}\r\n"
        for i in range(120)), encoding="utf-8")
    run.ok("org", "roster", "import", str(roster))
    everyone = len(run.json("org", "people"))
    admin = _sign_in(app_url, "ad@uni.example")
    first = admin.get("/center/admin").text
    assert f"{everyone:,} people; page 1 of {-(-everyone // 50)}." in first
    assert first.count("<tr><td>") == 50 and 'rel="next"' in first
    found = admin.get("/center/admin", params={"q": "autumn"}).text
    assert f"60 of {everyone:,} people match “autumn”; page 1 of 2." in found
    last = admin.get("/center/admin", params={"q": "autumn", "page": "2"}).text
    assert last.count("<tr><td>") == 10 and 'rel="prev"' in last
    assert "<td>Many 119</td><td>many119@uni.example</td>" in last
    one = admin.get("/center/admin", params={"q": "MANY007@"}).text
    assert f"1 of {everyone:,} people match" in one and "<td>Many 007</td>" in one


def test_the_defaults_form_names_every_wrong_field_and_saves_nothing(center):
    run, app_url, _ = center
    admin = _sign_in(app_url, "ad@uni.example")
    refused = admin.post("/center/admin/defaults", data={
        "plan.thank_you_hours": "-5", "plan.workday_start": "25:00",
        "profile.field": "Data science"})
    assert refused.status_code == 400
    page = unescape(refused.text)
    summary = page.index("The defaults were not saved: 2 fields need changing")
    assert summary < page.index('id="roster"')
    errors = re.findall(r'<label class="field invalid">\s*<span>([^<]+)</span>', page)
    assert len(errors) == 2, errors
    assert page.count('<em class="error" role="alert">') == 2
    assert run.json("org", "defaults")["profile.field"]["set"] is None


def test_every_new_student_starts_from_the_rosters_name_and_the_onboarding_form(center):
    run, app_url, folder = center
    admin = _sign_in(app_url, "ad@uni.example")
    saved = admin.post("/center/admin/defaults", data={"profile.field": "Data science"})
    assert saved.status_code == 303
    roster = folder / "later.csv"
    roster.write_text("email,name\r\nelodie@uni.example,Élodie Brûlé\r\n", encoding="utf-8")
    run.ok("org", "roster", "import", str(roster))
    for email, name in (("zoe@uni.example", "Zoë Lefèvre"),
                        ("elodie@uni.example", "Élodie Brûlé")):
        said = run("org", "password", "--email", email, "--password-stdin",
                   input=PASSWORD + "\n")
        assert said.exit_code == 0
        student = _sign_in(app_url, email)
        first = unescape(student.get("/").text)
        assert "1. About you" in first, first[:500]
        assert f'name="name" value="{name}"' in first
        assert f'name="email" value="{email}"' in first
        if email.startswith("elodie"):
            assert 'name="field" value="Data science"' in first
        done = student.post("/profile", data={"onboarding": "1", "name": name, "email": email,
                                              "phone": "+1 555 0100"})
        assert done.status_code == 303 and done.headers["location"] == "/today"
        assert "1. About you" not in student.get("/").text
