"""Undo after a delete on the web (a form, no JavaScript) and the trash in the JSON API."""

from __future__ import annotations

import re

import pytest

import dbs
from webclient import SAME, acme, after, client


@pytest.fixture
def web(db_path, run):
    acme(run, "--interviewer", "Raj Patel <raj@acme.example>",
         "--topic", "fleet sales", "--emphasis", "my dealer network")
    run.ok("fact", "add", "1", "I closed the Hartwell account")
    run.ok("clipping", "add", "1", "--title", "Dealers lean on fleets")
    run.ok("reference", "add", "Alan Reyes", "--phone", "+1 555 0199")
    run.ok("reference", "link", "1", "1")
    run.ok("done", "1", "--at", "2026-11-24 17:00", "--note", "mailed it")
    return client(db_path)


_after = after


def _undo_form(page: str) -> str:
    found = re.search(r'<form method="post" action="([^"]+)"><button type="submit">Undo',
                      page)
    assert found, page
    return found.group(1).replace("&amp;", "&")


def _records(location) -> dict[str, list[dict[str, object]]]:
    return {t: rows for t, rows in dbs.dump(location).items() if t != "trash"}


def test_undo_after_deleting_an_interview_brings_all_of_it_back(web, run):
    shown, before = run.ok("interview", "show", "1", "--json"), _records(run.db)
    assert shown.count('"kind": "thank-you"') >= 1 and "mailed it" in shown
    page = _after(web, web.post("/interviews/1/delete", headers=SAME))
    assert "Deleted the interview with Acme Motors (Sales Manager)" in page
    assert run.json("interview", "list") == []
    undo = _undo_form(page)
    assert undo.startswith("/trash/1/restore")
    back = web.post(undo, headers=SAME)
    assert back.headers["location"] == "/interviews/1"
    restored = web.get("/interviews/1").text
    assert "Restored the interview with Acme Motors on Tue 24 Nov." in restored
    assert "Thank-you e-mail to Raj Patel (step" in restored
    assert run.ok("interview", "show", "1", "--json") == shown
    assert _records(run.db) == before
    again = web.post(undo, headers=SAME)
    assert again.status_code == 404  # once back, it is no longer in the trash


def test_the_confirmation_says_a_delete_can_be_undone(web):
    asked = web.get("/interviews/1/delete").text
    assert "cannot be undone" not in asked and 'href="/trash"' in asked


def test_the_deleted_page_brings_back_what_the_message_no_longer_offers(web, run):
    assert "Nothing deleted in the last 30 days." in web.get("/trash").text
    web.post("/facts/1/delete", headers=SAME, data={"next": "/interviews/1"})
    web.post("/references/1/delete", headers=SAME)
    listed = web.get("/trash").text
    assert listed.index("the reference Alan Reyes") < listed.index(
        "the fact “I closed the Hartwell account”")
    assert 'action="/trash/1/restore?next=/trash"' in listed
    page = _after(web, web.post("/trash/1/restore?next=/trash", headers=SAME))
    assert "Restored the fact “I closed the Hartwell account”." in page
    assert "the fact" not in page.split("</div>", 1)[1]  # no longer listed
    assert run.json("fact", "list", "1")[0]["text"] == "I closed the Hartwell account"


@pytest.mark.parametrize(("path", "back_to"), [("/facts/1/delete", "/interviews/1#facts"),
                                               ("/clippings/1/delete", "/interviews/1#facts"),
                                               ("/references/1/delete", "/references")])
def test_undo_after_deleting_a_fact_clipping_or_reference(web, run, path, back_to):
    before = _records(run.db)
    page = _after(web, web.post(path, headers=SAME, data={"next": "/interviews/1"}))
    assert "deleted." in page and _records(run.db) != before
    back = web.post(_undo_form(page), headers=SAME)
    assert back.headers["location"] == back_to
    assert "Restored the " in web.get(back.headers["location"]).text
    assert _records(run.db) == before


def test_an_undo_never_sends_the_browser_elsewhere(web, run):
    page = _after(web, web.post("/facts/1/delete", headers=SAME, data={"next": "/interviews/1"}))
    away = web.post("/trash/1/restore?next=//evil.example", headers=SAME)
    assert away.headers["location"] == "/today" and run.json("fact", "list", "1")
    assert _undo_form(page)


def test_the_api_lists_the_trash_and_restores(web, run):
    shown = run.ok("interview", "show", "1", "--json")
    gone = web.delete("/api/interviews/1", headers=SAME).json()
    assert gone["trash"] == 1
    reference = web.delete("/api/references/1", headers=SAME).json()
    assert reference["trash"] == 2
    listed = web.get("/api/trash").json()
    assert [e["what"] for e in listed] == ["the reference Alan Reyes",
                                           "the interview with Acme Motors on Tue 24 Nov"]
    assert listed[1]["rows"]["interviews"] == 1
    first = web.post("/api/trash/1/restore", headers=SAME)  # its reference is deleted
    assert first.status_code == 409 and "bring that back first" in first.text
    assert web.post("/api/trash/2/restore", headers=SAME).status_code == 200
    restored = web.post("/api/trash/1/restore", headers=SAME)
    assert restored.status_code == 200 and restored.json()["interview"] == 1
    assert run.ok("interview", "show", "1", "--json") == shown
    assert web.get("/api/trash").json() == []
    missing = web.post("/api/trash/1/restore", headers=SAME)
    assert missing.status_code == 404 and "no deleted item 1" in missing.text


def test_the_api_says_409_when_it_cannot_come_back(web, run):
    from insidetrack.storage import db

    web.delete("/api/interviews/1", headers=SAME)
    later = run.logged_on_time("interview", "add", "--employer", "Brightwave", "--job-title",
                               "Account Executive", "--at", "2026-11-23 10:00")
    assert later["id"] == 2  # a new interview never takes a deleted one's id
    conn = db.connect(run.db)
    with conn.write():  # a row put there with that id by hand (another program, say)
        conn.execute("INSERT INTO interviews (id, opening_id, starts_at, duration_minutes)"
                     " SELECT 1, opening_id, starts_at, 30 FROM interviews WHERE id = 2")
    conn.close()
    before = _records(run.db)
    restored = web.post("/api/trash/1/restore", headers=SAME)
    assert restored.status_code == 409
    assert "interview 1 is another interview now" in restored.text
    assert _records(run.db) == before
