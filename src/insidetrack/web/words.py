"""The web's words for an error: each field by its form label, missing things as a link."""

from __future__ import annotations

from insidetrack.domain.errors import InputError, InsidetrackError, NoSuchRecord, Place
from insidetrack.domain.setting_words import label as setting_label

# The labels the forms show; a key not listed reads as its words.
LABELS = {
    "at": "Date and time", "duration": "Length (minutes)", "expected_decision": "Decision expected by",
    "employer": "Employer", "job_title": "Job title", "interviewer": "Interviewers",
    "resume_via": "Résumé sent by", "name": "Name", "email": "E-mail", "phone": "Phone",
    "address": "Postal address", "field": "Your field", "years": "Years of experience",
    "specialty": "Specialty", "note": "Note", "text": "Text", "outcome": "Outcome",
    "date": "Date", "relationship": "Relationship", "title": "Title", "url": "Link",
    "step_id": "Step", "format": "Format", "voicemail": "Voicemail", "file": "File",
    "courtesy_title": "Courtesy title", "salutation": "Preferred greeting",
    "employer_phone": "Their phone number", "employer_address": "Their postal address",
    "add_interviewer": "Add an interviewer", "remove_interviewer": "Remove",
    "topic": "Topics discussed", "emphasis": "What they emphasised",
    "problem": "Problems they raised", "impressed": "What impressed you",
    "forgot": "What you forgot to mention", "shared_interest": "An interest you share",
    "notes": "Notes", "kind": "Kind",
}
# Where each kind of missing information is entered, and the link's words.
LINKS = {
    "profile": ("/profile", "Open your profile"),
    "interview_notes": ("/interviews/{interview}#notes", "Add notes to the interview"),
    "facts": ("/interviews/{interview}#facts", "Add a fact"),
    "clippings": ("/interviews/{interview}#clippings", "Add a clipping"),
    "contact_phone": ("/interviews/{interview}#people", "Add their phone number"),
    "contact_email": ("/interviews/{interview}#people", "Add their e-mail address"),
    "contact_title": ("/interviews/{interview}#people", "Add their courtesy title"),
    "employer_phone": ("/interviews/{interview}#employer", "Add their phone number"),
    "references": ("/references", "Open your references"),
    "smtp_setup": ("/settings#mail", "Set up your mail account in Settings"),
    "imap_setup": ("/settings#mail", "Set up your mail account in Settings"),
    "mail_signin": ("/settings/account", "Sign in to your mail account again"),
    "own_mail": ("/my-mail", "Set up your mail and calendar"),
    "caldav_setup": ("/settings#calendar", "Set up your calendar in Settings"),
    "outbox": ("/steps/{step}/draft", "Open the step and its message"),
    "undo_done": ("/steps/{step}/draft", "Open that letter's step to undo it"),
}


# The page (and API route) that lists each kind of record with its numbers
# (domain/errors.py NoSuchRecord); kinds shown only on an interview's page have none.
PAGES = {
    "step": ("/today", "Today"),
    "interview": ("/interviews", "Interviews"),
    "application": ("/applications", "Applications"),
    "employer": ("/employers", "Employers"),
    "reference": ("/references", "References"),
    "deleted item": ("/trash", "Trash"),
}


def where_listed(exc: NoSuchRecord, api: bool = False) -> str:
    """Say a number that names nothing, and where the numbers there are are listed."""
    if exc.what not in PAGES:
        return exc.message
    href, name = PAGES[exc.what]
    return (f"{exc.message}: see GET /api{href} for the {exc.what}s and their ids" if api
            else f"{exc.message}: see {name} ({href}) for your {exc.what}s")


def note_fields(kinds: tuple[str, ...]) -> list[dict[str, str]]:
    """Give each kind of note its label, the sentence it fills and a phrase that fits."""
    from insidetrack.domain.note_frames import FRAMES

    return [{"kind": k, "label": label(k), "frame": FRAMES[k].text, "example": FRAMES[k].example}
            for k in kinds]


def label(field: str) -> str:
    """Return a field's label: a form's, else a setting's, else the key in words."""
    return LABELS.get(field) or setting_label(field)


def link(place: Place) -> tuple[str, str]:
    """Return (address, words) of the page where what a place stands for is entered."""
    href, words = LINKS[place.kind]
    return href.format(interview=place.interview_id or "", step=place.step_id or ""), words


def said(exc: InsidetrackError) -> str:
    """Say an error on a page: the field by its label, never an option's name."""
    if isinstance(exc, InputError):
        return f"{label(exc.field)}: {exc.reason}"
    if isinstance(exc, NoSuchRecord):
        return where_listed(exc)
    return exc.message
