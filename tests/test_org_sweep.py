"""Isolation proven over every route of the web app and the API (issue 15, item 6).

A career center's database on a real PostgreSQL (tests/pg.py) holds two job seekers, A and
B, each with a full set of rows made through the services. Signed in as A, every route
enumerated from the app's router (so a new route is swept too) is called with B's ids:
each answers 404 and none of B's rows changes. Twice: (a) the application's own check alone
(services/ownership.py; the connection is the database's owner, the superuser `postgres`,
whom row-level security does not hold back), and (b) row-level security alone (the check
switched off, the connection the app's role).

Sign-in for `serve --org` is being built in parallel: until it lands, a small middleware in
this test stands in for it, binding the request's connection to A and setting
`request.state.seeker_id`, as sign-in is to do. The sweep runs again with A's API token
through the real guard: a token opens the API and the calendar feed alone, so those routes
are swept as above and every other one must refuse it (403).
"""

from __future__ import annotations

import itertools
import os
import re
import warnings
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, get_args

import pytest
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel

import insidetrack.web
from insidetrack.domain.planner import PlanSettings
from insidetrack.integrations import invites
from insidetrack.services import access, delivery, interview_edits, invitations
from insidetrack.services.context import Env
from insidetrack.services.demo import demo_rows
from insidetrack.services.ownership import ID_PARAMETERS
from insidetrack.services.records import NewInterview, add_interview
from insidetrack.session import Session
from insidetrack.storage import tables
from insidetrack.storage.db import connect
from insidetrack.storage.org import SHARED
from insidetrack.storage.store import Store
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import TOKEN_SCOPE, Guard

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from conftest import NOW, TZ  # noqa: E402

BASE = "http://127.0.0.1:8765"
SAME = {"Origin": BASE}
B_EMPLOYER = "Quokka Freight Cooperative"  # only B has it: A must never see it
HERE = Path(__file__).parent
# Parameters that are numbers but name no row: a route taking another number is either
# in ID_PARAMETERS (services/ownership.py) or here.
NOT_IDS = {"limit", "offset", "page_number", "duration", "years",
           "cohort_id"}  # a cohort figures page: staff only, no seeker's rows (cohort_pages.py)
# Plausible values, so that a route refusing B's id is refusing the id, not the rest.
PLAUSIBLE: dict[str, Any] = {
    "date": "2026-11-25", "limit": "10", "offset": "0", "voicemail": "false",
    "archived": "all", "status": "all", "page_number": "1", "q": "Quokka",  # the page repeats it
    "employer": "Acme", "job_title": "Analyst", "email": "zoe@acme.example",
    "phone": "+1 555 0123", "courtesy_title": "Dr.", "salutation": "Dear Zoë,",
    "name": "Zoë Müller", "next": "/today", "text": "I led a team of five",
    "title": "Acme opens a plant", "url": "https://news.example.com/acme", "kind": "article",
    "event": "reply", "outcome": "offer", "note": "", "confirmed": "true",
    "password": "not the password", "download": "1", "relationship": "former manager",
    "address": "1 Main St", "traditionalist": "false", "high_tech": "false",
    "service": "smtp", "at": "2026-11-25 10:00",
}
BY_ROUTE = {("/api/interviews/{interview_id}/call", "outcome"): "connected"}
_roles = itertools.count()


def _env(store: Store) -> Env:
    return Env(store, PlanSettings(), TZ, NOW)


def _fill(env: Env, employer: str) -> str:
    """A seeker's full set of rows: the demo's (load_demo refuses a center: demo_rows adds
    them), and an interview, a deleted application, a queued message, an invitation and an
    API token of their own; return the token."""
    demo_rows(env)
    added = add_interview(env, NewInterview(
        employer, "Dispatcher", NOW - timedelta(hours=2),
        interviewers=(("Zoë Müller", "zoe@quokka.example"),)))
    step = next(s for s in added.steps if s.doable and s.id is not None)
    delivery.queue(env, delivery.Outgoing(step.id or 0, f"<{step.id}@quokka.example>",
                                          "dana@example.com", "zoe@quokka.example",
                                          "Thank you", b"Subject: Thank you\r\n\r\nThanks\r\n"))
    gone = add_interview(env, NewInterview(f"{employer} Holdings", "Clerk", NOW))
    interview_edits.delete(env, gone.interview_id)  # into the trash
    invitations.propose(env, invites.read_calendar((HERE / "invitations" /
                                                    "saved_invite.ics").read_bytes()))
    return access.create_token(env, "calendar subscription")[1]


@dataclass
class Center:
    owner_url: str
    app_url: str
    a: int
    b: int
    b_ids: dict[str, int] = field(default_factory=dict)  # table -> one of B's ids
    a_token: str = ""  # A's API token

    def b_rows(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of B's, in every table a seeker owns (read as the owner)."""
        db = connect(self.owner_url, upgrade=False)
        try:
            owned = sorted(set(db.tables()) - SHARED)
            return {t: tables.read_where(db, t, "seeker_id = ?", (self.b,)) for t in owned}
        finally:
            db.close()


@pytest.fixture(scope="module")
def center(postgres) -> Any:
    """A center with seekers A and B, each with a full set of rows."""
    from conftest import close_pools

    url = postgres.new_database()
    role = f"sweep_{os.getpid()}_{next(_roles)}"
    owner = Store(connect(url))
    try:
        assert owner.center.organise(role)
        a, b = (owner.center.add_seeker(f"{n}@uni.example", n) for n in ("ana", "bo"))
    finally:
        owner.close()
    app_url = url.replace("postgres@", f"{role}@")
    made = {}
    for seeker, employer in ((a, "Acme Anvils"), (b, B_EMPLOYER)):
        store = Store(connect(app_url, upgrade=False))
        store.center.bind(seeker)
        made[seeker] = _fill(_env(store), employer)
        store.close()
    found = Center(url, app_url, a, b, a_token=made[a])
    db = connect(url, upgrade=False)
    found.b_ids["org_people"] = b  # a job seeker's id (a coach's pages): B themselves
    for table in sorted({p.table for p in ID_PARAMETERS.values() if not p.seeker}):
        row = db.execute(f"SELECT MIN(id) FROM {table} WHERE seeker_id = ?", (b,)).fetchone()
        assert row[0] is not None, f"B has no row in {table}: the sweep would prove nothing"
        found.b_ids[table] = int(row[0])
    db.close()
    yield found
    close_pools(app_url)
    close_pools(url)


def signed_in(url: str, seeker: int, *, check_owners: bool) -> TestClient:
    """The web app over a center's database, every request signed in as one seeker.

    Stands in for sign-in (being built): binds the request's connection to the seeker and
    sets request.state.seeker_id, which is all the application's check reads.
    """
    config = WebConfig(url, clock=lambda: NOW, tz=TZ, check_owners=check_owners)
    app = create_app(config, Guard(port=8765))

    @app.middleware("http")
    async def _as_seeker(request: Any, call_next: Any) -> Any:
        from starlette.concurrency import run_in_threadpool

        session = Session(url, NOW, TZ, pooled=True)
        # Opened without migrating, as a center's server must: the app's role cannot migrate.
        session._env = _env(Store(connect(url, upgrade=False, pooled=True)))
        await run_in_threadpool(session._env.store.center.bind, seeker)
        request.state.session = session  # the route's own (web.app.data); the guard closes it
        request.state.seeker_id = seeker
        return await call_next(request)

    return TestClient(app, base_url=BASE, follow_redirects=False)


def as_a(center: Center, how: str, wall: str) -> TestClient:
    """A's client, signed in or with A's token, behind one wall alone."""
    app_check = wall == "the application's check"
    url = center.owner_url if app_check else center.app_url  # a superuser: RLS does not apply
    if how == "a bearer token":  # the real guard finds whose it is and binds the request
        from test_org_tokens import script

        return script(url, center.a_token, check_owners=app_check)
    return signed_in(url, center.a, check_owners=app_check)


def expected(route: Route, how: str, code: int) -> int:
    """What A gets where the sweep expects `code`: a token opens only the API and the
    calendar feed (web/security.py), and is refused (403) everywhere else."""
    return code if how != "a bearer token" or _a_tokens(route.path) else 403


def _a_tokens(path: str) -> bool:
    """What a center's API token opens, as the README promises it: the API and the
    calendar feed, no page (written here, not read from the app, so a wider scope fails)."""
    return path.startswith("/api/") or path == "/calendar.ics"


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    path_params: tuple[str, ...]
    query: tuple[str, ...]
    form: tuple[str, ...]
    body: type[BaseModel] | None  # a JSON body's model
    numbers: tuple[str, ...]  # the parameters that are whole numbers

    def names(self) -> set[str]:
        inside = set(self.body.model_fields) if self.body else set()
        return {*self.path_params, *self.query, *self.form} | inside

    def ids(self) -> set[str]:
        return self.names() & set(ID_PARAMETERS)


def _params(dependant: Any) -> list[tuple[str, Any]]:
    found = [("path", p) for p in dependant.path_params]
    found += [("query", p) for p in dependant.query_params]
    found += [("body", p) for p in dependant.body_params]
    for sub in dependant.dependencies:
        found += _params(sub)
    return found


def routes() -> list[Route]:
    """Every route of the app and the API, from its router."""
    app = create_app(WebConfig(None), Guard(port=8765))
    found = []
    for route in iter_route_contexts(app.routes):
        dependant = getattr(route, "dependant", None)
        if dependant is None:
            continue  # the OpenAPI document and static files: no one's data
        params = _params(dependant)
        kinds = {k: tuple(p.alias for kind, p in params if kind == k) for k in ("path", "query")}
        models = [m for kind, p in params if kind == "body" and (m := _model(p))]
        form = tuple(p.alias for kind, p in params if kind == "body" and not models)
        for method in sorted(route.methods - {"HEAD"}):
            found.append(Route(method, route.path, kinds["path"], kinds["query"], form,
                               models[0] if models else None, _numbers(params, models)))
    return found


def _model(param: Any) -> type[BaseModel] | None:
    """Return the model of a JSON body parameter (`Body` or `Body | None`), else None."""
    for kind in (param.field_info.annotation, *get_args(param.field_info.annotation)):
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            return kind
    return None


def _numbers(params: list[tuple[str, Any]], models: list[type[BaseModel]]) -> tuple[str, ...]:
    found = [p.alias for _, p in params if p.field_info.annotation is int]
    found += [n for m in models for n, f in m.model_fields.items() if f.annotation is int]
    return tuple(found)


def _id_like(route: Route) -> set[str]:
    """The parameters of a route that look like ids: named so, or whole numbers."""
    return {n for n in route.names() if n.endswith(("_id", "_ids"))} | set(route.numbers)


def test_every_id_a_route_takes_is_in_the_mapping():
    everything = routes()
    assert len(everything) > 100  # the enumeration found the routers' routes
    unknown = {f"{r.method} {r.path}: {n}" for r in everything
               for n in _id_like(r) - set(ID_PARAMETERS) - NOT_IDS}
    assert unknown == set(), ("an id parameter the application's check does not know: add it "
                              "to ID_PARAMETERS in services/ownership.py (or NOT_IDS here)")


def test_no_form_a_route_reads_itself_takes_an_id_the_mapping_does_not_know():
    """Some routes read their form themselves (no declared parameters): their fields too."""
    read = set()
    for path in (Path(insidetrack.web.__file__).parent).glob("*.py"):
        read |= set(re.findall(r"form\.(?:get|getlist)\(\s*\"([a-z_]+)\"", path.read_text()))
    assert "remove_interviewer" in read  # the scan sees the fields
    assert {n for n in read if n.endswith(("_id", "_ids"))} - set(ID_PARAMETERS) == set()


def _request(route: Route, center: Center) -> dict[str, Any]:
    """Arguments for the client: B's ids wherever an id goes, plausible values elsewhere."""
    def value(name: str) -> Any:
        kind = ID_PARAMETERS.get(name)
        return str(center.b_ids[kind.table]) if kind else _plausible(route.path, name)

    path = route.path
    for name in route.path_params:
        path = path.replace("{" + name + "}", value(name))
    asked: dict[str, Any] = {"params": {n: value(n) for n in route.query}, "headers": SAME}
    if route.form:
        asked["data"] = {n: value(n) for n in route.form}
    if route.body:
        asked["json"] = _json_body(route, route.body, center)
    return {"method": route.method, "url": path, **asked}


def _plausible(path: str, name: str) -> Any:
    return BY_ROUTE.get((path, name), PLAUSIBLE.get(name, "1"))


def _json_body(route: Route, model: type[BaseModel], center: Center) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        kind = ID_PARAMETERS.get(name)
        if kind is not None:
            body[name] = [str(center.b_ids[kind.table])]
        elif info.is_required():
            body[name] = _plausible(route.path, name)
    return body


@pytest.fixture
def set_up(tmp_path, monkeypatch):
    """Mail and a language model set up, so that retrying a message and polishing a draft
    reach the id they are given (nothing is sent: every id here is refused)."""
    (tmp_path / "config.toml").write_text('[smtp]\nhost = "127.0.0.1"\nport = 9\n\n'
                                          '[ai]\nendpoint = "http://127.0.0.1:9/v1"\n')
    monkeypatch.setenv("INSIDETRACK_AI_PASSWORD", "")


HOW = ["signed in", "a bearer token"]


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("wall", ["the application's check", "row-level security"])
def test_as_a_every_route_with_bs_ids_answers_404_and_changes_nothing(center, wall, how,
                                                                     set_up):
    web = as_a(center, how, wall)
    before = center.b_rows()
    answers, wanted = {}, {}
    for route in routes():
        if route.ids():
            name = f"{route.method} {route.path}"
            answers[name] = web.request(**_request(route, center))
            wanted[name] = expected(route, how, 404)
    assert len(answers) > 60 and sum(c == 404 for c in wanted.values()) > 25
    wrong = [f"{k}: {r.status_code} {r.text[:160]}" for k, r in answers.items()
             if r.status_code != wanted[k]]
    assert not wrong, "\n".join(wrong)
    assert all(r.text == TOKEN_SCOPE for k, r in answers.items() if wanted[k] == 403)
    assert center.b_rows() == before


@pytest.mark.parametrize("how", HOW)
def test_the_routes_without_an_id_show_and_change_none_of_bs_rows_under_rls(center, how,
                                                                           set_up):
    """Lists (Today, pipeline, search...) and the writes that name no row (a new interview,
    the profile...): as A under row-level security alone."""
    web = as_a(center, how, "row-level security")
    before = center.b_rows()
    shown, codes = {}, {}
    for route in routes():
        if not route.ids():
            answer = web.request(**_request(route, center))
            codes[f"{route.method} {route.path}"] = answer.status_code
            if route.method == "GET":
                shown[route.path] = (answer.status_code, B_EMPLOYER in answer.text)
            if expected(route, how, 0) == 403:  # a page: a token does not open it
                assert (answer.status_code, answer.text) == (403, TOKEN_SCOPE), route
    for path in ("/api/today", "/api/interviews", "/api/employers", "/calendar.ics"):
        assert shown[path] == (200, False), path
    if how == "a bearer token":
        assert shown["/today"] == (403, False)
        assert "Acme Anvils" in web.get("/api/employers").text  # A's own, through the token
    else:
        assert shown["/today"] == (200, False) and shown["/search"] == (200, False)
    assert {p: s for p, s in shown.items() if s[1]} == {}
    assert {k: c for k, c in codes.items() if c == 500} == {}  # 502: no calendar server here
    assert center.b_rows() == before


def test_without_row_level_security_a_list_would_show_b(center):
    """The check above can fail: as the owner (no RLS), A's search finds B's employer.
    The application's check guards ids only; the lists rely on the second wall."""
    web = signed_in(center.owner_url, center.a, check_owners=True)
    assert B_EMPLOYER in web.get("/search", params={"q": "Quokka"}).text


def test_as_the_owner_without_the_check_bs_interview_would_be_shown(center):
    """The 404s of the application's check are its own: with it off (and no RLS, as the
    owner), A is shown B's interview."""
    web = signed_in(center.owner_url, center.a, check_owners=False)
    shown = web.get(f"/api/interviews/{center.b_ids['interviews']}")
    assert shown.status_code == 200 and shown.json()["id"] == center.b_ids["interviews"]


def _a_ids(center: Center, table: str, where: str = "TRUE", column: str = "id") -> list[int]:
    """Return A's ids in a table (read as the owner)."""
    db = connect(center.owner_url, upgrade=False)
    try:
        rows = db.execute(f"SELECT {column} FROM {table} WHERE seeker_id = ? AND {where} ORDER BY 1",
                          (center.a,)).fetchall()
        return [int(r[0]) for r in rows]
    finally:
        db.close()


def test_an_id_in_a_form_or_json_body_is_checked_and_the_route_still_reads_the_body(center):
    """A's own interview in the path, B's reference or interviewer in the body: refused;
    A's own in the body: the route gets the body the check read before it."""
    web = signed_in(center.owner_url, center.a, check_owners=True)
    interview = _a_ids(center, "interviews", "opening_id IN (SELECT o.id FROM openings o"
                       " JOIN employers e ON e.id = o.employer_id WHERE e.name = 'Acme Anvils')")[0]
    url = f"/interviews/{interview}"
    before = center.b_rows()
    refused = [
        web.post(f"{url}/references", headers=SAME,
                 data={"reference": str(center.b_ids["reference_people"])}),
        web.post(f"{url}/details", headers=SAME,  # a form the route parses itself
                 data={"remove_interviewer": str(center.b_ids["contacts"])}),
        web.patch(f"/api/interviews/{interview}", headers=SAME,
                  json={"remove_interviewers": [str(center.b_ids["contacts"])]}),
    ]
    assert [r.status_code for r in refused] == [404, 404, 404]
    assert "no reference " in refused[0].text
    assert refused[2].json()["error"].startswith("no interviewer ")
    assert center.b_rows() == before

    own = _a_ids(center, "reference_people")[0]
    linked = web.post(f"{url}/references", headers=SAME, data={"reference": str(own)})
    assert linked.status_code == 303
    opening = f"opening_id = (SELECT opening_id FROM interviews WHERE id = {interview})"
    assert _a_ids(center, "reference_links", opening, "reference_id") == [own]
    details = web.post(f"{url}/details", headers=SAME, data={
        "at": "2026-11-25 13:00", "duration": "45", "remove_interviewer": "Zoë Müller"})
    assert details.status_code == 303, details.text
    assert web.get(f"/api/interviews/{interview}").json()["interviewers"] == []


def test_an_id_the_check_cannot_read_is_refused_not_passed_on(center):
    """FastAPI reads "5.0" as 5: the check, which reads digits only, refuses it rather than
    let the route find a row it did not check; a number past any id is simply not there."""
    web = signed_in(center.owner_url, center.a, check_owners=True)
    b = center.b_ids["interviews"]
    for given in (f"{b}.0", f"+{b}", "9" * 30):
        answer = web.get(f"/api/interviews/{given}")
        assert answer.status_code == 404, (given, answer.text)
        assert answer.json()["error"].startswith("no interview ")
    own = _a_ids(center, "interviews")[0]
    assert web.get(f"/api/interviews/{own}").status_code == 200
