"""Invitations on the web: Today proposes each one with a filled-in form to log it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from insidetrack.domain.errors import InputError
from insidetrack.services import invitations
from insidetrack.services.ports.invitations import Invitation
from insidetrack.session import Session
from insidetrack.web import screens
from insidetrack.web.app import data, page
from insidetrack.web.flash import said_then

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)
LABELS = {"employer": "Employer", "job_title": "Job title", "place": "Where",
          "platform": "How", "interviewers": "Interviewers"}
SURENESS = {"sure": "sure", "likely": "likely", "guess": "a guess"}


def proposal(item: Invitation, app: Session) -> dict[str, Any]:
    """One invitation as Today shows it: each field, how sure, and why."""
    shown = [{"label": label, "value": item.value(key),
              "how": f"{SURENESS.get(item.fields[key][1], '')}: {item.fields[key][2]}"}
             for key, label in LABELS.items() if key in item.fields and item.value(key)]
    return {"id": item.id, "kind": item.kind, "note": item.note, "fields": shown,
            "when": screens.when(item.start, app), "minutes": item.minutes,
            "employer": item.value("employer"), "job_title": item.value("job_title")}


def today_part(app: Session) -> dict[str, Any]:
    """What Today adds: the invitations waiting and the interviews they moved."""
    env = app.env()
    return {"invitations": [proposal(i, app) for i in invitations.listed(env)],
            "moved": [i.note[:1].upper() + i.note[1:] for i in invitations.moved_lately(env)]}


@router.post("/invitations/{invitation_id}/accept")
def accept(request: Request, invitation_id: int, employer: str = Form(""),
           job_title: str = Form(""), app: Session = OpenSession) -> Response:
    try:
        done = invitations.accept(app.env(), invitation_id, employer, job_title)
    except InputError as exc:
        context = screens.today(app, screens.agenda_day(app, None))
        errors = {"invitation": invitation_id, exc.field: exc.reason}
        return page(request, "today.html", {**context, "invitation_errors": errors}, 400)
    back = f"/interviews/{done.interview_id}" if done.interview_id else "/today"
    return said_then(back, [done.said[:1].upper() + done.said[1:] + "."])


@router.post("/invitations/{invitation_id}/dismiss")
def dismiss(invitation_id: int, app: Session = OpenSession) -> Response:
    invitations.dismiss(app.env(), invitation_id)
    return said_then("/today", ["The invitation is set aside; nothing was logged."])
