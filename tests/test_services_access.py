"""Login sessions and API tokens: hashed, expiring, revocable, on both databases."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import NOW, TZ
from dbs import query
from insidetrack.domain.errors import InputError, NotFoundError
from insidetrack.services import access
from insidetrack.session import Session


@pytest.fixture
def env(db_path):
    app = Session(db_path, NOW, TZ)
    yield app.env()
    app.close()


def test_a_session_survives_a_restart_until_it_expires(db_path, env):
    secret = access.start_session(env, timedelta(hours=1))
    later = Session(db_path, NOW + timedelta(minutes=59), TZ)  # another process, a restart
    assert access.session_is_valid(later.env(), secret)
    too_late = Session(db_path, NOW + timedelta(minutes=61), TZ)
    assert not access.session_is_valid(too_late.env(), secret)
    assert secret not in str(query(db_path, "SELECT * FROM web_sessions"))


def test_logout_ends_the_session(env):
    secret = access.start_session(env)
    access.end_session(env, secret)
    assert not access.session_is_valid(env, secret)
    assert not access.session_is_valid(env, "")


def test_tokens_are_shown_once_stored_hashed_and_revocable(db_path, run):
    out = run.ok("api-token", "create", "nightly export")
    secret = out.split(": ", 1)[1].split()[0]
    assert secret.startswith("itk_") and len(secret) > 40
    stored = query(db_path, "SELECT name, token_hash FROM api_tokens")
    assert stored[0][0] == "nightly export" and secret not in str(stored)
    listed = run.json("api-token", "list")
    assert listed == [{"created": "2026-11-25T15:00:00-05:00", "id": 1, "last_used": None,
                       "name": "nightly export", "revoked": None,
                       "expires": None}]
    assert secret not in run.ok("api-token", "list")
    app = Session(db_path, NOW, TZ)
    assert access.token_is_valid(app.env(), secret)
    assert not access.token_is_valid(app.env(), secret + "x")
    assert run.json("api-token", "list")[0]["last_used"] == "2026-11-25T15:00:00-05:00"
    assert run.ok("api-token", "revoke", "1") == "API token 1 revoked.\n"
    assert not access.token_is_valid(Session(db_path, NOW, TZ).env(), secret)
    again = run("api-token", "revoke", "1")
    assert again.exit_code == 3 and "no API token with id 1" in again.stderr


def test_a_token_needs_a_name(env):
    with pytest.raises(InputError):
        access.create_token(env, "  ")
    with pytest.raises(NotFoundError):
        access.revoke_token(env, 42)


def test_sessions_are_not_exported_but_tokens_are(run):
    run.ok("api-token", "create", "backup script")
    Session(run.db, NOW, TZ).env()
    access.start_session(Session(run.db, NOW, TZ).env())
    exported = run.ok("export", "json")
    assert '"api_tokens"' in exported and "web_sessions" not in exported
