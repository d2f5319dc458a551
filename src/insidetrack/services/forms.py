"""What the user typed, checked the same way whether it came from the CLI or the web."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from insidetrack.domain import parse
from insidetrack.domain.errors import InputError
from insidetrack.domain.model import ClippingKind, InterviewNotes, Profile, ResumeVia
from insidetrack.domain.note_frames import fit_note
from insidetrack.services.records import NewInterview

NOTE_FIELDS = ("topic", "emphasis", "problem", "impressed", "forgot", "shared_interest")


@dataclass(frozen=True)
class InterviewForm:
    employer: str
    job_title: str
    at: str
    department: str = ""
    duration: int = 60
    round: int | None = None
    interviewers: tuple[str, ...] = ()
    requested_electronic: bool = False
    resume_via: str | None = None
    urgent: bool = False
    dialogue: bool = False
    expected_decision: str | None = None
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    as_typed: bool = False


@dataclass(frozen=True)
class CheckedNotes:
    """Notes fitted to their sentences, and what the user is told was changed."""

    notes: InterviewNotes
    told: tuple[str, ...] = ()


def checked_notes(values: dict[str, tuple[str, ...]], as_typed: bool = False) -> CheckedNotes:
    """Check typed notes against the sentences they fill; a full sentence is refused.

    A leading word that would double up with the sentence ("your their ...") is dropped
    and said; `as_typed` keeps every note exactly as typed.
    """
    told: list[str] = []

    def texts(kind: str) -> tuple[str, ...]:
        typed = [parse.text(kind, v, required=True) for v in values.get(kind, ())]
        return tuple(t if as_typed else _fitted(kind, t, told) for t in typed)

    notes = InterviewNotes(
        topics=texts("topic"), emphases=texts("emphasis"), impressed=texts("impressed"),
        forgot=texts("forgot"), problems=texts("problem"), shared_interests=texts("shared_interest"),
    )
    return CheckedNotes(notes, tuple(told))


def _fitted(kind: str, text: str, told: list[str]) -> str:
    """Return the note fitted to its sentence, noting what was dropped."""
    fitted = fit_note(kind, text)
    for finding in fitted.findings:
        if finding.rule in ("full-sentence", "no-words"):
            raise InputError(kind, finding.message)
        told.append(finding.message)
    return fitted.text


def notes_from(values: dict[str, tuple[str, ...]], as_typed: bool = False) -> InterviewNotes:
    """Check typed notes (topic, emphasis, ...) and gather them."""
    return checked_notes(values, as_typed).notes


def _resume_via(value: str | None) -> ResumeVia | None:
    if not value:
        return None
    try:
        return ResumeVia(value)
    except ValueError:
        choices = ", ".join(v.value for v in ResumeVia)
        raise InputError("resume_via", f"{value!r} is not one of {choices}") from None


def clipping_kind(value: str | None) -> ClippingKind:
    """Check what a clipping is: an article (the default) or a cartoon."""
    try:
        return ClippingKind((value or "article").strip().lower())
    except ValueError:
        choices = " or ".join(k.value for k in ClippingKind)
        raise InputError("kind", f"{value!r} is not {choices}") from None


def interviewers_from(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Check the interviewers typed; the same person (by name or e-mail) twice is refused."""
    people = tuple(parse.interviewer("interviewer", v) for v in values)
    seen: set[str] = set()
    for name, email in people:
        keys = ({parse.name_key(parse.titled_name("interviewer", name)[1])}
                | ({email.casefold()} if email else set()))
        if keys & seen:
            raise InputError("interviewer", f"{name!r} is given twice; give each person once")
        seen |= keys
    return people


def expected_decision(value: str | None, today: date) -> date | None:
    """Check the decision date the employer gave, if any."""
    if not value:
        return None
    return parse.day_in("expected_decision", value, parse.DECISION_DATE, today)


def interview_from(form: InterviewForm, tz: tzinfo, now: datetime) -> NewInterview:
    """Check every field of a new interview; the first bad one is refused by name."""
    notes = checked_notes(form.notes, form.as_typed)
    return NewInterview(
        employer=parse.name("employer", form.employer),
        job_title=parse.text("job_title", form.job_title, required=True, limit=200),
        start=parse.moment("at", form.at, tz, now, parse.INTERVIEW),
        duration_minutes=parse.whole_number("duration", form.duration, low=1, high=24 * 60),
        round=None if form.round is None else parse.whole_number("round", form.round, low=1,
                                                                 high=50),
        department=parse.text("department", form.department, limit=200),
        interviewers=interviewers_from(form.interviewers),
        requested_electronic=form.requested_electronic,
        resume_via=_resume_via(form.resume_via),
        urgent=form.urgent, dialogue=form.dialogue,
        expected_decision=expected_decision(form.expected_decision, now.astimezone(tz).date()),
        notes=notes.notes, told=notes.told,
    )


def profile_from(name: str, email: str, phone: str, address: str = "", field_: str = "",
                 years: int | None = None, specialty: str = "", over_40: bool = False) -> Profile:
    """Check a profile as typed."""
    return Profile(
        parse.name("name", name), parse.email("email", email), parse.phone("phone", phone),
        parse.address("address", address), parse.text("field", field_, limit=100),
        None if years is None else parse.whole_number("years", years, low=0, high=80),
        parse.text("specialty", specialty, limit=100), over_40,
    )


def profile_changes(name: str | None = None, email: str | None = None, phone: str | None = None,
                    address: str | None = None, field_: str | None = None,
                    years: int | None = None, specialty: str | None = None,
                    over_40: bool | None = None) -> dict[str, object]:
    """Check the profile fields that were given (None: not given); the rest stay as they are."""
    checks: dict[str, tuple[object, object]] = {
        "name": (name, lambda v: parse.name("name", v)),
        "email": (email, lambda v: parse.email("email", v)),
        "phone": (phone, lambda v: parse.phone("phone", v)),
        "address": (address, lambda v: parse.address("address", v)),
        "field": (field_, lambda v: parse.text("field", v, limit=100)),
        "years": (years, lambda v: parse.whole_number("years", v, low=0, high=80)),
        "specialty": (specialty, lambda v: parse.text("specialty", v, limit=100)),
        "over_40": (over_40, lambda v: v),
    }
    return {key: check(value) for key, (value, check) in checks.items()  # type: ignore[operator]
            if value is not None}
