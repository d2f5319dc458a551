"""A career center's job seeker downloads their own data (the Sharing page's "Your data"):
the file `insidetrack import json` loads on their own computer. Anyone else: 404."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from insidetrack.domain.errors import NotFoundError
from insidetrack.services.seeker_export import file_name, own_export
from insidetrack.session import Session
from insidetrack.web.app import data

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)


def _seeker(request: Request) -> int:
    """The signed-in job seeker of a center; anyone else finds no such page."""
    seeker_id = getattr(request.state, "seeker_id", None)
    if seeker_id is None:
        raise NotFoundError("Not found: downloading your data here is for a career center's "
                            "job seekers (on your own computer: insidetrack export json)")
    return int(seeker_id)


@router.get("/sharing/export")
def download(request: Request, app: Session = OpenSession) -> Response:
    seeker_id = _seeker(request)
    name = file_name(app.clock().astimezone(app.zone).date())
    return Response(own_export(app.env(), seeker_id), media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
