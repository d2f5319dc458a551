"""Each kind of interview note fills one sentence; a note that would read badly there is found."""

from __future__ import annotations

import pytest

from insidetrack.domain.note_frames import BLANK, FRAMES, fit_note, reads_as_sentence
from insidetrack.services.forms import NOTE_FIELDS


def test_every_kind_of_note_has_a_frame_with_one_blank_and_an_example_that_fits():
    assert set(FRAMES) == set(NOTE_FIELDS)
    for kind, frame in FRAMES.items():
        assert frame.text.count(BLANK) == 1, kind
        fitted = fit_note(kind, frame.example)
        assert fitted.findings == () and fitted.text == frame.example, kind


def test_a_possessive_that_doubles_your_is_dropped_and_the_sentence_is_previewed():
    fitted = fit_note("impressed", "their 100-year community history")
    assert fitted.text == "100-year community history"
    assert fitted.preview == "I was impressed with your 100-year community history"
    assert fitted.dropped == "their"
    assert [f.message for f in fitted.findings] == [
        "Dropped 'their': the sentence reads "
        "'I was impressed with your 100-year community history'."]
    assert not fitted.full_sentence


@pytest.mark.parametrize("first", ["your", "Their", "the", "his", "her", "our", "a"])
def test_any_leading_determiner_doubles_up_after_your(first):
    assert fit_note("impressed", f"{first} new showroom").text == "new showroom"


def test_a_determiner_stays_where_the_frame_has_none_before_the_blank():
    for kind in ("topic", "forgot", "problem", "emphasis", "shared_interest"):
        assert fit_note(kind, "the Q3 forecast").text == "the Q3 forecast", kind


def test_a_word_that_repeats_the_frames_last_word_is_dropped():
    fitted = fit_note("topic", "about the fleet renewal")
    assert fitted.preview == "I enjoyed our conversation about the fleet renewal"


def test_a_lone_word_is_never_dropped_to_nothing():
    assert fit_note("impressed", "their").text == "their"


def test_a_full_sentence_is_found_and_the_finding_names_the_frame_and_a_phrase():
    fitted = fit_note("forgot", "burn rate forecast is done in spreadsheets")
    assert fitted.full_sentence
    assert fitted.findings[0].message == (
        '"burn rate forecast is done in spreadsheets" reads as a full sentence; the draft says '
        '"I forgot to go into the key details of ___": give a phrase like "the Q3 forecast"')


@pytest.mark.parametrize("note", [
    "burn rate forecast is done in spreadsheets", "the team was short-staffed",
    "they don't have a CRM", "We need more staff", "I forgot my portfolio",
    "the Q3 forecast.", "Why is churn so high?", "great culture!",
    "sales reps can't reach the dealers",
])
def test_sentences(note):
    assert reads_as_sentence(note)


@pytest.mark.parametrize("note", [
    "the Q3 forecast", "100-year community history", "how the team is growing",
    "the branch that is opening in May", "the May launch", "Acme Inc.", "IT budget",
    "what we will do next year", "Will Hart's mentoring program", "to-do lists",
])
def test_phrases(note):
    assert not reads_as_sentence(note)


def test_spaces_are_tidied_and_the_typed_text_is_kept():
    fitted = fit_note("topic", "  fleet   sales ")
    assert (fitted.text, fitted.typed) == ("fleet sales", "  fleet   sales ")


def test_every_doubled_word_goes_not_just_the_first():
    fitted = fit_note("impressed", "your your team")
    assert fitted.text == "team" and fitted.preview == "I was impressed with your team"


@pytest.mark.parametrize("note", [".", "!!", " - "])
def test_a_note_with_no_words_is_found(note):
    assert [f.rule for f in fit_note("impressed", note).findings] == ["no-words"]
