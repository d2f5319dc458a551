"""The job seeker's world: profile, employers, openings, interviews, steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum


class Channel(StrEnum):
    EMAIL = "email"
    LETTER = "letter"
    PHONE = "phone"


class StepKind(StrEnum):
    THANK_YOU = "thank-you"
    REFERENCE_BRIEF = "reference-brief"
    FOLLOW_UP = "follow-up"
    CALL = "call"
    # After the decision: an offer is thanked, a rejection answered graciously, the
    # references thanked, and the other applications withdrawn from politely.
    OFFER_THANKS = "offer-thanks"
    KEEP_IN_MIND = "keep-in-mind"
    REFERENCE_THANKS = "reference-thanks"
    WITHDRAW = "withdraw"


class StepStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    CANCELLED = "cancelled"
    MISSED = "missed"  # its moment had long passed when it was planned (a late-logged interview)
    SKIPPED = "skipped"  # the user chose not to do it; the chain goes on without it


class CallOutcome(StrEnum):
    CONNECTED = "connected"
    VOICEMAIL = "voicemail"
    NO_ANSWER = "no-answer"
    GATEKEEPER = "gatekeeper"

    @property
    def answered(self) -> bool:
        """Tell whether this outcome completes a call step."""
        return self in (CallOutcome.CONNECTED, CallOutcome.VOICEMAIL)


class Decision(StrEnum):
    OFFER = "offer"
    REJECTED = "rejected"
    HIRED = "hired"
    WITHDRAWN = "withdrawn"


class TouchpointKind(StrEnum):
    EMAIL_SENT = "email-sent"
    LETTER_SENT = "letter-sent"
    CALL = "call"
    REFERENCE_BRIEFED = "reference-briefed"
    REFERENCE_THANKED = "reference-thanked"
    REPLY = "reply"
    DECISION = "decision"


class ResumeVia(StrEnum):
    EMAIL = "email"
    POST = "post"
    FAX = "fax"
    PORTAL = "portal"
    IN_PERSON = "in-person"


class ClippingKind(StrEnum):
    """What a clipping is: the follow-up letter names it."""

    ARTICLE = "article"
    CARTOON = "cartoon"


class OpeningStatus(StrEnum):
    SAVED = "saved"  # on a wishlist: not applied for yet
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    WAITING = "waiting"
    OFFER = "offer"
    CLOSED = "closed"


class ContactRole(StrEnum):
    INTERVIEWER = "interviewer"
    GATEKEEPER = "gatekeeper"
    HR = "hr"


@dataclass(frozen=True)
class Profile:
    name: str
    email: str
    phone: str
    address: str = ""
    field: str = ""
    years: int | None = None
    specialty: str = ""
    over_40: bool = False


@dataclass(frozen=True)
class Employer:
    id: int
    name: str
    address: str = ""
    phone: str = ""
    fax: str = ""
    traditionalist: bool = False
    high_tech: bool = False


@dataclass(frozen=True)
class Contact:
    id: int
    employer_id: int
    name: str
    role: ContactRole = ContactRole.INTERVIEWER
    email: str = ""
    phone: str = ""
    title: str = ""  # a courtesy title of COURTESY_TITLES, or none
    salutation: str = ""  # how they like to be greeted after 'Dear': 'Priya'


# The courtesy titles a contact can take ('Dear Mr. Whitcomb:').
COURTESY_TITLES = ("Mr.", "Ms.", "Mx.", "Dr.")


@dataclass(frozen=True)
class Opening:
    id: int
    employer_id: int
    job_title: str
    department: str = ""
    resume_via: ResumeVia | None = None
    requested_electronic: bool = False
    status: OpeningStatus = OpeningStatus.INTERVIEWING


@dataclass(frozen=True)
class InterviewNotes:
    topics: tuple[str, ...] = ()
    emphases: tuple[str, ...] = ()
    impressed: tuple[str, ...] = ()
    forgot: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    shared_interests: tuple[str, ...] = ()


@dataclass(frozen=True)
class Interview:
    id: int
    opening_id: int
    start: datetime
    duration_minutes: int = 60
    round: int = 1
    interviewers: tuple[Contact, ...] = ()
    notes: InterviewNotes = field(default_factory=InterviewNotes)
    urgent: bool = False
    dialogue: bool = False
    expected_decision: date | None = None

    @property
    def end(self) -> datetime:
        """Return when the interview ended."""
        return self.start + timedelta(minutes=self.duration_minutes)


@dataclass(frozen=True)
class Reference:
    id: int
    name: str
    phone: str
    email: str = ""
    relationship: str = ""
    last_prepared: datetime | None = None


@dataclass(frozen=True)
class Touchpoint:
    id: int
    opening_id: int
    interview_id: int | None
    kind: TouchpointKind
    at: datetime
    channel: Channel | None = None
    outcome: str = ""
    note: str = ""
    step_id: int | None = None


@dataclass(frozen=True)
class Fact:
    id: int
    opening_id: int
    text: str
    used_at: datetime | None = None


@dataclass(frozen=True)
class Clipping:
    id: int
    opening_id: int
    title: str
    url: str = ""
    used_at: datetime | None = None
    kind: ClippingKind = ClippingKind.ARTICLE


@dataclass(frozen=True)
class Step:
    """One thing to do in a campaign; `key` names it across re-plans."""

    interview_id: int
    key: str
    kind: StepKind
    channel: Channel
    due: datetime
    status: StepStatus = StepStatus.PENDING
    number: int | None = None
    clipping: bool = False
    to: str | None = None
    contact_id: int | None = None
    reference_id: int | None = None
    attempts: int = 0
    voicemail: bool = False
    done_at: datetime | None = None
    id: int | None = None
    moved_to: datetime | None = None  # where the user moved it in their calendar

    @property
    def settled(self) -> bool:
        """Tell whether the step is done, cancelled, missed or skipped, and so never re-planned."""
        return self.status is not StepStatus.PENDING

    @property
    def doable(self) -> bool:
        """Tell whether the user may still do the step: pending, or missed and done late."""
        return self.status in (StepStatus.PENDING, StepStatus.MISSED)

    @property
    def effective(self) -> datetime:
        """Return when the step happened, or when it is due if still pending."""
        return self.done_at if self.done_at is not None else self.due


@dataclass(frozen=True)
class Campaign:
    """Everything the planner needs to know about one interview."""

    interview: Interview
    opening: Opening
    employer: Employer
    profile: Profile | None = None
    references: tuple[Reference, ...] = ()
    touchpoints: tuple[Touchpoint, ...] = ()
    steps: tuple[Step, ...] = ()
    superseded: bool = False
    offers_elsewhere: tuple[datetime, ...] = ()  # when other openings made an offer
