"""A center's own settings (`org_settings`) and the administrators' role that writes them.

`org_settings` holds the defaults a new job seeker starts from (plan settings, a profile
template) and the center's reporting threshold, one `key = value` a row: the center's,
no seeker's, so it is shared (storage/org.py SHARED) and the app's role only reads it.

An administrator's request writes the roster and these settings through the
administrators' role (`<app role>_admin`, NOLOGIN): the app's role may SET it but does not
inherit it (as the coaches' role, storage/consent.py), and switches to it only on the
administrator's pages. A new seeker's first rows (storage/new_seekers.py) are written bound
to that seeker, in turn, within the one transaction, so the seekers' own policies admit them
and nothing else is opened.
"""

from __future__ import annotations

from insidetrack.storage.database import Database, Repository
from insidetrack.storage.org import PEOPLE, ROSTER, SETTING

TABLE = "org_settings"
# The roster and settings an administrator writes; meta and profile: a new seeker's rows.
_WRITTEN = (PEOPLE, *ROSTER, TABLE)
# The center's own draft templates (services/org_templates.py): `template.<file name>`.
DRAFT_TEMPLATE = "template."
# The center's OAuth clients for its students' mail (storage/own_oauth.py).
OAUTH_CLIENT = "oauth."


def admin_role(app_role: str) -> str:
    """Name the role an administrator's requests write as: the app's role switches to it."""
    return f"{app_role[:57]}_admin"


def organise_settings(db: Database, app_role: str) -> None:
    """Make `org_settings` and the administrators' role (if missing)."""
    db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(f"GRANT SELECT ON {TABLE} TO {app_role}")
    role = admin_role(app_role)
    if not db.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (role,)).fetchone():
        db.execute(f"CREATE ROLE {role} NOLOGIN")
    db.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(_WRITTEN)} TO {role}")
    db.execute(f"GRANT SELECT, INSERT ON meta, profile TO {role}")
    db.execute(f"GRANT USAGE, SELECT ON {PEOPLE}_id_seq, cohorts_id_seq TO {role}")
    db.execute(f"GRANT {role} TO {app_role}")
    db.execute(f"ALTER ROLE {app_role} NOINHERIT")


def organise_templates(db: Database, app_role: str) -> None:
    """Let a coach reading a seeker's shared drafts read the center's draft templates too
    (the coaches' role, storage/consent.py), so they see the drafts the seeker sees."""
    from insidetrack.storage.consent import coach_role

    db.execute(f"GRANT SELECT ON {TABLE} TO {coach_role(app_role)}")


class OrgSettings(Repository):
    """The center's settings, and an administrator's binding."""

    def values(self) -> dict[str, str]:
        if TABLE not in self.db.tables():
            return {}
        return dict(self.db.execute(f"SELECT key, value FROM {TABLE} ORDER BY key").fetchall())

    def replace(self, values: dict[str, str]) -> None:
        """Make the settings exactly these (a key left out goes back to its default); the
        draft templates and OAuth clients stay as they are."""
        with self.db.write():
            self.db.execute(f"DELETE FROM {TABLE} WHERE key NOT LIKE '{DRAFT_TEMPLATE}%'"
                            f" AND key NOT LIKE '{OAUTH_CLIENT}%'")
            self.db.executemany(f"INSERT INTO {TABLE} (key, value) VALUES (?, ?)",
                                sorted(values.items()))

    def templates(self) -> tuple[tuple[str, str], ...]:
        """Return the center's own draft templates (file name, source); outside a center,
        none. Read at each draft, so a change on any worker is used at the next one."""
        if self.db.dialect != "postgresql" or not self.db.execute(
                "SELECT CASE WHEN to_regclass(?::text) IS NULL THEN false"
                " ELSE has_table_privilege(?::text, 'SELECT') END", (TABLE, TABLE)).fetchone()[0]:
            return ()
        rows = self.db.execute(f"SELECT substr(key, {len(DRAFT_TEMPLATE) + 1}), value FROM"
                               f" {TABLE} WHERE key LIKE '{DRAFT_TEMPLATE}%' ORDER BY key")
        return tuple((str(name), str(source)) for name, source in rows.fetchall())

    def set_template(self, name: str, source: str | None) -> None:
        """Keep the center's own version of a draft template; None: the built-in one again."""
        with self.db.write():
            self.db.execute(f"DELETE FROM {TABLE} WHERE key = ?", (DRAFT_TEMPLATE + name,))
            if source is not None:
                self.db.execute(f"INSERT INTO {TABLE} (key, value) VALUES (?, ?)",
                                (DRAFT_TEMPLATE + name, source))

    def seeker_defaults(self, seeker_id: int) -> dict[str, str]:
        """Return the plan settings a seeker started from (as the owner, or bound to them)."""
        rows = self.db.execute("SELECT key, value FROM meta WHERE seeker_id = ?"
                               " AND key LIKE 'plan.%' ORDER BY key", (seeker_id,))
        return dict(rows.fetchall())

    def own_settings(self, seeker_id: int) -> dict[str, str]:
        """Return a seeker's own plan, drafting and calendar settings and time zone (bound
        to them)."""
        rows = self.db.execute("SELECT key, value FROM meta WHERE seeker_id = ? AND"
                               " (split_part(key, '.', 1) IN ('plan', 'draft', 'calendar')"
                               " OR key = 'timezone')"
                               " ORDER BY key",
                               (seeker_id,))
        return dict(rows.fetchall())

    def own_values(self, seeker_id: int, groups: tuple[str, ...]) -> dict[str, str]:
        """Return a seeker's own settings of some groups ("smtp": smtp.host...), bound to
        them."""
        rows = self.db.execute("SELECT key, value FROM meta WHERE seeker_id = ? AND"
                               " split_part(key, '.', 1) = ANY(?::text[]) ORDER BY key",
                               (seeker_id, list(groups)))
        return dict(rows.fetchall())

    def set_own(self, seeker_id: int, values: dict[str, str]) -> None:
        """Keep a seeker's own settings: each key given, its value ("" forgets it)."""
        with self.db.write():
            for key, value in values.items():
                self.db.execute("DELETE FROM meta WHERE seeker_id = ? AND key = ?",
                                (seeker_id, key))
                if value:
                    self.db.execute("INSERT INTO meta (key, value, seeker_id) VALUES (?, ?, ?)",
                                    (key, value, seeker_id))

    def act_as_admin(self) -> None:
        """Write as the administrators' role, when this connection is the app's role (the
        center's owner already may); it goes back to the app's role with the connection."""
        role = self.db.execute("SELECT r.rolname FROM pg_roles r WHERE r.rolname ="
                               " left(current_user, 57) || '_admin'"
                               " AND pg_has_role(current_user, r.oid, 'MEMBER')").fetchone()
        if role is None:
            return
        self.db.unset_when_returned(SETTING)
        self.db.execute(f"SET ROLE {role[0]}")
