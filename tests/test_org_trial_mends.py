"""What a user trial of a career center found, mended (issue 15): a student's calendar
named with accents, a turned-off person's old sign-in link, a double-clicked "choose
password", an unknown step's number.

A real PostgreSQL (tests/pg.py) with the app as the center's app role, a real CalDAV
server (Radicale); what is checked is what the person sees.
"""

from __future__ import annotations

import itertools
import os
import warnings
from datetime import timedelta
from html import unescape

import pytest

from centers import new_center
from conftest import NOW, TZ, Cli
from insidetrack.services.center import TURNED_OFF
from insidetrack.services.seeker_accounts import ALLOW_PRIVATE
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard
from test_org_own_mail import _calendars_of

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

BASE = "http://127.0.0.1:8765"
PASSWORD = "a long enough secret"
_roles = itertools.count()


def _make(url: str) -> tuple[str, dict[str, int]]:
    run = Cli(url)
    run.ok("org", "init", "--app-role", role := f"mend_{os.getpid()}_{next(_roles)}")
    run.ok("org", "person", "add", "--email", "zoe@uni.example", "--name", "Zoë Lefèvre")
    said = run("org", "password", "--email", "zoe@uni.example", "--password-stdin",
               input=PASSWORD + "\n")
    assert said.exit_code == 0, said.output
    run.ok("org", "person", "add", "--email", "new@uni.example", "--name", "Noé Nouveau")
    return url.replace("postgres@", f"{role}@"), {}


@pytest.fixture
def center(postgres, request):
    """Return (the owner's URL, the app role's URL): Zoë, who signs in with a password,
    and Noé, who has none yet."""
    url, app_url, _ = new_center(postgres, request, _make)
    return url, app_url


def _web(app_url: str, minutes_later: int = 0) -> TestClient:
    at = NOW + timedelta(minutes=minutes_later)
    app = create_app(WebConfig(app_url, clock=lambda: at, tz=TZ, org=True),
                     Guard(port=8765, org=True))
    return TestClient(app, base_url=BASE, follow_redirects=False, headers={"Origin": BASE})


def _sign_in(app_url: str, email: str) -> TestClient:
    web = _web(app_url)
    answer = web.post("/login", data={"email": email, "password": PASSWORD})
    assert answer.status_code == 303, answer.text
    return web


@pytest.fixture
def latin1_radicale(tmp_path):
    """A CalDAV server that reads a request saying no charset as Latin-1 (HTTP's old
    default, as some servers do)."""
    from calendar_apps import radicale_server

    with radicale_server(tmp_path / "collections", "--encoding-request", "iso8859-1") as url:
        yield url


def _an_interview(web: TestClient) -> None:
    """Log an interview whose campaign has a thank-you e-mail to Anaïs Müller."""
    added = web.post("/api/interviews", json={
        "employer": "Société Générale", "job_title": "Analyst", "at": "2026-11-25 10:00",
        "interviewers": ["Anaïs Müller <anais@sg.example>"]})
    assert added.status_code == 201, added.text


def test_a_calendar_named_with_accents_shows_as_typed_on_the_server(center, monkeypatch,
                                                                     latin1_radicale):
    _, app_url = center
    radicale = latin1_radicale
    monkeypatch.setenv(ALLOW_PRIVATE, "allow")
    zoe = _sign_in(app_url, "zoe@uni.example")
    _an_interview(zoe)
    saved = zoe.post("/my-mail", data={"caldav.url": radicale, "caldav.user": "zoe",
                                       "caldav.password": "zoë's calendar",
                                       "caldav.calendar": "Entretiens d'été"})
    assert saved.status_code == 303, saved.text
    pushed = unescape(zoe.post("/calendar/push").text)
    assert 'Calendar "Entretiens d\'été": 9 added' in pushed, pushed
    again = unescape(zoe.post("/calendar/push").text)  # found again by its name
    assert 'Calendar "Entretiens d\'été": 0 added, 0 updated' in again, again
    held = _calendars_of(radicale, "zoe")
    assert list(held) == ["Entretiens d'été"]  # one calendar, named as typed, found again
    assert "Thank-you e-mail to Anaïs Müller: Société Générale, Analyst" in \
        held["Entretiens d'été"]


def _link(owner_url: str, email: str) -> str:
    """Make a sign-in link as the center's operator; return its path and its secret."""
    said = Cli(owner_url).ok("org", "person", "link", "--email", email, "--url", BASE)
    return said.splitlines()[1].removeprefix(BASE)


def _choose(web: TestClient, path: str, password: str = "noé chooses this"):
    return web.post("/login/link", data={"secret": path.rsplit("/", 1)[1],
                                         "password": password, "repeated": password})


def test_a_turned_off_person_opening_their_link_is_told_they_are_turned_off(center):
    url, app_url = center
    path = _link(url, "new@uni.example")
    Cli(url).ok("org", "person", "disable", "--email", "new@uni.example")
    for answer in (_web(app_url).get(path), _choose(_web(app_url), path)):
        assert answer.status_code == 403
        assert TURNED_OFF in unescape(answer.text) and "used already" not in answer.text
    Cli(url).ok("org", "person", "enable", "--email", "new@uni.example")
    spent = _web(app_url).get(path)  # turned back on: that link stays spent
    assert spent.status_code == 404 and "used already" in unescape(spent.text)


def test_choose_password_sent_twice_finds_the_person_signed_in(center):
    url, app_url = center
    path = _link(url, "new@uni.example")
    first = _choose(_web(app_url), path)
    assert first.status_code == 303 and first.headers["location"] == "/"
    twice = _web(app_url)  # the second click's request carries no cookie of the first's
    second = _choose(twice, path)
    assert second.status_code == 303 and second.headers["location"] == "/", second.text
    home = twice.get("/")
    assert home.status_code == 200 and "Noé Nouveau" in unescape(home.text)
    for late in (_choose(_web(app_url), path, "someone else's try"),  # not their password
                 _choose(_web(app_url, minutes_later=11), path)):  # nor much later
        assert late.status_code == 404 and "used already" in unescape(late.text)


def test_an_unknown_step_number_says_where_the_numbers_are(center, tmp_path):
    _, app_url = center
    done = Cli(tmp_path / "mine.db")("done", "99")
    assert done.exit_code == 3 and done.stderr == (
        "insidetrack: error: no step 99: see `insidetrack today` for the steps and their "
        "numbers\n")
    zoe = _sign_in(app_url, "zoe@uni.example")
    page = zoe.get("/steps/99/draft")
    assert page.status_code == 404
    assert "no step 99: see Today (/today) for your steps" in unescape(page.text)
    api = zoe.post("/api/steps/99/done", json={})
    assert api.status_code == 404 and api.json() == {
        "error": "no step 99: see GET /api/today for the steps and their ids", "field": None}
    assert zoe.get("/api/interviews/7").json()["error"] == (
        "no interview 7: see GET /api/interviews for the interviews and their ids")
