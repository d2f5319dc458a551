"""Fixing mistakes on the web: edit and delete an interview, confirm a decision, and undo
done, a decision, a reply and a skip, each saying afterwards what moved."""

from __future__ import annotations

import pytest

from webclient import SAME, acme, after, client


@pytest.fixture
def web(db_path, run):
    acme(run)
    return client(db_path)


_after = after


def _status(run, step_id: int) -> str:
    return next(s["status"] for s in run.json("plan", "1")["steps"] if s["id"] == step_id)


def test_mark_done_says_so_and_can_be_undone(web, run):
    page = _after(web, web.post("/steps/1/done", headers=SAME, data={"next": "/today"}))
    assert "Marked done: Thank-you e-mail to Jane Roe." in page
    assert 'action="/steps/1/undo"' in page and _status(run, 1) == "done"
    assert "Marked done" not in web.get("/today").text  # said once
    undone = _after(web, web.post("/steps/1/undo", headers=SAME))
    assert "Undone: Thank-you e-mail to Jane Roe is to do again." in undone
    assert _status(run, 1) == "pending"


def test_a_decision_asks_first_and_can_be_undone(web, run):
    page = web.get("/interviews/1").text
    assert '<option value="">What they decided…</option>' in page  # no default: offer
    asked = web.post("/interviews/1/log", headers=SAME, data={"event": "decision",
                                                              "outcome": "offer"})
    assert asked.status_code == 200 and "Record that they offered you the job?" in asked.text
    assert "pending step(s) are cancelled" in asked.text
    assert run.json("interview", "show", "1")["opening"]["status"] != "offer"  # not yet
    done = _after(web, web.post("/interviews/1/log", headers=SAME, data={
        "event": "decision", "outcome": "offer", "confirmed": "true"}))
    assert "Recorded: they offered you the job." in done
    assert "Thank-you e-mail for the offer to Jane Roe (Acme Motors), due" in done
    assert 'action="/interviews/1/decision/undo"' in done
    undone = _after(web, web.post("/interviews/1/decision/undo", headers=SAME))
    assert "Undone: the decision (offer). The campaign goes on." in undone
    assert "Thank-you e-mail for the offer to Jane Roe" in undone
    assert _status(run, 2) == "pending"


def test_a_decision_without_a_choice_is_refused_in_words(web):
    page = web.post("/interviews/1/log", headers=SAME, data={"event": "decision"})
    assert page.status_code == 400 and "Outcome: choose what they decided" in page.text


def test_a_reply_can_be_undone(web, run):
    before = run.json("plan", "1")["steps"]
    page = _after(web, web.post("/interviews/1/log", headers=SAME, data={"event": "reply"}))
    assert "Their reply is logged" in page and 'action="/interviews/1/reply/undo"' in page
    _after(web, web.post("/interviews/1/reply/undo", headers=SAME))
    assert run.json("plan", "1")["steps"] == before


def test_skip_a_step_and_take_it_back(web, run):
    page = _after(web, web.post("/steps/1/skip", headers=SAME))
    assert "Skipped: Thank-you e-mail to Jane Roe." in page and _status(run, 1) == "skipped"
    assert "Jane Roe" not in web.get("/today").text.split("<main", 1)[1].split("Coming up")[0]
    _after(web, web.post("/steps/1/unskip", headers=SAME))
    assert _status(run, 1) == "pending"


def test_edit_the_panel_and_see_the_plan_move(web, run):
    page = _after(web, web.post("/interviews/1/details", headers=SAME, data={
        "at": "2026-11-24T10:00", "duration": "60", "job_title": "Sales Manager",
        "expected_decision": "", "add_interviewer": "Raj Patel <raj@acme.example>"}))
    assert "Saved: interviewers." in page
    assert "Thank-you e-mail to Raj Patel" in page and "added, due" in page
    contact = next(p["id"] for p in run.json("interview", "show", "1")["interviewers"]
                   if p["name"] == "Jane Roe")
    removed = _after(web, web.post("/interviews/1/details", headers=SAME, data={
        "remove_interviewer": str(contact)}))
    assert "Thank-you e-mail to Jane Roe" in removed and "dropped" in removed
    assert [p["name"] for p in run.json("interview", "show", "1")["interviewers"]] == ["Raj Patel"]


def test_a_bad_edit_is_shown_by_its_label_and_changes_nothing(web, run):
    before = run.json("plan", "1")
    page = web.post("/interviews/1/details", headers=SAME, data={"at": "2026-11-31T10:00"})
    assert page.status_code == 400
    assert "Date and time:" in page.text or 'class="field invalid"' in page.text
    assert "--at" not in page.text.split("<main", 1)[1]
    assert run.json("plan", "1") == before


def test_delete_asks_first_then_goes(web, run):
    asked = web.get("/interviews/1/delete")
    assert "Delete the interview with Acme Motors?" in asked.text and "Keep it" in asked.text
    assert run.json("interview", "list")  # asking deleted nothing
    page = _after(web, web.post("/interviews/1/delete", headers=SAME))
    assert "Deleted the interview with Acme Motors (Sales Manager)" in page
    assert run.json("interview", "list") == []


def test_a_message_the_server_did_not_take_can_be_sent_again_from_the_page(web, run):
    from servers import aiosmtpd_server, free_port

    with aiosmtpd_server() as (controller, handler):
        for key, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(free_port())),
                           ("smtp.security", "none")):
            run.ok("config", "set", key, value)  # nothing listens on that port
        page = web.post("/steps/1/send", headers=SAME).text
        assert "Not sent yet" in page and "cannot reach" in page
        assert "insidetrack outbox" not in page  # a button, not a command
        item = run.json("outbox")[0]
        run.ok("config", "set", "smtp.port", str(controller.port))
        sent = web.post(f"/outbox/{item['id']}/retry", headers=SAME).text
        assert "Your message went to jane@acme.example" in sent
        assert len(handler.received) == 1 and _status(run, 1) == "done"


def test_the_api_edits_deletes_and_undoes(web, run):
    edited = web.patch("/api/interviews/1", headers=SAME, json={
        "add_interviewers": ["Raj Patel <raj@acme.example>"], "duration": 90})
    assert edited.status_code == 200
    body = edited.json()
    assert set(body["changed"]) == {"duration", "interviewers"}
    assert any(m["change"] == "added" and m["recipient"] == "Raj Patel" for m in body["moves"])
    bad = web.patch("/api/interviews/1", headers=SAME, json={"at": "2026-11-31 10:00"})
    assert bad.status_code == 400 and bad.json()["field"] == "at"
    assert web.post("/api/steps/1/done", headers=SAME, json={}).status_code == 200
    undone = web.delete("/api/steps/1/done", headers=SAME)
    assert undone.status_code == 200 and undone.json()["step"]["status"] == "pending"
    assert web.delete("/api/steps/1/done", headers=SAME).status_code == 409  # not done now
    assert web.post("/api/steps/1/skip", headers=SAME).json()["step"]["status"] == "skipped"
    assert web.delete("/api/steps/1/skip", headers=SAME).json()["step"]["status"] == "pending"
    web.post("/api/interviews/1/decision", headers=SAME, json={"outcome": "rejected"})
    back = web.delete("/api/interviews/1/decision", headers=SAME).json()
    assert back["undone"] == "rejected"
    gone = web.delete("/api/interviews/1", headers=SAME)
    assert gone.status_code == 200 and gone.json()["opening_deleted"] is True
    assert web.get("/api/interviews/1").status_code == 404


def test_a_reference_is_deleted_after_asking_and_their_calls_go(web, run):
    run.ok("reference", "add", "Alan Reyes", "--phone", "+1 555 0199")
    run.ok("reference", "link", "1", "1")
    calls = [s for s in run.json("plan", "1")["steps"] if s["kind"] == "reference-brief"]
    assert calls and calls[0]["status"] == "pending"
    asked = web.get("/references/1/delete")
    assert "Delete Alan Reyes from your references?" in asked.text
    assert run.json("reference", "list")  # asking deleted nothing
    page = _after(web, web.post("/references/1/delete", headers=SAME))
    assert "Reference deleted." in page
    assert "Call reference Alan Reyes and brief them on the interview (step" in page
    assert run.json("reference", "list") == []
    assert not [s for s in run.json("plan", "1")["steps"]
                if s["kind"] == "reference-brief" and s["status"] == "pending"]


def test_a_reference_briefed_already_can_go_and_the_call_stays_in_history(web, run):
    run.ok("reference", "add", "Alan Reyes", "--phone", "+1 555 0199")
    run.ok("reference", "link", "1", "1")
    call = next(s for s in run.json("plan", "1")["steps"] if s["kind"] == "reference-brief")
    run.ok("done", str(call["id"]))
    assert "Reference 1 deleted" in run.ok("reference", "delete", "1")
    kept = next(s for s in run.json("plan", "1")["steps"] if s["id"] == call["id"])
    assert kept["status"] == "done"
    assert web.delete("/api/references/1", headers=SAME).status_code == 404
