"""LAN mode: the app answers to this machine's own names and addresses, and to no other."""

from __future__ import annotations

import socket
import warnings

import pytest

from insidetrack.services.access import hash_password
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from conftest import NOW, TZ  # noqa: E402

PASSWORD = "correct horse"


def _lan_address() -> str | None:
    """The address this machine uses toward the network (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
        except OSError:
            return None
        return str(probe.getsockname()[0])


@pytest.fixture(scope="module")
def password_hash() -> str:
    return hash_password(PASSWORD)


def _client(db_path, guard: Guard) -> TestClient:
    app = create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ), guard)
    return TestClient(app, base_url="http://127.0.0.1:8765", follow_redirects=False)


def _status(client: TestClient, host: str) -> int:
    return client.get("/login", headers={"Host": host}).status_code


def test_listening_on_every_address_answers_to_the_machines_names(db_path, password_hash):
    client = _client(db_path, Guard(port=8765, bind_host="0.0.0.0", password_hash=password_hash))
    hostname = socket.gethostname()
    assert _status(client, f"{hostname}:8765") == 200
    assert _status(client, f"{hostname.upper()}:8765") == 200
    address = _lan_address()
    if address is None or address.startswith("127."):
        pytest.skip("this machine has no network address")
    assert _status(client, f"{address}:8765") == 200
    assert _status(client, f"{address}:9999") == 400


def test_a_login_works_through_the_machines_address(db_path, password_hash):
    address = _lan_address() or pytest.skip("this machine has no network address")
    client = _client(db_path, Guard(port=8765, bind_host="0.0.0.0", password_hash=password_hash))
    host = {"Host": f"{address}:8765", "Origin": f"http://{address}:8765"}
    ok = client.post("/login", headers=host, data={"password": PASSWORD})
    assert ok.status_code == 303 and ok.headers["location"] == "/today"


@pytest.mark.parametrize("host", ["evil.example:8765", "evil.example", "192.0.2.254:8765",
                                  f"{socket.gethostname()}.evil.example:8765", ""])
def test_every_other_name_is_refused_dns_rebinding_stays_blocked(db_path, password_hash, host):
    client = _client(db_path, Guard(port=8765, bind_host="0.0.0.0", password_hash=password_hash))
    response = client.get("/login", headers={"Host": host})
    assert response.status_code == 400 and "Unknown Host" in response.text


def test_names_added_in_the_settings_are_accepted(db_path, password_hash):
    guard = Guard(port=8765, bind_host="0.0.0.0", password_hash=password_hash,
                  extra_hosts=("jobs.home.arpa", "10.9.8.7"))
    client = _client(db_path, guard)
    assert _status(client, "jobs.home.arpa:8765") == 200
    assert _status(client, "10.9.8.7:8765") == 200
    assert _status(client, "other.home.arpa:8765") == 400


def test_on_loopback_only_loopback_names_are_accepted(db_path):
    client = _client(db_path, Guard(port=8765))
    assert _status(client, "127.0.0.1:8765") == 200
    assert _status(client, f"{socket.gethostname()}:8765") == 400
