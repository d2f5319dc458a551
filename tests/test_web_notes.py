"""An interview's notes and its interviewers' names are changed or deleted from its page, with
Undo after a delete; the API and the CLI do the same (both databases)."""

from __future__ import annotations

import html

import pytest

from webclient import SAME, acme, after, client


@pytest.fixture
def web(db_path, run):
    acme(run)
    run.ok("interview", "note", "1", "--topic", "fleet sales", "--impressed",
           "the pace of the team")
    return client(db_path)


def _notes(run) -> list[tuple[str, str]]:
    return [(n["kind"], n["text"]) for n in run.json("note", "list", "1")]


def test_a_note_is_changed_from_the_interview_page_and_fits_its_sentence(web, run):
    page = web.get("/interviews/1").text
    assert 'action="/notes/1"' in page and "Change or delete" in page
    done = after(web, web.post("/notes/1", headers=SAME, data={"text": "their fleet sales"}))
    assert "Note changed: their fleet sales" in done
    assert _notes(run)[0] == ("topic", "their fleet sales")
    sentence = web.post("/notes/1", headers=SAME,
                        data={"text": "We talked about fleet sales for an hour."})
    assert sentence.status_code == 400
    assert "Text: " in html.unescape(sentence.text) and "reads as a full sentence" in sentence.text
    assert _notes(run)[0] == ("topic", "their fleet sales")  # nothing half-written
    assert web.post("/notes/99", headers=SAME, data={"text": "x"}).status_code == 404


def test_a_deleted_note_comes_back_with_undo(web, run):
    said = after(web, web.post("/notes/2/delete", headers=SAME))
    assert "Note deleted: pace of the team" in said and ">Undo</button>" in said
    assert _notes(run) == [("topic", "fleet sales")]
    undo = said.split('<form method="post" action="', 2)[1].split('"')[0]  # the flash's form
    back = after(web, web.post(html.unescape(undo), headers=SAME))
    assert "Note back: pace of the team" in back
    assert _notes(run) == [("topic", "fleet sales"), ("impressed", "pace of the team")]


def test_an_interviewer_s_name_is_corrected_and_the_thank_you_follows(web, run):
    web.post("/contacts/1", headers=SAME, data={"name": "Jane Roe-Smith", "email":
                                                "jane@acme.example", "phone": "", "next":
                                                "/interviews/1"})
    assert "Dear Jane Roe-Smith," in run.ok("draft", "1")
    empty = web.post("/contacts/1", headers=SAME, data={"name": " ", "email": "", "next": "/"})
    assert empty.status_code == 400 and "Name: must not be empty" in html.unescape(empty.text)


def test_the_api_lists_changes_and_deletes_notes(web, run):
    assert web.get("/api/interviews/1/notes").json() == [
        {"id": 1, "interview": 1, "kind": "topic", "text": "fleet sales"},
        {"id": 2, "interview": 1, "kind": "impressed", "text": "pace of the team"}]
    changed = web.patch("/api/notes/1", headers=SAME, json={"text": "We met. It went well.",
                                                             "as_typed": True})
    assert changed.json()["text"] == "We met. It went well."
    refused = web.patch("/api/notes/1", headers=SAME, json={"text": "We met. It went well."})
    assert refused.status_code == 400 and refused.json()["field"] == "text"
    assert web.delete("/api/notes/2", headers=SAME).json()["deleted"] is True
    assert web.delete("/api/notes/2", headers=SAME).status_code == 404
    assert _notes(run) == [("topic", "We met. It went well.")]


def test_the_cli_lists_changes_and_deletes_notes(web, run):
    assert run.ok("note", "list", "1").splitlines() == [
        "   1  topic            fleet sales", "   2  impressed        pace of the team"]
    assert run.ok("note", "edit", "1", "the fleet sales") == "Note 1 changed: the fleet sales\n"
    refused = run("note", "edit", "1", "We talked about fleet sales for an hour.")
    assert refused.exit_code == 2 and refused.stderr.startswith("insidetrack: error: TEXT: ")
    gone = run.ok("note", "delete", "2").splitlines()
    assert gone == ["Deleted note 2 (impressed): pace of the team",
                    "To bring it back: insidetrack interview note 1 --impressed "
                    "'pace of the team' --as-typed"]
    run.ok("interview", "note", "1", "--impressed", "pace of the team", "--as-typed")
    assert _notes(run)[-1] == ("impressed", "pace of the team")


def test_the_api_corrects_an_interviewer(web, run):
    changed = web.patch("/api/contacts/1", headers=SAME, json={"name": "Jane Roe-Smith",
                                                               "courtesy_title": "Dr."})
    assert changed.status_code == 200
    assert (changed.json()["name"], changed.json()["email"]) == ("Jane Roe-Smith",
                                                                 "jane@acme.example")
    assert changed.json()["title"] == "Dr." and "Jane Roe-Smith" in run.ok("draft", "1")
    bad = web.patch("/api/contacts/1", headers=SAME, json={"email": "not an address"})
    assert bad.status_code == 400 and bad.json()["field"] == "email"
    assert web.patch("/api/contacts/9", headers=SAME, json={"name": "X"}).status_code == 404


def test_a_reference_is_corrected_and_their_briefing_follows(web, run):
    run.ok("reference", "add", "Alan Reyes", "--phone", "+1 555 0199")
    run.ok("reference", "link", "1", "1")
    assert "Change" in web.get("/references").text
    page = after(web, web.post("/references/1", headers=SAME, data={
        "name": "Alan Reyes-Ortiz", "phone": "+1 555 0142", "email": "", "relationship":
        "former manager"}))
    assert "Reference saved: Alan Reyes-Ortiz, +1 555 0142." in page
    briefing = next(s for s in run.json("plan", "1")["steps"] if s["kind"] == "reference-brief")
    assert "Alan Reyes-Ortiz" in run.ok("draft", str(briefing["id"]))
    bad = web.post("/references/1", headers=SAME, data={"name": "Alan", "phone": "call me"})
    assert bad.status_code == 400 and "Phone: " in html.unescape(bad.text)
    assert run.json("reference", "list")[0]["phone"] == "+1 555 0142"  # nothing half-written
    api = web.patch("/api/references/1", headers=SAME, json={"relationship": "mentor"})
    assert api.json()["relationship"] == "mentor" and api.json()["name"] == "Alan Reyes-Ortiz"
    said = run.ok("reference", "edit", "1", "--phone", "+1 555 0100")
    assert said == "Reference 1 saved: Alan Reyes-Ortiz, +1 555 0100\n"
    nothing = run("reference", "edit", "1")
    assert nothing.exit_code == 2 and "--name: give what changes" in nothing.stderr


def test_the_api_deletes_an_employer_only_when_nothing_is_with_them(web, run):
    run.ok("employer", "add", "Globex")
    assert web.delete("/api/employers/1", headers=SAME).status_code == 409  # Acme: an interview
    gone = web.delete("/api/employers/2", headers=SAME).json()
    assert (gone["name"], gone["deleted"]) == ("Globex", True)
    assert [e["name"] for e in run.json("employer", "list")] == ["Acme Motors"]
    assert web.post(f"/api/trash/{gone['trash']}/restore", headers=SAME).status_code == 200
    assert len(run.json("employer", "list")) == 2
