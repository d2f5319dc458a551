"""After the decision, tried as a user would: an offer and a rejection, end to end."""

from __future__ import annotations

import pytest

PROFILE = ("profile", "set", "--name", "Dana Whitfield", "--email", "dana@example.com",
           "--phone", "+1 555 0100", "--field", "Sales", "--years", "6", "--specialty", "autos")
INTERVIEWS = (
    ("Acme Motors", "Sales Manager", "2026-11-24 10:00", "Maria Lopez <maria@acme.example>"),
    ("Brightwave", "Account Executive", "2026-11-23 10:00", "Ben Ode <ben@bw.example>"),
    ("Keystone Insurance", "Agent", "2026-11-20 14:00", "Kim Lee <kim@keystone.example>"),
)

AFTER = ("offer-thanks", "keep-in-mind", "reference-thanks", "withdraw")


@pytest.fixture
def three(run):
    """Three active applications; a reference linked to the first (Acme Motors)."""
    run.ok(*PROFILE)
    for employer, job, at, person in INTERVIEWS:
        run.logged_on_time("interview", "add", "--employer", employer, "--job-title", job,
                           "--at", at, "--interviewer", person)
    ref = run.json("reference", "add", "Alan Reyes", "--phone", "+1 555 0199")
    run.ok("reference", "link", str(ref["id"]), "1")
    return run


def _pending(run, interview: str) -> dict[str, dict]:
    return {s["kind"]: s for s in run.json("plan", interview)["steps"] if s["status"] == "pending"}


def test_an_offer_says_what_it_planned(three):
    out = three.ok("log", "1", "decision", "--outcome", "offer", "--at", "2026-11-25 12:00")
    assert out.splitlines()[0] == ("Decision logged: offer. Pending follow-ups for this opening "
                                   "are cancelled.")
    assert "Thank-you e-mail for the offer to Maria Lopez (Acme Motors)" in out
    assert "Call reference Alan Reyes to tell them the news and thank them (Acme Motors)" in out
    assert "If you accept the offer, withdraw politely: e-mail to Ben Ode (Brightwave)" in out
    assert "If you accept the offer, withdraw politely: e-mail to Kim Lee (Keystone Insurance)" in out


def test_an_offer_plans_thanks_and_withdrawals(three):
    three.ok("log", "1", "decision", "--outcome", "offer", "--at", "2026-11-25 12:00")
    offered = _pending(three, "1")
    assert set(offered) == {"offer-thanks", "reference-thanks"}
    assert offered["offer-thanks"]["due"] == "2026-11-26T12:00:00-05:00"  # within 24 hours
    assert offered["reference-thanks"]["due"] == "2026-11-27T12:00:00-05:00"  # within 2 days
    for other, person in (("2", "Ben Ode"), ("3", "Kim Lee")):
        withdraw = _pending(three, other)["withdraw"]
        assert (withdraw["to"], withdraw["due"]) == (person, "2026-11-27T12:00:00-05:00")
    items = three.json("today", "--date", "2026-11-27")["items"]
    kinds = sorted(i["kind"] for i in items if i["kind"] in AFTER)
    assert kinds == ["offer-thanks", "reference-thanks", "withdraw", "withdraw"]


def test_each_step_after_an_offer_drafts_and_passes_lint(three, tmp_path):
    three.ok("log", "1", "decision", "--outcome", "offer", "--at", "2026-11-25 12:00")
    steps = [s for i in ("1", "2", "3") for s in _pending(three, i).values()
             if s["kind"] in AFTER]
    assert len(steps) == 4
    for step in steps:
        out = tmp_path / f"{step['id']}.txt"
        out.write_text(three.ok("draft", str(step["id"])), encoding="utf-8")
        if step["channel"] == "email":
            result = three("lint", str(out))
            assert (result.exit_code, result.stdout.strip()) == (
                0, f"{out}: no problems found"), step["kind"]


def test_the_withdrawal_names_the_employer_left(three):
    three.ok("log", "1", "decision", "--outcome", "offer", "--at", "2026-11-25 12:00")
    draft = three.ok("draft", str(_pending(three, "2")["withdraw"]["id"]))
    assert draft.startswith("To: Ben Ode <ben@bw.example>\n"
                            "Subject: Withdrawing my application: Account Executive\n")
    assert "position at Brightwave" in draft
    assert "Acme" not in draft and "Keystone" not in draft


def test_a_withdrawal_done_closes_the_application(three):
    three.ok("log", "1", "decision", "--outcome", "offer", "--at", "2026-11-25 12:00")
    three.ok("done", str(_pending(three, "2")["withdraw"]["id"]))
    assert _pending(three, "2") == {}  # no more follow-ups to an employer you left
    status = {line["employer"]: line["status"] for line in three.json("interview", "list")}
    assert status == {"Acme Motors": "offer", "Brightwave": "closed",
                      "Keystone Insurance": "interviewing"}


def test_a_letter_after_an_offer_prints(three, tmp_path):
    three.ok("employer", "add", "Acme Motors", "--traditionalist")
    three.ok("profile", "set", "--address", "12 Elm St, Dover")
    three.ok("log", "1", "decision", "--outcome", "offer", "--at", "2026-11-25 12:00")
    step = _pending(three, "1")["offer-thanks"]
    assert step["channel"] == "letter"
    pdf = tmp_path / "thanks.pdf"
    assert three("draft", str(step["id"]), "--format", "pdf", "--out", str(pdf)).exit_code == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_rejection_plans_a_gracious_reply_and_thanks(three, tmp_path):
    out = three.ok("log", "1", "decision", "--outcome", "rejected", "--at", "2026-11-25 12:00")
    assert "Gracious e-mail to Maria Lopez: thank them, ask to be kept in mind" in out
    assert "Withdraw" not in out
    pending = _pending(three, "1")
    assert set(pending) == {"keep-in-mind", "reference-thanks"}
    assert "withdraw" not in _pending(three, "2")
    draft = three.ok("draft", str(pending["keep-in-mind"]["id"]))
    assert "keep me in mind for future openings" in " ".join(draft.split())
    out_file = tmp_path / "reply.txt"
    out_file.write_text(draft, encoding="utf-8")
    assert three("lint", str(out_file)).exit_code == 0
    brief = three.ok("draft", str(pending["reference-thanks"]["id"]))
    assert "they chose another candidate" in brief


def test_hired_still_cancels_everything(three):
    three.ok("log", "1", "decision", "--outcome", "hired", "--at", "2026-11-25 12:00")
    assert _pending(three, "1") == {}
    assert "withdraw" not in _pending(three, "2")
