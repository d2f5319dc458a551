"""The user's records: people, openings and interviews, notes."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from insidetrack.domain.model import (
    Clipping,
    ClippingKind,
    Contact,
    Employer,
    Fact,
    Interview,
    InterviewNotes,
    Opening,
    Profile,
    Reference,
    ResumeVia,
    Touchpoint,
)
from insidetrack.services.ports.rows import (
    Imported,
    NoteLine,
)

# One protocol per repository.


class PeoplePort(Protocol):
    """The job seeker, the employers, their people, and the references."""

    def profile(self) -> Profile | None: ...

    def save_profile(self, p: Profile) -> None: ...

    def employer_named(self, key: str) -> Employer | None: ...

    def employer(self, employer_id: int) -> Employer: ...

    def employers(self) -> list[Employer]: ...

    def employer_in_use(self, employer_id: int) -> bool:
        """Say whether an opening (an application or an interview's) is with this employer."""

    def contact_in_use(self, contact_id: int) -> bool:
        """Say whether an interview lists the contact, or a step is addressed to them."""

    def delete_contact(self, contact_id: int) -> None:
        """Delete a contact and the alerts about them."""

    def delete_employer(self, employer_id: int) -> None:
        """Delete an employer with its people and the alerts about them."""

    def add_employer(self, e: Employer, key: str) -> Employer: ...

    def update_employer(self, e: Employer) -> None: ...

    def contacts(self, employer_id: int | None = None) -> list[Contact]: ...

    def add_contact(self, c: Contact) -> Contact: ...

    def update_contact_email(self, contact_id: int, email: str) -> None: ...

    def add_reference(self, r: Reference) -> Reference: ...

    def reference(self, reference_id: int) -> Reference: ...

    def references(self) -> list[Reference]: ...

    def mark_reference_prepared(self, reference_id: int, at: datetime) -> None: ...

    def set_reference_prepared(self, reference_id: int, at: datetime | None) -> None: ...

    def openings_of_reference(self, reference_id: int) -> list[int]: ...

    def delete_reference(self, reference_id: int) -> None: ...

    def update_reference(self, r: Reference) -> None: ...

    def contact(self, contact_id: int) -> Contact: ...

    def update_contact(self, c: Contact) -> None: ...


class InterviewsPort(Protocol):
    """Openings and their interviews, notes, touchpoints, fact and clipping banks, messages."""

    def opening_ids_of_employer(self, employer_id: int) -> list[int]: ...

    def openings(self) -> list[Opening]: ...

    def interview_starts(self) -> set[tuple[int, datetime]]:
        """Return (opening, start) of every interview, to recognise one again."""

    def next_ids(self) -> dict[str, int]:
        """Return the next free id of each table that takes new rows in bulk."""

    def add_imported(self, new: Imported) -> None:
        """Insert an import's new records at once, with the ids the import chose."""

    def opening(self, opening_id: int) -> Opening: ...

    def opening_for(self, employer_id: int, job_title: str) -> Opening | None: ...

    def add_opening(
        self,
        employer_id: int,
        job_title: str,
        department: str,
        resume_via: ResumeVia | None,
        requested_electronic: bool,
    ) -> Opening: ...

    def update_opening(self, o: Opening) -> None: ...

    def add_interview(self, i: Interview) -> int: ...

    def update_interview(self, i: Interview) -> None: ...

    def set_interviewers(self, interview_id: int, people: tuple[Contact, ...]) -> None:
        """Make these contacts, in this order, the interview's interviewers."""

    def delete_interview(self, interview_id: int) -> None:
        """Delete an interview and all that hangs on it: steps, notes, messages, history."""

    def delete_opening(self, opening_id: int) -> None:
        """Delete an opening left with no interview, with its banks, links and history."""

    def interview(self, interview_id: int) -> Interview: ...

    def interviews_of_opening(self, opening_id: int) -> list[Interview]: ...

    def interview_rows(self, limit: int = -1, offset: int = 0, status: str | None = None,
                       archived: bool | None = None) -> list[dict[str, Any]]:
        """Return interviews (a page of them, by start) with employer, job and next step."""

    def count_interviews(self) -> int: ...

    def count_by_stage(self, archived: bool) -> dict[str, int]:
        """Return how many interviews each stage holds (archived ones, or the others)."""

    def interview_ids(self) -> list[int]: ...

    def references_of_opening(self, opening_id: int) -> list[Reference]: ...

    def link_reference(self, reference_id: int, opening_id: int) -> bool: ...

    def add_touchpoint(self, t: Touchpoint) -> int: ...

    def touchpoints_of_opening(self, opening_id: int) -> list[Touchpoint]: ...

    def offers(self) -> list[tuple[int, datetime]]:
        """Return (opening, when) of every offer logged, in order."""

    def add_fact(self, opening_id: int, text: str) -> int: ...

    def facts(self, opening_id: int) -> list[Fact]: ...

    def add_clipping(self, opening_id: int, title: str, url: str,
                     kind: ClippingKind = ClippingKind.ARTICLE) -> int: ...

    def clippings(self, opening_id: int) -> list[Clipping]: ...

    def mark_fact_used(self, fact_id: int, at: datetime) -> None: ...

    def mark_clipping_used(self, clipping_id: int, at: datetime) -> None: ...

    def unlink_reference(self, reference_id: int, opening_id: int) -> bool: ...

    def delete_touchpoint(self, touchpoint_id: int) -> None: ...

    def fact(self, fact_id: int) -> Fact: ...

    def edit_fact(self, fact_id: int, text: str) -> None: ...

    def delete_fact(self, fact_id: int) -> None: ...

    def free_fact(self, fact_id: int) -> None: ...

    def clipping(self, clipping_id: int) -> Clipping: ...

    def delete_clipping(self, clipping_id: int) -> None: ...

    def edit_clipping(self, c: Clipping) -> None: ...

    def free_clipping(self, clipping_id: int) -> None: ...

    def add_message(
        self, step_id: int, message_id: str, recipient: str, subject: str, at: datetime
    ) -> None: ...

    def message_ids(self, step_id: int) -> list[str]: ...

    def add_notes(self, interview_id: int, notes: InterviewNotes) -> None: ...

    def is_empty(self) -> bool: ...


class NotesPort(Protocol):
    """Each note of an interview, one by one, to change or delete."""

    def lines(self, interview_id: int) -> list[NoteLine]: ...
    def line(self, note_id: int) -> NoteLine: ...
    def change(self, note_id: int, text: str) -> None: ...
    def delete(self, note_id: int) -> None: ...
