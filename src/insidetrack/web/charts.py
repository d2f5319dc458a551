"""The insights, as bars the page draws in SVG: no outside scripts or fonts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from insidetrack.domain.model import OpeningStatus
from insidetrack.services import queries
from insidetrack.session import Session

BAR_WIDTH = 360  # the longest bar, in SVG units


def bars(pairs: list[tuple[str, float]]) -> list[dict[str, Any]]:
    """Scale (label, value) pairs into bar lengths."""
    top = max((v for _, v in pairs), default=0) or 1
    return [{"label": label, "short": _fit(label), "value": value,
             "width": round(BAR_WIDTH * value / top), "y": n * 28}
            for n, (label, value) in enumerate(pairs)]


LABEL_CHARS = 26  # what fits left of the bars at 13px


def _fit(label: str) -> str:
    """Cut a long name so it ends before the bar starts; the full name is in the list below."""
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip() + "…"


def strip(app: Session) -> list[dict[str, Any]]:
    """Count pending steps on each of the next 30 days."""
    today = app.clock().astimezone(app.zone).date()
    env = app.env()
    start = queries.day_bounds_of(env, today)[0]
    end = queries.day_bounds_of(env, today + timedelta(days=29))[1]
    per_day: dict[str, int] = {}
    for due, count in queries.pending_dues(env, start, end):
        day = due.astimezone(app.zone).date().isoformat()
        per_day[day] = per_day.get(day, 0) + count
    days = [today + timedelta(days=n) for n in range(30)]
    top = max(per_day.values(), default=0) or 1
    return [{"x": n * 20, "day": d.strftime("%a %d %b"), "weekend": d.weekday() >= 5,
             "tick": f"{d:%b} {d.day}" if n == 0 or d.weekday() == 0 else "",
             "count": per_day.get(d.isoformat(), 0),
             "height": round(60 * per_day.get(d.isoformat(), 0) / top)}
            for n, d in enumerate(days)]


def insights(app: Session) -> dict[str, Any]:
    counts = queries.insights(app.env())
    stages = counts.openings_by_status
    return {
        "funnel": bars([(s.value, stages.get(s.value, 0)) for s in OpeningStatus]),
        "replies": bars(sorted(counts.replies_by_channel.items())),
        "decisions": bars([(f"{name} ({outcome})", days)
                           for name, outcome, days in counts.days_to_decision]),
        "strip": strip(app),
    }
