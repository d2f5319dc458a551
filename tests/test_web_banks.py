"""Facts and clippings not yet used can be changed or deleted from the interview's page."""

from __future__ import annotations

import pytest

from webclient import SAME, acme, after, client


@pytest.fixture
def web(db_path, run):
    acme(run)
    run.ok("fact", "add", "1", "I closed the Hartwell account")
    run.ok("clipping", "add", "1", "--title", "Dealers lean on fleets", "--kind", "cartoon")
    return client(db_path)


_after = after


def test_a_fact_is_changed_from_its_page(web, run):
    page = web.get("/interviews/1").text
    assert 'action="/facts/1"' in page and "Change or delete" in page
    done = _after(web, web.post("/facts/1", headers=SAME, data={
        "text": "I closed the Hartwell account: two years, $2M", "next": "/interviews/1"}))
    assert "Fact changed: I closed the Hartwell account: two years, $2M" in done
    assert run.json("fact", "list", "1")[0]["text"].endswith("two years, $2M")
    empty = web.post("/facts/1", headers=SAME, data={"text": " ", "next": "/interviews/1"})
    assert empty.status_code == 400 and "Text: must not be empty" in empty.text


def test_a_fact_and_a_cartoon_are_deleted_after_asking(web, run):
    asked = web.get("/facts/1/delete", params={"next": "/interviews/1"})
    assert "Delete this fact?" in asked.text and "I closed the Hartwell account" in asked.text
    assert run.json("fact", "list", "1")  # asking deleted nothing
    page = _after(web, web.post("/facts/1/delete", headers=SAME, data={"next": "/interviews/1"}))
    assert "Fact deleted." in page and run.json("fact", "list", "1") == []
    assert "Add another fact before follow-up #2." in page
    asked = web.get("/clippings/1/delete", params={"next": "/interviews/1"})
    assert "Delete this cartoon?" in asked.text
    _after(web, web.post("/clippings/1/delete", headers=SAME, data={"next": "/interviews/1"}))
    assert run.json("clipping", "list", "1") == []


def test_a_used_fact_offers_no_change_and_a_foreign_next_page_is_ignored(web, run):
    step = next(s for s in run.json("plan", "1")["steps"] if s["kind"] == "follow-up")
    run.ok("draft", str(step["id"]))
    run.ok("done", str(step["id"]))
    page = web.get("/interviews/1").text
    assert 'action="/facts/1"' not in page  # it went out: the text stays as sent
    refused = web.post("/facts/1", headers=SAME, data={"text": "new", "next": "//evil.example"})
    assert refused.status_code == 409
    moved = web.post("/clippings/1/delete", headers=SAME, data={"next": "//evil.example"})
    assert moved.headers["location"].startswith("/today")


def test_the_employer_s_phone_and_ways_are_saved_from_the_interview_page(web, run):
    page = web.get("/interviews/1").text
    assert 'action="/employers/1"' in page and "Their phone number" in page
    saved = _after(web, web.post("/employers/1", headers=SAME, data={
        "phone": "+1 555 0123", "address": "1 Main Street\nHartford, CT 06103",
        "traditionalist": "true", "next": "/interviews/1"}))
    assert "Saved what you know of Acme Motors; its campaigns are re-planned." in saved
    employer = run.json("employer", "list")[0]
    assert employer["phone"] == "+1 555 0123" and employer["traditionalist"] is True
    assert "telephone and paper letters" in web.get("/interviews/1").text  # the advice moved
    bad = web.post("/employers/1", headers=SAME, data={"phone": "call me", "next": "/interviews/1"})
    assert bad.status_code == 400 and "Their phone number:" in bad.text
    assert "--phone" not in bad.text


def test_a_used_fact_s_refusal_links_to_the_letter_which_can_be_undone_there(web, run):
    step = next(s for s in run.json("plan", "1")["steps"] if s["kind"] == "follow-up")
    run.ok("draft", str(step["id"]))
    run.ok("done", str(step["id"]))
    refused = web.post("/facts/1", headers=SAME, data={"text": "new", "next": "/interviews/1"})
    assert "the text stays as sent" in refused.text and "insidetrack done" not in refused.text
    assert f'href="/steps/{step["id"]}/draft">Open that letter&#39;s step to undo it' in refused.text
    letter = web.get(f"/steps/{step['id']}/draft").text
    assert "This step is done." in letter and "Undo: make it to do again" in letter
    page = _after(web, web.post(f"/steps/{step['id']}/undo", headers=SAME))
    assert "is to do again" in page
    assert _after(web, web.post("/facts/1", headers=SAME, data={
        "text": "I closed the Hartwell account in 2025", "next": "/interviews/1"}))


def test_sending_before_the_mail_account_is_set_up_points_to_settings(web):
    refused = web.post("/steps/1/send", headers=SAME)
    assert refused.status_code == 409 and "the outgoing mail server is not set" in refused.text
    assert 'href="/settings#mail">Set up your mail account in Settings' in refused.text
    assert "config set" not in refused.text


def test_a_clipping_not_yet_used_is_changed_on_the_page_the_api_and_the_cli(web, run):
    page = web.get("/interviews/1").text
    assert 'action="/clippings/1"' in page
    saved = after(web, web.post("/clippings/1", headers=SAME, data={
        "title": "Dealers lean on fleet deals", "url": "https://news.example/fleets",
        "kind": "article", "next": "/interviews/1"}))
    assert "Clipping saved: Dealers lean on fleet deals" in saved
    listed = run.json("clipping", "list", "1")[0]
    assert (listed["title"], listed["url"], listed["kind"]) == (
        "Dealers lean on fleet deals", "https://news.example/fleets", "article")
    bad = web.post("/clippings/1", headers=SAME, data={"title": "x", "url": "ftp://x"})
    assert bad.status_code == 400 and "Link: " in bad.text
    api = web.patch("/api/clippings/1", headers=SAME, json={"kind": "cartoon"})
    assert api.json()["kind"] == "cartoon" and api.json()["title"] == "Dealers lean on fleet deals"
    assert run.ok("clipping", "edit", "1", "--title", "Fleets") == "Clipping 1 saved: Fleets\n"
    assert run("clipping", "edit", "1").exit_code == 2
