"""The web's note forms show the sentence each note fills and say what the server changed."""

from __future__ import annotations

import html
import re

from test_web_routes import SAME, client, demo  # noqa: F401 (fixtures)


def _label(page: str, words: str) -> str:
    """Return the form label (with its hint and any error) whose caption is `words`."""
    text = html.unescape(page)
    found = re.search(rf'<label class="field note-field[^"]*">\s*<span>{re.escape(words)}'
                      r'[^<]*</span>.*?</label>', text, re.S)
    assert found, words
    return found.group(0)


def _notes(client) -> dict:  # noqa: F811
    return client.get("/api/interviews/1").json()["notes"]


def test_each_note_field_shows_its_sentence_and_the_page_loads_the_preview(demo):  # noqa: F811
    page = demo.get("/interviews/1").text
    impressed = _label(page, "What impressed you")
    assert 'The draft says: "I was impressed with your ___"' in impressed
    assert 'placeholder="e.g. 100-year community history"' in impressed
    assert 'data-frame="I was impressed with your ___"' in impressed
    assert '<script src="/static/notes.js"></script>' in page
    assert 'name="as_typed"' in page
    new = demo.get("/interviews/new").text
    assert 'data-determiners="a an her his its my our the their your"' in new
    assert 'The draft says: "I enjoyed our conversation about ___"' in _label(new, "Topics discussed")
    assert demo.get("/static/notes.js").status_code == 200


def test_a_full_sentence_is_refused_next_to_its_label_with_the_clis_words(demo):  # noqa: F811
    before = _notes(demo)
    refused = demo.post("/interviews/1/notes", headers=SAME, data={
        "topic": "branch openings", "forgot": "burn rate forecast is done in spreadsheets"})
    assert refused.status_code == 400
    label = _label(refused.text, "What you forgot to mention")
    assert ('<em class="error" role="alert">"burn rate forecast is done in spreadsheets" reads as '
            'a full sentence; the draft says "I forgot to go into the key details of ___": give a '
            'phrase like "the Q3 forecast"</em>') in label
    assert 'value="burn rate forecast is done in spreadsheets"' in label  # kept to fix
    assert _notes(demo) == before


def test_a_dropped_word_is_said_and_as_typed_keeps_it(demo):  # noqa: F811
    fitted = demo.post("/interviews/1/notes", headers=SAME,
                       data={"impressed": "their 100-year community history"})
    assert fitted.status_code == 200
    assert ("Dropped 'their': the sentence reads 'I was impressed with your 100-year community "
            "history'.") in html.unescape(fitted.text)
    assert "100-year community history" in _notes(demo)["impressed"]
    kept = demo.post("/interviews/1/notes", headers=SAME,
                     data={"problem": "the vans break down.", "as_typed": "on"})
    assert kept.status_code == 303
    assert "the vans break down." in _notes(demo)["problems"]


def test_a_new_interview_with_a_sentence_for_a_topic_is_refused_at_the_topic(demo):  # noqa: F811
    refused = demo.post("/interviews", headers=SAME, data={
        "employer": "Harbor Savings", "job_title": "Loan Officer", "at": "2026-11-18T10:00",
        "topic": "small-business lending\nwe are losing customers to fintechs"})
    assert refused.status_code == 400
    assert ('"we are losing customers to fintechs" reads as a full sentence'
            in _label(refused.text, "Topics discussed"))


def test_the_clipping_form_takes_a_cartoon(demo):  # noqa: F811
    page = demo.get("/interviews/1").text
    assert '<option value="cartoon">cartoon</option>' in page
    added = demo.post("/interviews/1/clippings", headers=SAME,
                      data={"title": "The fleet manager's dream", "kind": "cartoon"})
    assert added.status_code == 303
    clippings = demo.get("/api/interviews/1").json()["clippings"]
    assert clippings[-1]["title"] == "The fleet manager's dream"
    assert clippings[-1]["kind"] == "cartoon"
    assert '<span class="tag">cartoon</span> The fleet manager' in html.unescape(
        demo.get("/interviews/1").text)


def test_a_new_interview_says_what_fitting_its_notes_dropped(demo):  # noqa: F811
    added = demo.post("/interviews", headers=SAME, data={
        "employer": "Harbor Savings", "job_title": "Loan Officer", "at": "2026-11-18T10:00",
        "topic": "about small-business lending"})
    assert added.status_code == 200
    assert ("Dropped 'about': the sentence reads 'I enjoyed our conversation about small-business "
            "lending'.") in html.unescape(added.text)
    assert "<h1>Loan Officer at Harbor Savings</h1>" in added.text


def test_the_api_refuses_a_sentence_by_its_key_unless_as_typed(demo):  # noqa: F811
    body = {"employer": "Harbor Savings", "job_title": "Loan Officer", "at": "2026-11-18 10:00",
            "problems": ["the pipeline is stalled"]}
    refused = demo.post("/api/interviews", headers=SAME, json=body)
    assert refused.status_code == 400
    assert refused.json()["field"] == "problem"
    assert refused.json()["error"].startswith('"the pipeline is stalled" reads as a full sentence')
    kept = demo.post("/api/interviews", headers=SAME, json={**body, "as_typed": True})
    assert kept.status_code == 201
    shown = demo.get(f"/api/interviews/{kept.json()['id']}").json()
    assert shown["notes"]["problems"] == ["the pipeline is stalled"]
