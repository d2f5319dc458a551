"""A center's consent: a job seeker's grants to coaches, and the audit log of their reads.

Both tables are keyed by the seeker, like every table of theirs: bound to a seeker, a
connection reads and writes that seeker's grants and reads their audit log (the app's
role can neither change nor delete an audit row). A coach's connection never binds
`insidetrack.seeker`: it switches to the coaches' role (`<app role>_coach`, which the app's
role may SET but does not inherit) and binds `insidetrack.coach` (who reads) and
`insidetrack.shown` (whose records). That role may only SELECT the tables a grant shows,
through policies of its own that admit the shown seeker's rows while that seeker's grant
to that coach is active (read at each statement: a revoke hides everything at once), and
INSERT an audit row for such a grant. The seekers' own policies answer no one under a
coach's binding. So three things keep a coach from a seeker's rows: the grant, the
policies, and the role's privileges.
"""

from __future__ import annotations

from datetime import datetime

from insidetrack.domain.errors import ConflictError
from insidetrack.services.ports.consent import AuditRow, GrantRow, Happening, Person
from insidetrack.storage.convert import iso, moment, must_moment
from insidetrack.storage.database import Database, Repository
from insidetrack.storage.org import BINDINGS, BOUND, COACH, PEOPLE, SETTING, SHOWN, Center

# What a grant lets the coaches' role read: the pipeline and its steps, which the coach's
# page is drawn from. What that page shows, in the seeker's words for the grant page:
# services/consent.py SHOWN_ALWAYS (less than these tables hold).
PIPELINE = ("employers", "openings", "interviews", "contacts", "interview_interviewers",
            "steps", "touchpoints")
# And when drafts are shared: what the drafts are written from, and the mail sent.
DRAFTS = ("profile", "interview_notes", "facts", "clippings", "reference_people",
          "reference_links", "messages", "outbox")
_COACH = f"NULLIF(current_setting('{COACH}', true), '')::bigint"
_SHOWN = f"NULLIF(current_setting('{SHOWN}', true), '')::bigint"
_ACTIVE = (f"EXISTS (SELECT 1 FROM grants g WHERE g.seeker_id = {_SHOWN}"
           f" AND g.coach_id = {_COACH} AND g.revoked_at IS NULL{{drafts}})")


def coach_role(app_role: str) -> str:
    """Name the role a coach's connection reads as: the app's role switches to it."""
    return f"{app_role[:57]}_coach"


def organise_consent(db: Database, owned: list[str], app_role: str) -> None:
    """Make the grants and audit tables, their policies, and the coaches' role and policies."""
    shown = [t for t in PIPELINE + DRAFTS if t in owned]
    _consent_tables(db)
    _coach_policies(db, shown, coach_role(app_role))
    _consent_roles(db, shown, app_role, coach_role(app_role))


def _consent_tables(db: Database) -> None:
    db.execute(
        f"CREATE TABLE grants (id BIGSERIAL PRIMARY KEY,"
        f" seeker_id BIGINT NOT NULL DEFAULT current_setting('{SETTING}')::bigint"
        f" REFERENCES {PEOPLE} (id), coach_id BIGINT NOT NULL REFERENCES {PEOPLE} (id),"
        " drafts BOOLEAN NOT NULL DEFAULT false, granted_at TEXT NOT NULL, revoked_at TEXT,"
        " CHECK (coach_id <> seeker_id))")
    db.execute("CREATE UNIQUE INDEX grants_active ON grants (seeker_id, coach_id)"
               " WHERE revoked_at IS NULL")
    db.execute(f"CREATE TABLE audit (id BIGSERIAL PRIMARY KEY, seeker_id BIGINT NOT NULL"
               f" REFERENCES {PEOPLE} (id), coach_id BIGINT NOT NULL REFERENCES {PEOPLE} (id),"
               " what TEXT NOT NULL, at TEXT NOT NULL)")
    db.execute("CREATE INDEX audit_seeker ON audit (seeker_id, at)")
    for table in ("grants", "audit"):
        db.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        db.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    db.execute(f"CREATE POLICY grants_seeker ON grants USING ({BOUND}) WITH CHECK ({BOUND})")
    db.execute(f"CREATE POLICY audit_seeker ON audit FOR SELECT USING ({BOUND})")


def _coach_policies(db: Database, shown: list[str], role: str) -> None:
    """Let the coaches' role read what active grants show, and log each look.

    `TO role`: the seekers' connections never carry these policies (ORed into every
    query, they made the agenda's 0.5 ms 9 ms at 500 seekers)."""
    if not db.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (role,)).fetchone():
        db.execute(f"CREATE ROLE {role} NOLOGIN")
    _grants_coach(db, role)
    db.execute(f"CREATE POLICY audit_coach ON audit FOR INSERT TO {role} WITH CHECK"
               f" (coach_id = {_COACH} AND seeker_id = {_SHOWN} AND {_ACTIVE.format(drafts='')})")
    for table in shown:
        drafts = " AND g.drafts" if table in DRAFTS else ""
        db.execute(f"CREATE POLICY {table}_coach ON {table} FOR SELECT TO {role}"
                   f" USING (seeker_id = {_SHOWN} AND {_ACTIVE.format(drafts=drafts)})")


def _grants_coach(db: Database, role: str) -> None:
    """Let a coach read their own grants, ended ones too: their list says who stopped
    sharing, and when (what a grant shows is read under _ACTIVE: active ones alone)."""
    db.execute("DROP POLICY IF EXISTS grants_coach ON grants")
    db.execute(f"CREATE POLICY grants_coach ON grants FOR SELECT TO {role}"
               f" USING (coach_id = {_COACH})")


def coach_sees_ended_grants(db: Database, app_role: str) -> None:
    """Bring a center made before it to a coach's reading of their ended grants."""
    _grants_coach(db, coach_role(app_role))


def _consent_roles(db: Database, shown: list[str], app_role: str, role: str) -> None:
    """The app's role keeps grants and reads audit rows; the coaches' role, which the app's
    role may switch to but does not inherit, reads what a grant shows and writes audit rows,
    and nothing else: a coach's connection cannot write a seeker's rows at all."""
    db.execute(f"GRANT SELECT, INSERT, UPDATE ON grants TO {app_role}")
    db.execute(f"GRANT SELECT ON audit TO {app_role}")
    db.execute(f"GRANT USAGE ON SEQUENCE grants_id_seq TO {app_role}")
    db.execute(f"GRANT SELECT ON {', '.join([*shown, 'grants'])} TO {role}")
    db.execute(f"GRANT INSERT ON audit TO {role}")
    db.execute(f"GRANT USAGE ON SEQUENCE audit_id_seq TO {role}")
    db.execute(f"GRANT {role} TO {app_role}")
    db.execute(f"ALTER ROLE {app_role} NOINHERIT")
    # The owner's `org coach-view` switches to it too: a superuser may, an owner with
    # CREATEROLE alone must be one of its members (its policies answer no one unless a
    # coach's binding names one: bind_coach).
    if not db.execute("SELECT pg_has_role(current_user, ?, 'MEMBER')", (role,)).fetchone()[0]:
        db.execute(f"GRANT {role} TO CURRENT_USER")


def _person(row: tuple[object, ...]) -> Person:
    return Person(int(str(row[0])), str(row[1]), str(row[2]), str(row[3]))


class Consent(Repository):
    """A seeker's grants to coaches, the audit log, and a coach's binding."""

    def person(self, email: str) -> Person | None:
        row = self.db.execute(f"SELECT id, email, name, role FROM {PEOPLE}"
                              " WHERE lower(email) = lower(?)", (email,)).fetchone()
        return None if row is None else _person(row)

    def grant(self, seeker_id: int, coach_id: int, drafts: bool, at: datetime) -> bool:
        row = self.db.execute("SELECT id, drafts FROM grants WHERE seeker_id = ?"
                              " AND coach_id = ? AND revoked_at IS NULL",
                              (seeker_id, coach_id)).fetchone()
        if row is not None and bool(row[1]) == drafts:
            return False
        if row is not None:  # shares more or less now: the old grant ends, a new one starts
            self.db.execute("UPDATE grants SET revoked_at = ? WHERE id = ?", (iso(at), row[0]))
        self.db.execute("INSERT INTO grants (seeker_id, coach_id, drafts, granted_at)"
                        " VALUES (?, ?, ?, ?)", (seeker_id, coach_id, drafts, iso(at)))
        return True

    def revoke(self, seeker_id: int, coach_id: int, at: datetime) -> bool:
        done = self.db.execute("UPDATE grants SET revoked_at = ? WHERE seeker_id = ?"
                               " AND coach_id = ? AND revoked_at IS NULL",
                               (iso(at), seeker_id, coach_id))
        return bool(done.rowcount)

    def grants_of(self, seeker_id: int) -> list[GrantRow]:
        rows = self.db.execute(
            f"SELECT p.id, p.email, p.name, p.role, g.drafts, g.granted_at, g.revoked_at"
            f" FROM grants g JOIN {PEOPLE} p ON p.id = g.coach_id WHERE g.seeker_id = ?"
            " ORDER BY g.granted_at DESC, g.id DESC", (seeker_id,))
        return [GrantRow(_person(r[:4]), bool(r[4]), must_moment(r[5]), moment(r[6]))
                for r in rows]

    def active_drafts(self, seeker_id: int, coach_id: int) -> bool | None:
        row = self.db.execute("SELECT drafts FROM grants WHERE seeker_id = ? AND coach_id = ?"
                              " AND revoked_at IS NULL", (seeker_id, coach_id)).fetchone()
        return None if row is None else bool(row[0])

    def record(self, seeker_id: int, coach_id: int, what: str, at: datetime) -> None:
        self.db.execute("INSERT INTO audit (seeker_id, coach_id, what, at) VALUES (?, ?, ?, ?)",
                        (seeker_id, coach_id, what, iso(at)))

    def audit_of(self, seeker_id: int) -> list[AuditRow]:
        rows = self.db.execute(
            f"SELECT p.id, p.email, p.name, p.role, a.what, a.at FROM audit a"
            f" JOIN {PEOPLE} p ON p.id = a.coach_id WHERE a.seeker_id = ?"
            " ORDER BY a.at DESC, a.id DESC", (seeker_id,))
        return [AuditRow(_person(r[:4]), r[4], must_moment(r[5])) for r in rows]

    def bind_seeker(self, seeker_id: int) -> None:
        Center(self.db).bind(seeker_id)

    def bind_coach(self, coach_id: int, seeker_id: int | None) -> None:
        role = self.db.execute(
            "SELECT r.rolname FROM pg_policy p JOIN pg_roles r ON r.oid = ANY (p.polroles)"
            " WHERE p.polname = 'grants_coach' AND p.polrelid = 'grants'::regclass").fetchone()
        if role is None:
            raise ConflictError("this database has no coaches' role: it is not a center's")
        self.db.unset_when_returned(*BINDINGS)
        shown = "" if seeker_id is None else str(seeker_id)
        self.db.execute("SELECT set_config('role', ?, false), set_config(?, '', false),"  # SET ROLE
                        " set_config(?, ?, false), set_config(?, ?, false)",
                        (str(role[0]), SETTING, COACH, str(coach_id), SHOWN, shown))
        self.db.per_seeker = True

    def grants_to(self, coach_id: int) -> dict[int, bool]:
        """Read a coach's active grants (seeker id -> drafts shared) as the coach, whose
        policy shows them their own grants only; the connection is unbound after."""
        self.bind_coach(coach_id, None)  # shown: no one, so no seeker's rows
        try:
            rows = self.db.execute("SELECT seeker_id, drafts FROM grants"
                                   " WHERE coach_id = ? AND revoked_at IS NULL", (coach_id,))
            return {int(r[0]): bool(r[1]) for r in rows}
        finally:
            self._unbind_coach()

    def _unbind_coach(self) -> None:
        self.db.execute("RESET ROLE")
        self.db.execute("SELECT set_config(?, '', false)", (COACH,))
        self.db.per_seeker = False

    def ended_to(self, coach_id: int) -> dict[int, datetime]:
        """Read, as the coach, when each seeker who shared with them and no longer does
        stopped (the latest end); the connection is unbound after."""
        self.bind_coach(coach_id, None)
        try:
            rows = self.db.execute(
                "SELECT seeker_id, MAX(revoked_at) FROM grants g WHERE coach_id = ?"
                " AND NOT EXISTS (SELECT 1 FROM grants a WHERE a.seeker_id = g.seeker_id"
                " AND a.coach_id = g.coach_id AND a.revoked_at IS NULL)"
                " GROUP BY seeker_id", (coach_id,))
            return {int(r[0]): must_moment(r[1]) for r in rows}
        finally:
            self._unbind_coach()

    def coaches(self) -> list[Person]:
        """The center's coaches, by name."""
        rows = self.db.execute(f"SELECT id, email, name, role FROM {PEOPLE} WHERE role = 'coach'"
                               " ORDER BY name, email")
        return [_person(r) for r in rows]

    def person_by_id(self, person_id: int) -> Person | None:
        row = self.db.execute(f"SELECT id, email, name, role FROM {PEOPLE} WHERE id = ?",
                              (person_id,)).fetchone()
        return None if row is None else _person(row)

    def coached(self, person_id: int, role: str) -> list[Person]:
        """The roster's other side of a person: a seeker's coaches, or a coach's seekers."""
        mine, theirs = ("seeker_id", "coach_id") if role == "seeker" else ("coach_id",
                                                                           "seeker_id")
        rows = self.db.execute(f"SELECT p.id, p.email, p.name, p.role FROM coach_seekers s"
                               f" JOIN {PEOPLE} p ON p.id = s.{theirs} WHERE s.{mine} = ?"
                               " ORDER BY p.name, p.email", (person_id,))
        return [_person(r) for r in rows]

    def happenings(self, kind: str) -> list[Happening]:
        # A decision's detail is its outcome; a reply's, the channel of what it answered
        # (the last thing sent before it, as the insights count replies by channel).
        rows = self.db.execute(
            "SELECT e.name, o.job_title, t.at, COALESCE(NULLIF(t.outcome, ''), t.channel,"
            " (SELECT t2.channel FROM touchpoints t2 WHERE t2.opening_id = t.opening_id"
            "  AND t2.channel IS NOT NULL AND t2.at <= t.at ORDER BY t2.at DESC, t2.id DESC"
            "  LIMIT 1)) FROM touchpoints t JOIN openings o ON o.id = t.opening_id"
            " JOIN employers e ON e.id = o.employer_id WHERE t.kind = ?"
            " ORDER BY t.at DESC, t.id DESC", (kind,))
        return [Happening(r[0], r[1], must_moment(r[2]), r[3]) for r in rows]

    def missed_steps(self, kind: str, before: datetime) -> list[Happening]:
        rows = self.db.execute(
            "SELECT e.name, o.job_title, s.due, s.status FROM steps s"
            " JOIN interviews i ON i.id = s.interview_id JOIN openings o ON o.id = i.opening_id"
            " JOIN employers e ON e.id = o.employer_id WHERE s.kind = ?"
            " AND (s.status = 'missed' OR (s.status = 'pending' AND s.due < ?))"
            " AND o.archived_at IS NULL ORDER BY s.due, s.id", (kind, iso(before)))
        return [Happening(r[0], r[1], must_moment(r[2]),
                          "overdue" if r[3] == "pending" else r[3]) for r in rows]
