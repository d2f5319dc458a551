"""The ports of a center's own settings and its cohorts' figures (storage/org_settings.py,
storage/cohort_report.py): PostgreSQL only."""

from __future__ import annotations

from typing import Any, Protocol


class OrgSettingsPort(Protocol):
    """The center's settings (`key = value`), and an administrator's binding."""

    def values(self) -> dict[str, str]:
        """Return every setting the center has set, by key."""

    def replace(self, values: dict[str, str]) -> None:
        """Make the settings exactly these."""

    def templates(self) -> tuple[tuple[str, str], ...]:
        """Return the center's own draft templates (file name, source); elsewhere none."""

    def set_template(self, name: str, source: str | None) -> None:
        """Keep the center's version of a draft template; None: the built-in one again."""

    def seeker_defaults(self, seeker_id: int) -> dict[str, str]:
        """Return the plan settings a job seeker started from."""

    def own_settings(self, seeker_id: int) -> dict[str, str]:
        """Return a job seeker's own plan settings and time zone."""

    def own_values(self, seeker_id: int, groups: tuple[str, ...]) -> dict[str, str]:
        """Return a job seeker's own settings of some groups ("smtp": smtp.host...)."""

    def set_own(self, seeker_id: int, values: dict[str, str]) -> None:
        """Keep a job seeker's own settings ("" forgets one)."""

    def act_as_admin(self) -> None:
        """Write as the administrators' role from now on (this connection only)."""


class CohortReportPort(Protocol):
    """A cohort's figures: aggregates only, a figure of too few job seekers hidden (None)."""

    def minimum(self) -> int:
        """Return how many job seekers a figure needs to be shown."""

    def seekers(self, cohort_id: int) -> int:
        """Count a cohort's job seekers."""

    def figures(self, name: str, cohort_id: int) -> list[tuple[Any, ...]]:
        """Return one table's rows: (label, a, b, c, seekers)."""
