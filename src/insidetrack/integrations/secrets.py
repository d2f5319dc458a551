"""Passwords: from the environment on a headless machine, else the system keyring.

Never in the database or the settings file.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from insidetrack.domain.errors import NoKeyring

SERVICES = ("smtp", "imap", "caldav")
MAIL = ("smtp", "imap")


class Bearer(str):
    """An OAuth access token in place of a password; `renew` gets a new one."""

    renew: Callable[[], str]


def env_name(service: str) -> str:
    return f"INSIDETRACK_{service.upper()}_PASSWORD"


def password(service: str, user: str) -> str | None:
    """Return the password for a service, or None when none is known."""
    if env_name(service) in os.environ:
        return os.environ[env_name(service)]
    if not user:
        return None
    if service in MAIL:
        from insidetrack.integrations import oauth

        account = oauth.load(user)
        if account is not None:
            return _bearer(account)
    try:
        import keyring

        return keyring.get_password(f"insidetrack-{service}", user)
    except Exception:  # no usable keyring on this machine
        return None


def store_password(service: str, user: str, secret: str) -> None:
    """Keep a password in the system keyring."""
    try:
        import keyring

        keyring.set_password(f"insidetrack-{service}", user, secret)
    except Exception as exc:
        raise NoKeyring(service, env_name(service), type(exc).__name__) from exc


def _bearer(account: dict[str, object]) -> Bearer:
    """Return a fresh access token for a signed-in account, able to renew itself."""
    from insidetrack.integrations import oauth

    token = Bearer(oauth.fresh_token(account))
    token.renew = lambda: oauth.fresh_token(oauth.load(str(account["email"])) or account,
                                            force=True)
    return token
