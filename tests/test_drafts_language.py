"""Drafts of every kind read as English: link-grammar links every word, proselint and our
repeat check find nothing, whatever ordinary notes the user typed, and on the demo.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import TZ, campaign, local
from insidetrack.compose.context import DraftInputs
from insidetrack.domain.errors import MissingInformation
from insidetrack.domain.model import (
    Channel,
    Clipping,
    Employer,
    Fact,
    InterviewNotes,
    Opening,
    Profile,
    Reference,
    Step,
    StepKind,
    Touchpoint,
    TouchpointKind,
)
from insidetrack.integrations.grammar import SYSTEM_PYTHON
from insidetrack.services.drafts import Draft, compose_draft
from language import LinkGrammar, Tally, problems

# Ordinary English that a user might type, each list sharing no word with the others or
# with the templates, so a repeat found is one our sentences made. Left out: acronyms ("the
# CPA exam"), which the parser's dictionary does not know (grammar.DICTIONARY_GAPS).
NOTES = ("fleet sales", "the new loan pipeline", "community history", "a tight launch schedule",
         "customer retention", "their onboarding program", "wholesale accounts",
         "supplier turnover", "slow winter months", "electric vehicles", "your quarterly targets",
         "staff training", "online ratings", "the warehouse move", "cash flow",
         "local partnerships", "product quality", "an upcoming merger")
FACTS = ("I closed a big deal last week", "I passed my licensing exam",
         "my last quarter ended with record revenue", "I finished a course in negotiation",
         "A client renewed a large contract with me", "I won an award from my branch")
FIELDS = ("Sales", "Marketing", "Finance", "Logistics", "Customer Service")
SPECIALTIES = ("autos", "small business lending", "cold chain shipping", "store design")
JOBS = ("Sales Manager", "Account Executive", "Loan Officer", "Operations Analyst")
PEOPLE = ("Priya Raman", "Raj Patel", "Sofia Diaz", "Ken Ito", "Harold Whitcomb")
TITLES = ("Why dealers wait", "Banks and their branches", "A cartoon about spreadsheets")


def _kind(draft: Draft) -> str:
    return str(draft.kind.value)


@pytest.fixture(scope="module")
def parser() -> Iterator[LinkGrammar]:
    """Debian's link-grammar parser; `make system-deps` installs python3-link-grammar."""
    found = subprocess.run([SYSTEM_PYTHON, "-c", "import linkgrammar"], capture_output=True)
    assert found.returncode == 0, "install python3-link-grammar (make system-deps)"
    lg = LinkGrammar()
    yield lg
    lg.close()


@pytest.fixture(scope="module")
def tally() -> Iterator[Tally]:
    """Count what was checked and say so at the end, with the time it took."""
    counted, start = Tally(), time.monotonic()
    yield counted
    print(f"\nlanguage check: {counted.sentences} sentences in {counted.drafts} drafts of "
          f"{len(counted.kinds)} kinds, {time.monotonic() - start:.1f} s")


notes = st.builds(
    InterviewNotes,
    topics=st.lists(st.sampled_from(NOTES), max_size=3, unique=True).map(tuple),
    emphases=st.lists(st.sampled_from(NOTES), max_size=2, unique=True).map(tuple),
    impressed=st.lists(st.sampled_from(NOTES), max_size=1).map(tuple),
    forgot=st.lists(st.sampled_from(NOTES), max_size=2, unique=True).map(tuple),
    problems=st.lists(st.sampled_from(NOTES), max_size=2, unique=True).map(tuple),
    shared_interests=st.lists(st.sampled_from(NOTES), max_size=1).map(tuple),
)
profiles = st.builds(
    Profile, name=st.just("Dana Whitfield"), email=st.just("dana@example.com"),
    phone=st.just("+1 555 0100"), address=st.just("12 Elm Street, Springfield"),
    field=st.sampled_from(FIELDS), years=st.none() | st.integers(1, 30),
    specialty=st.sampled_from(("", *SPECIALTIES)),
)


def _steps(c: object, people: int) -> list[Step]:
    """One step of every kind and channel, and a thank-you for each member of the panel."""
    due = local("2026-11-19 09:00")
    base = Step(1, "k", StepKind.THANK_YOU, Channel.EMAIL, due, id=1, contact_id=1)
    out = [replace(base, contact_id=n + 1, channel=channel)
           for n in range(people) for channel in (Channel.EMAIL, Channel.LETTER)]
    for channel in (Channel.EMAIL, Channel.LETTER):
        out += [replace(base, kind=StepKind.FOLLOW_UP, channel=channel, number=2),
                replace(base, kind=StepKind.FOLLOW_UP, channel=channel, number=4, clipping=True)]
        out += [replace(base, kind=k, channel=channel) for k in
                (StepKind.OFFER_THANKS, StepKind.KEEP_IN_MIND, StepKind.WITHDRAW)]
    out += [replace(base, kind=StepKind.CALL, channel=Channel.PHONE, number=1),
            replace(base, kind=StepKind.REFERENCE_BRIEF, channel=Channel.PHONE, reference_id=1),
            replace(base, kind=StepKind.REFERENCE_THANKS, channel=Channel.PHONE, reference_id=1)]
    return out


def _drafts(c: object, profile: Profile, fact: str, title: str, people: int) -> Iterator[Draft]:
    for step in _steps(c, people):
        inputs = DraftInputs(c, step, profile, date(2026, 11, 25), TZ,  # type: ignore[arg-type]
                             fact=Fact(1, 1, fact), clipping=Clipping(1, 1, title),
                             reference=Reference(1, "Alan Reyes", "+1 555 0199",
                                                 relationship="former manager"))
        voicemails = (False, True) if step.kind is StepKind.CALL else (False,)
        for voicemail in voicemails:
            try:
                yield compose_draft(inputs, voicemail)
            except MissingInformation:  # a call sheet without a problem or topic to name
                continue


@settings(deadline=None, max_examples=12, suppress_health_check=[HealthCheck.too_slow])
@given(profiles, notes, st.integers(1, 4), st.sampled_from(FACTS), st.sampled_from(JOBS),
       st.sampled_from(("", "Fleet Sales", "Retail Banking")), st.sampled_from(TITLES),
       st.booleans())
def test_every_kind_of_draft_reads_as_english(parser, tally, profile, note, people, fact, job,
                                              department, title, formal):
    c = campaign("2026-11-18 10:00", interviewers=PEOPLE[:people], profile=profile,
                 employer=Employer(1, "Northwind Motors", "400 Commerce Dr", "+1 555 0150",
                                   traditionalist=formal),
                 opening=Opening(1, 1, job, department))
    decided = Touchpoint(1, 1, 1, TouchpointKind.DECISION, local("2026-11-24 10:00"),
                         outcome="offer")
    c = replace(c, interview=replace(c.interview, notes=note), touchpoints=(decided,))
    for draft in _drafts(c, profile, fact, title, people):
        found = problems(parser, draft.body, _kind(draft), tally)
        assert not found, (draft.body, found)


def test_the_checks_catch_what_users_found(parser):
    """The tools find the sentences the issue reported, so a clean result means something."""
    them = "Dear Ann,\n\nI was impressed with your their 100-year community history.\n\nSincerely,\n"
    role = ("Dear Ann,\n\nI enjoyed learning more about the role and the team, and I left even "
            "more interested in the role.\n\nSincerely,\n")
    article = ("Dear Ann,\n\nI also came across a article about the fleet.\n\nIt made me think "
               "of the the loan pipeline.\n\nSincerely,\n")
    assert any("unlinked ['[your]']" in f for f in problems(parser, them, "letter"))
    assert problems(parser, role, "letter") == [
        "repeated 'role' in: I enjoyed learning more about the role and the team, and I left "
        "even more interested in the role."]
    caught = problems(parser, article, "letter")
    assert any("unlinked ['[a]', '[article]']" in f for f in caught)
    assert any(f.startswith("lexical_illusions") for f in caught)


def _kind_of(step: dict, voicemail: bool) -> str:
    if step["kind"] == "call":
        return "voicemail" if voicemail else "call-sheet"
    if step["kind"].startswith("reference-"):
        return str(step["kind"])
    return str(step["channel"])


def test_every_demo_draft_reads_as_english(run, parser, tally):
    run.ok("demo")
    interviews = [i["id"] for i in run.json("interview", "list")]
    checked = 0
    for interview in interviews:
        for step in run.json("plan", str(interview))["steps"]:
            for voicemail in ((False, True) if step["kind"] == "call" else (False,)):
                result = run("draft", str(step["id"]), *(["--voicemail"] if voicemail else []))
                if result.exit_code != 0:  # done or cancelled steps may say why not
                    assert re.search(r"cancelled|needs", result.stderr), result.output
                    continue
                found = problems(parser, result.stdout, _kind_of(step, voicemail), tally)
                assert not found, (result.stdout, found)
                checked += 1
    assert checked > 30
