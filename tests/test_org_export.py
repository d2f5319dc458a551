"""A career center's job seeker takes their data home (issue 15, item 3's "the student in
control of their data"): their own download on the Sharing page, the owner's `org export
--seeker`, and the file loaded into a new single-user SQLite database with `import json`.

A real PostgreSQL (tests/pg.py), the app as the center's app role, everyone signed in for
real (tests/test_org_coach.py's center of five people).
"""

from __future__ import annotations

import json
import warnings

import pytest

from centers import new_center
from conftest import NOW, TZ, Cli
from insidetrack.storage.org import SHARED
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard
from test_org_coach import INTERVIEW, make_center, signed_in

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

A, B = "anais@uni.example", "bo@uni.example"
# Bo's search, named so that any of it in Anaïs's file is seen.
B_INTERVIEW = {"employer": "Quokkaworks Ltd", "job_title": "Zymurgist",
               "at": "2026-11-19 14:00", "interviewers": ["Ysolde Brannigan <ysolde@qw.example>"]}
B_WORDS = ("Quokkaworks", "Zymurgist", "Ysolde", "Bo Ødegård", "bo@uni.example")
CENTER_ONLY = {"grants", "audit", "api_tokens", "imap_folders", "calendar_pushes"}


@pytest.fixture
def center(postgres, request):
    return new_center(postgres, request, make_center)


def _searches(app_url: str) -> TestClient:
    """Anaïs and Bo each log an interview (planned as usual); Anaïs shares with her coach,
    so she has a grant and an audit row too. Return Anaïs's browser."""
    anais, bo = signed_in(app_url, A), signed_in(app_url, B)
    assert anais.post("/api/interviews", json=INTERVIEW).status_code == 201
    assert bo.post("/api/interviews", json=B_INTERVIEW).status_code == 201
    assert anais.post("/sharing/grant", data={"coach": "cyrille@uni.example"}).status_code == 303
    return anais


def test_a_seeker_downloads_their_own_rows_and_none_of_anyone_elses(center):
    _, app_url, _ = center
    anais = _searches(app_url)
    assert 'href="/sharing/export"' in anais.get("/sharing").text
    answer = anais.get("/sharing/export")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == \
        'attachment; filename="insidetrack-export-2026-11-25.json"'
    doc = json.loads(answer.content)
    tables = doc["tables"]
    assert doc["format"] == "insidetrack-export"
    assert [i["id"] for i in tables["interviews"]] and tables["steps"]
    assert [e["name"] for e in tables["employers"]] == ["Société Générale"]
    assert not any(word in answer.text for word in B_WORDS)
    assert not set(tables) & (SHARED | CENTER_ONLY)
    assert not any("seeker_id" in row for rows in tables.values() for row in rows)


def test_a_mail_password_sealed_on_the_server_stays_there(center, monkeypatch):
    from insidetrack.services.seeker_accounts import ALLOW_PRIVATE

    _, app_url, _ = center
    monkeypatch.setenv(ALLOW_PRIVATE, "allow")
    anais = _searches(app_url)
    assert anais.post("/my-mail", data={"smtp.host": "127.0.0.1", "smtp.port": "2525",
                                        "smtp.security": "none", "smtp.user": A,
                                        "smtp.password": "anaïs's mail password"}
                      ).status_code == 303
    kept = {r["key"]: r["value"] for r in json.loads(
        anais.get("/sharing/export").content)["tables"]["meta"]}
    assert kept["smtp.host"] == "127.0.0.1"  # her settings go home with her
    assert not any(k.endswith("password_sealed") for k in kept)


def test_the_owners_export_loads_into_a_new_single_user_database_as_it_was(center, tmp_path):
    url, app_url, _ = center
    anais = _searches(app_url)
    file = tmp_path / "anais.json"
    said = Cli(url)("org", "export", "--seeker", A, str(file))
    assert said.exit_code == 0, said.output
    assert said.output.startswith(f"Wrote Anaïs Dupré <{A}>'s data to {file} (")
    assert file.read_bytes() == anais.get("/sharing/export").content  # the same file

    laptop = Cli(tmp_path / "laptop.db")
    loaded = laptop("import", "json", str(file))
    assert loaded.exit_code == 0, loaded.output
    listed = json.loads(laptop("interview", "list", "--json").output)
    assert [(i["employer"], i["job_title"]) for i in listed] == [("Société Générale", "Analyst")]
    at_home = TestClient(create_app(WebConfig(tmp_path / "laptop.db", clock=lambda: NOW, tz=TZ),
                                    Guard(port=8765)), base_url="http://127.0.0.1:8765")
    for path in ("/api/interviews", f"/api/interviews/{listed[0]['id']}/plan", "/api/today"):
        assert at_home.get(path).json() == anais.get(path).json(), path
    assert at_home.get("/sharing/export").status_code == 404  # a center's page only


def test_no_coach_or_administrator_has_an_export_and_the_owner_names_a_seeker(center, tmp_path):
    url, app_url, _ = center
    _searches(app_url)
    for staff in ("cyrille@uni.example", "eve@uni.example"):
        assert signed_in(app_url, staff).get("/sharing/export").status_code == 404
    said = Cli(url)("org", "export", "--seeker", "cyrille@uni.example", str(tmp_path / "c.json"))
    assert said.exit_code != 0
    assert "cyrille@uni.example is one of the center's staff, not a job seeker" in said.output
    said = Cli(url)("org", "export", "--seeker", "nobody@uni.example", str(tmp_path / "n.json"))
    assert said.exit_code != 0 and "nobody@uni.example is not one of the center's people" in \
        said.output
    assert not list(tmp_path.iterdir())  # nothing written
