"""The port of a career center's one-time sign-in links (storage/sign_in_links.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from insidetrack.services.ports.rows import OrgPerson


class SignInLinksPort(Protocol):
    """Links that let a person choose their first password, kept as hashes."""

    def make(self, person_id: int, token_hash: str, expires: datetime) -> None:
        """Keep a new link for a person (their older one stops working)."""

    def first_sign_in(self, person_id: int) -> bool:
        """Say whether a person has neither a password nor a single sign-on yet."""

    def newcomers(self, person_ids: list[int]) -> set[int]:
        """Return which of these people have neither a password nor a single sign-on."""

    def everyone_new(self) -> list[OrgPerson]:
        """Return everyone with no password, no single sign-on, and not turned off."""

    def person(self, token_hash: str, at: datetime) -> int | None:
        """Return whose a link is while it is live, else None."""

    def use(self, token_hash: str, password_hash: str, at: datetime) -> int | None:
        """Spend a live link: set the password, end the person's sessions; return who."""
