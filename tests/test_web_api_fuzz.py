"""The API fuzzed with schemathesis: whatever is sent, no 500."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from conftest import NOW, TZ
from insidetrack.services.demo import load_demo
from insidetrack.session import App
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard

DB = Path(tempfile.mkdtemp(prefix="insidetrack-fuzz-")) / "fuzz.db"
_setup = App(DB, NOW, TZ)
load_demo(_setup.env())
_setup.close()
APP = create_app(WebConfig(DB, clock=lambda: NOW, tz=TZ), Guard(port=8765))
HEADERS = {"Host": "127.0.0.1:8765", "Origin": "http://127.0.0.1:8765"}
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP, headers=HEADERS)


CLIENT = TestClient(APP, base_url="http://127.0.0.1:8765", raise_server_exceptions=False)


@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_no_request_makes_the_api_fail(case):
    # Sent through Starlette's test client: the generated request as schemathesis built it.
    kwargs = case.as_transport_kwargs(base_url="http://127.0.0.1:8765", headers=HEADERS)
    kwargs.pop("timeout", None)
    kwargs.pop("verify", None)
    kwargs.pop("allow_redirects", None)
    response = CLIENT.request(**kwargs)
    assert response.status_code < 500, (case.method, case.path, response.text[:300])
