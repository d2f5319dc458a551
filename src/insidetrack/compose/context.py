"""What a draft says, gathered from the interview, the profile and the banks.

Pure: no templates, no I/O. Only values that exist go into the context, so a
template that needs a missing one fails naming it (see render.HINTS).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from insidetrack.compose import variety
from insidetrack.domain.model import (
    Campaign,
    Channel,
    Clipping,
    ClippingKind,
    Contact,
    Fact,
    InterviewNotes,
    Profile,
    Reference,
    Step,
    StepKind,
    TouchpointKind,
)


@dataclass(frozen=True)
class DraftInputs:
    campaign: Campaign
    step: Step
    profile: Profile
    today: date
    tz: tzinfo
    fact: Fact | None = None
    clipping: Clipping | None = None
    gatekeeper: Contact | None = None
    reference: Reference | None = None
    line_width: int = 60


def template_name(step: Step, voicemail: bool) -> str:
    """Name the template that drafts a step."""
    if step.kind is StepKind.CALL:
        return "voicemail.txt" if voicemail else "call_sheet.txt"
    if step.kind in (StepKind.REFERENCE_BRIEF, StepKind.REFERENCE_THANKS):
        return f"{step.kind.value.replace('-', '_')}.txt"
    prefix = step.kind.value.replace("-", "_")
    suffix = "email" if step.channel is Channel.EMAIL else "letter"
    return f"{prefix}_{suffix}.txt"


def subject_line(profile: Profile, job_title: str, follow_up: bool, width: int = 78) -> str:
    """Sell in the subject: 'Thank you for reviewing my qualifications: Sales, 6 yrs, autos'.

    The selling part stays whole where it can; a long job title is cut at a word instead.
    """
    parts = [p for p in (profile.field, f"{profile.years} yrs" if profile.years else "",
                         profile.specialty) if p]
    if follow_up:
        return _still_keen(job_title, parts, width)
    head = "Thank you for reviewing my qualifications"
    room = width - len(head) - len(": ")
    offered = _selling(parts, room) or shorten(job_title, room)
    return f"{head}: {offered}" if offered else head


# Ours: after the decision the subject says what the message is, and for which job.
_DECISION_SUBJECTS = {
    StepKind.OFFER_THANKS: "Thank you for the offer",
    StepKind.KEEP_IN_MIND: "Please keep me in mind",
    StepKind.WITHDRAW: "Withdrawing my application",
}


def decision_subject(kind: StepKind, job_title: str, width: int = 78) -> str | None:
    """Say 'Thank you for the offer: Sales Manager'; None for a step before the decision."""
    head = _DECISION_SUBJECTS.get(kind)
    if head is None:
        return None
    title = shorten(job_title, width - len(head) - len(": "))
    return f"{head}: {title}" if title else head


def _still_keen(job_title: str, parts: list[str], width: int) -> str:
    """Say 'Still keen on the Sales Manager role: Sales, 6 yrs, autos', cutting the title first."""
    for kept in range(len(parts), -1, -1):  # the whole selling part, then less of it
        tail = f": {', '.join(parts[:kept])}" if kept else ""
        title = shorten(job_title, width - len(tail) - len("Still keen on the  role"))
        subject = " ".join(w for w in ("Still keen on the", title, "role") if w) + tail
        if len(subject) <= width:
            return subject
    return "Still keen on the role"


def _selling(parts: list[str], room: int) -> str:
    """Join as many of the selling parts as fit: 'Sales, 6 yrs, autos'."""
    while parts and len(", ".join(parts)) > room:
        parts = parts[:-1]
    return ", ".join(parts)


# Words that must not end a shortened title: 'Director of' says less than 'Director'.
_DANGLING = {"a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to", "with", "&", "-",
             "/", "+"}


def shorten(text: str, room: int) -> str:
    """Cut text to a width at a word, at the end of a clause where one fits ('Manager, North ...')."""
    if len(text) <= room:
        return text
    kept: list[str] = []
    for word in text.split():
        if len(" ".join([*kept, word])) > room:
            break
        kept.append(word)
    ends = [i + 1 for i, w in enumerate(kept) if w.endswith((",", ";", ":"))]
    ends += [i for i, w in enumerate(kept) if w.startswith("(") and i]
    if ends:
        kept = kept[:max(ends)]
    while kept and kept[-1].lower().rstrip(",;:") in _DANGLING:
        kept.pop()
    return " ".join(kept).rstrip(",;:")


def fit_subject(subject: str, width: int = 78) -> str:
    """Shorten a subject to a width: drop trailing ', ...' parts, then cut at a word."""
    while len(subject) > width and ", " in subject:
        subject = subject.rsplit(", ", 1)[0]
    return shorten(subject, width) or subject[:width]


def offer(profile: Profile) -> str | None:
    """Say what the candidate offers, from the profile's field, years and specialty."""
    if not profile.field:
        return None
    years = f"{profile.years} years of experience in " if profile.years else "experience in "
    special = f", specializing in {profile.specialty}," if profile.specialty else ""
    return f"With {years}{profile.field}{special} I can"


def _recipient(inputs: DraftInputs) -> Contact | None:
    people = inputs.campaign.interview.interviewers
    return next((p for p in people if p.id == inputs.step.contact_id), None)


def greeting(person: Contact | None, traditionalist: bool) -> str:
    """Say whom a letter greets after 'Dear': their preferred form, else 'Mr. Whitcomb' for a
    traditionalist employer when the title is known, else the full name.

    Playbook: "employers whom you suspect are traditionalists (they like phones, and they like
    paper)": a paper letter to them keeps the formal 'Dear Mr. Whitcomb:'.
    """
    if person is None:
        return "Hiring Manager"
    if person.salutation:
        return person.salutation
    if traditionalist and person.title:
        return f"{person.title} {person.name.split()[-1]}"
    return person.name


def untitled(person: Contact | None, traditionalist: bool) -> bool:
    """Tell whether a traditionalist's letter greets someone by full name for want of a title."""
    return traditionalist and person is not None and not (person.title or person.salutation)


def _position(inputs: DraftInputs, person: Contact | None) -> int:
    """Return the recipient's place in the panel (0 for anyone else)."""
    people = inputs.campaign.interview.interviewers
    return people.index(person) if person in people else 0


def _point_sentence(point: tuple[str, str] | None) -> str:
    """Name a note they raised; without notes, thank them for the conversation.

    Kept for templates users copied before the panel wording: '{{ point_sentence }}, and ...'.
    """
    if point is None:
        return "I enjoyed learning more about the role and the team"
    return variety.recalled(point, 0).split(", and ")[0]


def _day(moment: datetime, tz: tzinfo) -> str:
    local = moment.astimezone(tz)
    return f"{local:%A}, {local:%B} {local.day}"


def _put(ctx: dict[str, Any], **values: Any) -> None:
    """Add the values that exist; a missing one stays undefined for the template."""
    ctx.update({k: v for k, v in values.items() if v not in (None, "", [], ())})


def build_context(inputs: DraftInputs) -> dict[str, Any]:
    """Gather every value the templates may use."""
    c, p = inputs.campaign, inputs.profile
    notes = c.interview.notes
    person = _recipient(inputs)
    words = _wording(inputs, person)
    follow_up = inputs.step.kind is StepKind.FOLLOW_UP
    ctx: dict[str, Any] = {
        "name": p.name, "email": p.email, "phone": p.phone, "employer": c.employer.name,
        "job_title": c.opening.job_title, "number": inputs.step.number,
        "recipient": person.name if person else "Hiring Manager",
        "addressee": f"{person.title} {person.name}".strip() if person else "Hiring Manager",
        "greeting": greeting(person, c.employer.traditionalist),
        "interview_day": _day(c.interview.start, inputs.tz), "round": c.interview.round,
        "date": f"{inputs.today:%B} {inputs.today.day}, {inputs.today.year}",
        "subject": decision_subject(inputs.step.kind, c.opening.job_title)
        or subject_line(p, c.opening.job_title, follow_up),
        "interviewers": ", ".join(i.name for i in c.interview.interviewers),
        "interview": c.interview.id, "step": inputs.step.id, "contact": inputs.step.contact_id,
    }
    _put(ctx, address=p.address, department=c.opening.department,
         employer_address=c.employer.address, offer=offer(p), field=p.field,
         specialty=p.specialty, point_sentence=_point_sentence(words.used),
         opening=words.opening, recalled=words.recalled, closing=words.closing,
         contribution=words.contribution,
         used=_used(inputs, words), personal=words.used is not None or None,
         topics=notes.topics, emphases=notes.emphases,
         problems=notes.problems, impressed=notes.impressed, forgot=notes.forgot,
         shared_interests=notes.shared_interests,
         problem=_first_problem(notes),
         fact=_inline(inputs.fact.text.rstrip(".")) if inputs.fact else None,
         missing_notes=_missing_notes(notes),
         function=notes.forgot[1] if len(notes.forgot) > 1 else (p.specialty or p.field),
         clipping_title=inputs.clipping.title if inputs.clipping else None,
         clipping_noun=inputs.clipping.kind.value if inputs.clipping else None,
         clipping_phrase=_clipping_phrase(inputs.clipping),
         clipping_url=_fitting_url(inputs), wants_clipping=inputs.step.clipping or None,
         strengths=_strengths(p, notes.emphases),
         gatekeeper=inputs.gatekeeper.name if inputs.gatekeeper else None,
         dial=(person.phone if person and person.phone else None) or c.employer.phone or None)
    keep, thanks = variety.after_decision(_position(inputs, person), c.employer.name)
    _put(ctx, news=_news(c), keep_in_mind_close=keep, offer_close=thanks)
    if inputs.reference is not None:
        r = inputs.reference
        _put(ctx, reference=r.name, reference_phone=r.phone, relationship=r.relationship)
    return ctx


def _wording(inputs: DraftInputs, person: Contact | None) -> variety.Wording:
    """Choose this panel member's opening, point recalled and closing."""
    c = inputs.campaign
    where = f" in {c.opening.department}" if c.opening.department else ""
    return variety.wording(c.interview.notes, _position(inputs, person),
                           _day(c.interview.start, inputs.tz), c.opening.job_title,
                           f"{where} at {c.employer.name}", c.employer.name)


def _used(inputs: DraftInputs, words: variety.Wording) -> list[tuple[str, str]]:
    """List the notes, fact and clipping a draft of this step may say."""
    thanks = inputs.step.kind is StepKind.THANK_YOU
    used = [words.used] if thanks and words.used else []
    if inputs.fact is not None:
        used.append(("fact", inputs.fact.text))
    if inputs.clipping is not None and inputs.step.clipping:
        used.append(("clipping", inputs.clipping.title))
    return used


_NEWS = {"offer": "they offered you the job", "rejected": "they chose another candidate",
         "hired": "you got the job", "withdrawn": "you withdrew"}


def _news(c: Campaign) -> str | None:
    """Say the employer's latest decision in the user's words, for the reference call."""
    decided = [t.outcome for t in c.touchpoints if t.kind is TouchpointKind.DECISION]
    return _NEWS.get(decided[-1]) if decided else None


def _first_problem(notes: InterviewNotes) -> str | None:
    """Name the first problem (else topic) they raised, as a bare noun phrase."""
    first = (notes.problems or notes.topics or ("",))[0]
    return variety.plain(first) or None


def _inline(text: str) -> str:
    """Lower the first letter so a sentence can run on, unless it is 'I' or an acronym."""
    first = text.split(" ", 1)[0]
    acronym = len(first) > 1 and first.isupper()  # 'IBM', but 'A client' runs on
    if first == "I" or acronym or first[:1].islower():
        return text
    return text[0].lower() + text[1:]


def _missing_notes(notes: InterviewNotes) -> str | None:
    """Name, in words, the notes that would fill the call sheet's remaining openers."""
    wanted = [("what impressed you", notes.impressed), ("what you forgot to mention", notes.forgot),
              ("what they emphasised", notes.emphases),
              ("an interest you share", notes.shared_interests)]
    return ", ".join(words for words, have in wanted if not have) or None


def _strengths(p: Profile, emphases: tuple[str, ...]) -> str | None:
    """Say what a reference should stress: experience, specialty, what they valued."""
    parts = []
    if p.field:
        parts.append(f"{p.years} years in {p.field}" if p.years else p.field)
    if p.specialty:
        parts.append(p.specialty)
    parts.extend(emphases[:2])
    return "; ".join(parts) or None


def _clipping_phrase(clip: Clipping | None) -> str | None:
    """Name the clipping with its article: "an article", "a cartoon"."""
    if clip is None:
        return None
    return "a cartoon" if clip.kind is ClippingKind.CARTOON else "an article"


def _fitting_url(inputs: DraftInputs) -> str | None:
    """Give the clipping's address only where it fits on an e-mail line."""
    clip = inputs.clipping
    if clip is None or not clip.url:
        return None
    if inputs.step.channel is Channel.EMAIL and len(clip.url) > inputs.line_width:
        return None
    return clip.url
