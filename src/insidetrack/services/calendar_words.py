"""Say in words what a calendar push or sync did, for the command line and the web."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from insidetrack.services.calendar import FromCalendar, Report

When = Callable[[datetime | None], str]  # "" for None


def report_lines(report: Report, when: When) -> list[str]:
    """Say what came from the calendar, then what was written to it."""
    lines = [_taken_in(t, when) for t in report.taken_in]
    lines += [f"Interview in your calendar: invitation {line}" for line in report.invitations]
    lines.append(
        f"Calendar {report.calendar!r}: {report.added} added, {report.updated} updated, "
        f"{report.completed} marked completed, {report.restored} restored, "
        f"{report.removed} removed, {report.unchanged} unchanged.")
    if report.kept:
        lines.append(f"{report.kept} entry(ies) changed in your calendar while this ran: "
                     "left as they are until the next sync.")
    if report.left_behind:
        lines.append(f"{report.left_behind} entry(ies) stay in your former calendar on another "
                     "server: delete them there.")
    return lines


def _taken_in(t: FromCalendar, when: When) -> str:
    step = f"Step {t.step_id} ({t.title})"
    at = when(t.at)
    if t.change == "done":
        also = " It had changed here too: done wins." if t.conflict else ""
        return f"{step}: ticked done in your calendar; marked done at {at}.{also}"
    if t.change == "moved":
        line = f"{step}: moved in your calendar to {at}."
        if t.due is not None:
            return line + (" The plan needs it later (a reply or an unanswered call restarts "
                           f"the wait): due {when(t.due)}.")
        return line + (" It was re-planned here too: your calendar's time wins."
                       if t.conflict else "")
    if t.change == "undone":
        return f"{step}: unticked in your calendar, but done here: marked completed again."
    if t.change == "settled":
        return f"{step}: changed in your calendar, but {t.reason} here: insidetrack's side wins."
    if t.change == "refused":
        return f"{step}: changed in your calendar, not taken in: {t.reason}."
    what = {"done": "ticked done", "moved": f"moved to {at}"}.get(t.reason, t.reason)
    return (f"{step}: {what} in your calendar; left as it is until you take your calendar's "
            "changes in.")
