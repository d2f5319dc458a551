"""Change or delete a fact or a clipping not yet used, from the interview's page."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from insidetrack.domain import parse
from insidetrack.domain.errors import NoSuchRecord
from insidetrack.services import banks
from insidetrack.session import Session
from insidetrack.web.app import ask_delete, data
from insidetrack.web.flash import said_then
from insidetrack.web.trash_pages import restore_url
from insidetrack.web.undo_pages import moved_lines

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)


def _back(next_page: str) -> str:
    """Keep the redirect inside the app: the interview page the form came from."""
    return next_page if next_page.startswith("/") and not next_page.startswith("//") else "/today"


@router.post("/facts/{fact_id}")
def edit_fact(fact_id: int, text: str = Form(""), next_page: str = Form("", alias="next"),
              app: Session = OpenSession) -> Response:
    fact = banks.edit_fact(app.env(), fact_id, parse.text("text", text, required=True,
                                                         limit=500))
    return said_then(_back(next_page) + "#facts", [f"Fact changed: {fact.text}"])


@router.get("/facts/{fact_id}/delete", response_class=HTMLResponse)
def confirm_fact_delete(request: Request, fact_id: int, next_page: str = "",
                        app: Session = OpenSession) -> Response:
    fact = banks.fact(app.env(), fact_id)
    return ask_delete(request, "Delete this fact?", f"/facts/{fact_id}/delete",
                      _back(next_page), "Delete the fact",
                      ["A letter still to write that needs a new fact will need another one."],
                      what=fact.text)


@router.post("/facts/{fact_id}/delete")
def delete_fact(fact_id: int, next_page: str = Form("", alias="next"),
                app: Session = OpenSession) -> Response:
    fixed = banks.delete_fact(app.env(), fact_id)
    wanting = [f"Add another fact before follow-up #{s.number}." for s in fixed.wanting]
    return said_then(_back(next_page) + "#facts",
                     ["Fact deleted.", *wanting, *moved_lines(fixed.moved, app)],
                     undo=restore_url(fixed.trash_id, _back(next_page) + "#facts"))


@router.post("/clippings/{clipping_id}")
def edit_clipping(clipping_id: int, title: str = Form(""), url: str = Form(""),
                  kind: str = Form("article"), next_page: str = Form("", alias="next"),
                  app: Session = OpenSession) -> Response:
    from insidetrack.services import forms

    clip = banks.edit_clipping(app.env(), clipping_id,
                               title=parse.text("title", title, required=True),
                               url=parse.url("url", url), kind=forms.clipping_kind(kind))
    return said_then(_back(next_page) + "#facts", [f"Clipping saved: {clip.title}"])


@router.get("/clippings/{clipping_id}/delete", response_class=HTMLResponse)
def confirm_clipping_delete(request: Request, clipping_id: int, next_page: str = "",
                            app: Session = OpenSession) -> Response:
    clip = banks.clipping(app.env(), clipping_id)
    return ask_delete(request, f"Delete this {clip.kind.value}?",
                      f"/clippings/{clipping_id}/delete", _back(next_page),
                      f"Delete the {clip.kind.value}",
                      ["Letters from #4 on each need a clipping or cartoon."], what=clip.title)


@router.post("/clippings/{clipping_id}/delete")
def delete_clipping(clipping_id: int, next_page: str = Form("", alias="next"),
                    app: Session = OpenSession) -> Response:
    fixed = banks.delete_clipping(app.env(), clipping_id)
    return said_then(_back(next_page) + "#facts",
                     ["Clipping deleted.", *moved_lines(fixed.moved, app)],
                     undo=restore_url(fixed.trash_id, _back(next_page) + "#facts"))


@router.post("/employers/{employer_id}", response_class=HTMLResponse)
def edit_employer(request: Request, employer_id: int, phone: str = Form(""),
                  address: str = Form(""), traditionalist: bool = Form(False),
                  high_tech: bool = Form(False), next_page: str = Form("", alias="next"),
                  app: Session = OpenSession) -> Response:
    """Save what you know of the employer: phone, address, and how they like to be reached."""
    from dataclasses import replace

    from insidetrack.services import queries, records

    found = next((e for e in queries.employers(app.env()) if e.id == employer_id), None)
    if found is None:  # was a 500 (StopIteration)
        raise NoSuchRecord("employer", employer_id)
    typed = replace(found, phone=parse.phone("employer_phone", phone, required=False),
                    address=parse.address("employer_address", address),
                    traditionalist=traditionalist, high_tech=high_tech)
    changed, what = records.add_employer(app.env(), typed, frozenset(
        {"phone", "address", "traditionalist", "high_tech"}))
    said = (f"Saved what you know of {changed.name}; its campaigns are re-planned."
            if what == "updated" else "Nothing changed.")
    return said_then(_back(next_page) + "#employer", [said])
