"""A cohort's figures, across its job seekers: aggregates only, through functions of the
reporting role.

The reads cross seekers, so no seeker's binding can run them, and a coach's role reads
only what a grant shows. The center's owner makes a reporting role (`<app role>_report`,
NOLOGIN, which no one may SET, the app's role included) that may only SELECT, through
policies of its own, the tables the figures come from, and owns four SECURITY DEFINER
functions that return a cohort's counts, never a row of anyone's: the app's role may only
EXECUTE them. Each figure computed from fewer job seekers than the center's minimum
(`org_settings` `cohort.min_seekers`, else MIN_SEEKERS) comes back with its label and
numbers NULL, so the database itself keeps a small group's figure from the page.
"""

from __future__ import annotations

from typing import Any

from insidetrack.storage.database import Database, Repository
from insidetrack.storage.definer import as_member_of, as_no_seeker, give_to
from insidetrack.storage.org import PEOPLE

MIN_SEEKERS = 5
FLOOR = 3  # whatever org_settings says: below it a figure could point at one person
READ = ("employers", "openings", "interviews", "touchpoints")
_MINIMUM = (f"(SELECT GREATEST({FLOOR}, COALESCE((SELECT value::int FROM org_settings"
            f" WHERE key = 'cohort.min_seekers'), {MIN_SEEKERS})))")
_MEMBERS = (f"SELECT m.person_id FROM cohort_members m JOIN {PEOPLE} p ON p.id = m.person_id"
            " WHERE m.cohort_id = cohort AND p.role = 'seeker'")
# Each function: (its name, the columns it returns, the figures' query). `seekers` is how
# many job seekers a row is computed from; the masking is added around each query.
_INTERVIEWS = f"""SELECT o.status AS label, COUNT(i.id)::bigint AS a, 0::bigint AS b,
    0::float8 AS c, COUNT(DISTINCT i.seeker_id)::bigint AS seekers
  FROM interviews i JOIN openings o ON o.id = i.opening_id
  WHERE i.seeker_id IN ({_MEMBERS}) GROUP BY o.status"""
_DECISIONS = f"""WITH d AS (
    SELECT t.outcome, t.seeker_id, EXTRACT(EPOCH FROM t.at::timestamptz
      - MIN(i.starts_at::timestamptz)) / 86400 AS days
    FROM touchpoints t JOIN interviews i ON i.opening_id = t.opening_id
    WHERE t.kind = 'decision' AND t.seeker_id IN ({_MEMBERS})
    GROUP BY t.id, t.outcome, t.seeker_id)
  SELECT CASE WHEN GROUPING(outcome) = 1 THEN '' ELSE outcome END AS label,
    COUNT(*)::bigint AS a, 0::bigint AS b,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY days)::float8 AS c,
    COUNT(DISTINCT seeker_id)::bigint AS seekers
  FROM d GROUP BY GROUPING SETS ((outcome), ())
  HAVING COUNT(*) > 0"""  # no decision at all: no "all decisions" row (of 0 seekers, hidden)
# A reply counts for the channel of the last thing sent before it (as /insights counts).
_CHANNELS = f"""WITH sent AS (
    SELECT channel, opening_id, seeker_id FROM touchpoints
    WHERE channel IS NOT NULL AND kind <> 'reply' AND seeker_id IN ({_MEMBERS})),
  answered AS (
    SELECT DISTINCT t.opening_id, (SELECT s.channel FROM touchpoints s
      WHERE s.opening_id = t.opening_id AND s.channel IS NOT NULL AND s.kind <> 'reply'
      AND s.at <= t.at ORDER BY s.at DESC, s.id DESC LIMIT 1) AS channel
    FROM touchpoints t WHERE t.kind = 'reply' AND t.seeker_id IN ({_MEMBERS}))
  SELECT s.channel AS label, COUNT(DISTINCT s.opening_id)::bigint AS a,
    COUNT(DISTINCT a.opening_id)::bigint AS b, 0::float8 AS c,
    COUNT(DISTINCT s.seeker_id)::bigint AS seekers
  FROM sent s LEFT JOIN answered a ON a.opening_id = s.opening_id AND a.channel = s.channel
  GROUP BY s.channel"""
# Applications that reached an interview, and those the employer answered at all.
_EMPLOYERS = f"""SELECT MIN(e.name) AS label, COUNT(DISTINCT o.id)::bigint AS a,
    COUNT(DISTINCT o.id) FILTER (WHERE EXISTS (SELECT 1 FROM touchpoints t
      WHERE t.opening_id = o.id AND t.kind IN ('reply', 'decision')))::bigint AS b,
    0::float8 AS c, COUNT(DISTINCT o.seeker_id)::bigint AS seekers
  FROM openings o JOIN employers e ON e.id = o.employer_id
  WHERE o.seeker_id IN ({_MEMBERS})
    AND EXISTS (SELECT 1 FROM interviews i WHERE i.opening_id = o.id)
  GROUP BY e.name_key"""
FIGURES = {"cohort_interviews": _INTERVIEWS, "cohort_decisions": _DECISIONS,
           "cohort_channels": _CHANNELS, "cohort_employers": _EMPLOYERS}


def report_role(app_role: str) -> str:
    return f"{app_role[:56]}_report"


def organise_reporting(db: Database, app_role: str) -> None:
    """Make the reporting role, its read-only policies and the cohort functions (again
    when they exist: `org init` on a center made before them)."""
    role = report_role(app_role)
    if not db.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (role,)).fetchone():
        db.execute(f"CREATE ROLE {role} NOLOGIN")
    db.execute(f"GRANT SELECT ON {', '.join((*READ, PEOPLE, 'cohort_members', 'org_settings'))}"
               f" TO {role}")
    for table in READ:
        db.execute(f"DROP POLICY IF EXISTS {table}_report ON {table}")
        db.execute(f"CREATE POLICY {table}_report ON {table} FOR SELECT TO {role} USING (true)")
    with as_member_of(db, role):  # `org init` again replaces the role's own functions
        for name, query in FIGURES.items():
            _function(db, name, query)
        give_to(db, role, [f"{name}(bigint)" for name in FIGURES], (app_role, "CURRENT_USER"))


def _function(db: Database, name: str, query: str) -> None:
    """Make one cohort function (given to the reporting role after: definer.py)."""
    db.execute(
        f"CREATE OR REPLACE FUNCTION {name}(cohort bigint) RETURNS TABLE (label text,"
        " a bigint, b bigint, c float8, seekers bigint) LANGUAGE plpgsql STABLE SECURITY"
        " DEFINER SET search_path = public AS $$" + as_no_seeker(
            f"SELECT CASE WHEN f.seekers >= {_MINIMUM} THEN f.label END,"
            f" CASE WHEN f.seekers >= {_MINIMUM} THEN f.a END,"
            f" CASE WHEN f.seekers >= {_MINIMUM} THEN f.b END,"
            f" CASE WHEN f.seekers >= {_MINIMUM} THEN f.c END, f.seekers"
            f" FROM ({query}) f") + " $$")


class CohortReport(Repository):
    """A cohort's figures, each row (label, a, b, c, seekers); None where hidden."""

    def minimum(self) -> int:
        return int(self.db.execute(f"SELECT {_MINIMUM}").fetchone()[0])

    def seekers(self, cohort_id: int) -> int:
        """Count the job seekers of a cohort (the roster is the center's: no one's rows)."""
        return int(self.db.execute(f"SELECT COUNT(*) FROM cohort_members m JOIN {PEOPLE} p"
                                   " ON p.id = m.person_id WHERE m.cohort_id = ?"
                                   " AND p.role = 'seeker'", (cohort_id,)).fetchone()[0])

    def figures(self, name: str, cohort_id: int) -> list[tuple[Any, ...]]:
        if name not in FIGURES:
            raise ValueError(name)
        return [tuple(r) for r in self.db.execute(f"SELECT * FROM {name}(?)", (cohort_id,))]
