"""The port of a career center's database (storage/org.py): PostgreSQL only."""

from __future__ import annotations

from typing import Protocol

from insidetrack.services.ports.rows import OrgPerson


class CenterPort(Protocol):
    """Organising a center's database, its job seekers, and binding a connection to one."""

    def organise(self, app_role: str) -> bool:
        """Make a new, empty database a center's for the app's role; False if it is one."""

    def may_organise(self) -> bool:
        """Say whether the role connected may make the center's roles (CREATEROLE)."""

    def add_seeker(self, email: str, name: str) -> int:
        """Add a job seeker; return their id."""

    def bind(self, seeker_id: int) -> None:
        """Let this connection read and write only one seeker's rows."""

    def walls_hold(self) -> bool:
        """Say whether row-level security holds for the role connected."""

    def migrate(self) -> None:
        """Bring the schema up to this version."""

    def role_exists(self, role: str) -> bool:
        """Say whether the PostgreSQL server has a role of this name."""

    def current_role(self) -> str:
        """Return the role this connection is."""

    def made_for(self, app_role: str) -> bool:
        """Say whether this center was organised for this app's role."""

    def role_bypasses(self, role: str) -> bool:
        """Say whether a role is a superuser or bypasses row-level security."""

    def up_to_date(self) -> bool:
        """Say whether `org init` gave the center every part this version reads."""

    def set_password(self, email: str, password_hash: str) -> bool:
        """Keep the hash of a person's password; False when no one has that e-mail."""

    def person_by_email(self, email: str) -> tuple[OrgPerson, str | None] | None:
        """Return the person with an e-mail and their password's hash (None: none set)."""

    def person(self, person_id: int) -> OrgPerson | None:
        """Return one of the center's people by id."""
