"""The linter: each rule fires on a bad text and stays quiet on a good one."""

from __future__ import annotations

import pytest

from insidetrack.compose.lint import (
    Message,
    Severity,
    Signer,
    has_errors,
    lint_email,
    lint_letter,
    lint_voicemail,
)

ME = Signer("Dana Whitfield", "dana@example.com", "+1 555 0100")
GOOD_BODY = """Dear Maria Lopez,

Thank you for meeting with me on Tuesday about the Sales
Manager position. I enjoyed our conversation about fleet
sales.

Best regards,

Dana Whitfield
dana@example.com
+1 555 0100
"""
GOOD_SUBJECT = "Thank you for reviewing my qualifications: Sales, 6 yrs, autos"


def _rules(body: str = GOOD_BODY, subject: str | None = GOOD_SUBJECT, **extra) -> dict[str, Severity]:
    headers = {} if subject is None else {"Subject": subject}
    return {f.rule: f.severity for f in lint_email(Message(body, headers, **extra), ME)}


def test_a_good_email_has_no_finding():
    assert _rules() == {}


@pytest.mark.parametrize(("rule", "body", "subject"), [
    ("email.ascii", GOOD_BODY.replace("Lopez", "López"), GOOD_SUBJECT),
    ("email.line-length", GOOD_BODY.replace("Sales\nManager", "Sales Manager and more words"),
     GOOD_SUBJECT),
    ("email.subject-missing", GOOD_BODY, None),
    ("email.subject-generic", GOOD_BODY, "Thank you!"),
    ("email.subject-length", GOOD_BODY, "Thank you for reviewing my qualifications: " + "x" * 40),
    ("email.contact", GOOD_BODY.replace("+1 555 0100", ""), GOOD_SUBJECT),
    ("email.contact", GOOD_BODY.replace("dana@example.com", ""), GOOD_SUBJECT),
    ("email.plain-text", GOOD_BODY + "<p>hello</p>\n", GOOD_SUBJECT),
    ("email.emoji", GOOD_BODY.replace("sales.", "sales. \U0001F600"), GOOD_SUBJECT),
    ("email.text-speak", GOOD_BODY.replace("Thank you for", "thx for"), GOOD_SUBJECT),
    ("email.text-speak", GOOD_BODY.replace("with me", "with u"), GOOD_SUBJECT),
    ("email.greeting", GOOD_BODY.replace("Dear Maria Lopez,", "Hey Maria,"), GOOD_SUBJECT),
    ("email.exclamation", GOOD_BODY.replace("sales.", "sales!!"), GOOD_SUBJECT),
    ("email.shouting", GOOD_BODY.replace("sales.", "sales. BIG NEWS"), GOOD_SUBJECT),
    ("email.placeholder", GOOD_BODY.replace("Tuesday", "[Day]"), GOOD_SUBJECT),
    ("email.placeholder", GOOD_BODY.replace("Tuesday", "{day}"), GOOD_SUBJECT),
    ("email.placeholder", GOOD_BODY + "TODO: add a fact\n", GOOD_SUBJECT),
])
def test_each_rule_fires_on_its_fault(rule, body, subject):
    found = _rules(body, subject)
    also = {"email.emoji": {"email.ascii"}}.get(rule, set())  # an emoji is not ASCII either
    assert set(found) == {rule} | also  # and nothing else


def test_attachments_and_parts_are_refused():
    assert _rules(parts=2) == {"email.plain-text": Severity.ERROR}
    assert _rules(attachments=1) == {"email.plain-text": Severity.ERROR}
    assert _rules(content_type="text/html") == {"email.plain-text": Severity.ERROR}


def test_length_warns_then_refuses():
    wrapped = "I look forward to hearing\nfrom you about the role.\n"
    assert _rules(GOOD_BODY + wrapped * 20)["email.length"] is Severity.WARNING
    assert _rules(GOOD_BODY + wrapped * 40)["email.length"] is Severity.ERROR


def test_us_is_not_text_speak():
    assert _rules(GOOD_BODY.replace("sales.", "sales in the U.S.")) == {}


def test_a_deliberately_bad_email_gets_one_finding_per_broken_rule():
    bad = "Hey u!!\nThis line is much much much much much much much much much longer than sixty.\n" \
          "Café {name} \U0001F600\n<b>WOW THIS IS GREAT</b>\n"
    found = lint_email(Message(bad, {"Subject": "Hello"}), ME)
    rules = [f.rule for f in found]
    assert sorted(rules) == sorted({
        "email.greeting", "email.text-speak", "email.exclamation", "email.line-length",
        "email.ascii", "email.placeholder", "email.emoji", "email.plain-text", "email.shouting",
        "email.subject-generic", "email.contact",
    })
    assert has_errors(found)


def test_line_numbers_count_from_the_file():
    body = "Dear Maria,\n\nThanks again, and " + "x" * 70 + "\n"
    found = lint_email(Message(body, {"Subject": GOOD_SUBJECT}, body_line=4), ME)
    assert next(f.line for f in found if f.rule == "email.line-length") == 6


VOICEMAIL = ("This is Dana Whitfield. I'm calling about the Sales Manager opening. After "
             "reflecting on the issues you mentioned, I thought of a facet of slow winter months "
             "you might like to know. My number is +1 555 0100.")


def test_voicemail_rules():
    assert lint_voicemail(VOICEMAIL, ME, "Sales Manager") == []
    assert [f.rule for f in lint_voicemail(VOICEMAIL + " more" * 60, ME, "Sales Manager")] == [
        "voicemail.length"]
    assert [f.rule for f in lint_voicemail(VOICEMAIL.replace("Dana Whitfield", "me"), ME)] == [
        "voicemail.caller"]
    assert [f.rule for f in lint_voicemail(VOICEMAIL, ME, "Fleet Rep")] == ["voicemail.job"]
    assert [f.rule for f in lint_voicemail(VOICEMAIL.replace("+1 555 0100", "on file"), ME)] == [
        "voicemail.phone"]


LETTER = """Dana Whitfield
12 Elm Street
dana@example.com | +1 555 0100

November 25, 2026

Maria Lopez
Northwind Motors

Dear Maria Lopez:

Thank you for the interview.

Sincerely,

Dana Whitfield
dana@example.com
+1 555 0100
"""


def test_letter_rules():
    assert lint_letter(LETTER, ME) == []
    assert [f.rule for f in lint_letter(LETTER.replace("November 25, 2026", ""), ME)] == ["letter.date"]
    assert [f.rule for f in lint_letter(LETTER.replace("Dear Maria Lopez:", "Maria,"), ME)] == [
        "letter.salutation"]
    no_recipient = "\n".join(LETTER.splitlines()[8:])
    assert "letter.recipient" in [f.rule for f in lint_letter(no_recipient, ME)]
    unsigned = LETTER.rsplit("Dana Whitfield", 1)[0]
    assert [f.rule for f in lint_letter(unsigned, ME)] == ["letter.signature"]


def test_addresses_are_not_text_speak():
    me = Signer("U Thant", "u@example.com", "+1 555 0100")
    body = GOOD_BODY.replace("dana@example.com", "u@example.com") + "https://r.example/u\n"
    assert lint_email(Message(body, {"Subject": GOOD_SUBJECT}), me) == []


# Lines without spaces that made a pattern retry from every position (quadratic time):
# letters, dotted words, digits and dashes, underscores, capitals.
RUNS = ["a", "a.", "1-", "_", "AB"]


def _seconds(body: str) -> float:
    """Return the best of five timings of every linter on a body, in CPU seconds.

    CPU time, not wall time: other processes on a busy 2-core machine (a parallel
    test run) then cannot make one size look slower than the other.
    """
    import time

    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        lint_email(Message(body, {"Subject": body[:100]}))
        lint_letter(body)
        lint_voicemail(body)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("unit", RUNS)
def test_linting_time_grows_in_step_with_the_text(unit):
    # Ten times the text takes about ten times as long (quadratic patterns took 100 times).
    short = _seconds(unit * (5_000 // len(unit)))
    long = _seconds(unit * (50_000 // len(unit)))
    assert long < 30 * short, (short, long)


def test_a_one_megabyte_line_is_linted_in_well_under_a_second():
    import subprocess
    import sys

    # In a child process: a quadratic pattern would hold it for hours, and the timeout ends it.
    code = ("import time; from insidetrack.compose.lint import Message, lint_email; "
            "body = 'a' * 1_000_000; start = time.perf_counter(); "
            "lint_email(Message(body, {'Subject': 'x'})); print(time.perf_counter() - start)")
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=20, check=True)
    except subprocess.TimeoutExpired:
        pytest.fail("linting 1 MB without spaces did not end within 20 seconds")
    assert float(done.stdout) < 2.0
