"""The guard over a polished draft: whatever the model writes, it claims nothing new."""

from __future__ import annotations

import unicodedata

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from insidetrack.domain.polish import (
    NAME_TITLES,
    PLAIN_STARTS,
    Evidence,
    Purpose,
    Unparsed,
    fold,
    judge,
    words,
)

TEMPLATE = """Dear Priya Raman,

Thank you for meeting with me on Wednesday, November 18
about the Account Executive position at Brightwave Software.
I enjoyed our conversation about selling software to
dealerships, and I left even more interested in the role.

With 6 years of experience in Sales, specializing in autos,
I can contribute to Brightwave Software from the first day.

Best regards,

Dana Whitfield
dana@example.com
+1 555 0100
"""
NOTES = ("Dana Whitfield", "Priya Raman", "José Núñez", "Brightwave Software", "Account Executive",
         "selling software to dealerships", "I closed a 40-unit fleet deal last week",
         "https://news.example.com/deals")
EVIDENCE = Evidence.of((TEMPLATE, *NOTES))
PURPOSE = Purpose((("the addressee", ("Priya Raman", "Raman")),
                   ("the job title", ("Account Executive",)),
                   ("the thank-you sentence", ("thank",))))

# The issue's own case: SmolLM2-135M wrote this for Dana's thank-you to Priya Raman.
INVENTED = """Dear Priya Raman,

Thank you for our talk about the Account Executive role. You have been selected as a
finalist for the upcoming Business and Technology Awards, the 10th anniversary of the 2023
Business and Technology Awards.

Best regards,

Dana Whitfield
"""


def test_the_invented_award_is_rejected_with_its_reasons():
    verdict = judge(INVENTED, EVIDENCE, PURPOSE)
    assert not verdict.accepted
    assert "the name 'Business and Technology Awards' is not in your notes" in verdict.reasons
    assert "the number '2023' is not in your notes" in verdict.reasons
    assert "the number '10' is not in your notes" in verdict.reasons


def test_the_template_itself_passes():
    assert judge(TEMPLATE, EVIDENCE, PURPOSE).accepted


def test_a_warmer_rewrite_of_the_same_facts_passes():
    warmer = ("Dear Ms. Raman,\n\nThank you so much for the time you gave me on Wednesday. "
              "Our talk about selling software to dealerships stayed with me, and I am even "
              "more eager to join Brightwave Software as an Account Executive. Priya Raman's "
              "questions showed me how my 6 years in Sales fit.\n\nBest regards,\n\n"
              "Dana Whitfield\ndana@example.com\n+1 555 0100\n")
    assert judge(warmer, EVIDENCE, PURPOSE).reasons == ()


def test_dropping_the_purpose_is_said():
    verdict = judge("Dear Dana Whitfield,\n\nI enjoyed selling software to dealerships.\n",
                    EVIDENCE, PURPOSE)
    assert "it drops the addressee ('Priya Raman')" in verdict.reasons
    assert "it drops the job title ('Account Executive')" in verdict.reasons
    assert "it drops the thank-you sentence ('thank')" in verdict.reasons


def test_contact_details_money_and_links_must_come_from_the_notes():
    text = (TEMPLATE + "Call me on +1 555 0199 or write to dana@other.example. I ask for $90,000;"
            " see https://evil.example.com/x and https://news.example.com/deals.\n")
    reasons = judge(text, EVIDENCE, PURPOSE).reasons
    assert "the phone number '+1 555 0199' is not in your notes" in reasons
    assert "the e-mail address 'dana@other.example' is not in your notes" in reasons
    assert "the money amount '$90,000' is not in your notes" in reasons
    assert "the URL 'https://evil.example.com/x' is not in your notes" in reasons
    assert not any("news.example.com" in r for r in reasons)


def test_spelled_numbers_and_linter_errors_are_reasons():
    reasons = judge(TEMPLATE + "I sold twelve fleets.\n", EVIDENCE, PURPOSE,
                    ["line 3 is longer than 60 characters"]).reasons
    assert "the number 'twelve' is not in your notes" in reasons
    assert "the linter says: line 3 is longer than 60 characters" in reasons


def test_an_attachment_the_draft_lacks_is_a_reason():
    reasons = judge(TEMPLATE + "Please find my resume attached.\n", EVIDENCE, PURPOSE).reasons
    assert "it says 'attach...', something sent with it that your draft does not have" in reasons


def test_a_doubled_word_is_a_reason():
    reasons = judge(TEMPLATE.replace("about the Account", "about the the Account"), EVIDENCE,
                    PURPOSE).reasons
    assert reasons == ("it repeats a word: 'the the'",)


def test_each_sentence_the_grammar_check_cannot_parse_is_a_reason():
    """The findings come in from the parser (integrations.grammar); the guard says them."""
    findings = [Unparsed("I has sold cars.", ("has",)), Unparsed("Cars, cars.")]
    assert judge(TEMPLATE, EVIDENCE, PURPOSE, unparsed=findings).reasons == (
        "the sentence 'I has sold cars.' does not parse as English: 'has' fits nowhere in it",
        "the sentence 'Cars, cars.' does not parse as English")
    assert judge(TEMPLATE, EVIDENCE, PURPOSE, unparsed=[]).accepted


def test_an_empty_answer_is_rejected():
    assert judge("   \n", EVIDENCE, PURPOSE).reasons == ("the model's text is empty",)


# Names a model might invent: capitalised, not in the notes, not a word a sentence may
# start with ("Then", "However": a capital there names nothing), and not a title ("Miss").
invented_names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéü", min_size=4, max_size=12).map(
    str.capitalize).filter(lambda w: words(w) and words(w)[0] not in set(EVIDENCE.stems)
                           and fold(w) not in PLAIN_STARTS | NAME_TITLES)


@settings(deadline=None, max_examples=200)
@given(name=invented_names, where=st.sampled_from(["start", "middle", "end"]),
       second=st.none() | invented_names)
def test_any_invented_name_is_rejected_and_named(name, where, second):
    phrase = f"{name} {second}" if second else name
    sentence = {"start": f"{phrase} praised my work.",
                "middle": f"I worked with {phrase} on fleets.",
                "end": f"I was trained by {phrase}."}[where]
    verdict = judge(TEMPLATE + sentence + "\n", EVIDENCE, PURPOSE)
    assert not verdict.accepted
    assert any(f"'{phrase}'" in r and r.endswith("is not in your notes") for r in verdict.reasons)


@settings(deadline=None, max_examples=200)
@given(number=st.integers(0, 10**7), style=st.sampled_from(["{}", "{:,}", "${:,}", "{}%"]))
def test_any_number_absent_from_the_notes_is_rejected(number, style):
    assume(str(number) not in EVIDENCE.numbers)
    verdict = judge(TEMPLATE + f"It grew by {style.format(number)} last year.\n", EVIDENCE,
                    PURPOSE)
    assert not verdict.accepted
    assert any(str(number) in r.replace(",", "") for r in verdict.reasons)


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


spellings = st.sampled_from([str.upper, str.lower, str.title, _strip_accents, lambda s: s])
evidence_names = st.sampled_from(["Priya Raman", "José Núñez", "Brightwave Software",
                                  "Dana Whitfield", "Account Executive"])


@settings(deadline=None, max_examples=200)
@given(names=st.lists(st.tuples(evidence_names, spellings), min_size=1, max_size=4),
       possessive=st.booleans())
def test_names_from_the_notes_pass_however_they_are_written(names, possessive):
    said = " ".join(f"I spoke with {spell(n)}{chr(39) + 's' if possessive else ''} team."
                    for n, spell in names)
    assert judge(TEMPLATE + said + "\n", EVIDENCE, PURPOSE).accepted


@settings(deadline=None, max_examples=100)
@given(lines=st.lists(st.sampled_from([line for line in TEMPLATE.splitlines() if line]),
                      min_size=1, max_size=12))
def test_any_text_made_of_the_evidence_claims_nothing_new(lines):
    text = "\n".join(lines)
    verdict = judge(text, EVIDENCE, Purpose())
    assert verdict.accepted, verdict.reasons


def test_folding_ignores_case_and_accents():
    assert fold("JOSÉ Núñez") == fold("jose nunez")
