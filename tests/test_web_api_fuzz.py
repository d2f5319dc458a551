"""The API fuzzed with schemathesis: whatever is sent, no 500."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from conftest import NOW, TZ
from insidetrack.services.demo import load_demo
from insidetrack.session import App
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard

# The schema comes from the app's routes alone; the demo data is loaded by the fixture below,
# so collecting this module opens no database and makes no folder.
APP = create_app(WebConfig(None, clock=lambda: NOW, tz=TZ), Guard(port=8765))
HEADERS = {"Host": "127.0.0.1:8765", "Origin": "http://127.0.0.1:8765"}
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP, headers=HEADERS)


CLIENT = TestClient(APP, base_url="http://127.0.0.1:8765", raise_server_exceptions=False)


@pytest.fixture(scope="module", autouse=True)
def _demo_database():
    """Serve the demo from a database in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="insidetrack-fuzz-") as folder:
        db = Path(folder) / "fuzz.db"
        setup = App(db, NOW, TZ)
        load_demo(setup.env())
        setup.close()
        APP.state.config = WebConfig(db, clock=lambda: NOW, tz=TZ)
        yield
        APP.state.config = WebConfig(None, clock=lambda: NOW, tz=TZ)


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
