"""A career center's cohort figures (`serve --org`): the funnel, time to decision and reply
rates by channel and employer, as the same SVG bars as /insights, and each table as CSV.

Administrators see every cohort, a coach the cohorts of the job seekers they coach; anyone
else gets 404 (the guard keeps job seekers from /center already: this is the route's own
check). Aggregates only: a figure of too few job seekers is hidden (services/cohorts.py).
"""

from __future__ import annotations

import unicodedata
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from insidetrack.domain.errors import NotFoundError
from insidetrack.services import cohorts
from insidetrack.services.ports import OrgPerson
from insidetrack.session import Session
from insidetrack.web.app import data, page
from insidetrack.web.charts import bars

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)
STAFF = ("coach", "admin")


def staff(request: Request, *roles: str) -> OrgPerson:
    """Return the signed-in coach or administrator (of `roles`); anyone else: 404."""
    person = getattr(request.state, "person", None)
    if person is None or person.role not in (roles or STAFF):
        raise NotFoundError("Not found")
    return person  # type: ignore[no-any-return]


@router.get("/center/cohorts", response_class=HTMLResponse)
def cohort_list(request: Request, app: Session = OpenSession) -> Response:
    person = staff(request)
    return page(request, "cohorts.html", {"cohorts": cohorts.visible_cohorts(app.env(), person),
                                          "person": person})


@router.get("/center/cohorts/{cohort_id}", response_class=HTMLResponse)
def cohort_page(request: Request, cohort_id: int, app: Session = OpenSession) -> Response:
    report = cohorts.report(app.env(), staff(request), cohort_id)
    charts = [_chart(t) for t in report.tables]
    return page(request, "cohort.html", {"report": report, "charts": charts})


def _chart(table: cohorts.Table) -> dict[str, Any]:
    return {"table": table, "bars": bars([(str(r[0]), r[table.charted]) for r in table.rows])}


@router.get("/center/cohorts/{cohort_id}/{table}.csv")
def cohort_csv(request: Request, cohort_id: int, table: str,
               app: Session = OpenSession) -> Response:
    report = cohorts.report(app.env(), staff(request), cohort_id)
    name, content = cohorts.csv_file(report, table)
    return Response(content, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": attachment(name)})


def attachment(name: str) -> str:
    """Say a download's file name: in UTF-8 (RFC 6266), and in ASCII for older browsers."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    plain = plain.replace('"', "").replace("\\", "") or "download"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"
