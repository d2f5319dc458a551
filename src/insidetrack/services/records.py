"""Record the job seeker's profile, employers, interviews, references and banks."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from insidetrack.domain.errors import ConflictError, InputError
from insidetrack.domain.model import (
    ClippingKind,
    Contact,
    ContactRole,
    Employer,
    Interview,
    InterviewNotes,
    Opening,
    OpeningStatus,
    Profile,
    Reference,
    ResumeVia,
    Step,
)
from insidetrack.domain.parse import name_key, titled_name
from insidetrack.services.campaigns import replan, replan_all, replan_opening
from insidetrack.services.context import Env
from insidetrack.services.ports import Snapshot, StorePort


def set_profile(env: Env, profile: Profile) -> None:
    """Save the profile; the advice (over 40) may change, so re-plan."""
    with env.store.write():
        env.store.people.save_profile(profile)
        replan_all(env)


def update_profile(env: Env, changes: dict[str, object]) -> Profile:
    """Change the given fields of the profile, keeping the rest; a first one needs the basics."""
    with env.store.write():
        current = env.store.people.profile()
        if current is None:
            missing = next((k for k in ("name", "email", "phone") if k not in changes), None)
            if missing is not None:
                raise InputError(f"--{missing}", "is needed for a first profile")
            current = Profile(str(changes["name"]), str(changes["email"]), str(changes["phone"]))
        profile = replace(current, **changes)  # type: ignore[arg-type]
        env.store.people.save_profile(profile)
        replan_all(env)
        return profile


def find_or_add_employer(store: StorePort, employer: Employer) -> tuple[Employer, bool]:
    """Return the employer of that name, in any case, or create it."""
    key = name_key(employer.name)
    found = store.people.employer_named(key)
    if found is not None:
        return found, False
    return store.people.add_employer(employer, key), True


def add_employer(
    env: Env, employer: Employer, given: frozenset[str] = frozenset()
) -> tuple[Employer, str]:
    """Add an employer, or update the `given` fields of the one with that name.

    Returns the employer and what happened: created, updated or unchanged.
    Traits change the advice, so the employer's campaigns are re-planned.
    """
    with env.store.write():
        found, created = find_or_add_employer(env.store, employer)
        if created:
            return found, "created"
        changed = replace(found, **{f: getattr(employer, f) for f in given})
        if changed == found:
            return found, "unchanged"
        env.store.people.update_employer(changed)
        for opening_id in env.store.interviews.opening_ids_of_employer(found.id):
            replan_opening(env, opening_id)
        return changed, "updated"


@dataclass(frozen=True)
class NewInterview:
    """What the user typed to log an interview."""

    employer: str
    job_title: str
    start: datetime
    duration_minutes: int = 60
    round: int | None = None
    department: str = ""
    interviewers: tuple[tuple[str, str], ...] = ()
    requested_electronic: bool = False
    resume_via: ResumeVia | None = None
    urgent: bool = False
    dialogue: bool = False
    expected_decision: date | None = None
    notes: InterviewNotes = InterviewNotes()
    told: tuple[str, ...] = ()  # what fitting the notes to their sentences changed


@dataclass(frozen=True)
class AddedInterview:
    interview_id: int
    employer: Employer
    employer_created: bool
    opening: Opening
    steps: list[Step]
    opening_created: bool = True
    round: int = 1


def interviewer_contact(store: StorePort, employer_id: int, typed: str, email: str) -> Contact:
    """Return the employer's contact with that e-mail or name, or create one.

    A courtesy title typed before the name ('Mr. Harold Whitcomb') is kept as their title.
    """
    title, name = titled_name("interviewer", typed)
    for c in store.people.contacts(employer_id):
        same_email = bool(email) and c.email.casefold() == email.casefold()
        if same_email or (name_key(c.name) == name_key(name) and (not email or not c.email)):
            found = replace(c, email=c.email or email, title=c.title or title)
            if found != c:
                store.people.update_contact(found)
            return found
    return store.people.add_contact(Contact(0, employer_id, name, ContactRole.INTERVIEWER, email,
                                            title=title))


def distinct_people(people: Iterable[Contact]) -> tuple[Contact, ...]:
    """Keep each contact once: two typed names can be the same known person."""
    return tuple({c.id: c for c in people}.values())


def opening_titled(store: StorePort, employer_id: int, job_title: str) -> Opening | None:
    """Return the employer's latest opening with that title, in any case."""
    key = name_key(job_title)
    for opening_id in sorted(store.interviews.opening_ids_of_employer(employer_id), reverse=True):
        opening = store.interviews.opening(opening_id)
        if name_key(opening.job_title) == key:
            return opening
    return None


def _opening(store: StorePort, employer_id: int, new: NewInterview) -> tuple[Opening, bool]:
    """Return the open opening this interview is a round of, or a new one (and whether new)."""
    opening = opening_titled(store, employer_id, new.job_title)
    if opening is None or opening.status in (OpeningStatus.OFFER, OpeningStatus.CLOSED):
        return store.interviews.add_opening(
            employer_id, new.job_title, new.department, new.resume_via, new.requested_electronic
        ), True
    updated = replace(
        opening,
        department=new.department or opening.department,
        resume_via=new.resume_via or opening.resume_via,
        requested_electronic=new.requested_electronic or opening.requested_electronic,
        status=OpeningStatus.INTERVIEWING,
    )
    store.interviews.update_opening(updated)
    return updated, False


def add_interview(env: Env, new: NewInterview) -> AddedInterview:
    """Log an interview and plan its whole follow-up campaign at once."""
    if new.expected_decision is not None and new.expected_decision < new.start.astimezone(env.tz).date():
        raise InputError("expected_decision", "is before the interview; use a later date")
    with env.store.write():
        employer, created = find_or_add_employer(env.store, Employer(0, new.employer))
        opening, opening_created = _opening(env.store, employer.id, new)
        earlier = env.store.interviews.interviews_of_opening(opening.id)
        people = distinct_people(interviewer_contact(env.store, employer.id, n, e)
                                 for n, e in new.interviewers)
        interview = Interview(
            id=0, opening_id=opening.id, start=new.start,
            duration_minutes=new.duration_minutes, round=new.round or len(earlier) + 1,
            interviewers=people, notes=new.notes, urgent=new.urgent, dialogue=new.dialogue,
            expected_decision=new.expected_decision,
        )
        interview_id = env.store.interviews.add_interview(interview)
        replan_opening(env, opening.id)
        steps = env.store.steps.steps_of_interview(interview_id)
    return AddedInterview(interview_id, employer, created, opening, steps, opening_created,
                          interview.round)


def add_reference(env: Env, reference: Reference) -> Reference:
    with env.store.write():
        return env.store.people.add_reference(reference)


def update_reference(env: Env, reference_id: int, *, name: str | None = None,
                     phone: str | None = None, email: str | None = None,
                     relationship: str | None = None) -> Reference:
    """Change what was given of a reference (None: not given); their calls to come follow."""
    with env.store.write():
        r = env.store.people.reference(reference_id)
        changed = replace(r, name=r.name if name is None else name,
                          phone=r.phone if phone is None else phone,
                          email=r.email if email is None else email,
                          relationship=r.relationship if relationship is None else relationship)
        env.store.people.update_reference(changed)
        for opening_id in env.store.people.openings_of_reference(reference_id):
            replan_opening(env, opening_id)
        return changed


def delete_employer(env: Env, employer_id: int) -> tuple[Employer, int]:
    """Delete an employer no opening is with, and its people; return it and its trash number.

    Ours: an employer with an application or an interview stays (delete those first): its
    people are the interviewers the letters are written to.
    """
    people = env.store.people
    with env.store.write():
        employer = people.employer(employer_id)
        return employer, _delete_unused(
            env, people.employer_in_use(employer_id),
            f"{employer.name} has an application or an interview: delete those first",
            env.store.trash.employer_rows(employer_id),
            lambda: people.delete_employer(employer_id),
            f"the employer {employer.name} and its people")


def delete_contact(env: Env, contact_id: int) -> tuple[Contact, int]:
    """Delete a contact no interview lists; return them and the trash number.

    Ours: an interviewer stays while an interview lists them (remove them from it first):
    their thank-you and follow-ups are written to them.
    """
    people = env.store.people
    with env.store.write():
        contact = people.contact(contact_id)
        return contact, _delete_unused(
            env, people.contact_in_use(contact_id),
            f"{contact.name} is on an interview's panel or plan: remove them from the "
            "interview first",
            env.store.trash.contact_rows(contact_id),
            lambda: people.delete_contact(contact_id), f"the contact {contact.name}")


def _delete_unused(env: Env, in_use: bool, refusal: str, removed: Snapshot,
                   delete: Callable[[], None], words: str) -> int:
    """Delete what nothing uses (else refuse in one line), keeping its rows in the trash."""
    from insidetrack.services import trash

    if in_use:
        raise ConflictError(refusal)
    delete()
    return trash.keep(env, words, removed)


def link_reference(env: Env, reference_id: int, interview_id: int) -> bool:
    """Link a reference to an interview's opening; briefing steps follow."""
    with env.store.write():
        env.store.people.reference(reference_id)
        interview = env.store.interviews.interview(interview_id)
        linked = env.store.interviews.link_reference(reference_id, interview.opening_id)
        replan_opening(env, interview.opening_id)
        return linked


def add_fact(env: Env, interview_id: int, text: str) -> int:
    """Put a new fact in the bank of the interview's opening."""
    with env.store.write():
        interview = env.store.interviews.interview(interview_id)
        return env.store.interviews.add_fact(interview.opening_id, text)


def add_clipping(env: Env, interview_id: int, title: str, url: str,
                 kind: ClippingKind = ClippingKind.ARTICLE) -> int:
    """Put a news clipping or cartoon in the bank of the interview's opening."""
    with env.store.write():
        interview = env.store.interviews.interview(interview_id)
        return env.store.interviews.add_clipping(interview.opening_id, title, url, kind)


def replan_interview(env: Env, interview_id: int) -> list[Step]:
    with env.store.write():
        return replan(env, interview_id)


def add_contact(env: Env, contact: Contact) -> Contact:
    with env.store.write():
        return env.store.people.add_contact(contact)


def add_notes(env: Env, interview_id: int, notes: InterviewNotes) -> None:
    """Add notes to an interview: topics, emphases, problems and the rest."""
    with env.store.write():
        env.store.interviews.interview(interview_id)
        env.store.interviews.add_notes(interview_id, notes)


def update_contact(env: Env, contact_id: int, name: str | None, role: ContactRole | None,
                   email: str | None, phone: str | None, *, title: str | None = None,
                   salutation: str | None = None) -> Contact:
    """Change what was given of a contact (None: not given), keeping the rest."""
    with env.store.write():
        c = env.store.people.contact(contact_id)
        changed = replace(c, name=name or c.name, role=role or c.role,
                          email=c.email if email is None else email,
                          phone=c.phone if phone is None else phone,
                          title=c.title if title is None else title,
                          salutation=c.salutation if salutation is None else salutation)
        env.store.people.update_contact(changed)
        if changed.email != c.email:
            env.store.inbox.mark_bouncing(c.id, False)  # a new address: give it a chance
        return changed

