"""Whatever the profile and the notes, an e-mail draft passes the linter or is refused clearly."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers import TZ, campaign, local
from insidetrack.compose.context import DraftInputs
from insidetrack.compose.lint import has_errors, text_speak
from insidetrack.domain.errors import ConflictError
from insidetrack.domain.model import Clipping, Fact, InterviewNotes, Profile, StepKind
from insidetrack.domain.planner import PlanSettings, plan_follow_ups
from insidetrack.services.drafts import compose_draft

LETTERS = st.characters(categories=("L",), exclude_characters="ǅǈǋǲ")  # titlecase digraphs aside
WORD = st.text(LETTERS | st.sampled_from("0123456789"), min_size=1, max_size=14)
PLACEHOLDERS = {"TODO", "XXX"}


def _phrase(min_words: int = 1, max_words: int = 6) -> st.SearchStrategy[str]:
    return st.lists(WORD, min_size=min_words, max_size=max_words).map(" ".join)


def _clean(text: str) -> bool:
    """Leave out words that are faults the linter must flag whoever typed them."""
    from anyascii import anyascii

    plain = anyascii(text)
    return not (set(plain.split()) & PLACEHOLDERS or text_speak(plain))


profiles = st.builds(
    Profile,
    name=_phrase(1, 4),
    email=st.from_regex(r"[a-z][a-z0-9.]{0,15}@[a-z]{2,12}\.(com|org|de)", fullmatch=True),
    phone=st.from_regex(r"\+[1-9][0-9]{0,2} [0-9]{3} [0-9]{4}", fullmatch=True),
    field=st.one_of(st.just(""), _phrase(1, 3)),
    years=st.none() | st.integers(0, 50),
    specialty=st.one_of(st.just(""), _phrase(1, 3)),
    over_40=st.booleans(),
)
notes = st.builds(
    InterviewNotes,
    topics=st.lists(_phrase(), max_size=3).map(tuple),
    emphases=st.lists(_phrase(), max_size=2).map(tuple),
    problems=st.lists(_phrase(), max_size=2).map(tuple),
)


@settings(deadline=None, max_examples=120, suppress_health_check=[HealthCheck.too_slow])
@given(profiles, notes, st.lists(_phrase(1, 3), min_size=1, max_size=3), _phrase(2, 12),
       _phrase(1, 4), st.integers(2, 6))
def test_email_drafts_pass_the_linter_or_are_refused(profile, note, people, fact, job, number):
    assume(all(_clean(t) for t in (profile.name, profile.field, profile.specialty, fact, job,
                                   *people, *note.topics, *note.emphases, *note.problems)))
    c = campaign("2026-11-18 10:00", interviewers=tuple(people), profile=profile)
    c = replace(c, interview=replace(c.interview, notes=note),
                opening=replace(c.opening, job_title=job))
    steps = plan_follow_ups(c, PlanSettings(), local("2026-11-18 12:00"), TZ)
    wanted = [s for s in steps if s.kind is StepKind.THANK_YOU
              or (s.kind is StepKind.FOLLOW_UP and s.number == number)]
    # What follows a decision is written the same way (e-mails and letters alike).
    wanted += [replace(steps[0], key=kind.value, kind=kind, number=None)
               for kind in (StepKind.OFFER_THANKS, StepKind.KEEP_IN_MIND, StepKind.WITHDRAW)]
    for n, step in enumerate(wanted):
        inputs = DraftInputs(c, replace(step, id=n + 1), profile, date(2026, 11, 25), TZ,
                             fact=Fact(1, 1, fact), clipping=Clipping(1, 1, fact, ""))
        try:
            draft = compose_draft(inputs)
        except ConflictError as exc:
            assert exc.message.startswith(("the e-mail for step", "the letter for step"))
            continue
        assert not has_errors(list(draft.findings)), (draft.as_text(), draft.findings)
        assert draft.body.isascii() and (draft.subject or "").isascii()  # To: keeps the name


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(profiles, _phrase(1, 3), st.sampled_from(("", "Mr.", "Ms.", "Mx.", "Dr.")),
       st.one_of(st.just(""), _phrase(1, 3)), st.booleans())
def test_titled_and_greeted_drafts_pass_the_linter(profile, person, title, greeting, formal):
    """Whatever the title and preferred greeting, each draft opens 'Dear ...' and lints clean."""
    from insidetrack.domain.model import Employer

    assume(all(_clean(t) for t in (profile.name, profile.field, profile.specialty, person,
                                   greeting)))
    profile = replace(profile, field=profile.field or "Sales", address="12 Elm Street")
    c = campaign("2026-11-18 10:00", interviewers=(person,), profile=profile,
                 employer=Employer(1, "Whitcomb Savings Bank", "1 Main Street", traditionalist=formal))
    who = replace(c.interview.interviewers[0], title=title, salutation=greeting)
    c = replace(c, interview=replace(c.interview, interviewers=(who,)))
    steps = plan_follow_ups(c, PlanSettings(), local("2026-11-18 12:00"), TZ)
    for step in (s for s in steps if s.kind is StepKind.THANK_YOU):
        draft = compose_draft(DraftInputs(c, replace(step, id=1), profile, date(2026, 11, 25), TZ))
        assert not has_errors(list(draft.findings)), (draft.as_text(), draft.findings)
        opening = next(line for line in draft.body.splitlines() if line.startswith("Dear "))
        if greeting:
            assert opening.startswith("Dear ") and len(opening) > len("Dear ,")
        elif formal and title:
            assert opening == f"Dear {title} {person.split()[-1]}:"
        tipped = any("courtesy title" in t.text for t in draft.tips)
        assert tipped == (formal and not title and not greeting)
