"""The port of a career center's OAuth clients for its students' mail (storage/own_oauth.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class MailClientsPort(Protocol):
    """The center's OAuth clients per provider, and the mail sign-ins under way."""

    def clients(self) -> dict[str, dict[str, str]]:
        """Return each registered provider's client (client_id, client_secret_sealed,
        issuer)."""

    def set_client(self, provider: str, client: dict[str, str]) -> None:
        """Keep a provider's client, replacing what it had."""

    def remove_client(self, provider: str) -> bool:
        """Forget a provider's client; False when there was none."""

    def start(self, state: str, seeker_id: int, provider: str, email: str, verifier: str,
              redirect: str, now: datetime, stale: datetime) -> None:
        """Keep a sign-in under way; forget those started before `stale`."""

    def take(self, state: str, stale: datetime) -> tuple[int, str, str, str, str] | None:
        """Return (seeker id, provider, e-mail, verifier, redirect) once, or None."""
