"""Reading invitations, pure: the corpus's calendar parts, folded lines, zones, itineraries."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from email import policy
from pathlib import Path

import pytest

from insidetrack.integrations import invites

CORPUS = Path(__file__).parent / "invitations"


def test_every_mail_of_the_corpus_is_read_as_an_invitation():
    for path in sorted(CORPUS.glob("*.eml")):
        assert invites.read_mail(path.read_bytes()) is not None, path.name


def test_a_folded_line_is_read_whole_and_the_zone_is_kept():
    msg = email.message_from_bytes((CORPUS / "guide.eml").read_bytes(), policy=policy.default)
    part = next(p for p in msg.walk() if p.get_content_type() == "text/calendar")
    assert part["Content-Transfer-Encoding"] == "base64"
    assert b"\n " in part.get_payload(decode=True)  # folded at 75 octets (RFC 5545 3.1)
    invite = invites.read_mail((CORPUS / "guide.eml").read_bytes())
    assert invite is not None
    assert invite.start.astimezone(UTC) == datetime(2026, 12, 4, 5, 30, tzinfo=UTC)  # +05:30
    assert "Priya Raman, Head of Product" in invite.description  # folded mid-name


def test_the_user_and_the_schedulers_robot_are_not_interviewers():
    invite = invites.read_mail((CORPUS / "greenhouse.eml").read_bytes())
    assert invite is not None
    people, why = invites.interviewers(invite, "DANA@example.com")
    assert [(p.name, p.role) for p in people] == [("Ana Muñoz", "Engineering Manager"),
                                                  ("Bo Chen", "Staff Engineer")]
    assert why == "from the itinerary"
    assert invites.scheduler(invite) == "Greenhouse"


def test_a_cancellation_and_a_reschedule_keep_their_uid_and_sequence():
    first, moved, cancel = (invites.read_mail((CORPUS / n).read_bytes()) for n in (
        "greenhouse.eml", "greenhouse_reschedule.eml", "greenhouse_cancel.eml"))
    assert first and moved and cancel
    assert first.uid == moved.uid == cancel.uid
    assert (first.sequence, moved.sequence, cancel.sequence) == (0, 1, 2)
    assert (moved.method, cancel.method) == ("REQUEST", "CANCEL")


@pytest.mark.parametrize("name", ["broken.ics", "not_an_invite.ics"])
def test_a_calendar_with_no_event_is_not_an_invitation(name):
    with pytest.raises(invites.NotAnInvitation):
        invites.read_calendar((CORPUS / name).read_bytes())


def test_mail_with_no_invitation_is_none():
    plain = b"From: a@b.example\r\nSubject: hello\r\n\r\nJust a note.\r\n"
    assert invites.read_mail(plain) is None
