"""A career center's people turned off and back on (issue 15): a coach who left, a student
who finished, an account someone else got into.

A real PostgreSQL (tests/pg.py), the app as the center's app role (row-level security holds
for it), people signed in for real. What is checked is what they notice: the operator's
one line at the command line, the administrator's button, the person turned off signed out
at once and told why when they try again, a script's token refused, nothing of theirs gone,
and turned back on, everything as before but the revoked tokens.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import warnings
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
TURNED_OFF = "This account is turned off: ask your career center to turn it back on."
_roles = itertools.count()


def _app(app_url: str, **headers: str) -> TestClient:
    app = create_app(WebConfig(app_url, clock=lambda: NOW, tz=TZ, org=True),
                     Guard(port=8765, org=True))
    return TestClient(app, base_url=BASE, follow_redirects=False, headers=headers)


def _try(app_url: str, email: str) -> tuple[int, str]:
    """Sign in with the right password; return the answer's code and its alert, if any."""
    answer = _app(app_url, Origin=BASE).post("/login", data={"email": email,
                                                              "password": PASSWORD})
    alert = re.findall(r'role="alert"[^>]*>([^<]*)<', answer.text)
    return answer.status_code, unescape(alert[0]).strip() if alert else ""


def _sign_in(app_url: str, email: str) -> TestClient:
    web = _app(app_url, Origin=BASE)
    answer = web.post("/login", data={"email": email, "password": PASSWORD})
    assert answer.status_code == 303, answer.text
    return web


@pytest.fixture
def center(postgres):
    """Return (the owner's Cli, the app role's URL): Ada an administrator, Kim a coach,
    Zoë a job seeker with an interview, each with a password."""
    from conftest import close_pools

    url = postgres.new_database()
    run = Cli(url)
    run.ok("org", "init", "--app-role", role := f"off_{os.getpid()}_{next(_roles)}")
    for email, name, kind in (("ad@uni.example", "Ada Admin", "admin"),
                              ("kim@uni.example", "Kim Ng", "coach"),
                              ("zoe@uni.example", "Zoë Lefèvre", "seeker")):
        run.ok("org", "person", "add", "--email", email, "--name", name, "--role", kind)
        said = run("org", "password", "--email", email, "--password-stdin",
                   input=PASSWORD + "\n")
        assert said.exit_code == 0, said.output
    app_url = url.replace("postgres@", f"{role}@")
    yield run, app_url
    close_pools(app_url)
    close_pools(url)


def _interview_and_token(app_url: str) -> tuple[TestClient, str]:
    """Zoë adds an interview and makes an API token; return her browser and the token."""
    zoe = _sign_in(app_url, "zoe@uni.example")
    added = zoe.post("/api/interviews", json={
        "employer": "Société Générale", "job_title": "Analyst", "at": "2026-11-24 10:00",
        "interviewers": ["Zoë Müller <zoe@example.com>"]})
    assert added.status_code == 201, added.text
    made = zoe.post("/tokens", data={"name": "job-board sync"})
    token = re.findall(r'readonly value="(itk_[^"]+)"', made.text)
    assert len(token) == 1, made.text
    return zoe, token[0]


def test_the_operator_turns_a_student_off_and_every_way_in_closes(center):
    run, app_url = center
    zoe, token = _interview_and_token(app_url)
    script = _app(app_url, Authorization=f"Bearer {token}")
    assert script.get("/api/interviews").status_code == 200

    said = run.ok("org", "person", "disable", "--email", "ZOE@uni.example")
    assert said == ("Turned off Zoë Lefèvre <zoe@uni.example>: signed out everywhere, and no "
                    "way in until turned back on (insidetrack org person enable --email "
                    "zoe@uni.example). Nothing of theirs is deleted.\n")
    assert zoe.get("/").headers["location"].endswith("/login")  # her session is over
    assert script.get("/api/interviews").status_code == 401  # and her script's token
    assert _try(app_url, "zoe@uni.example") == (403, TURNED_OFF)
    listed = json.loads(run.ok("org", "people", "--json"))
    assert {p["email"]: p["disabled"] for p in listed} == {
        "ad@uni.example": False, "kim@uni.example": False, "zoe@uni.example": True}
    assert "Zoë Lefèvre (turned off)" in run.ok("org", "people")
    assert run.ok("org", "person", "disable", "--email", "zoe@uni.example") == \
        "Zoë Lefèvre <zoe@uni.example> was turned off already.\n"

    assert run.ok("org", "person", "enable", "--email", "zoe@uni.example") == \
        "Turned Zoë Lefèvre <zoe@uni.example> back on: they sign in as before.\n"
    back = _sign_in(app_url, "zoe@uni.example")
    assert "Société Générale" in back.get("/api/interviews").text  # nothing of hers is gone
    assert script.get("/api/interviews").status_code == 401  # the old token stays revoked


def test_an_unknown_address_is_one_line_at_the_command_line(center):
    run, _ = center
    said = run("org", "person", "disable", "--email", "nobody@uni.example")
    assert said.exit_code != 0
    assert said.output.strip().splitlines() == [
        "insidetrack: error: --email: nobody@uni.example is not one of the center's people"]


def test_an_administrator_turns_a_coach_off_and_back_on_from_the_people_list(center):
    _, app_url = center
    admin, kim = _sign_in(app_url, "ad@uni.example"), _sign_in(app_url, "kim@uni.example")
    assert kim.get("/center").status_code == 200
    page = admin.get("/center/admin").text
    assert 'aria-label="Turn Kim Ng off"' in page
    assert 'aria-label="Turn Ada Admin off"' not in page  # never oneself

    done = admin.post("/center/admin/turn-off", data={"email": "kim@uni.example"})
    assert done.status_code == 303
    shown = unescape(admin.get(done.headers["location"]).text)
    assert ("Kim Ng <kim@uni.example> is turned off: signed out everywhere, no way in until "
            "turned back on. Nothing of theirs is deleted.") in shown
    assert 'aria-label="Turn Kim Ng back on"' in shown
    assert kim.get("/center").headers["location"].endswith("/login")
    assert _try(app_url, "kim@uni.example") == (403, TURNED_OFF)

    admin.post("/center/admin/turn-on", data={"email": "kim@uni.example"})
    assert _sign_in(app_url, "kim@uni.example").get("/center").status_code == 200


def test_an_administrator_cannot_turn_themselves_off_and_others_cannot_at_all(center):
    _, app_url = center
    admin = _sign_in(app_url, "ad@uni.example")
    refused = admin.post("/center/admin/turn-off", data={"email": "ad@uni.example"})
    assert refused.status_code == 400
    assert [unescape(s) for s in re.findall(r'id="switch-error">([^<]*)<', refused.text)] == [
        "you cannot turn off your own account: another administrator, or the center's "
        "operator, can"]
    assert admin.get("/center/admin").status_code == 200  # still signed in

    for other in ("kim@uni.example", "zoe@uni.example"):
        web = _sign_in(app_url, other)
        answer = web.post("/center/admin/turn-off", data={"email": "ad@uni.example"})
        assert answer.status_code == 404
    assert _try(app_url, "ad@uni.example")[0] == 303  # Ada was not turned off


def test_no_sign_in_link_for_someone_turned_off(center):
    run, app_url = center
    run.ok("org", "person", "add", "--email", "new@uni.example", "--name", "Noa New")
    run.ok("org", "person", "disable", "--email", "new@uni.example")
    admin = _sign_in(app_url, "ad@uni.example")
    answer = admin.post("/center/admin/link", data={"email": "new@uni.example"})
    assert answer.status_code == 400
    assert "Noa New &lt;new@uni.example&gt; is turned off: turn them back on first" in \
        answer.text
    assert "/login/link/" not in answer.text


def test_a_center_made_before_is_served_only_after_org_init_brings_it_up_to_date(center):
    from insidetrack.storage.db import connect

    run, app_url = center
    owner = connect(run.db)
    owner.execute("ALTER TABLE org_people DROP COLUMN disabled_at")  # as an older version made
    owner.execute("ALTER TABLE api_tokens DROP COLUMN expires_at")  # and before migration 19
    owner.execute("DELETE FROM schema_migrations WHERE version = 19")
    owner.close()
    from insidetrack.storage import db as storage

    storage._MIGRATED.clear()  # as a new process of the new version would find it
    said = Cli(app_url)("serve", "--org", "--port", "18799")  # refused before it listens
    assert said.exit_code == 2
    assert said.output.strip().splitlines() == [
        "insidetrack: error: --db: this center was made by an older insidetrack: run org init "
        "again as its owner (insidetrack --db postgresql://OWNER@... org init), which adds "
        "what this version needs"]
    said = run("org", "init")  # without the role it was made with
    assert said.exit_code == 2 and said.output.strip().splitlines() == [
        "insidetrack: error: --app-role: this center's web app does not connect as "
        "insidetrack_app: give the role it was made with (--app-role NAME)"]
    role = app_url.split("//")[1].split("@")[0]
    assert "brought up to date" in run.ok("org", "init", "--app-role", role)
    run.ok("org", "person", "disable", "--email", "kim@uni.example")
    assert _try(app_url, "kim@uni.example") == (403, TURNED_OFF)
    zoe, token = _interview_and_token(app_url)  # tokens as this version keeps them
    assert _app(app_url, Authorization=f"Bearer {token}").get("/api/today").status_code == 200


def test_the_operator_makes_a_sign_in_link_at_the_command_line(center):
    run, app_url = center
    run.ok("org", "person", "add", "--email", "noa@uni.example", "--name", "Noa Ñúñez")
    said = run.ok("org", "person", "link", "--email", "noa@uni.example", "--url",
                  "https://careers.uni.example/")
    first, link = said.splitlines()
    assert first == ("Sign-in link for Noa Ñúñez <noa@uni.example>: it works once, until "
                     "Wed 02 Dec 2026 15:00, to choose a password.")
    assert link.startswith("https://careers.uni.example/login/link/")
    made = json.loads(run.ok("org", "person", "link", "--email", "noa@uni.example", "--url",
                             BASE, "--json"))  # a new one: the first stops working
    assert made["name"] == "Noa Ñúñez" and made["expires"] == "2026-12-02T15:00:00-05:00"
    web = _app(app_url, Origin=BASE)
    assert web.get(link.removeprefix("https://careers.uni.example")).status_code == 404
    path = made["link"].removeprefix(BASE)
    assert "Welcome, Noa Ñúñez" in web.get(path).text
    chosen = web.post("/login/link", data={"secret": path.rsplit("/", 1)[1],
                                            "password": "noa chooses this",
                                            "repeated": "noa chooses this"})
    assert chosen.status_code == 303

    for args, line in (
            (("--email", "noa@uni.example", "--url", BASE),
             "insidetrack: error: --email: Noa Ñúñez <noa@uni.example> already signs in (a "
             "password or single sign-on): a sign-in link is for a first password; a new one "
             "is set with: insidetrack org password --email noa@uni.example"),
            (("--email", "noa@uni.example", "--url", "careers.uni.example"),
             "insidetrack: error: --url: 'careers.uni.example' is not a web address like "
             "https://example.com/news")):
        refused = run("org", "person", "link", *args)
        assert refused.exit_code == 2 and refused.output.strip().splitlines() == [line]


def _rows_of(owner_url: str, seeker_id: int) -> int:
    """Count a seeker's rows in every table that has them, as the owner bound to them."""
    from insidetrack.storage.db import connect

    db = connect(owner_url)
    try:
        db.execute("SELECT set_config('insidetrack.seeker', ?, false)", (str(seeker_id),))
        tables = [t for t in db.tables() if "seeker_id" in db.columns(t)]
        return sum(db.execute(f"SELECT count(*) FROM {t} WHERE seeker_id = ?",
                              (seeker_id,)).fetchone()[0] for t in tables)
    finally:
        db.close()


def test_the_operator_removes_a_student_and_everything_of_theirs_and_no_one_else(center):
    run, app_url = center
    run.ok("org", "person", "add", "--email", "bo@uni.example", "--name", "Bo Öberg")
    zoe, token = _interview_and_token(app_url)
    run.ok("org", "grant", "--seeker", "zoe@uni.example", "--coach", "kim@uni.example")
    run.ok("org", "coach-view", "--coach", "kim@uni.example", "--seeker", "zoe@uni.example")
    ids = {p["email"]: p["id"] for p in json.loads(run.ok("org", "people", "--json"))}
    bo_before = _rows_of(run.db, ids["bo@uni.example"])
    assert _rows_of(run.db, ids["zoe@uni.example"]) > 10 and bo_before > 0

    refused = run("org", "person", "remove", "--email", "zoe@uni.example")
    assert refused.exit_code == 2 and refused.output.strip().splitlines() == [
        "insidetrack: error: --yes: this deletes Zoë Lefèvre <zoe@uni.example> and every record "
        "of theirs, for good: export them first if they want a copy (org export --seeker "
        "EMAIL FILE), then add --yes"]
    said = run.ok("org", "person", "remove", "--email", "zoe@uni.example", "--yes")
    assert re.fullmatch(r"Removed Zoë Lefèvre <zoe@uni.example> and everything of theirs: "
                        r"\d+ records in \d+ tables\.\n", said), said
    assert _rows_of(run.db, ids["zoe@uni.example"]) == 0
    assert _rows_of(run.db, ids["bo@uni.example"]) == bo_before  # no one else's
    assert "zoe@uni.example" not in run.ok("org", "people", "--json")
    assert zoe.get("/").headers["location"].endswith("/login")  # her session went with her
    assert _app(app_url, Authorization=f"Bearer {token}").get("/api/today").status_code == 401
    kim = _sign_in(app_url, "kim@uni.example")
    assert "Zoë" not in kim.get("/center").text

    again = run.ok("org", "person", "add", "--email", "zoe@uni.example", "--name", "Zoë L.")
    new_id = int(again.rsplit(" ", 1)[1].rstrip(".\n"))
    assert new_id != ids["zoe@uni.example"]
    assert _rows_of(run.db, new_id) == bo_before  # she starts afresh, as Bo did
    coach = run("org", "person", "remove", "--email", "kim@uni.example", "--yes")
    assert coach.exit_code == 2 and "is a coach: the audit logs their students read name " \
        "them, so they are turned off (org person disable), not removed" in coach.output


def test_org_init_refuses_a_superuser_as_the_web_apps_role_and_makes_nothing(postgres):
    url = postgres.new_database(migrated=False)
    said = Cli(url)("org", "init", "--app-role", "postgres")
    assert said.exit_code == 2 and said.output.strip().splitlines() == [
        "insidetrack: error: --app-role: postgres is a superuser or bypasses row-level "
        "security, so every job seeker would see everyone's rows: give a role of the web "
        "app's own (org init makes it if missing), e.g. insidetrack_app"]
    from insidetrack.storage.db import connect

    db = connect(url, upgrade=False)
    try:
        assert db.tables() == []  # not even the single-user schema
    finally:
        db.close()


def test_serving_as_a_role_that_is_not_the_web_apps_says_which_to_use(center):
    from insidetrack.storage.db import connect

    run, app_url = center
    stranger = f"stranger_{os.getpid()}_{next(_roles)}"
    owner = connect(run.db)
    owner.execute(f"CREATE ROLE {stranger} LOGIN")
    owner.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {stranger}")
    owner.close()
    said = Cli(run.db.replace("postgres@", f"{stranger}@"))("serve", "--org", "--port", "18798")
    assert said.exit_code == 2 and said.output.strip().splitlines() == [
        "insidetrack: error: --db: connect as the web app's role (postgresql://insidetrack_app@"
        "..., the --app-role org init was given): the role in this URL is not the one the "
        "center was made for"]


def test_an_administrator_turns_off_a_student_whose_script_has_a_token(center):
    _, app_url = center
    zoe, token = _interview_and_token(app_url)
    script = _app(app_url, Authorization=f"Bearer {token}")
    assert script.get("/api/today").status_code == 200
    admin = _sign_in(app_url, "ad@uni.example")
    done = admin.post("/center/admin/turn-off", data={"email": "zoe@uni.example"})
    assert done.status_code == 303, done.text  # revoked as the administrators' role
    assert script.get("/api/today").status_code == 401
    assert zoe.get("/").headers["location"].endswith("/login")
    assert _try(app_url, "zoe@uni.example") == (403, TURNED_OFF)
    admin.post("/center/admin/turn-on", data={"email": "zoe@uni.example"})
    assert _try(app_url, "zoe@uni.example")[0] == 303
    assert script.get("/api/today").status_code == 401  # the old token stays revoked
