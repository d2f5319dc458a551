"""The port the services depend on: what they may ask of storage, and what they get back.

`storage/` implements it (`storage.store.Store` and its repositories, on SQLite or
PostgreSQL); mypy checks that it does, where the session builds a services' `Env`.
A service reaches data only through these methods: no SQL, driver or connection.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from insidetrack.services.ports.activity import (
    CalendarPort,
    InboxPort,
    OutboxPort,
    StepsPort,
)
from insidetrack.services.ports.applications import ApplicationsPort
from insidetrack.services.ports.center import CenterPort
from insidetrack.services.ports.center_admin import CohortReportPort, OrgSettingsPort
from insidetrack.services.ports.consent import ConsentPort
from insidetrack.services.ports.disabling import DisablingPort, ErasurePort
from insidetrack.services.ports.invitations import InvitationsPort
from insidetrack.services.ports.own_oauth import MailClientsPort
from insidetrack.services.ports.owners import OwnersPort
from insidetrack.services.ports.reading import (
    AccessPort,
    InsightsPort,
    SearchPort,
    TablesPort,
    TrashPort,
)
from insidetrack.services.ports.records import (
    InterviewsPort,
    NotesPort,
    PeoplePort,
)
from insidetrack.services.ports.roster import RosterPort
from insidetrack.services.ports.rows import (
    ApiToken,
    CalendarRow,
    DueItem,
    Imported,
    NoteLine,
    OrgPerson,
    OutboxItem,
    Pushed,
    SearchRow,
    Snapshot,
    TrashEntry,
)
from insidetrack.services.ports.seeker_rows import SeekerRowsPort
from insidetrack.services.ports.sign_in_links import SignInLinksPort
from insidetrack.services.ports.sso import SingleSignOnPort

__all__ = [
    "DisablingPort",
    "ErasurePort",
    "AccessPort",
    "ApiToken",
    "ApplicationsPort",
    "CalendarPort",
    "CenterPort",
    "CohortReportPort",
    "ConsentPort",
    "CalendarRow",
    "DueItem",
    "Imported",
    "InboxPort",
    "InsightsPort",
    "InterviewsPort",
    "NoteLine",
    "OrgPerson",
    "NotesPort",
    "OutboxItem",
    "OutboxPort",
    "OrgSettingsPort",
    "OwnersPort",
    "PeoplePort",
    "RosterPort",
    "Pushed",
    "SearchPort",
    "SignInLinksPort",
    "SingleSignOnPort",
    "MailClientsPort",
    "SearchRow",
    "SeekerRowsPort",
    "Snapshot",
    "StepsPort",
    "StorePort",
    "TablesPort",
    "TrashEntry",
    "TrashPort",
]


class StorePort(Protocol):
    """Every repository over one database, and its transactions."""

    @property
    def people(self) -> PeoplePort: ...
    @property
    def interviews(self) -> InterviewsPort: ...
    @property
    def steps(self) -> StepsPort: ...
    @property
    def tables(self) -> TablesPort: ...
    @property
    def outbox(self) -> OutboxPort: ...
    @property
    def inbox(self) -> InboxPort: ...
    @property
    def calendar(self) -> CalendarPort: ...
    @property
    def insights(self) -> InsightsPort: ...

    @property
    def search(self) -> SearchPort: ...
    @property
    def notes(self) -> NotesPort: ...
    @property
    def access(self) -> AccessPort: ...
    @property
    def applications(self) -> ApplicationsPort: ...
    @property
    def trash(self) -> TrashPort: ...
    @property
    def invitations(self) -> InvitationsPort: ...
    @property
    def center(self) -> CenterPort: ...
    @property
    def roster(self) -> RosterPort: ...
    @property
    def owners(self) -> OwnersPort: ...
    @property
    def consent(self) -> ConsentPort: ...
    @property
    def org_settings(self) -> OrgSettingsPort: ...
    @property
    def cohort_report(self) -> CohortReportPort: ...
    @property
    def sso(self) -> SingleSignOnPort: ...
    @property
    def mail_clients(self) -> MailClientsPort: ...
    @property
    def seeker_rows(self) -> SeekerRowsPort: ...
    @property
    def sign_in_links(self) -> SignInLinksPort: ...
    @property
    def disabling(self) -> DisablingPort: ...
    @property
    def erasure(self) -> ErasurePort: ...

    def write(self) -> AbstractContextManager[None]:
        """Run a block as one transaction: all of it or nothing."""

    def close(self) -> None:
        """Let go of the database."""

    @property
    def dialect(self) -> str:
        """Which database holds the records: "sqlite" or "postgresql"."""

    def backup_file(self, dest: Path) -> None:
        """Copy a SQLite database to a file, consistently, even while others write."""

    def restore_file(self, source: Path) -> Path | None:
        """Put a checked SQLite backup in place of this database; return where it went."""
