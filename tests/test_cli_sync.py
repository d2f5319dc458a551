"""Reply detection over IMAP against a real Dovecot started by the tests."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest

from dbs import change
from insidetrack.session import Session
from servers import dovecot_missing, fresh_mailbox

pytestmark = pytest.mark.skipif(dovecot_missing() is not None, reason=str(dovecot_missing()))


@pytest.fixture
def mailbox(imap_port, run, monkeypatch, request):
    user = f"dana{abs(hash(request.node.name)) % 10**8}"  # a fresh mailbox per test
    with fresh_mailbox(run, imap_port, monkeypatch, user) as client:
        yield client


@pytest.fixture
def sent(run):
    """A campaign whose thank-you e-mail was drafted as .eml: its Message-ID is known."""
    run.ok("profile", "set", "--name", "Dana Whitfield", "--email", "dana@example.com",
           "--phone", "+1 555 0100", "--field", "Sales")
    run.ok("interview", "add", "--employer", "Acme Motors", "--job-title", "Sales Manager",
           "--at", "2026-11-18 10:00", "--interviewer", "Jane Roe <jane@acme.example>",
           "--topic", "fleet sales")
    raw = run("draft", "1", "--format", "eml").stdout_bytes
    return email.message_from_bytes(raw, policy=policy.default)


def _mail(headers: dict[str, str], body: str = "Thanks for your note.\n") -> bytes:
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return (head + "\r\n" + body.replace("\n", "\r\n")).encode()


REPLY = {"From": "Jane Roe <jane.roe@gmail.example>", "To": "dana@example.com",
         "Subject": "Re: Thank you", "Date": "Tue, 24 Nov 2026 15:00:00 -0500",
         "Message-ID": "<reply-1@acme.example>"}
OUT_OF_OFFICE = {"From": "Jane Roe <jane@acme.example>", "To": "dana@example.com",
                 "Subject": "Out of Office: Re: Thank you", "Auto-Submitted": "auto-replied",
                 "Date": "Tue, 24 Nov 2026 10:00:00 -0500", "Message-ID": "<ooo-1@acme.example>"}


def _bounce(address: str) -> bytes:
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mx.example>\r\n"
        "To: dana@example.com\r\nSubject: Undelivered Mail Returned to Sender\r\n"
        "Date: Tue, 24 Nov 2026 09:00:00 -0500\r\nMessage-ID: <bounce-1@mx.example>\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n"
        f"Final-Recipient: rfc822; {address}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "--b--\r\n"
    ).encode()


def test_sync_pauses_on_a_reply_ignores_auto_replies_and_reports_bounces(sent, mailbox, run):
    before = next(s for s in run.json("plan", "1")["steps"] if s["number"] == 2)
    assert before["due"] == "2026-11-25T09:00:00-05:00"
    mailbox.append("INBOX", _mail({**REPLY, "In-Reply-To": sent["Message-ID"]}))
    mailbox.append("INBOX", _mail(OUT_OF_OFFICE, "I am away until Monday.\n"))
    mailbox.append("INBOX", _bounce("jane@acme.example"))
    out = run.ok("sync")
    assert "Read 3 new message(s)." in out
    assert "Reply: jane.roe@gmail.example: Re: Thank you" in out
    assert "Ignored 1 automatic message(s): 1 automatic reply." in out
    assert "Bounced: jane@acme.example" in out
    after = next(s for s in run.json("plan", "1")["steps"] if s["number"] == 2)
    # A week after the reply is Tue 1 Dec 15:00; Wed 2 holds call #1, so Thursday.
    assert after["due"] == "2026-12-03T09:00:00-05:00"
    touch = [t for t in run.json("interview", "show", "1")["touchpoints"] if t["kind"] == "reply"]
    assert len(touch) == 1 and "Re: Thank you" in touch[0]["note"]
    alerts = run.json("today")["alerts"]
    assert [(a["kind"], a["from"]) for a in alerts] == [
        ("bounce", "jane@acme.example"), ("reply", "jane.roe@gmail.example")]
    assert "Bounced" in run.ok("today") and "Reply from jane.roe@gmail.example" in run.ok("today")
    again = run.ok("sync")
    assert "Read 0 new message(s)." in again and "Reply:" not in again
    run.ok("contact", "set", "1", "--email", "jane.roe@acme.example")
    assert [a["kind"] for a in run.json("today")["alerts"]] == ["reply"]


def test_a_contacts_own_mail_counts_as_a_reply(sent, mailbox, run):
    mailbox.append("INBOX", _mail({**REPLY, "From": "Jane Roe <JANE@acme.example>",
                                   "Message-ID": "<direct-1@acme.example>"}))
    mailbox.append("INBOX", _mail({**REPLY, "From": "stranger@else.example",
                                   "Message-ID": "<spam-1@else.example>"}))
    out = run.ok("sync")
    assert out.count("Reply:") == 1 and "jane@acme.example" in out


def test_a_message_a_crash_left_sending_is_settled_from_the_sent_folder(sent, mailbox, run,
                                                                        db_path):
    from insidetrack.services import delivery

    app = Session(db_path=db_path, now=run.now, tz=None)
    env = app.env()
    item = delivery.queue(env, delivery.Outgoing(1, sent["Message-ID"], "dana@example.com",
                                                 "jane@acme.example", sent["Subject"],
                                                 sent.as_bytes()))

    def crash(sender: str, recipient: str, raw: bytes) -> None:
        raise KeyboardInterrupt  # the process dies while the server has the message

    with pytest.raises(KeyboardInterrupt):
        delivery.deliver(env, item.id, crash)
    assert run.json("outbox")[0]["state"] == "sending"
    mailbox.append("Sent", sent.as_bytes())
    assert "Message 1 was found in your Sent folder: marked sent." in run.ok("sync")
    assert run.json("outbox")[0]["state"] == "sent"
    assert next(s for s in run.json("plan", "1")["steps"] if s["id"] == 1)["status"] == "done"


def test_sync_needs_imap_settings(run):
    result = run("sync")
    assert result.exit_code == 1 and "insidetrack config set imap.host" in result.stderr


def test_config_test_imap(mailbox, run, monkeypatch):
    assert run.ok("config", "test", "imap").startswith("imap: ok, 127.0.0.1:")
    monkeypatch.setenv("INSIDETRACK_IMAP_PASSWORD", "wrong")
    bad = run("config", "test", "imap")
    assert bad.exit_code == 1 and bad.stdout.startswith("imap: cannot read mail")


CORPUS = Path(__file__).parent / "mail"
THANK_YOU_ID = "<176406120012.2287.5531889370245716401@example.com>"  # as the corpus quotes it
PAUSED, WAITING = "2026-12-03T09:00:00-05:00", "2026-11-25T09:00:00-05:00"  # follow-up #2 due
# Each message in tests/mail/, shaped as the program named in its file name writes it, and
# what sync must make of it: a reply pauses the campaign, a bounce flags Jane, the rest
# are counted as automatic and change nothing (a delay is named, never flagged).
SHAPES = {
    "postfix-bounce.eml": ("bounce", "Bounced: jane@acme.example"),
    "postfix-delay.eml": ("delay", "1 delay notice."),
    "postfix-success-notice.eml": ("automatic", "1 other notice from the mail system."),
    "sendmail-delay.eml": ("delay", "1 delay notice."),
    "qmail-bounce.eml": ("bounce", "Bounced: jane@acme.example"),
    "exim-bounce.eml": ("bounce", "Bounced: jane@acme.example"),
    "exim-delay.eml": ("delay", "1 delay notice."),
    "exchange2003-ndr.eml": ("bounce", "Bounced: jane@acme.example"),
    "exchange2010-ndr-text.eml": ("bounce", "Bounced: jane@acme.example"),
    "exchange-online-ndr.eml": ("bounce", "Bounced: jane@acme.example"),
    "exchange-online-delay.eml": ("delay", "1 delay notice."),
    "gmail-bounce.eml": ("bounce", "Bounced: jane@acme.example"),
    "gmail-delay.eml": ("delay", "1 delay notice."),
    "outlook-read-receipt.eml": ("automatic", "1 read receipt."),
    "gmail-read-receipt.eml": ("automatic", "1 read receipt."),
    "thunderbird-read-receipt.eml": ("automatic", "1 read receipt."),
    "mailman-list-post.eml": ("automatic", "1 mailing-list post."),
    "google-groups-post.eml": ("automatic", "1 mailing-list post."),
    "outlook-automatic-reply.eml": ("automatic", "1 automatic reply."),
    "gmail-vacation-reply.eml": ("automatic", "1 automatic reply."),
    "outlook-reply.eml": ("reply", "Reply: jane@acme.example: RE: Thank you"),
    "gmail-reply.eml": ("reply", "Reply: jane.roe@gmail.example: Re: Thank you"),
    "mutt-reply.eml": ("reply", "Reply: jane@acme.example: Re: Thank you"),
}


def test_the_corpus_names_every_message_it_holds():
    assert sorted(p.name for p in CORPUS.glob("*.eml")) == sorted(SHAPES)


@pytest.fixture
def thank_you_sent(sent, db_path):
    """The thank-you the corpus answers, bounces or reports on: its Message-ID is the corpus's."""
    change(db_path, "UPDATE messages SET message_id = ?", (THANK_YOU_ID,))
    return sent


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_sync_reads_each_real_shaped_message_for_what_it_is(name, thank_you_sent, mailbox, run):
    kind, said = SHAPES[name]
    raw = (CORPUS / name).read_bytes().replace(b"\n", b"\r\n")  # on the wire, and in IMAP
    mailbox.append("INBOX", raw)
    out = run.ok("sync")
    assert "Read 1 new message(s)." in out and said in out, out
    alerts = [(a["kind"], a["from"]) for a in run.json("today")["alerts"]]
    due = next(s for s in run.json("plan", "1")["steps"] if s["number"] == 2)["due"]
    if kind == "reply":
        assert len(alerts) == 1 and alerts[0][0] == "reply" and due == PAUSED
    elif kind == "bounce":
        assert alerts == [("bounce", "jane@acme.example")] and due == WAITING
        assert "Bounced" in run.ok("today")
    else:
        assert "Ignored 1 automatic message(s): " in out and "Reply:" not in out
        assert "Bounced" not in out and alerts == [] and due == WAITING
        assert ("Delayed: jane@acme.example" in out) == (kind == "delay")
