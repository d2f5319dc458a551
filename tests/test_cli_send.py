"""Sending through a real SMTP server (aiosmtpd on 127.0.0.1) with an outbox."""

from __future__ import annotations

import email
import signal
import subprocess
import sys
from email import policy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insidetrack.domain.errors import InputError
from insidetrack.integrations.eml import Envelope, build_message, has_control
from servers import aiosmtpd_server, free_port


@pytest.fixture
def smtp_server():
    with aiosmtpd_server() as server:
        yield server


@pytest.fixture
def campaign(run):
    run.ok("profile", "set", "--name", "Dana Whitfield", "--email", "dana@example.com",
           "--phone", "+1 555 0100", "--field", "Sales", "--years", "6", "--specialty", "autos")
    run.logged_on_time("interview", "add", "--employer", "Acme Motors", "--job-title",
                       "Sales Manager", "--at", "2026-11-18 10:00",
                       "--interviewer", "Zoë Martin <zoe@acme.example>", "--topic", "fleet sales")
    return run


def _configure(run, port: int) -> None:
    run.ok("config", "set", "smtp.host", "127.0.0.1")
    run.ok("config", "set", "smtp.port", str(port))
    run.ok("config", "set", "smtp.security", "none")


def _body(msg: email.message.EmailMessage) -> str:
    """Return the text as the reader sees it: SMTP's CRLF line ends read as newlines."""
    return msg.get_content().replace("\r\n", "\n").rstrip("\n") + "\n"


def test_send_delivers_exactly_the_draft_and_completes_the_step(campaign, smtp_server):
    controller, handler = smtp_server
    run = campaign
    _configure(run, controller.port)
    draft = run.ok("draft", "1")
    result = run("send", "1", "--yes")
    assert result.exit_code == 0, result.output
    assert "Sent to zoe@acme.example (message 1); step 1 is done." in result.stdout
    assert len(handler.received) == 1
    msg = email.message_from_bytes(handler.received[0], policy=policy.default)
    assert msg["To"] == "Zoë Martin <zoe@acme.example>"  # the body is ASCII, the name is hers
    assert f"To: {msg['To']}\nSubject: {msg['Subject']}\n\n{_body(msg)}" == draft
    assert not msg.is_multipart() and msg.get_content_charset() == "us-ascii"
    item = run.json("outbox")[0]
    assert (item["state"], item["message_id"]) == ("sent", msg["Message-ID"])
    step = next(s for s in run.json("plan", "1")["steps"] if s["id"] == 1)
    assert step["status"] == "done"
    assert run.json("interview", "show", "1")["touchpoints"][0]["kind"] == "email-sent"
    again = run("send", "1", "--yes")
    assert again.exit_code == 1 and "already done" in again.stderr
    assert len(handler.received) == 1


def test_server_down_queues_then_retry_sends_once(campaign, smtp_server):
    controller, handler = smtp_server
    run = campaign
    _configure(run, free_port())  # nothing listens there
    result = run("send", "1", "--yes")
    assert result.exit_code == 1
    assert "Queued, not sent: cannot reach 127.0.0.1" in result.stdout
    item = run.json("outbox")[0]
    assert item["state"] == "queued" and "cannot reach" in item["reason"]
    assert next(s for s in run.json("plan", "1")["steps"] if s["id"] == 1)["status"] == "pending"
    _configure(run, controller.port)
    assert "Sent to zoe@acme.example" in run.ok("outbox", "retry")
    assert "Nothing is queued." in run.ok("outbox", "retry")
    assert len(handler.received) == 1
    assert run.json("outbox")[0]["state"] == "sent"


def test_refusals_queue_or_fail(campaign, smtp_server):
    controller, handler = smtp_server
    run = campaign
    _configure(run, controller.port)
    handler.answer = "451 Try again later"
    assert run("send", "1", "--yes").exit_code == 1
    assert run.json("outbox")[0]["state"] == "queued"
    handler.answer = "421 Service not available, closing transmission channel"
    assert run("outbox", "retry").exit_code == 1  # the server hangs up: still queued
    assert run.json("outbox")[0]["state"] == "queued"
    handler.answer = "550 No such user"
    assert "retrying will not help" in run("outbox", "retry").stdout
    assert run.json("outbox")[0]["state"] == "failed"
    handler.answer = None
    assert "Sent to" in run.ok("outbox", "retry", "1")
    assert len(handler.received) == 1


def test_a_recipient_refused_at_send_time_is_flagged_like_a_bounce(campaign, smtp_server):
    controller, handler = smtp_server
    run = campaign
    _configure(run, controller.port)
    handler.unknown = {"zoe@acme.example"}
    result = run("send", "1", "--yes")
    assert result.exit_code == 1
    assert ("Not sent, and retrying will not help: zoe@acme.example refused: 550 5.1.1 "
            "<zoe@acme.example>: Recipient address rejected: User unknown") in result.stdout
    assert "the address is now flagged as bouncing (message 1)." in result.stdout
    assert run.json("outbox")[0]["state"] == "failed"
    alerts = run.json("today")["alerts"]
    assert [(a["kind"], a["from"], a["employer"]) for a in alerts] == [
        ("bounce", "zoe@acme.example", "Acme Motors")]
    assert "Bounced: zoe@acme.example (Acme Motors) -> fix the address" in run.ok("today")
    assert run("outbox", "retry", "1").exit_code == 1  # refused again: still one alert
    assert len(run.json("today")["alerts"]) == 1
    run.ok("contact", "set", "1", "--email", "zoe.martin@acme.example")
    assert run.json("today")["alerts"] == []
    assert "Sent to zoe.martin@acme.example" in run.ok("send", "1", "--yes")
    assert len(handler.received) == 1


def test_a_message_queued_with_bare_line_feeds_goes_out_with_crlf(campaign, smtp_server, db_path):
    """An earlier version queued LF-only bytes: a retry must still send what a server takes."""
    from dbs import change, query

    controller, handler = smtp_server
    run = campaign
    _configure(run, free_port())  # down: the message stays queued
    run("send", "1", "--yes")
    raw = bytes(query(db_path, "SELECT raw FROM outbox")[0][0])
    change(db_path, "UPDATE outbox SET raw = ?", (raw.replace(b"\r\n", b"\n"),))
    _configure(run, controller.port)
    assert "Sent to zoe@acme.example" in run.ok("outbox", "retry")
    assert handler.received[0].replace(b"\r\n", b"\n") == raw.replace(b"\r\n", b"\n")


def test_send_refuses_a_draft_that_breaks_the_rules(campaign, smtp_server, tmp_path):
    controller, handler = smtp_server
    run = campaign
    _configure(run, controller.port)
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "thank_you_email.txt").write_text("Hey {{ recipient }}, thx!!\n")
    result = run("send", "1", "--yes")
    assert result.exit_code == 1
    assert "[email.greeting]" in result.stderr and "not sent" in result.stderr
    assert handler.received == [] and run.json("outbox") == []


def test_send_needs_smtp_settings(campaign):
    result = campaign("send", "1", "--yes")
    assert result.exit_code == 1 and "insidetrack config set smtp.host" in result.stderr


def test_a_crash_after_the_server_accepted_never_sends_twice(campaign, smtp_server, db_path):
    controller, handler = smtp_server
    run = campaign
    _configure(run, controller.port)
    script = Path(sys.executable).parent / "insidetrack"
    proc = subprocess.Popen([str(script), "--db", str(db_path), "send", "1", "--yes"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    handler.kill_pid = proc.pid
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert len(handler.received) == 1
    item = run.json("outbox")[0]
    assert item["state"] == "sending"
    assert "Nothing is queued." in run.ok("outbox", "retry")
    assert len(handler.received) == 1
    assert "check your Sent folder" in run.ok("outbox")
    assert "Message 1 is sent; its step is done." in run.ok("outbox", "settle", "1", "--sent")
    assert next(s for s in run.json("plan", "1")["steps"] if s["id"] == 1)["status"] == "done"


ENVELOPE = Envelope("Dana", "dana@example.com", "Zoe", "zoe@acme.example", "Thanks",
                    __import__("datetime").datetime(2026, 11, 25, 12, 0,
                                                    tzinfo=__import__("datetime").UTC))


@settings(deadline=None)
@given(st.text(max_size=80), st.text(max_size=40))
def test_no_subject_or_name_can_inject_a_header(subject, name):
    from dataclasses import replace

    try:
        msg = build_message(replace(ENVELOPE, subject=subject, to_name=name), "Hello\n")
    except InputError as exc:
        assert has_control(subject + name), exc.message
        return
    parsed = email.message_from_bytes(msg.as_bytes(), policy=policy.default)
    assert sorted(parsed.keys()) == sorted(
        ["From", "To", "Subject", "Date", "Message-ID", "Content-Type",
         "Content-Transfer-Encoding", "MIME-Version"])
    assert parsed["Subject"] == subject.strip() or parsed["Subject"] == subject
    assert parsed["To"].addresses[0].addr_spec == "zoe@acme.example"


def test_config_test_smtp(campaign, smtp_server):
    controller, _ = smtp_server
    _configure(campaign, controller.port)
    assert campaign.ok("config", "test", "smtp").strip() == (
        f"smtp: ok, 127.0.0.1:{controller.port} (none), no login")
    _configure(campaign, free_port())
    result = campaign("config", "test", "smtp")
    assert result.exit_code == 1 and "smtp: cannot use 127.0.0.1" in result.stdout


def test_passwords_never_reach_the_settings_file(campaign, tmp_path):
    campaign.ok("config", "set", "smtp.user", "dana")
    result = campaign("config", "password", "smtp", input="hunter2\n")
    text = (tmp_path / "config.toml").read_text()
    assert "hunter2" not in text
    assert result.exit_code == 0 or "INSIDETRACK_SMTP_PASSWORD" in result.stderr


def test_a_thank_you_sent_before_the_interview_hour_completes(run, smtp_server):
    """The server took it, so it was sent: nothing may leave it stuck in 'sending'."""
    controller, handler = smtp_server
    run.ok("profile", "set", "--name", "Dana Whitfield", "--email", "dana@example.com",
           "--phone", "+1 555 0100", "--field", "Sales")
    run.ok("interview", "add", "--employer", "Acme Motors", "--job-title", "Sales Manager",
           "--at", "2026-11-25 17:00", "--interviewer", "Zoë Martin <zoe@acme.example>",
           "--topic", "fleet sales")  # later today: NOW is 15:00
    _configure(run, controller.port)
    result = run("send", "1", "--yes")
    assert result.exit_code == 0, result.output
    assert "step 1 is done" in result.stdout and "--at" not in result.output
    assert [i["state"] for i in run.json("outbox")] == ["sent"]
    assert len(handler.received) == 1


def test_settling_a_message_sent_before_the_interview_hour_completes(run, smtp_server, db_path):
    controller, handler = smtp_server
    run.ok("profile", "set", "--name", "Dana Whitfield", "--email", "dana@example.com",
           "--phone", "+1 555 0100", "--field", "Sales")
    run.ok("interview", "add", "--employer", "Acme Motors", "--job-title", "Sales Manager",
           "--at", "2026-11-25 17:00", "--interviewer", "Zoë Martin <zoe@acme.example>",
           "--topic", "fleet sales")
    _configure(run, controller.port)
    handler.answer = "451 try again later"
    run("send", "1", "--yes")
    from dbs import change

    change(db_path, "UPDATE outbox SET state = 'sending'")  # as a crash would leave it
    out = run("outbox", "settle", "1", "--sent")
    assert out.exit_code == 0, out.output
    assert "--at" not in out.output
    assert [s["status"] for s in run.json("plan", "1")["steps"] if s["id"] == 1] == ["done"]
    done = run("done", "2", "--at", "2026-11-25 16:00")
    assert done.exit_code == 2 and "before the interview began" in done.stderr


def test_send_on_a_letter_or_a_call_says_what_to_do_instead(run):
    run.ok("profile", "set", "--name", "Dana Whitfield", "--email", "dana@example.com",
           "--phone", "+1 555 0100")
    run.ok("employer", "add", "Northwind", "--traditionalist")
    run.ok("interview", "add", "--employer", "Northwind", "--job-title", "Rep", "--at",
           "2026-11-18 10:00", "--interviewer", "Maria López <maria@northwind.example>")
    steps = {s["kind"]: s["id"] for s in run.json("plan", "1")["steps"]}
    letter = run("send", str(steps["thank-you"]), "--yes")
    assert letter.exit_code == 2 and not letter.stderr.startswith("insidetrack: error: --format")
    assert letter.stderr == (
        f"insidetrack: error: STEP_ID: step {steps['thank-you']} is a letter, to print and mail, not an "
        "e-mail: print it (as a PDF), then mark it done\n")
    call = run("send", str(steps["call"]), "--yes")
    assert call.exit_code == 2 and f"step {steps['call']} is a call, not an e-mail" in call.stderr


def test_outbox_settle_without_an_answer_names_both_options(campaign):
    result = campaign("outbox", "settle", "1")
    assert result.exit_code == 2
    assert "--sent" in result.stderr and "--not-sent" in result.stderr
    assert result.stderr.count("\n") == 1


def test_the_thank_you_for_an_offer_is_sent_like_any_e_mail(campaign, smtp_server):
    controller, handler = smtp_server
    run = campaign
    _configure(run, controller.port)
    run.ok("log", "1", "decision", "--outcome", "offer", "--at", "2026-11-25 12:00")
    step = next(s for s in run.json("plan", "1")["steps"] if s["kind"] == "offer-thanks")
    result = run("send", str(step["id"]), "--yes")
    assert result.exit_code == 0, result.output
    msg = email.message_from_bytes(handler.received[0], policy=policy.default)
    assert msg["Subject"] == "Thank you for the offer: Sales Manager"
    assert run.json("today", "--date", "2026-12-31")["items"] == []
