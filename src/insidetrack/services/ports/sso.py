"""The port of a career center's single sign-on (storage/sso.py): PostgreSQL only."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from insidetrack.domain.sso import SignOn
from insidetrack.services.ports.rows import OrgPerson


class SingleSignOnPort(Protocol):
    """The center's sign-on settings, each person's subject, and sign-ins under way."""

    def settings(self) -> SignOn | None:
        """Return the settings, or None when the center has none."""

    def save(self, sign_on: SignOn) -> None:
        """Keep the settings; a new issuer forgets every person's subject."""

    def turn_off(self) -> bool:
        """Forget the settings; False when there were none."""

    def person_by_subject(self, subject: str) -> OrgPerson | None:
        """Return the person whose subject at the provider this is."""

    def subject_of(self, person_id: int) -> str | None:
        """Return a person's subject at the provider (None: never signed in there)."""

    def link(self, person_id: int, subject: str) -> None:
        """Keep a person's subject, unless they have one."""

    def start(self, state: str, nonce: str, verifier: str, redirect: str,
              now: datetime, stale: datetime) -> None:
        """Keep a sign-in under way; forget those started before `stale`."""

    def take(self, state: str, stale: datetime) -> tuple[str, str, str] | None:
        """Return (nonce, verifier, redirect) of a sign-in under way, once."""
