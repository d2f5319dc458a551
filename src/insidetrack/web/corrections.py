"""Small corrections: an interview's notes one by one (on its page and in the API), and in
the API an interviewer's details, a reference and a clipping (their pages' forms are in
pages.py and bank_pages.py)."""

from __future__ import annotations

from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form
from fastapi.responses import Response
from pydantic import BaseModel, Field

from insidetrack.domain import parse
from insidetrack.services import notes
from insidetrack.services.ports import NoteLine
from insidetrack.session import Session
from insidetrack.web.app import data
from insidetrack.web.flash import said_then

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])
OpenSession = Depends(data)


def _page(line: NoteLine) -> str:
    return f"/interviews/{line.interview_id}#notes"


@router.post("/notes/{note_id}")
def edit_note(note_id: int, text: str = Form(""), app: Session = OpenSession) -> Response:
    """Save a note's new text, checked against its sentence as when it was added."""
    edited = notes.edit_note(app.env(), note_id, parse.text("text", text, required=True))
    return said_then(_page(edited.note), [f"Note changed: {edited.note.text}", *edited.told])


@router.post("/notes/{note_id}/delete")
def delete_note(note_id: int, app: Session = OpenSession) -> Response:
    """Delete a note at once: the message after it brings it back with one button."""
    gone = notes.delete_note(app.env(), note_id)
    back = urlencode({"kind": gone.kind, "text": gone.text})
    return said_then(_page(gone), [f"Note deleted: {gone.text}"],
                     undo=f"/interviews/{gone.interview_id}/notes/restore?{back}")


@router.post("/interviews/{interview_id}/notes/restore")
def restore_note(interview_id: int, kind: str, text: str, app: Session = OpenSession) -> Response:
    line = notes.restore_note(app.env(), interview_id, kind, text)
    return said_then(_page(line), [f"Note back: {line.text}"])


class NoteBody(BaseModel):
    text: str
    as_typed: bool = Field(default=False, description="Save it exactly as typed; otherwise a "
                           "full sentence is refused and a doubled word dropped")


def note_json(line: NoteLine) -> dict[str, Any]:
    return {"id": line.id, "interview": line.interview_id, "kind": line.kind, "text": line.text}


@api.get("/interviews/{interview_id}/notes")
def list_notes(interview_id: int, app: Session = OpenSession) -> list[dict[str, Any]]:
    return [note_json(n) for n in notes.notes(app.env(), interview_id)]


@api.patch("/notes/{note_id}")
def change_note(note_id: int, body: NoteBody, app: Session = OpenSession) -> dict[str, Any]:
    edited = notes.edit_note(app.env(), note_id, parse.text("text", body.text, required=True),
                             body.as_typed)
    return {**note_json(edited.note), "told": list(edited.told)}


@api.delete("/notes/{note_id}")
def remove_note(note_id: int, app: Session = OpenSession) -> dict[str, Any]:
    return {**note_json(notes.delete_note(app.env(), note_id)), "deleted": True}


class ContactChangesBody(BaseModel):
    """Only what is given changes; an empty e-mail or phone clears it."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    courtesy_title: str | None = Field(default=None, description="Mr., Ms., Mx., Dr. or empty")
    salutation: str | None = Field(default=None, description='The greeting, e.g. "Dear Priya,"')


@api.patch("/contacts/{contact_id}")
def change_contact(contact_id: int, body: ContactChangesBody,
                   app: Session = OpenSession) -> dict[str, Any]:
    """Correct an interviewer's name, e-mail (a bounce clears), phone, title or greeting."""
    from insidetrack.services import records
    from insidetrack.views import contact_json

    def given(check: Any, field: str, value: str | None) -> str | None:
        return None if value is None else str(check(field, value))

    changed = records.update_contact(
        app.env(), contact_id, given(lambda f, v: parse.text(f, v, required=True), "name",
                                     body.name), None,
        given(lambda f, v: parse.email(f, v, required=False), "email", body.email),
        given(lambda f, v: parse.phone(f, v, required=False), "phone", body.phone),
        title=given(parse.courtesy_title, "courtesy_title", body.courtesy_title),
        salutation=given(parse.salutation, "salutation", body.salutation))
    return contact_json(changed)


class ReferenceChangesBody(BaseModel):
    """Only what is given changes; an empty e-mail clears it."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None
    relationship: str | None = None


@api.patch("/references/{reference_id}")
def change_reference(reference_id: int, body: ReferenceChangesBody,
                     app: Session = OpenSession) -> dict[str, Any]:
    """Correct a reference; the calls to come are re-planned with them."""
    from insidetrack.services import records
    from insidetrack.views import reference_json

    changed = records.update_reference(
        app.env(), reference_id,
        name=None if body.name is None else parse.name("name", body.name),
        phone=None if body.phone is None else parse.phone("phone", body.phone),
        email=None if body.email is None else parse.email("email", body.email, required=False),
        relationship=None if body.relationship is None else parse.text(
            "relationship", body.relationship, limit=200))
    return reference_json(changed, app.zone)


class ClippingChangesBody(BaseModel):
    """Only what is given changes."""

    title: str | None = None
    url: str | None = Field(default=None, description='Its link; "" removes it')
    kind: Literal["article", "cartoon"] | None = None


@api.patch("/clippings/{clipping_id}")
def change_clipping(clipping_id: int, body: ClippingChangesBody,
                    app: Session = OpenSession) -> dict[str, Any]:
    """Change a clipping or cartoon not yet used in a letter (409 once it went out)."""
    from insidetrack.services import banks, forms

    clip = banks.edit_clipping(
        app.env(), clipping_id,
        title=None if body.title is None else parse.text("title", body.title, required=True),
        url=None if body.url is None else parse.url("url", body.url),
        kind=None if body.kind is None else forms.clipping_kind(body.kind))
    return {"id": clip.id, "title": clip.title, "url": clip.url, "kind": clip.kind.value}


@api.delete("/employers/{employer_id}")
def delete_employer(employer_id: int, app: Session = OpenSession) -> dict[str, Any]:
    """Delete an employer no opening is with, and its people (409 while one is)."""
    from insidetrack.services import records

    gone, trash_id = records.delete_employer(app.env(), employer_id)
    return {"id": gone.id, "name": gone.name, "deleted": True, "trash": trash_id}
