"""A session over the data: where the database is, the settings, the clock and the zone.

The CLI makes one per command, the web app one per request."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from insidetrack.storage.locations import database_file, is_url, system_zone

if TYPE_CHECKING:
    from insidetrack.domain.settings import CaldavSettings, Settings
    from insidetrack.services.context import Env
    from insidetrack.services.seeker_settings import Own


class Session:
    """Built once per command; tests pass a fixed `now` and zone."""

    def __init__(self, db_path: str | Path | None = None, now: datetime | None = None,
                 tz: tzinfo | None = None, *, pooled: bool = False, migrate: bool = True) -> None:
        self.db_path = db_path  # a SQLite file, or a postgresql:// URL
        self.pooled = pooled  # a long-running server shares connections between requests
        # False: open the database as it is (a career center's app role cannot migrate it).
        self.migrate = migrate
        # The single-user commands refuse a career center's database (as its owner they
        # would mix its job seekers' rows); the `org` commands turn this off.
        self.single_user = True
        self.now = now
        self.tz = tz
        self._env: Env | None = None
        self._settings: Settings | None = None
        self._server_tz: tzinfo | None = None
        self._server_settings: Settings | None = None
        self.seeker_id: int | None = None  # a career center's job seeker's request
        self._seeker_accounts: Any = None  # their own mail account, once read

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from insidetrack.storage.settings_file import load_settings

            self._settings = load_settings()
        return self._settings

    @property
    def zone(self) -> tzinfo:
        """Return the zone from the settings, else the system's."""
        if self.tz is None:
            from zoneinfo import ZoneInfo

            name = self.settings.timezone
            self.tz = ZoneInfo(name) if name else system_zone()
        return self.tz

    def use_settings(self, settings: Settings) -> None:
        """Take changed settings for the rest of this command."""
        if self._settings is not None and settings.timezone != self._settings.timezone:
            self.tz = None
        self._settings = settings
        self.close()  # the next env() plans with them

    def transport(self) -> Any:
        """Return what sends mail through the configured SMTP server (a career center's
        job seeker's: their own account, never the server's)."""
        from insidetrack.integrations import secrets, smtp

        if self.seeker_id is not None:
            from insidetrack.services import seeker_accounts

            return seeker_accounts.transport(self.env(), self.seeker_id)
        s = self.settings.smtp
        return smtp.transport(s, secrets.password("smtp", s.user) if s.host else None)

    def can_send(self) -> bool:
        """Say whether a sending server is set: the settings', or a job seeker's own."""
        mail = self._own_accounts()
        return bool(mail.sending.host if mail is not None else self.settings.smtp.host)

    def can_check_mail(self) -> bool:
        """Say whether the web can read a job seeker's new mail (their own reading server
        set); single-user mode reads it with `insidetrack sync`."""
        mail = self._own_accounts()
        return mail is not None and bool(mail.reading.host)

    def calendar_server(self) -> CaldavSettings:
        """Return the CalDAV server the Calendar page pushes to: a job seeker's own, else
        the settings'."""
        accounts = self._own_accounts()
        return accounts.calendar if accounts is not None else self.settings.caldav

    def calendar_account(self) -> tuple[CaldavSettings, str | None] | None:
        """Return a job seeker's own calendar server and password (None: the settings'
        and the keyring's, as single-user mode has them)."""
        if self.seeker_id is None:
            return None
        from insidetrack.services import seeker_accounts

        return seeker_accounts.calendar_account(self.env(), self.seeker_id)

    def _own_accounts(self) -> Any:
        """A job seeker's own mail account (read once a request), else None."""
        if self.seeker_id is None:
            return None
        if self._seeker_accounts is None:
            from insidetrack.services import seeker_accounts

            self._seeker_accounts = seeker_accounts.accounts(self.env(), self.seeker_id)
        return self._seeker_accounts

    def close(self) -> None:
        """Close the database connection, if one was opened."""
        if self._env is not None:
            self._env.store.close()
            self._env = None

    def clock(self) -> datetime:
        return self.now if self.now is not None else datetime.now(UTC)

    def database(self) -> str | Path:
        """Return where the data is: a SQLite file, or a postgresql:// URL."""
        location = self.db_path or database_file()
        return location if is_url(location) else Path(location)

    def database_label(self) -> str:
        """Return the database's location as a user may be shown it (no password)."""
        from insidetrack.storage.database import shown

        return shown(str(self.database()))

    def env(self) -> Env:
        """Open the database (migrating it, unless told not to) and return the services'
        context."""
        if self._env is None:
            from insidetrack.services.context import Env
            from insidetrack.storage.db import connect
            from insidetrack.storage.store import Store

            db = connect(self.database(), upgrade=self.migrate, pooled=self.pooled)
            self._env = Env(Store(db), self.settings.plan, self.zone, self.clock(),
                            self.settings.holidays)
            if self.single_user and self.migrate and db.dialect == "postgresql":
                self._refuse_a_center()
        return self._env

    def _refuse_a_center(self) -> None:
        from insidetrack.domain.errors import InputError

        assert self._env is not None
        if self._env.store.roster.is_center():
            self.close()
            raise InputError("db", "this is a career center's database: the single-user "
                             "commands do not run on it; use the org commands (insidetrack "
                             "org --help), or its web app (serve --org)")

    def as_seeker(self, own: Own, seeker_id: int | None = None) -> None:
        """Plan, show times, draft and send as a career center's job seeker does (their own
        settings and mail account)."""
        from dataclasses import replace

        from insidetrack.domain.settings import CaldavSettings, ImapSettings, SmtpSettings

        self._server_tz = self.server_zone
        self._server_settings = self.server_settings
        self._env, self.tz = own.env, own.env.tz
        # The server's mail and calendar accounts are the center's: none of a seeker's
        # requests may reach them (theirs: services/seeker_accounts.py).
        self._settings = replace(self.server_settings, draft=own.draft, calendar=own.calendar,
                                 smtp=SmtpSettings(), imap=ImapSettings(),
                                 caldav=CaldavSettings())
        if seeker_id is not None:
            self.seeker_id = seeker_id

    @property
    def server_settings(self) -> Settings:
        """Return the server's settings, whatever a job seeker's own are."""
        return self._server_settings if self._server_settings is not None else self.settings

    @property
    def server_zone(self) -> tzinfo:
        """Return the zone of the server's settings, whatever a job seeker's own is."""
        return self._server_tz if self._server_tz is not None else self.zone
