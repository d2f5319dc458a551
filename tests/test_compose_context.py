"""Subjects that sell: the selling part stays whole, a long job title is cut at a word."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insidetrack.compose.context import shorten, subject_line
from insidetrack.domain.model import Profile

DANA = Profile("Dana Whitfield", "dana@example.com", "+1 555 0100", field="Sales", years=6,
               specialty="autos")


@pytest.mark.parametrize("title, follow_up, subject", [
    ("Sales Manager", True, "Still keen on the Sales Manager role: Sales, 6 yrs, autos"),
    ("Fleet Sales Manager, North American Automotive Dealer Network", True,
     "Still keen on the Fleet Sales Manager role: Sales, 6 yrs, autos"),
    ("Director of Fleet and Commercial Vehicle Sales for the Automotive Dealer Network", True,
     "Still keen on the Director of Fleet and Commercial role: Sales, 6 yrs, autos"),
    ("Account Executive (Automotive Dealer Network, Great Lakes Territories)", True,
     "Still keen on the Account Executive role: Sales, 6 yrs, autos"),
    ("Fleet Sales Manager, North American Automotive Dealer Network", False,
     "Thank you for reviewing my qualifications: Sales, 6 yrs, autos"),
])
def test_the_selling_part_stays_whole(title, follow_up, subject):
    assert subject_line(DANA, title, follow_up) == subject


def test_without_a_selling_part_the_thank_you_names_the_job_cut_at_a_word():
    bare = Profile("Dana Whitfield", "dana@example.com", "+1 555 0100")
    assert subject_line(bare, "Senior Regional Fleet Sales Manager, North American Automotive "
                              "Dealer Network", False) == (
        "Thank you for reviewing my qualifications: Senior Regional Fleet Sales")


@settings(deadline=None)
@given(st.lists(st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1,
                        max_size=14), min_size=1, max_size=12), st.integers(0, 80))
def test_shorten_keeps_whole_words_within_the_room(words, room):
    text = " ".join(words)
    cut = shorten(text, room)
    assert cut == text if len(text) <= room else len(cut) <= room
    kept = cut.split()
    assert all(k == w.rstrip(",;:") or k == w for k, w in zip(kept, words, strict=False))
