"""Each member of a panel gets a different thank-you, and the draft says which note it used."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import combinations

import pytest

from helpers import TZ, campaign, local
from insidetrack.compose.context import DraftInputs
from insidetrack.domain.model import Channel, InterviewNotes, Profile, Step, StepKind
from insidetrack.services.drafts import compose_draft

DANA = Profile("Dana Whitfield", "dana@example.com", "+1 555 0100", field="Sales", years=6,
               specialty="autos", address="12 Elm Street")
PANEL = ("Sofia Diaz", "Raj Patel", "Priya Raman", "Ken Ito", "Ann Lee", "Bo Lind", "Eva Cruz")
SHARED = InterviewNotes(topics=("fleet sales",), emphases=("customer retention",))


def _thank_yous(notes: InterviewNotes, people: int, channel: Channel) -> list[tuple[str, str]]:
    """Draft the thank-you to each member of a panel that shares one set of notes."""
    c = campaign("2026-11-18 10:00", interviewers=PANEL[:people], profile=DANA)
    c = replace(c, interview=replace(c.interview, notes=notes))
    out = []
    for person in c.interview.interviewers:
        step = Step(1, f"thank-you:{person.id}", StepKind.THANK_YOU, channel,
                    local("2026-11-19 09:00"), id=person.id, contact_id=person.id, to=person.name)
        draft = compose_draft(DraftInputs(c, step, DANA, date(2026, 11, 25), TZ))
        out.append((person.name, draft.body, draft.used_line or ""))
    return [(_without_names(body), used) for _, body, used in out]


def _without_names(body: str) -> str:
    """Remove the greeting's names, so only what the letter says is compared."""
    text = " ".join(body.split())
    for name in PANEL:
        for part in name.split():
            text = text.replace(part, "NAME")
    return text


@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.LETTER])
@pytest.mark.parametrize("people", [3, 4, 7])
@pytest.mark.parametrize("notes", [SHARED, InterviewNotes()], ids=["two notes", "no notes"])
def test_every_panel_member_gets_a_different_letter(notes, people, channel):
    bodies = [body for body, _ in _thank_yous(notes, people, channel)]
    for a, b in combinations(bodies, 2):
        assert a != b
    # Each differs in its opening and its closing, not only in the note recalled.
    paragraphs = [body.split("Dear NAME NAME")[1] for body in bodies]
    firsts = {p.split(". ")[0] for p in paragraphs}
    assert len(firsts) == min(people, 4)  # four openings; a larger panel differs in its closing
    offers = {p.split("I can ")[1].split(".")[0] for p in paragraphs}
    assert len(offers) == min(people, 4)  # and in what the candidate offers them


def test_each_member_is_reminded_of_another_note_while_notes_last():
    drafts = _thank_yous(SHARED, 3, Channel.EMAIL)
    assert [used for _, used in drafts] == [
        "Used for Sofia Diaz: topic 'fleet sales'",
        "Used for Raj Patel: emphasis 'customer retention'",
        "Used for Priya Raman: topic 'fleet sales'",
    ]
    assert "conversation about fleet sales" in drafts[0][0]
    assert "emphasis on customer retention" in drafts[1][0]


def test_without_notes_nothing_is_said_to_be_used():
    assert [used for _, used in _thank_yous(InterviewNotes(), 3, Channel.EMAIL)] == ["", "", ""]


def test_a_note_that_starts_with_their_reads_once():
    notes = InterviewNotes(impressed=("their 100-year community history",))
    body = _thank_yous(notes, 1, Channel.EMAIL)[0][0]
    assert "impressed with your 100-year community history" in body
    assert "your their" not in body


@pytest.mark.parametrize("kind", [StepKind.KEEP_IN_MIND, StepKind.OFFER_THANKS])
@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.LETTER])
def test_after_the_decision_each_panel_member_gets_a_different_letter_too(kind, channel):
    c = campaign("2026-11-18 10:00", interviewers=PANEL[:4], profile=DANA)
    bodies = []
    for person in c.interview.interviewers:
        step = Step(1, f"{kind.value}:{person.id}", kind, channel, local("2026-11-24 09:00"),
                    id=person.id, contact_id=person.id, to=person.name)
        bodies.append(_without_names(compose_draft(
            DraftInputs(c, step, DANA, date(2026, 11, 25), TZ)).body))
    for a, b in combinations(bodies, 2):
        assert a != b
