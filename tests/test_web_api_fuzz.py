"""The API fuzzed with schemathesis: whatever is sent, no 500.

Strings reach the ends of the calendar and of Unicode: dates from year 1 to 9999 (the
schema's `date` and `local-date-time` formats), digits that are not ASCII, and lone
surrogates that only a raw JSON body can carry."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import NOW, TZ
from insidetrack.services.demo import load_demo
from insidetrack.session import Session
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard

# The schema comes from the app's routes alone; the demo data is loaded by the fixture below,
# so collecting this module opens no database and makes no folder.
APP = create_app(WebConfig(None, clock=lambda: NOW, tz=TZ), Guard(port=8765))
HEADERS = {"Host": "127.0.0.1:8765", "Origin": "http://127.0.0.1:8765"}
EDGE_TIMES = ("9999-12-31 23:59", "0001-01-01 00:00", "2026-11-25 15:00", "2026-02-30 10:00")
LOCAL_TIMES = st.one_of(
    st.sampled_from(EDGE_TIMES),
    st.datetimes().map(lambda d: f"{d.date().isoformat()} {d:%H:%M}"),
    st.text(max_size=20),
)
schemathesis.openapi.format("local-date-time", LOCAL_TIMES)
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP, headers=HEADERS)


CLIENT = TestClient(APP, base_url="http://127.0.0.1:8765", raise_server_exceptions=False)


@pytest.fixture(scope="module", autouse=True)
def _demo_database():
    """Serve the demo from a database in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="insidetrack-fuzz-") as folder:
        db = Path(folder) / "fuzz.db"
        setup = Session(db, NOW, TZ)
        load_demo(setup.env())
        setup.close()
        APP.state.config = WebConfig(db, clock=lambda: NOW, tz=TZ)
        yield
        APP.state.config = WebConfig(None, clock=lambda: NOW, tz=TZ)


@schema.parametrize()
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_no_request_makes_the_api_fail(case):
    # Sent through Starlette's test client: the generated request as schemathesis built it.
    kwargs = case.as_transport_kwargs(base_url="http://127.0.0.1:8765", headers=HEADERS)
    kwargs.pop("timeout", None)
    kwargs.pop("verify", None)
    kwargs.pop("allow_redirects", None)
    response = CLIENT.request(**kwargs)
    assert response.status_code < 500, (case.method, case.path, response.text[:300])


# Every character, lone surrogates and digits such as '²' and '٣' included.
ANY_TEXT = st.one_of(st.text(st.characters(exclude_categories=[]), max_size=12),
                     st.sampled_from(["\ud800", "²", "٣٠", "-1", "9" * 30, ""]))
WRITES = (
    ("POST", "/api/interviews", ("employer", "job_title", "at", "department", "expected_decision")),
    ("POST", "/api/interviews/1/reply", ("at", "note")),
    ("POST", "/api/interviews/1/call", ("at", "outcome", "note")),
    ("POST", "/api/interviews/1/decision", ("at", "outcome", "note")),
    ("POST", "/api/steps/3/done", ("at", "note")),
    ("POST", "/api/lint", ("text", "kind")),
    ("PUT", "/api/profile", ("name", "email", "phone", "address", "field", "specialty")),
)
VALID = {"employer": "Initech", "job_title": "Analyst", "at": "2026-11-20 10:00",
         "outcome": "offer", "text": "Hello", "name": "Dana", "email": "dana@example.com",
         "phone": "+1 555 0100"}


@given(write=st.sampled_from(WRITES), data=st.data())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_in_any_field_gets_an_answer_not_a_500(write, data):
    method, path, keys = write
    body = {k: VALID.get(k, "") for k in keys}
    body[data.draw(st.sampled_from(keys))] = data.draw(ANY_TEXT)
    # ensure_ascii spells a lone surrogate as the escape \ud800, as any script may send it.
    response = CLIENT.request(method, path, content=json.dumps(body).encode(),
                              headers={**HEADERS, "content-type": "application/json"})
    assert response.status_code < 500, (path, body, response.text[:300])
    assert response.headers["content-security-policy"].startswith("default-src 'self'")


@given(day=st.one_of(st.sampled_from(["0001-01-01", "9999-12-31"]),
                    st.dates().map(lambda d: d.isoformat()), st.text(max_size=12)))
@settings(max_examples=60, deadline=None)
def test_any_day_on_today_gets_an_answer_not_a_500(day):
    for path in ("/api/today", "/today"):
        response = CLIENT.get(path, params={"date": day}, headers=HEADERS)
        assert response.status_code < 500, (path, day, response.text[:300])
