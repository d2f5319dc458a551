"""A career center's database: every row belongs to one job seeker, walled off by PostgreSQL.

The foundation of career-center mode (issue 15; the plan is docs/career-center.md). A
migrated PostgreSQL database is organised once, by its owner: each table that holds a job
seeker's data gets a `seeker_id` (filled from the connection's `insidetrack.seeker`
setting, so the repositories write as they always did), keys that were unique in one
person's database become unique per seeker, and row-level security lets the app's role
see and write only the rows of the seeker its connection is bound to. The app connects as
that role, which owns nothing, so the policies apply to it.

`insidetrack org ...` organises it, adds people, imports the roster and records consent
(grant, revoke, grants, audit, coach-view: storage/consent.py); `serve --org` signs people
in with a password and binds each request's connection to the job seeker signed in. The
single-user databases, SQLite and PostgreSQL, never get any of it.
"""

from __future__ import annotations

from insidetrack.domain.errors import ConflictError, StorageError
from insidetrack.domain.parse import ROLE_NAME
from insidetrack.services.ports.rows import OrgPerson
from insidetrack.storage.database import Database, Repository
from insidetrack.storage.tables import INTERNAL

SETTING = "insidetrack.seeker"
# A coach's binding (storage/consent.py): who reads, and whose records. Never SETTING.
COACH = "insidetrack.coach"
SHOWN = "insidetrack.shown"
BINDINGS = (SETTING, COACH, SHOWN)  # what a pooled connection forgets when it goes back
PEOPLE = "org_people"
# What an `OrgPerson` is made of, in its order (`disabled_at`: storage/disabling.py).
PERSON = "id, email, name, role, disabled_at IS NOT NULL"
# The roster: cohorts, who is in each, and each job seeker's coaches (made by `_roster`).
ROSTER = ("cohorts", "cohort_members", "coach_seekers")
# Single sign-on: its settings and the sign-ins under way (made by `_sso`).
SIGN_ON = ("org_sso", "sso_sign_ins")
# The center's own tables, no seeker's: what sign-in reads before it knows who is asking
# (sessions, wrong-password counts), the roster, and what is never exported.
SHARED = frozenset({*INTERNAL, PEOPLE, *ROSTER, "org_settings", *SIGN_ON, "sign_in_links",
                    "mail_sign_ins"})
# Keys unique within one person's database: unique per seeker here. Ids stay global.
PER_SEEKER = {"profile": ("id",), "employers": ("name_key",), "meta": ("key",),
              "imap_folders": ("folder",), "messages": ("message_id",),
              "outbox": ("message_id",)}
# A seeker's own rows. Unbound, current_setting fails: a forgotten binding is an error.
# Under a coach's binding it is no one (NULL): a coach reads only through consent.py's
# policies and writes nothing.
BOUND = (f"seeker_id = CASE WHEN current_setting('{COACH}', true) > '' THEN NULL"
         f" ELSE current_setting('{SETTING}')::bigint END")


class Center(Repository):
    """A career center's database: organising it, its job seekers, and binding to one."""

    def organise(self, app_role: str) -> bool:
        """Make a migrated, empty PostgreSQL database a center's, for the app's role (made
        if missing); False when it already is one."""
        db = self.db
        if db.dialect != "postgresql":
            raise StorageError("career-center mode needs PostgreSQL")
        if not ROLE_NAME.fullmatch(app_role):
            raise StorageError(f"{app_role!r} is not a plain role name (a-z, 0-9, _)")
        with db.write():
            if PEOPLE in db.tables():
                _bring_up_to_date(db, app_role)
                return False
            _make_center(db, app_role)
        return True

    def migrate(self) -> None:
        """Bring the schema up to this version (`org init` checks what it may do first, so
        a refused one leaves an empty database empty)."""
        from insidetrack.storage.db import migrate

        migrate(self.db)

    def may_organise(self) -> bool:
        row = self.db.execute("SELECT rolsuper OR rolcreaterole FROM pg_roles"
                              " WHERE rolname = current_user").fetchone()
        return bool(row and row[0])

    def add_seeker(self, email: str, name: str) -> int:
        """Add a job seeker (as the center's owner), with what each database starts with."""
        from insidetrack.storage.new_seekers import add_seekers

        with self.db.write():
            return add_seekers(self.db, [(email, name)])[email.casefold()]

    def walls_hold(self) -> bool:
        """Say whether row-level security holds for the role this connection is (a
        superuser, or a role with BYPASSRLS, sees every seeker's rows whatever the binding)."""
        row = self.db.execute("SELECT rolsuper OR rolbypassrls FROM pg_roles"
                              " WHERE rolname = current_user").fetchone()
        return not row[0]

    def role_exists(self, role: str) -> bool:
        return self.db.execute("SELECT 1 FROM pg_roles WHERE rolname = ?",
                               (role,)).fetchone() is not None

    def current_role(self) -> str:
        return str(self.db.execute("SELECT current_user").fetchone()[0])

    def made_for(self, app_role: str) -> bool:
        """Say whether this center was organised for this app's role (its coaches' role,
        storage/consent.py, is named after it)."""
        from insidetrack.storage.consent import coach_role

        return self.role_exists(coach_role(app_role))

    def role_bypasses(self, role: str) -> bool:
        """Say whether a role is a superuser or bypasses row-level security."""
        row = self.db.execute("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = ?",
                              (role,)).fetchone()
        return bool(row and row[0])

    def up_to_date(self) -> bool:
        """Say whether `org init` has given this center every part this version reads: each
        migration (the app's role cannot migrate) and the center's newest parts
        (`disabled_at`, storage/disabling.py; a link's `used_at`, storage/sign_in_links.py)."""
        from insidetrack.storage.db import applied_versions, migrations

        row = self.db.execute("SELECT count(*) FROM information_schema.columns WHERE"
                              " (table_name, column_name) IN ((?, 'disabled_at'),"
                              " ('sign_in_links', 'used_at')) AND table_schema ="
                              " current_schema()", (PEOPLE,)).fetchone()
        known = {version for version, _, _ in migrations(self.db.dialect)}
        return row[0] == 2 and known <= applied_versions(self.db)

    def set_password(self, email: str, password_hash: str) -> bool:
        """Set a person's password; their sessions signed in before end."""
        with self.db.write():
            cur = self.db.execute(f"UPDATE {PEOPLE} SET password_hash = ?"
                                  " WHERE lower(email) = lower(?) RETURNING id",
                                  (password_hash, email))
            found = cur.fetchall()
            for row in found:
                self.db.execute("DELETE FROM web_sessions WHERE person_id = ?", (row[0],))
        return len(found) == 1

    def person_by_email(self, email: str) -> tuple[OrgPerson, str | None] | None:
        row = self.db.execute(f"SELECT {PERSON}, password_hash FROM {PEOPLE}"
                              " WHERE lower(email) = lower(?)", (email,)).fetchone()
        return None if row is None else (OrgPerson(*row[:5]), row[5])

    def person(self, person_id: int) -> OrgPerson | None:
        """Return a person who may sign in; None for one turned off (storage/disabling.py),
        so a session, a token or a link of theirs lets no one in."""
        row = self.db.execute(f"SELECT {PERSON} FROM {PEOPLE} WHERE id = ?"
                              " AND disabled_at IS NULL", (person_id,)).fetchone()
        return None if row is None else OrgPerson(*row)

    def bind(self, seeker_id: int) -> None:
        """Bind this connection to one seeker: it reads and writes only that seeker's rows."""
        self.db.unset_when_returned(*BINDINGS)
        # One round trip: back to the app's own role (a connection a coach used, consent.py)
        # and bound to the seeker alone.
        self.db.execute("SELECT set_config('role', 'none', false), set_config(?, ?, false),"
                        " set_config(?, '', false), set_config(?, '', false)",
                        (SETTING, str(seeker_id), COACH, SHOWN))
        self.db.per_seeker = True
        self.db.seeker = seeker_id


def _make_center(db: Database, app_role: str) -> None:
    """Make a new, empty database a center's: the people, each table walled per seeker,
    and every part that follows."""
    db.execute(f"CREATE TABLE {PEOPLE} (id BIGSERIAL PRIMARY KEY, email TEXT NOT NULL"
               " UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL"
               " CHECK (role IN ('seeker', 'coach', 'admin')))")
    _sign_in(db)
    owned = sorted(set(db.tables()) - SHARED)
    _empty(db, owned)
    for table in owned:
        _own(db, table)
    for table, columns in PER_SEEKER.items():
        _unique_per_seeker(db, table, columns)
    _grant(db, app_role)
    _roster(db, app_role)
    _consent(db, owned, app_role)
    _center_admin(db, app_role)
    _sso(db, app_role)
    _templates(db, app_role)
    _tokens(db, app_role)
    _links(db, app_role)
    _disabling(db, app_role)
    _erasure(db)
    _own_oauth(db, app_role)


def _bring_up_to_date(db: Database, app_role: str) -> None:
    """Give a center made before them the parts added since (each made only if missing,
    or made again the same)."""
    _roster(db, app_role)
    _center_admin(db, app_role)  # the settings and cohort figures
    _sso(db, app_role)
    _templates(db, app_role)
    _tokens(db, app_role)
    _ended_grants(db, app_role)  # coaches read their ended grants
    _links(db, app_role)
    _disabling(db, app_role)
    _erasure(db)
    _own_oauth(db, app_role)


def _sign_in(db: Database) -> None:
    """Let people sign in with a password (NULL: they cannot), and sessions name who."""
    db.execute(f"ALTER TABLE {PEOPLE} ADD COLUMN password_hash TEXT")
    db.execute(f"ALTER TABLE web_sessions ADD COLUMN person_id BIGINT REFERENCES {PEOPLE} (id)"
               " ON DELETE CASCADE")


def _consent(db: Database, owned: list[str], app_role: str) -> None:
    """Add the grants to coaches, the audit log, and what a coach may read (consent.py)."""
    from insidetrack.storage.consent import organise_consent

    organise_consent(db, owned, app_role)


def _ended_grants(db: Database, app_role: str) -> None:
    """Let coaches read their ended grants on a center made before (consent.py)."""
    from insidetrack.storage.consent import coach_sees_ended_grants

    if "grants" in db.tables():
        coach_sees_ended_grants(db, app_role)


def _center_admin(db: Database, app_role: str) -> None:
    """Add the center's settings, the administrators' role and the cohort figures
    (org_settings.py, cohort_report.py), or bring them up to date."""
    from insidetrack.storage.cohort_report import organise_reporting
    from insidetrack.storage.org_settings import organise_settings

    organise_settings(db, app_role)
    organise_reporting(db, app_role)


def _sso(db: Database, app_role: str) -> None:
    """Add single sign-on (storage/sso.py): its settings, subjects, sign-ins under way."""
    from insidetrack.storage.sso import organise_sso

    organise_sso(db, app_role)


def _own_oauth(db: Database, app_role: str) -> None:
    """Add the students' mail sign-ins under way (storage/own_oauth.py)."""
    from insidetrack.storage.own_oauth import organise_own_oauth

    organise_own_oauth(db, app_role)


def _templates(db: Database, app_role: str) -> None:
    """Let the coaches' role read the center's draft templates (org_settings.py)."""
    from insidetrack.storage.org_settings import organise_templates

    organise_templates(db, app_role)


def _tokens(db: Database, app_role: str) -> None:
    """Let a job seeker's API token find whose it is before binding (storage/org_tokens.py)."""
    from insidetrack.storage.org_tokens import organise_tokens

    organise_tokens(db, app_role)


def _links(db: Database, app_role: str) -> None:
    """Add the one-time sign-in links (storage/sign_in_links.py)."""
    from insidetrack.storage.org_settings import admin_role
    from insidetrack.storage.sign_in_links import organise_links

    organise_links(db, app_role, admin_role(app_role))


def _disabling(db: Database, app_role: str) -> None:
    """Let administrators turn people off and back on (storage/disabling.py)."""
    from insidetrack.storage.disabling import organise_disabling
    from insidetrack.storage.org_settings import admin_role

    organise_disabling(db, app_role, admin_role(app_role))


def _erasure(db: Database) -> None:
    """Let the owner erase a job seeker and everything of theirs (storage/erasure.py)."""
    from insidetrack.storage.erasure import organise_erasure

    organise_erasure(db)


def _empty(db: Database, tables: list[str]) -> None:
    """Refuse a database that holds anyone's data; drop what was the whole database's."""
    for table in tables:
        if table != "meta" and db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            raise ConflictError("only a new, empty database can be a center's"
                                f" ({table} has rows)")
    db.execute("DELETE FROM meta")  # its calendar instance: each seeker gets their own


def _own(db: Database, table: str) -> None:
    """Give a table its seeker and the policy that shows each seeker only their rows."""
    db.execute(f"ALTER TABLE {table} ADD COLUMN seeker_id BIGINT REFERENCES {PEOPLE} (id)")
    db.execute(f"ALTER TABLE {table} ALTER COLUMN seeker_id"
               f" SET DEFAULT current_setting('{SETTING}')::bigint")
    db.execute(f"ALTER TABLE {table} ALTER COLUMN seeker_id SET NOT NULL")
    db.execute(f"CREATE INDEX {table}_seeker ON {table} (seeker_id)")
    db.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    db.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    db.execute(f"CREATE POLICY {table}_seeker ON {table} USING ({BOUND}) WITH CHECK ({BOUND})")


def _unique_per_seeker(db: Database, table: str, columns: tuple[str, ...]) -> None:
    """Replace the constraint that keeps `columns` unique by one unique per seeker."""
    rows = db.execute(
        "SELECT c.conname, c.contype FROM pg_constraint c"
        " JOIN pg_class t ON t.oid = c.conrelid"
        " WHERE t.relname = ? AND c.contype IN ('p', 'u')"
        " AND ARRAY(SELECT a.attname::text FROM unnest(c.conkey) k"
        "  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k) = ?",
        (table, list(columns))).fetchall()
    if len(rows) != 1:
        raise StorageError(f"{table}: no single constraint on {', '.join(columns)}")
    name, kind = rows[0]
    listed = ", ".join(("seeker_id", *columns))
    db.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
    what = "PRIMARY KEY" if kind == "p" else "UNIQUE"
    db.execute(f"ALTER TABLE {table} ADD CONSTRAINT {table}_per_seeker {what} ({listed})")


def _roster(db: Database, app_role: str) -> None:
    """Make the roster's tables (if missing): the owner writes them, the app's role reads."""
    db.execute("CREATE TABLE IF NOT EXISTS cohorts (id BIGSERIAL PRIMARY KEY,"
               " name TEXT NOT NULL UNIQUE)")
    for table, first, second, refers in (("cohort_members", "cohort_id", "person_id", "cohorts"),
                                         ("coach_seekers", "coach_id", "seeker_id", PEOPLE)):
        db.execute(f"CREATE TABLE IF NOT EXISTS {table} ("
                   f"{first} BIGINT NOT NULL REFERENCES {refers} (id) ON DELETE CASCADE,"
                   f" {second} BIGINT NOT NULL REFERENCES {PEOPLE} (id) ON DELETE CASCADE,"
                   f" PRIMARY KEY ({first}, {second}))")
        db.execute(f"CREATE INDEX IF NOT EXISTS {table}_{second} ON {table} ({second})")
    db.execute(f"GRANT SELECT ON {', '.join(ROSTER)} TO {app_role}")


def _grant(db: Database, app_role: str) -> None:
    """Let the app's role read and write the tables, and nothing more."""
    if not db.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (app_role,)).fetchone():
        db.execute(f"CREATE ROLE {app_role} LOGIN")
    db.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public"
               f" TO {app_role}")
    db.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app_role}")
    db.execute(f"REVOKE INSERT, UPDATE, DELETE ON {PEOPLE}, schema_migrations FROM {app_role}")
