"""The port of a career center's database (storage/org.py): PostgreSQL only."""

from __future__ import annotations

from typing import Protocol


class CenterPort(Protocol):
    """Organising a center's database, its job seekers, and binding a connection to one."""

    def organise(self, app_role: str) -> bool:
        """Make a new, empty database a center's for the app's role; False if it is one."""

    def add_seeker(self, email: str, name: str) -> int:
        """Add a job seeker; return their id."""

    def bind(self, seeker_id: int) -> None:
        """Let this connection read and write only one seeker's rows."""
