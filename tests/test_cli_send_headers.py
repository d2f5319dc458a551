"""What the interviewer receives, through aiosmtpd and then Dovecot: one conversation, names
as they are written, CRLF line ends, and subjects cut at a word."""

from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage

import pytest

from servers import PASSWORD, aiosmtpd_server, dovecot, dovecot_missing

FLEET_DEAL = ("I closed a 40-unit fleet deal with a regional delivery company last week, the "
              "largest our branch has signed this year")
COURSE = "I finished the Salesforce administrator course"


@pytest.fixture(scope="module")
def imap_port():
    if dovecot_missing():
        pytest.skip(str(dovecot_missing()))
    with dovecot() as port:
        yield port


@pytest.fixture
def inbox(imap_port, request):
    """Zoë's own mailbox on Dovecot, where what the SMTP server took is delivered."""
    from imapclient import IMAPClient

    client = IMAPClient("127.0.0.1", port=imap_port, ssl=False)
    client.login(f"zoe{abs(hash(request.node.name)) % 10**8}", PASSWORD)
    yield client
    client.logout()


@pytest.fixture
def smtp_server(run):
    with aiosmtpd_server() as (controller, handler):
        run.ok("config", "set", "smtp.host", "127.0.0.1")
        run.ok("config", "set", "smtp.port", str(controller.port))
        run.ok("config", "set", "smtp.security", "none")
        yield handler


def _campaign(run, job_title: str = "Sales Manager", name: str = "Dana Whitfield") -> None:
    run.ok("profile", "set", "--name", name, "--email", "dana@example.com",
           "--phone", "+1 555 0100", "--field", "Sales", "--years", "6", "--specialty", "autos")
    run.logged_on_time("interview", "add", "--employer", "Acme Motors", "--job-title", job_title,
                       "--at", "2026-11-18 10:00",
                       "--interviewer", "Zoë Martin <zoe@acme.example>", "--topic", "fleet sales")
    run.ok("fact", "add", "1", FLEET_DEAL)
    run.ok("fact", "add", "1", COURSE)


def _steps(run) -> dict[str, int]:
    """Map 'thank-you 1', 'follow-up 2', ... to step ids."""
    return {f"{s['kind']} {s['number']}": s["id"] for s in run.json("plan", "1")["steps"]}


def _parsed(raw: bytes) -> EmailMessage:
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def test_follow_ups_continue_the_conversation_the_thank_you_began(run, smtp_server, inbox):
    _campaign(run)
    steps = _steps(run)
    first = _parsed(run("draft", str(steps["follow-up 2"]), "--format", "eml").stdout_bytes)
    assert "In-Reply-To" not in first  # nothing sent to Zoë yet: nothing to answer
    for key in ("thank-you 1", "follow-up 2", "follow-up 3"):
        assert "Sent to zoe@acme.example" in run.ok("send", str(steps[key]), "--yes")
    thank_you, second, third = (_parsed(raw) for raw in smtp_server.received)
    assert "In-Reply-To" not in thank_you and "References" not in thank_you
    assert (second["In-Reply-To"], second["References"]) == (thank_you["Message-ID"],) * 2
    assert third["In-Reply-To"] == second["Message-ID"]
    assert third["References"].split() == [thank_you["Message-ID"], second["Message-ID"]]
    for raw in smtp_server.received:
        inbox.append("INBOX", raw)
    inbox.select_folder("INBOX", readonly=True)
    threads = inbox.thread("REFERENCES")  # Dovecot threads them as a mail client would
    assert len(threads) == 1 and sorted(_flat(threads[0])) == [1, 2, 3], threads


def _flat(thread: object) -> list[int]:
    if isinstance(thread, int):
        return [thread]
    return [n for branch in thread for n in _flat(branch)]  # type: ignore[attr-defined]


def test_a_follow_up_over_1000_bytes_reaches_a_strict_server_with_crlf(run, smtp_server):
    _campaign(run, name="Dana Whitfield-Ramirez")  # a long name: well over 1,000 bytes
    steps = _steps(run)
    run.ok("send", str(steps["thank-you 1"]), "--yes")
    out = run("send", str(steps["follow-up 2"]), "--yes")
    assert out.exit_code == 0, out.output  # aiosmtpd: "500 Line too long" on bare LF
    raw = smtp_server.received[1]
    assert len(raw) > 1000
    assert raw.count(b"\r\n") == raw.count(b"\n") and max(map(len, raw.split(b"\r\n"))) <= 78


def test_names_keep_their_accents_in_headers_while_the_body_stays_ascii(run, smtp_server, inbox):
    _campaign(run, name="Renée Whitfield")
    run.ok("send", str(_steps(run)["thank-you 1"]), "--yes")
    raw = smtp_server.received[0]
    msg = _parsed(raw)
    assert raw.isascii()  # the names travel as RFC 2047 encoded words, as the stdlib writes them
    assert msg["To"] == "Zoë Martin <zoe@acme.example>"
    assert msg["From"] == "Renée Whitfield <dana@example.com>"
    body = msg.get_content()
    assert body.isascii() and "Dear Zoe Martin," in body and "Renee Whitfield" in body
    inbox.append("INBOX", raw)
    inbox.select_folder("INBOX", readonly=True)
    assert inbox.search(["TO", "Zoë", "FROM", "Renée"], charset="UTF-8") == [1]  # Dovecot reads them


def test_a_long_job_title_is_cut_at_a_word_and_the_selling_part_stays(run, smtp_server):
    _campaign(run, job_title="Fleet Sales Manager, North American Automotive Dealer Network")
    steps = _steps(run)
    run.ok("send", str(steps["thank-you 1"]), "--yes")
    run.ok("send", str(steps["follow-up 2"]), "--yes")
    subjects = [_parsed(raw)["Subject"] for raw in smtp_server.received]
    assert subjects == ["Thank you for reviewing my qualifications: Sales, 6 yrs, autos",
                        "Still keen on the Fleet Sales Manager role: Sales, 6 yrs, autos"]
