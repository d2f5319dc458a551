"""Change or delete one note of an interview, and bring a deleted one back.

Notes feed the drafts (topics, what impressed you, ...), not the plan: nothing re-plans.
"""

from __future__ import annotations

from dataclasses import dataclass

from insidetrack.domain.errors import InputError
from insidetrack.services import forms
from insidetrack.services.context import Env
from insidetrack.services.ports import NoteLine


@dataclass(frozen=True)
class EditedNote:
    """The note as saved, and what was dropped to fit its sentence (said to the user)."""

    note: NoteLine
    told: tuple[str, ...]


def notes(env: Env, interview_id: int) -> list[NoteLine]:
    """Return an interview's notes with their ids, in the order typed."""
    env.store.interviews.interview(interview_id)
    return env.store.notes.lines(interview_id)


def note(env: Env, note_id: int) -> NoteLine:
    return env.store.notes.line(note_id)


def _checked(kind: str, text: str, as_typed: bool) -> tuple[str, tuple[str, ...]]:
    """Check a note as adding it would: a full sentence is refused, a doubled word dropped."""
    if kind not in forms.NOTE_FIELDS:
        raise InputError("kind", f"must be one of {', '.join(forms.NOTE_FIELDS)}")
    checked = forms.checked_notes({kind: (text,)}, as_typed)
    (fitted,) = [t for values in vars(checked.notes).values() for t in values]
    return fitted, checked.told


def edit_note(env: Env, note_id: int, text: str, as_typed: bool = False) -> EditedNote:
    """Change a note's text, checked against the sentence it fills."""
    with env.store.write():
        line = env.store.notes.line(note_id)
        try:
            fitted, told = _checked(line.kind, text, as_typed)
        except InputError as exc:  # the note's own text is the field here, whatever its kind
            raise InputError("text", exc.reason) from None
        env.store.notes.change(note_id, fitted)
        return EditedNote(env.store.notes.line(note_id), told)


def delete_note(env: Env, note_id: int) -> NoteLine:
    """Delete a note; return it, so that it can be brought back."""
    with env.store.write():
        line = env.store.notes.line(note_id)
        env.store.notes.delete(note_id)
        return line


def restore_note(env: Env, interview_id: int, kind: str, text: str) -> NoteLine:
    """Bring a deleted note back, exactly as it was (Ours: it comes back last of its kind)."""
    with env.store.write():
        env.store.interviews.interview(interview_id)
        fitted, _ = _checked(kind, text, as_typed=True)
        env.store.interviews.add_notes(interview_id, forms.notes_from({kind: (fitted,)}, True))
        return env.store.notes.lines(interview_id)[-1]
