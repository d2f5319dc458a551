"""A career center's job seeker downloads their own data (the Sharing page's "Your data"):
the file `insidetrack import json` loads on their own computer. Anyone else: 404."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from insidetrack.services.seeker_export import file_name, own_export
from insidetrack.session import Session
from insidetrack.web.app import center_seeker, data

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)


def _seeker(request: Request) -> int:
    return center_seeker(request, "downloading your data")


@router.get("/sharing/export")
def download(request: Request, app: Session = OpenSession) -> Response:
    seeker_id = _seeker(request)
    name = file_name(app.clock().astimezone(app.zone).date())
    return Response(own_export(app.env(), seeker_id), media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
