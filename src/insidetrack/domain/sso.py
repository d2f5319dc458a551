"""Single sign-on for a career center: its settings, and what the institution's word on a
person's role means next to the center's roster (the roster always decides)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
# scheme://host[:port][/path], the whole of an issuer's address (no query, no fragment)
_ISSUER = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*)://(?P<host>\[[0-9a-f:.]+\]|[^/?#:@\s]+)"
                     r"(?::\d{1,5})?(?:/[^?#\s]*)?", re.IGNORECASE)
ROLE_WORDS = {"seeker": "a job seeker", "coach": "a coach", "admin": "an administrator"}


@dataclass(frozen=True)
class SignOn:
    """How a center's people sign in at their institution's OpenID Connect provider."""

    issuer: str
    client_id: str
    client_secret: str = ""  # empty: a public client (PKCE alone)
    name: str = ""  # the institution, as the sign-in button says it
    role_claim: str = ""  # the ID token's claim carrying the role or group; empty: none
    coach_values: tuple[str, ...] = ()
    admin_values: tuple[str, ...] = ()

    @property
    def institution(self) -> str:
        """Name the institution: its name, else its provider's host."""
        found = _ISSUER.fullmatch(self.issuer)
        return self.name or (found["host"].lower() if found else self.issuer)


def issuer_problem(issuer: str) -> str | None:
    """Say what is wrong with an issuer's address, or None: https, or http on loopback."""
    found = _ISSUER.fullmatch(issuer)
    if found is None or found["scheme"].lower() not in ("http", "https"):
        return f"{issuer!r} is not a web address: give the provider's issuer URL (https://...)"
    if found["scheme"].lower() == "http" and found["host"].lower() not in LOOPBACK:
        return f"{issuer} is not https: a provider's issuer must be (http only on this computer)"
    return None


def values(typed: str) -> tuple[str, ...]:
    """Split a comma-separated list of claim values, dropping blanks."""
    return tuple(v.strip() for v in typed.split(",") if v.strip())


def claimed_role(sign_on: SignOn, claims: Mapping[str, Any]) -> str | None:
    """Return the staff role the role claim says (admin before coach), else None."""
    if not sign_on.role_claim:
        return None
    said = claims.get(sign_on.role_claim)
    said_values = {str(v) for v in said} if isinstance(said, list) else {str(said or "")}
    for role, wanted in (("admin", sign_on.admin_values), ("coach", sign_on.coach_values)):
        if said_values & set(wanted):
            return role
    return None


def role_disagrees(who: str, claimed: str | None, roster_role: str) -> str | None:
    """Say, in one line, why a staff role the institution claims is refused (the roster has
    someone else); None when the roster agrees or nothing is claimed. Never a promotion."""
    if claimed is None or claimed == roster_role:
        return None
    return (f"Your institution says {who} is {ROLE_WORDS[claimed]}, but this center's roster "
            f"has {who} as {ROLE_WORDS[roster_role]}: ask your career center.")


def not_on_roster(who: str) -> str:
    """Say, in one line, that the person signed in is none of the center's people."""
    return (f"Your institution signed you in as {who}, but {who} is not on this center's "
            "roster: ask your career center.")


def not_vouched(email: str) -> str:
    """Say, in one line, that a first sign-in's e-mail address is not one the institution
    says it verified (so it cannot tell which of the center's people this is)."""
    return (f"Your institution signed you in as {email}, but does not say it verified that "
            "address, so this center cannot tell who you are: ask your career center.")
