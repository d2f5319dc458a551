"""The port of a career center's one-time sign-in links (storage/sign_in_links.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from insidetrack.services.ports.rows import OrgPerson


@dataclass(frozen=True)
class LinkFound:
    """A link as kept: whose, until when, when it was used, and whether they are off."""

    person_id: int
    expires: datetime
    used_at: datetime | None
    turned_off: bool

    def live(self, at: datetime) -> bool:
        """Say whether the link may still be used to choose a password."""
        return self.used_at is None and self.expires > at


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

    def find(self, token_hash: str) -> LinkFound | None:
        """Return whose a link is, live or not, and whether they are turned off."""

    def use(self, token_hash: str, password_hash: str, at: datetime) -> int | None:
        """Spend a live link: set the password, end the person's sessions; return who."""
