"""Who may use the web app and the API: login sessions that outlive a restart, API tokens.

Secrets are random (32 bytes) and shown once; the database keeps only their SHA-256.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from pathlib import Path

from insidetrack.domain.errors import InputError, NotFoundError
from insidetrack.services.context import Env
from insidetrack.services.ports import ApiToken

SESSION_LIFETIME = timedelta(days=7)
TOKEN_PREFIX = "itk_"  # says what a leaked string is, as GitHub's tokens do
MOST_DAYS = 3660  # a token's life, when it has one: up to ten years


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def start_session(env: Env, lifetime: timedelta = SESSION_LIFETIME) -> str:
    """Log in: return the new session's secret for the cookie."""
    secret = secrets.token_urlsafe(32)
    with env.store.write():
        env.store.access.end_sessions_before(env.now)
        env.store.access.add_session(_hash(secret), env.now, env.now + lifetime)
    return secret


def session_is_valid(env: Env, secret: str) -> bool:
    if not secret:
        return False
    expiry = env.store.access.session_expiry(_hash(secret))
    return expiry is not None and expiry > env.now


def start_person_session(env: Env, person_id: int,
                         lifetime: timedelta = SESSION_LIFETIME) -> str:
    """Sign one of a career center's people in: return the new session's secret."""
    secret = secrets.token_urlsafe(32)
    with env.store.write():
        env.store.access.end_sessions_before(env.now)
        env.store.access.add_person_session(_hash(secret), env.now, env.now + lifetime,
                                            person_id)
    return secret


def session_person(env: Env, secret: str) -> int | None:
    """Return the id of the center's person a live session is, else None."""
    found = env.store.access.session_person(_hash(secret)) if secret else None
    return found[0] if found is not None and found[1] > env.now else None


def end_session(env: Env, secret: str) -> None:
    """Log out: the cookie's secret opens nothing any more."""
    with env.store.write():
        env.store.access.end_session(_hash(secret))


def create_token(env: Env, name: str, days: int | None = None) -> tuple[int, str]:
    """Make an API token for a script, working for `days` (None: until revoked); return
    its id and the secret, shown only now."""
    name = name.strip()
    if not name or len(name) > 100 or not name.isprintable():
        raise InputError("name", "give the token a short name that says which script uses it")
    if days is not None and not 1 <= days <= MOST_DAYS:
        raise InputError("expires_in", f"give a number of days from 1 to {MOST_DAYS}, or none "
                         "for a token that works until revoked")
    expires = None if days is None else env.now + timedelta(days=days)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with env.store.write():
        token_id = env.store.access.add_token(name, _hash(secret), env.now, expires)
    return token_id, secret


def tokens(env: Env) -> list[ApiToken]:
    return env.store.access.tokens()


def revoke_token(env: Env, token_id: int) -> ApiToken:
    """Revoke a token: it opens nothing from now on. Return it as it was."""
    with env.store.write():
        found = next((t for t in env.store.access.tokens() if t.id == token_id), None)
        if found is None or not env.store.access.revoke_token(token_id, env.now):
            raise NotFoundError(f"no API token with id {token_id} that is still valid")
    return found


def token_is_valid(env: Env, secret: str) -> bool:
    """Say whether a bearer token is one of ours and not revoked; note when it was used."""
    if not secret.startswith(TOKEN_PREFIX):
        return False
    token_id = env.store.access.live_token(_hash(secret), env.now)
    if token_id is None:
        return False
    with env.store.write():
        env.store.access.token_used(token_id, env.now)
    return True


def center_token_seeker(env: Env, secret: str) -> int | None:
    """Return the job seeker of a career center's live API token (noting it used), else
    None; asked before the connection is bound to anyone."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    return env.store.access.token_seeker(_hash(secret), env.now)


# The web app's own password: an argon2 hash in the config folder, never the password.

def web_password_file() -> Path:
    """Return where the hash of the web app's password is kept."""
    from insidetrack.services.preferences import settings_file

    return settings_file().parent / "web-password"


def hash_password(password: str) -> str:
    from argon2 import PasswordHasher

    return PasswordHasher().hash(password)


def password_matches(stored: str, password: str) -> bool:
    """Say whether a typed password is the one whose hash is stored."""
    from argon2 import PasswordHasher
    from argon2.exceptions import Argon2Error

    try:
        return PasswordHasher().verify(stored, password)
    except Argon2Error:
        return False


def web_password_hash() -> str | None:
    """Return the stored hash, or None when no password was set."""
    path = web_password_file()
    return path.read_text().strip() if path.is_file() else None


def set_web_password(password: str) -> Path:
    """Store the hash of a new web password, readable by the user alone; return its file."""
    from insidetrack.storage.settings_file import atomic_write

    path = web_password_file()
    atomic_write(path, hash_password(password) + "\n")
    path.chmod(0o600)
    return path
