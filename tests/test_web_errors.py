"""Bad input on the web and the API: a 4xx with a message by its field, never a 500."""

from __future__ import annotations

import warnings

import pytest
from fastapi import APIRouter

from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from conftest import NOW, TZ  # noqa: E402

BASE = "http://127.0.0.1:8765"
SAME = {"Origin": BASE}
INTERVIEW = {"employer": "Initech", "job_title": "Analyst", "at": "2026-11-20T10:00"}


@pytest.fixture
def client(db_path):
    app = create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ), Guard(port=8765))
    return TestClient(app, base_url=BASE, follow_redirects=False, raise_server_exceptions=False)


@pytest.fixture
def demo(client):
    assert client.post("/demo", headers=SAME).status_code == 303
    return client


def _api(client, method, path, body):
    """Send a raw JSON text, as a script could (it may hold escapes json.dumps never writes)."""
    return client.request(method, path, content=body.encode(),
                          headers={**SAME, "content-type": "application/json"})


def test_the_same_interviewer_twice_is_refused_by_the_field(client):
    page = client.post("/interviews", headers=SAME, data={
        **INTERVIEW, "interviewer_1": "Peter Gibbons", "interviewer_2": "peter gibbons"})
    assert page.status_code == 400
    assert "is given twice" in page.text and 'value="Initech"' in page.text
    api = client.post("/api/interviews", headers=SAME, json={
        **INTERVIEW, "at": "2026-11-20 10:00",
        "interviewers": ["Bill Lumbergh <bill@initech.example>", "Bill <BILL@initech.example>"]})
    assert api.status_code == 400 and api.json()["field"] == "interviewer"
    assert client.get("/api/interviews").json() == []


@pytest.mark.parametrize("value", ["²", "٣٠", "1e3", "12.5"])
def test_only_ascii_digits_are_a_number(demo, value):
    added = demo.post("/interviews", headers=SAME, data={**INTERVIEW, "duration": value})
    assert added.status_code == 400 and "is not a number of minutes" in added.text
    edited = demo.post("/interviews/1/details", headers=SAME,
                       data={"at": "2026-11-20T10:00", "duration": value})
    assert edited.status_code == 400 and "is not a number of minutes" in edited.text
    profile = demo.post("/profile", headers=SAME, data={
        "name": "Dana", "email": "dana@example.com", "phone": "+1 555 0100", "years": value})
    assert profile.status_code == 400 and "is not a whole number of years" in profile.text


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2021-11-24", "2031-11-26"])
def test_a_day_far_away_is_refused_with_the_range(demo, day):
    page = demo.get("/today", params={"date": day})
    assert page.status_code == 400 and "2021-11-25 to 2031-11-25" in page.text
    api = demo.get("/api/today", params={"date": day})
    assert api.status_code == 400 and api.json()["field"] == "date"
    assert demo.get("/api/today", params={"date": "2031-11-25"}).status_code == 200


@pytest.mark.parametrize(("path", "body"), [
    ("/api/interviews/1/reply", {}),
    ("/api/interviews/1/call", {"outcome": "connected"}),
    ("/api/interviews/1/decision", {"outcome": "offer"}),
    ("/api/steps/1/done", {}),
])
@pytest.mark.parametrize("at", ["9999-12-31 23:59", "0001-01-01 00:00", "2026-11-27 09:00"])
def test_what_happened_cannot_be_far_away_or_in_the_future(demo, path, body, at):
    before = demo.get("/api/interviews/1").json()
    response = demo.post(path, headers=SAME, json={**body, "at": at})
    assert response.status_code == 400, response.text
    assert response.json()["field"] == "at" and "to 2026-11-26" in response.json()["error"]
    assert demo.get("/api/interviews/1").json() == before


@pytest.mark.parametrize("at", ["9999-12-31 23:59", "0001-01-01 00:00", "1900-01-01 10:00",
                                "2029-01-01 10:00"])
def test_an_interview_is_within_a_few_years_of_today(client, at):
    api = client.post("/api/interviews", headers=SAME, json={**INTERVIEW, "at": at})
    assert api.status_code == 400 and api.json()["field"] == "at"
    assert "from 2021-11-25 to 2028-11-25" in api.json()["error"]
    page = client.post("/interviews", headers=SAME, data={**INTERVIEW, "at": at.replace(" ", "T")})
    assert page.status_code == 400 and "from 2021-11-25 to 2028-11-25" in page.text
    assert client.get("/api/interviews").json() == []


@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", "/api/interviews", '{"employer": "\\ud800", "job_title": "B", "at": "2026-11-20 10:00"}'),
    ("POST", "/api/interviews/1/reply", '{"note": "a\\udfffb"}'),
    ("PUT", "/api/profile", '{"name": "\\ud800", "email": "a@b.example", "phone": "555 123 4567"}'),
    ("POST", "/api/lint", '{"text": "Subject: \\ud800"}'),
])
def test_a_lone_surrogate_is_refused(demo, method, path, body):
    response = _api(demo, method, path, body)
    assert 400 <= response.status_code < 500, response.text
    assert "error" in response.json() or "detail" in response.json()


def test_an_unexpected_error_still_carries_the_security_headers(client):
    broken = APIRouter()

    @broken.get("/api/broken")
    def _boom() -> None:
        raise RuntimeError("a bug")

    client.app.include_router(broken)
    response = client.get("/api/broken")
    assert response.status_code == 500
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    assert response.headers["x-frame-options"] == "DENY"
    assert "a bug" not in response.text and "Traceback" not in response.text


@pytest.mark.parametrize(("group", "key", "value", "message"), [
    ("letters", "draft.line_width", "5", "is not a whole number from 40 to 100"),
    ("rhythm", "plan.max_letters", "1000", "is not a whole number from 1 to 12"),
    ("calendar", "caldav.url", "not-a-url", "is not a web address like https://dav.example.com/"),
    ("ai", "ai.endpoint", "localhost:8080", "is not a web address like http://localhost:8080/v1"),
])
def test_a_bad_setting_is_refused_next_to_its_value(client, tmp_path, group, key, value, message):
    page = client.post(f"/settings/{group}", headers=SAME, data={key: value})
    assert page.status_code == 400
    field = page.text.split('<div class="field invalid">', 1)[1].split("</div>", 1)[0]
    assert 'role="alert"' in field and message in field and f'value="{value}"' in field
    assert key not in page.text.split("<main", 1)[1].replace(f'name="{key}"', "")
    assert not (tmp_path / "config.toml").exists()
    ok = client.post("/settings/rhythm", headers=SAME, data={"plan.max_calls": "0"})
    assert ok.status_code == 200 and "max_calls = 0" in (tmp_path / "config.toml").read_text()


def test_the_web_names_fields_by_their_labels_never_by_options(client):
    page = client.post("/interviews", headers=SAME,
                       data={**INTERVIEW, "at": "2026-02-30T10:00", "duration": "²"})
    assert page.status_code == 400
    assert "--" not in page.text.split("<main", 1)[1]  # no option of the command line
    assert "&#39;²&#39; is not a number of minutes</em>" in page.text  # beside its field


def test_something_missing_links_to_where_it_is_entered(client):
    client.post("/api/interviews", headers=SAME, json={
        **INTERVIEW, "interviewers": ["Bill Lumbergh <bill@initech.example>"]})
    page = client.get("/steps/1/draft")
    assert page.status_code == 409
    assert "the draft needs your name, e-mail and phone in your profile" in page.text
    assert '<a class="primary" href="/profile">Open your profile</a>' in page.text
    assert "insidetrack profile set" not in page.text
    api = client.get("/api/steps/1/draft")
    assert api.status_code == 409
    assert api.json()["missing"] == {"what": "your name, e-mail and phone in your profile",
                                     "place": "profile", "interview": None, "contact": None}
