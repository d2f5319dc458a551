"""The job seeker's records in the database (SQLite or PostgreSQL): one repository each."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from insidetrack.storage.access import Access
from insidetrack.storage.applications import Applications
from insidetrack.storage.calendar import CalendarState
from insidetrack.storage.cohort_report import CohortReport
from insidetrack.storage.consent import Consent
from insidetrack.storage.database import Database
from insidetrack.storage.disabling import Disabling
from insidetrack.storage.erasure import Erasure
from insidetrack.storage.inbox import Inbox
from insidetrack.storage.insights import Insights
from insidetrack.storage.interviews import Interviews
from insidetrack.storage.invitations import Invitations
from insidetrack.storage.notes import Notes
from insidetrack.storage.org import Center
from insidetrack.storage.org_export import SeekerRows
from insidetrack.storage.org_settings import OrgSettings
from insidetrack.storage.outbox import Outbox
from insidetrack.storage.own_oauth import MailClients
from insidetrack.storage.owners import Owners
from insidetrack.storage.people import People
from insidetrack.storage.roster import Roster
from insidetrack.storage.search import Search
from insidetrack.storage.sign_in_links import SignInLinks
from insidetrack.storage.sso import SingleSignOn
from insidetrack.storage.steps import Steps
from insidetrack.storage.tables import Tables
from insidetrack.storage.trash import Trash

__all__ = ["Store"]


class Store:
    """Every repository over one database handle, and its transactions."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.people = People(db)
        self.interviews = Interviews(db)
        self.steps = Steps(db)
        self.tables = Tables(db)
        self.outbox = Outbox(db)
        self.inbox = Inbox(db)
        self.calendar = CalendarState(db)
        self.insights = Insights(db)
        self.search = Search(db)
        self.access = Access(db)
        self.notes = Notes(db)
        self.applications = Applications(db)
        self.trash = Trash(db)
        self.invitations = Invitations(db)
        self.center = Center(db)
        self.roster = Roster(db)
        self.owners = Owners(db)
        self.consent = Consent(db)
        self.org_settings = OrgSettings(db)
        self.cohort_report = CohortReport(db)
        self.sso = SingleSignOn(db)
        self.mail_clients = MailClients(db)
        self.seeker_rows = SeekerRows(db)
        self.sign_in_links = SignInLinks(db)
        self.disabling = Disabling(db)
        self.erasure = Erasure(db)

    @contextmanager
    def write(self) -> Iterator[None]:
        """Run a block as one transaction: all of it or nothing."""
        with self.db.write():
            yield

    def close(self) -> None:
        self.db.close()

    @property
    def dialect(self) -> str:
        """Return which database holds the records: "sqlite" or "postgresql"."""
        return self.db.dialect

    def backup_file(self, dest: Path) -> None:
        """Copy a SQLite database to a file, consistently, even while others write."""
        from insidetrack.storage.backup import backup_to
        from insidetrack.storage.database import SqliteDatabase

        assert isinstance(self.db, SqliteDatabase), "a server database backs up as JSON"
        backup_to(self.db, dest)

    def restore_file(self, source: Path) -> Path | None:
        """Put a checked SQLite backup in place of this database; return where it went."""
        from insidetrack.storage.backup import restore_from

        self.db.close()
        return restore_from(source, Path(self.db.location))
