"""The demo database: campaigns in every state, on an empty database only."""

from __future__ import annotations


def test_demo_shows_every_state_of_a_campaign(run):
    assert "Demo loaded: 6 interviews at 6 employers" in run.ok("demo")
    interviews = {i["employer"]: i for i in run.json("interview", "list")}
    assert interviews["Summit Auto Group"]["status"] == "offer"
    assert interviews["Harbor Logistics"]["status"] == "closed"
    assert interviews["Summit Auto Group"]["pending"] == 1  # the offer is thanked
    today = run.json("today")["items"]
    kinds = {(i["employer"], i["kind"]) for i in today}
    assert ("Summit Auto Group", "offer-thanks") in kinds
    assert ("Harbor Logistics", "keep-in-mind") in kinds
    withdraw = {i["employer"] for i in run.json("today", "--date", "2026-11-30")["items"]
                if i["kind"] == "withdraw"}
    # Keystone's interview came after the offer: the user chose to go on there.
    assert withdraw == {"Northwind Motors", "Brightwave Software", "Café Élan Group"}
    assert ("Northwind Motors", "thank-you") in kinds
    assert ("Northwind Motors", "reference-brief") in kinds
    assert ("Brightwave Software", "follow-up") in kinds
    voicemail = [i for i in today if i["voicemail"]]
    assert [i["employer"] for i in voicemail] == ["Café Élan Group"]
    assert run.json("advise", "1")["preferred"] == "phone"
    assert run.json("advise", "2")["preferred"] == "email"
    human = run.ok("today")
    assert "Due by Wed 25 Nov 2026" in human and "Coming up in the next 3 days" in human


def test_demo_refuses_a_database_in_use(run):
    run.ok("interview", "add", "--employer", "Mine", "--job-title", "Rep", "--at", "2026-11-20 10:00")
    result = run("demo")
    assert result.exit_code == 1
    assert "already holds interviews" in result.stderr
    assert len(run.json("interview", "list")) == 1


def test_every_pending_demo_step_drafts_in_each_format_that_fits(run, tmp_path):
    run.ok("demo")
    pending = run.json("today", "--date", "2027-12-31")["items"]
    assert len(pending) > 20
    for item in pending:
        step = str(item["step"])
        text = run("draft", step)
        assert text.exit_code == 0, (item, text.output)
        if item["channel"] == "email":
            eml = tmp_path / f"{step}.eml"
            assert run("draft", step, "--format", "eml", "--out", str(eml)).exit_code == 0
            assert run("lint", str(eml)).exit_code == 0, item
        elif item["channel"] == "letter":
            pdf = tmp_path / f"{step}.pdf"
            assert run("draft", step, "--format", "pdf", "--out", str(pdf)).exit_code == 0
            assert pdf.read_bytes().startswith(b"%PDF")
        elif item["kind"] == "call":
            assert run("draft", step, "--voicemail").exit_code == 0, item
