"""A different thank-you for each member of a panel: opening, point recalled and closing.

Ours: panel members compare notes, so each one's letter opens, recalls and closes in its own
words. The choice follows the person's place in the panel (never chance), so a draft made
twice reads the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from insidetrack.domain.model import InterviewNotes

# Each opening says when and what; none repeats a word of the point or closing it sits with.
_OPENINGS = (
    "Thank you for meeting with me on {day} about the {job} position{where}.",
    "Thank you for the time you gave me on {day} to discuss the {job} position{where}.",
    "I valued the chance to talk with you on {day} about the {job} position{where}.",
    "It was a pleasure to learn more about the {job} position{where} from you on {day}.",
)
# How each kind of note is recalled: the note is a noun phrase ("fleet sales"); a frame
# that says 'your' takes the note without its own 'the' or 'their' (see `bare`).
_FRAMES = {
    "topic": "I enjoyed our conversation about {}",
    "emphasis": "I appreciated your emphasis on {}",
    "impressed": "I was impressed with your {bare}",
    "problem": "I have kept thinking about {} since then",
    "shared interest": "I enjoyed finding common ground with you on {}",
}
# What follows the point recalled, so the paragraph ends on the candidate's keenness.
_KEENNESS = (
    ", and I left even more interested in the role.",
    ", and it made me all the more eager to join your team.",
    ", and I came away more enthusiastic about the job.",
    ", and it confirmed my interest in the job.",
)
# Without notes: a point that needs none, with its own keenness.
_UNNOTED = (
    "I enjoyed learning more about the work, and I left even more interested in the role.",
    "Your answers to my questions showed me what the job involves, and I am all the more "
    "eager to join your team.",
    "Hearing about the way your group works made me even more enthusiastic about this "
    "opportunity.",
    "I came away with a clear sense of what the first months would bring, and I am keen to "
    "begin.",
)
# What the candidate's offer lets them do for the employer ('With 6 years ... I can ___').
_CONTRIBUTIONS = (
    "contribute to {employer} from the first day.",
    "start helping {employer} right away.",
    "make a difference at {employer} quickly.",
    "bring real value to {employer}.",
)
_CLOSINGS = (
    "I look forward to hearing from you.",
    "I would welcome the chance to continue our conversation.",
    "Please let me know if I can answer any further questions.",
    "Thank you again for your time and your insights.",
)
# Leading words a note may carry that a 'your ___' frame already says ("your their history").
# After the decision, panel members still compare notes: each gets their own last paragraph.
_KEEP_IN_MIND = (
    "I remain keen to work with you. Please keep me in mind for future openings; I would "
    "welcome the chance to talk again.",
    "I would still like to join your team one day, so please keep me in mind when another "
    "position opens.",
    "I hope to work with you in the future. Please think of me for other openings that match "
    "my background.",
    "Please keep me in mind for later roles; I would be glad to hear from you whenever one "
    "comes up.",
)
_OFFER_NEXT = (
    "I look forward to settling the details with you and to contributing to {employer}.",
    "I am glad to have the chance to join {employer}, and I look forward to our next "
    "conversation.",
    "I look forward to discussing the next steps with you and to starting work at {employer}.",
    "I am eager to settle the remaining details and to begin work with your team.",
)


def after_decision(position: int, employer: str) -> tuple[str, str]:
    """Return this panel member's last paragraph for a gracious reply and for offer thanks."""
    keep = _KEEP_IN_MIND[position % len(_KEEP_IN_MIND)]
    offer = _OFFER_NEXT[position % len(_OFFER_NEXT)].format(employer=employer)
    return keep, offer


_LEADING = ("your ", "their ", "the ", "our ", "his ", "her ", "its ", "a ", "an ")


@dataclass(frozen=True)
class Wording:
    """What one panel member's thank-you says, and which note it recalls."""

    opening: str
    recalled: str
    contribution: str
    closing: str
    used: tuple[str, str] | None  # (kind of note, note), or None without notes


def points(notes: InterviewNotes) -> list[tuple[str, str]]:
    """List the notes a thank-you may recall, topics and emphases first."""
    kinds = (("topic", notes.topics), ("emphasis", notes.emphases),
             ("impressed", notes.impressed), ("problem", notes.problems),
             ("shared interest", notes.shared_interests))
    return [(kind, text) for kind, texts in kinds for text in texts]


def bare(note: str) -> str:
    """Drop a leading 'your/their/the/a' for a frame that says 'your ___' itself."""
    text = plain(note)
    while text.lower().startswith(_LEADING) and " " in text:
        text = text.split(" ", 1)[1].lstrip()
    return text


def plain(note: str) -> str:
    """Drop the spaces and the full stop around a note, so a sentence can carry it."""
    return note.strip().rstrip(".").strip()


def recalled(point: tuple[str, str] | None, position: int) -> str:
    """Say the point recalled and the keenness that follows it, in this member's words."""
    if point is None:
        return _UNNOTED[position % len(_UNNOTED)]
    kind, text = point
    said = _FRAMES[kind].format(plain(text), bare=bare(text))
    return said + _KEENNESS[position % len(_KEENNESS)]


def wording(notes: InterviewNotes, position: int, day: str, job: str, where: str,
            employer: str) -> Wording:
    """Choose the opening, point and closing of the member at a place in the panel."""
    found = points(notes)
    point = found[position % len(found)] if found else None
    return Wording(
        opening=_OPENINGS[position % len(_OPENINGS)].format(day=day, job=job, where=where),
        recalled=recalled(point, position),
        contribution=_CONTRIBUTIONS[position % len(_CONTRIBUTIONS)].format(employer=employer),
        # Past the fourth member the closings shift by one, so the fifth differs from the first.
        closing=_CLOSINGS[(position + position // len(_OPENINGS)) % len(_CLOSINGS)],
        used=point,
    )


def used_line(used: list[tuple[str, str]]) -> str:
    """Say which notes a draft used: "topic 'fleet sales', fact 'I won ...'"."""
    return ", ".join(f"{kind} '{text}'" for kind, text in used)
