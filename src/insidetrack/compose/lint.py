"""Check a follow-up against the playbook's rules; findings are data, never raised.

Playbook: "Keep your e-mail follow-up short and send it in plain text (ASCII),
not as an attachment. Limit the message's width to three quarters of the
screen. Use appropriate business language. Don't forget your contact
information ... complete your subject line with sales pizzazz."
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    line: int
    message: str


@dataclass(frozen=True)
class Message:
    """What the linter reads: headers, body lines, and how the message is built."""

    body: str
    headers: dict[str, str] = field(default_factory=dict)
    body_line: int = 1  # the file line where the body starts
    parts: int = 1
    content_type: str = "text/plain"
    attachments: int = 0


@dataclass(frozen=True)
class LintSettings:
    line_width: int = 60
    words_warning: int = 200
    words_error: int = 300
    subject_width: int = 78
    voicemail_words: int = 75  # 30 seconds at 150 words a minute


@dataclass(frozen=True)
class Signer:
    """The candidate's details that a message must carry, when known."""

    name: str = ""
    email: str = ""
    phone: str = ""


GENERIC_SUBJECTS = {
    "thank you", "thanks", "follow up", "follow-up", "following up", "hello", "hi",
    "interview", "checking in", "re:", "(no subject)",
}
TEXT_SPEAK = {
    "thx", "thnx", "ur", "pls", "plz", "lol", "btw", "omg", "gonna", "wanna", "b4", "cya",
    "tnx", "imo", "idk",
}
TEXT_SPEAK_EXACT = {"u", "r"}  # lower case only: "U.S." is not text-speak
# Linear on any input: an address starts only where a run of its characters starts (the
# lookbehind), and the possessive runs never give characters back.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+")
_PHONE = re.compile(r"\+?\(?\d[\d ().-]{5,}\d")
_URL = re.compile(r"https?://\S+")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|\[[A-Z][A-Za-z ]*\]|\bTODO\b|\bXXX\b|_{3,}|<[A-Z][A-Z_ ]+>")
_HTML = re.compile(r"</?(html|body|p|br|div|span|a|b|i|table)\b", re.IGNORECASE)
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]")
_CAPS_RUN = re.compile(r"\b[A-Z]{2,}(?:[ \t]+[A-Z]{2,})*\b")
SHOUT_LETTERS = 7  # "BIG NEWS", "AMAZING"; short acronyms such as "IBM USA" pass
_WORD = re.compile(r"[A-Za-z0-9']+")


def _first(lines: list[str], start: int, test: Callable[[str], object]) -> int | None:
    """Return the file line of the first line that passes a test."""
    for n, line in enumerate(lines):
        if test(line):
            return start + n
    return None


def _add(found: list[Finding], rule: str, severity: Severity, line: int | None, msg: str) -> None:
    if line is not None:
        found.append(Finding(rule, severity, line, msg))


def words(text: str) -> int:
    return len(_WORD.findall(text))


def lint_email(m: Message, me: Signer = Signer(), s: LintSettings = LintSettings()) -> list[Finding]:
    """Check an e-mail: plain ASCII, narrow, short, a selling subject, contact details."""
    found: list[Finding] = []
    lines, at = m.body.splitlines(), m.body_line
    E, W = Severity.ERROR, Severity.WARNING
    _add(found, "email.ascii", E, _first(lines, at, lambda x: not x.isascii()),
         "use plain ASCII only; accents and symbols can arrive garbled")
    _add(found, "email.line-length", E, _first(lines, at, lambda x: len(x) > s.line_width),
         f"keep lines to {s.line_width} characters, three quarters of the screen")
    count = words(m.body)
    if count > s.words_error:
        _add(found, "email.length", E, at, f"{count} words: keep a follow-up under {s.words_error}")
    elif count > s.words_warning:
        _add(found, "email.length", W, at, f"{count} words: short is better, under {s.words_warning}")
    found.extend(_subject(m.headers.get("Subject"), s))
    _add(found, "email.contact", E, _missing_contact(m.body, me),
         "add your contact details: your e-mail address and your phone number")
    if m.parts > 1 or m.attachments or m.content_type != "text/plain" or _HTML.search(m.body):
        _add(found, "email.plain-text", E, at,
             "send one plain-text part, no HTML and no attachment")
    found.extend(_business_language(lines, at))
    _add(found, "email.placeholder", E, _first(lines, at, _PLACEHOLDER.search),
         "fill in or remove the placeholder left in the text")
    return sorted(found, key=lambda f: (f.line, f.rule))


def _subject(subject: str | None, s: LintSettings) -> list[Finding]:
    E = Severity.ERROR
    if subject is None or not subject.strip():
        return [Finding("email.subject-missing", E, 1, "add a subject line that sells you")]
    bare = subject.strip().rstrip(".!").casefold()
    found = []
    if bare in GENERIC_SUBJECTS:
        found.append(Finding("email.subject-generic", E, 1,
                             f"'{subject}' says nothing: add what you offer, e.g. "
                             "'Thank you for reviewing my qualifications: Sales, 6 yrs, autos'"))
    if len(subject) > s.subject_width:
        found.append(Finding("email.subject-length", E, 1,
                             f"keep the subject to {s.subject_width} characters"))
    if not subject.isascii():
        found.append(Finding("email.ascii", E, 1, "use plain ASCII in the subject"))
    return found


def _has_email(text: str, me: Signer) -> bool:
    return me.email.casefold() in text.casefold() if me.email else bool(_EMAIL.search(text))


def _has_phone(text: str, me: Signer) -> bool:
    own = re.sub(r"\D", "", me.phone)
    return own in re.sub(r"\D", "", text) if own else bool(_PHONE.search(text))


def _missing_contact(body: str, me: Signer) -> int | None:
    return None if _has_email(body, me) and _has_phone(body, me) else 1


def _business_language(lines: list[str], at: int) -> list[Finding]:
    E, W = Severity.ERROR, Severity.WARNING
    found: list[Finding] = []
    _add(found, "email.emoji", E, _first(lines, at, _EMOJI.search),
         "leave emoji out of a business message")
    _add(found, "email.text-speak", E,
         _first(lines, at, text_speak),
         "write words out in full (no 'thx', 'u', 'pls')")
    opening = next(((n, x) for n, x in enumerate(lines) if x.strip()), (0, ""))
    if re.match(r"\s*(hey|yo|hiya|sup)\b", opening[1], re.IGNORECASE):
        _add(found, "email.greeting", E, at + opening[0], "open with 'Dear ...', not 'Hey'")
    _add(found, "email.exclamation", W, _first(lines, at, lambda x: "!!" in x),
         "one exclamation mark at most")
    _add(found, "email.shouting", W, _first(lines, at, _shouting),
         "avoid writing in capitals: it reads as shouting")
    return found


def _shouting(line: str) -> bool:
    return any(sum(c.isalpha() for c in run) >= SHOUT_LETTERS for run in _CAPS_RUN.findall(line))


def text_speak(line: str) -> bool:
    """Tell whether a line has text-speak, leaving e-mail and web addresses aside."""
    found = set(_WORD.findall(_URL.sub(" ", _EMAIL.sub(" ", line))))
    return bool({w.casefold() for w in found} & TEXT_SPEAK or found & TEXT_SPEAK_EXACT)


def lint_voicemail(text: str, me: Signer = Signer(), job: str = "",
                   s: LintSettings = LintSettings()) -> list[Finding]:
    """Check a voicemail: 30 seconds at most, says who calls, about what, and the number.

    Playbook: "your chances improve when you say something interesting in a
    30-second sound bite".
    """
    E = Severity.ERROR
    found: list[Finding] = []
    count = words(text)
    if count > s.voicemail_words:
        found.append(Finding("voicemail.length", E, 1,
                             f"{count} words take about {count * 60 // 150} seconds: "
                             f"keep to {s.voicemail_words} words, 30 seconds"))
    caller = me.name.casefold() in text.casefold() if me.name else "this is" in text.casefold()
    if not caller:
        found.append(Finding("voicemail.caller", E, 1, "say who is calling: 'This is ...'"))
    if job and job.casefold() not in text.casefold():
        found.append(Finding("voicemail.job", E, 1, f"say which opening you are calling about: {job}"))
    if not _has_phone(text, me):
        found.append(Finding("voicemail.phone", E, 1, "leave your phone number"))
    return found


def lint_letter(text: str, me: Signer = Signer()) -> list[Finding]:
    """Check a business letter: date, recipient, salutation, signature with contact details."""
    E = Severity.ERROR
    lines = text.splitlines()
    found: list[Finding] = []
    dated = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October"
                       r"|November|December) \d{1,2}, \d{4}\b|\b\d{4}-\d{2}-\d{2}\b")
    salutation = _first(lines, 1, lambda x: x.startswith("Dear "))
    if _first(lines, 1, dated.search) is None:
        found.append(Finding("letter.date", E, 1, "date the letter"))
    if salutation is None:
        found.append(Finding("letter.salutation", E, 1, "open with a salutation: 'Dear ...:'"))
    elif salutation < 4:
        found.append(Finding("letter.recipient", E, 1,
                             "put the recipient's name and address above the salutation"))
    closing = _first(lines, 1, lambda x: x.strip().rstrip(",") in
                     ("Sincerely", "Best regards", "Yours sincerely", "Kind regards", "Regards"))
    tail = "\n".join(lines[closing - 1:]) if closing else ""
    if closing is None or _missing_contact(tail, me) is not None or (me.name and me.name not in tail):
        found.append(Finding("letter.signature", E, closing or max(1, len(lines)),
                             "close with your signature: name, e-mail and phone"))
    return found


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


_HEADER = re.compile(r"^(To|From|Cc|Subject|Date):[ \t]?(.*)$", re.IGNORECASE)


def read_text_message(text: str) -> Message:
    """Split a text draft into its leading header lines and its body."""
    lines = text.splitlines()
    headers: dict[str, str] = {}
    n = 0
    while n < len(lines) and (match := _HEADER.match(lines[n])):
        headers[match[1].capitalize()] = match[2]
        n += 1
    if headers and n < len(lines) and not lines[n].strip():
        n += 1
    return Message("\n".join(lines[n:]), headers, body_line=n + 1)
