"""Notes typed on the command line fit the sentences of the drafts; clippings can be cartoons."""

from __future__ import annotations

import pytest

from test_cli import PROFILE

INTERVIEW = ("interview", "add", "--employer", "Harbor Savings", "--job-title", "Loan Officer",
             "--at", "2026-11-18 10:00", "--interviewer", "Harold Whitcomb <hw@harbor.example>",
             "--topic", "small-business lending", "--problem", "the stalled loan pipeline")


@pytest.fixture
def logged(run):
    run.ok(*PROFILE)
    run.ok("employer", "add", "Harbor Savings", "--phone", "+1 555 0170")
    run.logged_on_time(*INTERVIEW)
    return run


def _call_sheet(run) -> str:
    call = next(s for s in run.json("plan", "1")["steps"] if s["kind"] == "call")
    return run.ok("draft", str(call["id"]))


def test_each_note_option_shows_the_sentence_it_fills(run):
    for command in (("interview", "note"), ("interview", "add")):
        shown = " ".join(run.ok(*command, "--help").split())
        assert '--impressed TEXT What impressed you. Fills "I was impressed with your ___"' in shown
        assert 'Fills "I forgot to go into the key details of ___", e.g. "the Q3 forecast"' in shown
        assert "--as-typed Save the notes exactly as typed" in shown


def test_a_doubled_their_is_dropped_and_the_user_is_told(logged):
    result = logged("interview", "note", "1", "--impressed", "their 100-year community history")
    assert result.exit_code == 0
    assert result.stderr == ("Dropped 'their': the sentence reads "
                             "'I was impressed with your 100-year community history'.\n")
    assert result.stdout == "Notes added to interview 1.\n"
    assert logged.json("interview", "show", "1")["notes"]["impressed"] == [
        "100-year community history"]
    assert "- I was impressed with your 100-year community history.\n" in _call_sheet(logged)


def test_a_full_sentence_is_refused_by_its_option_and_nothing_is_saved(logged):
    before = logged.json("interview", "show", "1")["notes"]
    result = logged("interview", "note", "1", "--topic", "branch openings",
                    "--forgot", "burn rate forecast is done in spreadsheets")
    assert result.exit_code == 2
    assert result.stderr == (
        'insidetrack: error: --forgot: "burn rate forecast is done in spreadsheets" reads as a '
        'full sentence; the draft says "I forgot to go into the key details of ___": give a '
        'phrase like "the Q3 forecast"\n')
    assert logged.json("interview", "show", "1")["notes"] == before


def test_as_typed_saves_a_note_exactly_as_typed(logged):
    result = logged("interview", "note", "1", "--as-typed", "--impressed", "their branch is busy")
    assert (result.exit_code, result.stderr) == (0, "")
    assert logged.json("interview", "show", "1")["notes"]["impressed"] == ["their branch is busy"]


def test_logging_an_interview_fits_its_notes_and_keeps_json_clean(run):
    run.ok(*PROFILE)
    refused = run(*INTERVIEW, "--emphasis", "We need people who stay.")
    assert refused.exit_code == 2 and refused.stderr.startswith("insidetrack: error: --emphasis: ")
    assert run.json("interview", "list") == []
    added = run(*INTERVIEW, "--impressed", "the mobile banking app", "--json")
    assert added.exit_code == 0 and added.stdout.startswith("{")
    assert "Dropped 'the': the sentence reads 'I was impressed with your mobile banking app'." \
        in added.stderr


def test_a_cartoon_is_called_a_cartoon_in_the_follow_ups(logged):
    logged.ok("fact", "add", "1", "I finished the commercial lending course")
    added = logged.ok("clipping", "add", "1", "--title", "Loan officer at the drive-through",
                      "--kind", "cartoon")
    assert added == "Added cartoon 1 to interview 1's bank.\n"
    clip = logged.json("interview", "show", "1")["clippings"][0]
    assert (clip["title"], clip["kind"]) == ("Loan officer at the drive-through", "cartoon")
    fourth = next(s for s in logged.json("plan", "1")["steps"] if s["number"] == 4)
    letter = " ".join(logged.ok("draft", str(fourth["id"])).split())
    assert "a cartoon that made me think of the stalled loan pipeline" in letter
    assert "article" not in letter


def test_a_clipping_is_an_article_unless_said(logged):
    logged.ok("fact", "add", "1", "I finished the commercial lending course")
    logged.ok("clipping", "add", "1", "--title", "Banks court small firms again")
    assert logged.json("interview", "show", "1")["clippings"][0]["kind"] == "article"
    fourth = next(s for s in logged.json("plan", "1")["steps"] if s["number"] == 4)
    letter = " ".join(logged.ok("draft", str(fourth["id"])).split())
    assert "an article that made me think of the stalled loan pipeline" in letter
    wrong = logged("clipping", "add", "1", "--title", "X", "--kind", "meme")
    assert wrong.exit_code == 2 and "--kind" in wrong.stderr


def test_each_frames_words_before_the_blank_are_what_the_drafts_say(run):
    """The sentence shown when a note is typed is the one the drafts write with it."""
    from insidetrack.domain.note_frames import BLANK, FRAMES

    run.ok(*PROFILE)
    run.ok("employer", "add", "Harbor Savings", "--phone", "+1 555 0170")
    notes = [(f"--{kind.replace('_', '-')}", f.example) for kind, f in FRAMES.items()]
    run.logged_on_time(*INTERVIEW[:8], *[a for pair in notes for a in pair])
    run.ok("fact", "add", "1", "I finished the commercial lending course")
    run.ok("clipping", "add", "1", "--title", "Banks court small firms again")
    steps = run.json("plan", "1")["steps"]
    wanted = [s for s in steps if s["kind"] in ("thank-you", "call") or s["number"] == 4]
    drafts = " ".join(" ".join(run.ok("draft", str(s["id"])).split()) for s in wanted)
    for kind, frame in FRAMES.items():
        lead = " ".join(frame.text.split(BLANK)[0].split()[-3:])  # the words before the blank
        assert f"{lead} {frame.example}" in drafts, kind
