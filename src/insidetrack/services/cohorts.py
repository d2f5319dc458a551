"""A cohort's figures for its career center: the funnel, time to decision, and reply rates
by channel and by employer, across every job seeker of the cohort.

Aggregates only, never one seeker's rows (those need the seeker's grant: services/consent.py).
A figure computed from fewer job seekers than the center's minimum is hidden by the
database itself (storage/cohort_report.py); here it is counted, so the page can say so.
Administrators see every cohort; a coach, the cohorts of the job seekers they coach.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from insidetrack.domain.errors import NotFoundError
from insidetrack.domain.model import OpeningStatus
from insidetrack.services.center import require_center
from insidetrack.services.context import Env
from insidetrack.services.ports import OrgPerson
from insidetrack.services.ports.roster import Cohort

_STAGES = [s.value for s in OpeningStatus]
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')  # not in a file name on Windows or Unix


@dataclass(frozen=True)
class Table:
    """One of a cohort's tables: its rows (label first) as the page, the CSV and --json give
    them, which column its chart draws, and how many rows too few job seekers hid."""

    name: str  # its file's name: stages.csv
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    hidden: int
    charted: int  # the column the chart's bars show
    unit: str = ""


@dataclass(frozen=True)
class CohortReport:
    cohort: Cohort
    seekers: int
    minimum: int
    tables: list[Table]

    @property
    def too_small(self) -> bool:
        return self.seekers < self.minimum

    def table(self, name: str) -> Table:
        for t in self.tables:
            if t.name == name:
                return t
        raise NotFoundError(f"no table {name!r} (the tables: "
                            f"{', '.join(t.name for t in self.tables)})")


def visible_cohorts(env: Env, person: OrgPerson | None) -> list[Cohort]:
    """Return the cohorts a person may see the figures of (None: the center's owner, at the
    command line: all); anyone but staff gets NotFoundError."""
    require_center(env)
    found = env.store.roster.cohorts()
    if person is None or person.role == "admin":
        return found
    if person.role == "coach":
        return [c for c in found if person.email.casefold() in
                {e.casefold() for e in c.coaches}]
    raise NotFoundError("Not found")


def report(env: Env, person: OrgPerson | None, cohort_id: int) -> CohortReport:
    """Return a cohort's figures, if the person may see them."""
    for cohort in visible_cohorts(env, person):
        if cohort.id == cohort_id:
            return _report(env, cohort)
    raise NotFoundError(f"no cohort with id {cohort_id} among yours")


def report_named(env: Env, name: str) -> CohortReport:
    """Return the figures of the cohort of this name (for the center's owner)."""
    known = visible_cohorts(env, None)
    for cohort in known:
        if cohort.name.casefold() == name.strip().casefold():
            return _report(env, cohort)
    listed = ", ".join(c.name for c in known) or "none yet"
    raise NotFoundError(f"no cohort named {name!r} (the cohorts: {listed})")


def _report(env: Env, cohort: Cohort) -> CohortReport:
    figures = env.store.cohort_report
    tables = [_stages(figures.figures("cohort_interviews", cohort.id)),
              _decisions(figures.figures("cohort_decisions", cohort.id)),
              _channels(figures.figures("cohort_channels", cohort.id)),
              _employers(figures.figures("cohort_employers", cohort.id))]
    return CohortReport(cohort, figures.seekers(cohort.id), figures.minimum(), tables)


def _shown(rows: list[tuple[Any, ...]]) -> tuple[list[tuple[Any, ...]], int]:
    """Split the rows the database showed from those it hid (label None)."""
    shown = [r for r in rows if r[0] is not None]
    return shown, len(rows) - len(shown)


def _stages(rows: list[tuple[Any, ...]]) -> Table:
    shown, hidden = _shown(rows)
    shown.sort(key=lambda r: _STAGES.index(r[0]) if r[0] in _STAGES else len(_STAGES))
    return Table("stages", "Interviews by the stage of their application",
                 ("stage", "interviews"), [(r[0], r[1]) for r in shown], hidden, 1)


def _decisions(rows: list[tuple[Any, ...]]) -> Table:
    shown, hidden = _shown(rows)
    shown.sort(key=lambda r: (r[0] != "", r[0]))  # all decisions first, then each outcome
    return Table("decisions", "Days from the first interview to a decision (median)",
                 ("decision", "decisions", "median days"),
                 [(r[0] or "all decisions", r[1], round(r[3], 1)) for r in shown], hidden, 2,
                 " d")


def _rate(answered: int, asked: int) -> int:
    return round(100 * answered / asked) if asked else 0


def _channels(rows: list[tuple[Any, ...]]) -> Table:
    shown, hidden = _shown(rows)
    shown.sort(key=lambda r: r[0])
    return Table("channels", "Reply rate by the channel used",
                 ("channel", "applications written to", "answered", "reply rate %"),
                 [(r[0], r[1], r[2], _rate(r[2], r[1])) for r in shown], hidden, 3, "%")


def _employers(rows: list[tuple[Any, ...]]) -> Table:
    """Employers by reply rate, lowest first: those that never answer anyone lead."""
    shown, hidden = _shown(rows)
    listed = [(r[0], r[1], r[2], _rate(r[2], r[1])) for r in shown]
    listed.sort(key=lambda r: (r[3], -r[1], r[0].casefold()))
    return Table("employers", "Reply rate by employer (never answering first)",
                 ("employer", "applications interviewed for", "answered", "reply rate %"),
                 listed, hidden, 3, "%")


def csv_file(report: CohortReport, name: str) -> tuple[str, bytes]:
    """Return one of a cohort's tables as a file: its name (the cohort's, then the table's)
    and its CSV, with a BOM so that Excel reads it as UTF-8."""
    stem = _UNSAFE.sub(" ", report.cohort.name).strip(" .") or "cohort"
    table = report.table(name)
    return f"{stem} - {table.name}.csv", as_csv(table).encode("utf-8-sig")


def as_csv(table: Table) -> str:
    """Return a table as CSV: its columns, then the rows the page shows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return out.getvalue()


def as_json(report: CohortReport) -> dict[str, Any]:
    """Return the figures for `--json`: each table's rows keyed by its columns."""
    return {"cohort": report.cohort.name, "seekers": report.seekers,
            "minimum_seekers": report.minimum, "too_small": report.too_small,
            "tables": {t.name: {"hidden": t.hidden,
                                "rows": [dict(zip(t.columns, r, strict=True)) for r in t.rows]}
                       for t in report.tables}}
