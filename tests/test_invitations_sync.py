"""Invitations in the real Dovecot: `sync` proposes interviews; accept, reschedule, cancel."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import TZ
from servers import dovecot_missing, fresh_mailbox

pytestmark = pytest.mark.skipif(dovecot_missing() is not None, reason=str(dovecot_missing()))
CORPUS = Path(__file__).parent / "invitations"


@pytest.fixture
def mailbox(imap_port, run, monkeypatch, request):
    user = f"inv{abs(hash(request.node.name)) % 10**8}"  # a fresh mailbox per test
    run.ok("profile", "set", "--name", "Dana Whitfield", "--email", "dana@example.com",
           "--phone", "+1 555 0100", "--field", "Engineering")
    with fresh_mailbox(run, imap_port, monkeypatch, user) as client:
        yield client


def _local(year: int, month: int, day: int, hour: int, minute: int, zone: str) -> str:
    """Say a moment of another zone in the user's own, as --json does."""
    moment = datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))
    return moment.astimezone(TZ).isoformat()


# file -> employer, job title, local start, minutes, platform, interviewers (names)
EXPECTED = {
    "greenhouse.eml": ("Northwind Labs", "Staff Engineer",
                       _local(2026, 12, 1, 10, 0, "America/New_York"), 90, "Zoom",
                       ["Ana Muñoz", "Bo Chen"]),
    "calendly.eml": ("Fjord Analytics", "Data Analyst", _local(2026, 12, 2, 16, 0, "Europe/Oslo"),
                     30, "phone", ["Zoë Ødegaard"]),
    "guide.eml": ("Lotus Pay", "Product Designer", _local(2026, 12, 4, 11, 0, "Asia/Kolkata"),
                  90, "Meet", ["王伟", "Priya Raman"]),
    "goodtime.eml": ("Kestrel Bank", "Backend Engineer",
                     _local(2026, 12, 2, 15, 30, "Europe/London"), 45, "Teams",
                     ["Oluwaseun Adeyemi"]),
    "ashby.eml": ("Orbital Freight", "Platform Engineer",
                  _local(2026, 12, 7, 9, 0, "America/Los_Angeles"), 75, "Zoom",
                  ["Sam Ortiz", "Kai Nakamura"]),
    "google.eml": ("Brightwave", "Solutions Architect",
                   _local(2026, 12, 1, 13, 0, "America/Chicago"), 60, "Meet",
                   ["María López", "Tom Becker"]),
    "outlook.eml": ("Contoso Health", "Nurse Informaticist",
                    _local(2026, 12, 8, 10, 0, "Europe/Berlin"), 60, "Teams", ["Jürgen Weiß"]),
    # schedulers' confirmations with no calendar part: the time is in the words
    "calendly_confirmation.eml": ("Fjord Analytics", "Data Engineer",
                                  _local(2026, 12, 10, 10, 0, "Europe/Oslo"), 30, "phone", []),
    "greenhouse_confirmation.eml": ("Northwind Labs", "Senior Engineer",
                                    _local(2026, 12, 11, 9, 30, "Asia/Kolkata"), 45, "Zoom",
                                    ["Ana Muñoz"]),
}


def _names(item: dict) -> list[str]:
    typed = item["fields"]["interviewers"]["value"]
    return [p.split(" <")[0] for p in typed.split("; ")] if typed else []


def _proposals(run) -> dict[str, dict]:
    return {i["uid"]: i for i in run.json("invitations")}


def test_sync_proposes_each_invitation_once_with_its_fields(mailbox, run):
    for name in EXPECTED:
        mailbox.append("INBOX", (CORPUS / name).read_bytes())
    out = run.ok("sync")
    assert "Invitation 1: Northwind Labs, Staff Engineer, Tue 01 Dec 2026 10:00 (90 min)" in out
    found = run.json("invitations")
    assert len(found) == len(EXPECTED)
    for item in found:
        fields = item["fields"]
        got = (fields["employer"]["value"], fields["job_title"]["value"], item["start"],
               item["minutes"], fields["platform"]["value"], _names(item))
        assert got in EXPECTED.values(), got
        assert fields["platform"]["sureness"] in ("sure", "likely") and fields["platform"]["why"]
    mailbox.append("INBOX", (CORPUS / "greenhouse.eml").read_bytes())  # the same mail again
    again = run.ok("sync")
    assert "Read 1 new message(s)." in again and "Invitation" not in again
    assert len(run.json("invitations")) == len(EXPECTED)
    assert "Reply:" not in out + again  # an invitation is not an answer to a follow-up


def test_accept_logs_it_reschedule_moves_it_and_cancel_asks(mailbox, run):
    mailbox.append("INBOX", (CORPUS / "greenhouse.eml").read_bytes())
    run.ok("sync")
    listed = run.ok("invitations")
    assert "Interviewers: Ana Muñoz <ana.munoz@northwind.example>" in listed
    assert "(likely: from the itinerary)" in listed
    assert "Invitation 1: Northwind Labs" in run.ok("today")
    assert run.json("today")["invitations"][0]["fields"]["employer"]["value"] == "Northwind Labs"
    out = run.ok("invitations", "accept", "1")
    assert "logged interview 1: Northwind Labs, Staff Engineer, Tue 01 Dec 2026 10:00" in out
    [line] = run.json("interview", "list")
    assert (line["employer"], line["at"]) == ("Northwind Labs", "2026-12-01T10:00:00-05:00")
    plan = run.json("plan", "1")["steps"]
    assert plan and "Invitation 1" not in run.ok("today")

    mailbox.append("INBOX", (CORPUS / "greenhouse_reschedule.eml").read_bytes())
    moved = run.ok("sync")
    assert ("Moved: interview 1 (Northwind Labs) from Tue 01 Dec 10:00 to Thu 03 Dec 14:00 "
            "(the employer rescheduled it; the plan follows)") in moved
    assert "Moved: interview 1 (Northwind Labs) from Tue 01 Dec 10:00 to Thu 03 Dec 14:00" in run.ok("today")
    assert run.json("interview", "list")[0]["at"] == "2026-12-03T14:00:00-05:00"
    assert run.json("plan", "1")["steps"][0]["due"] > plan[0]["due"]  # re-planned after it
    mailbox.append("INBOX", (CORPUS / "greenhouse.eml").read_bytes())  # the older one, late
    assert "Invitation" not in run.ok("sync")

    mailbox.append("INBOX", (CORPUS / "greenhouse_cancel.eml").read_bytes())
    said = run.ok("sync")
    assert "cancelled by the employer: Northwind Labs, Staff Engineer" in said
    assert "Call it off: insidetrack invitations accept ID" in said
    [cancel] = run.json("invitations")
    assert (cancel["kind"], cancel["interview_id"]) == ("cancel", 1)
    out = run.ok("invitations", "accept", str(cancel["id"]))
    assert "called off interview 1 (Northwind Labs)" in out
    assert run.json("interview", "list") == []


def test_a_past_invitation_is_logged_late_and_a_same_day_one_matches(mailbox, run):
    run.logged_on_time("interview", "add", "--employer", "Orbital Freight", "--job-title",
                       "Platform Engineer", "--at", "2026-12-07 12:00")
    mailbox.append("INBOX", (CORPUS / "late.eml").read_bytes())
    mailbox.append("INBOX", (CORPUS / "ashby.eml").read_bytes())
    out = run.ok("sync")
    assert "Pelican Cloud, SRE, Mon 23 Nov 2026 10:00 (45 min); its time is past: log it late" in out
    assert "Orbital Freight, Platform Engineer" in out and "already logged as interview 1" in out
    match = next(i for i in run.json("invitations") if i["kind"] == "match")
    assert "linked to interview 1" in run.ok("invitations", "accept", str(match["id"]))
    assert len(run.json("interview", "list")) == 1
    late = next(i for i in run.json("invitations") if i["kind"] == "late")
    assert "logged interview 2: Pelican Cloud, SRE" in run.ok("invitations", "accept",
                                                               str(late["id"]))
    assert run.json("interview", "list")[0]["at"] == "2026-11-23T10:00:00-05:00"


def test_unknown_invitation_gives_one_clear_line(run):
    result = run("invitations", "accept", "42")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1 and "invitation" in result.output
    result = run("invitations", "dismiss", "42")
    assert result.exit_code != 0 and len(result.output.strip().splitlines()) == 1
