"""The kinds of draft: one entry each says its template, label, formats and how it is linted.

A new kind of draft is an entry here and a template in `templates/`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from insidetrack.compose import lint


class DraftKind(StrEnum):
    EMAIL = "email"
    LETTER = "letter"
    CALL_SHEET = "call-sheet"
    VOICEMAIL = "voicemail"
    REFERENCE_BRIEF = "reference-brief"
    REFERENCE_THANKS = "reference-thanks"


Linter = Callable[[str, lint.Signer, lint.LintSettings, str], list[lint.Finding]]


def _email(text: str, me: lint.Signer, s: lint.LintSettings, job: str) -> list[lint.Finding]:
    return lint.lint_email(lint.read_text_message(text), me, s)


def _letter(text: str, me: lint.Signer, s: lint.LintSettings, job: str) -> list[lint.Finding]:
    return lint.lint_letter(text, me)


def _voicemail(text: str, me: lint.Signer, s: lint.LintSettings, job: str) -> list[lint.Finding]:
    return lint.lint_voicemail(text, me, job, s)


@dataclass(frozen=True)
class KindInfo:
    label: str  # in the user's words
    formats: tuple[str, ...]  # what `draft --format` may make of it
    linter: Linter | None  # call sheets and briefs are notes for the user: not linted

    @property
    def article(self) -> str:
        return "an" if self.label[0] in "aeiou" else "a"


KINDS: dict[DraftKind, KindInfo] = {
    DraftKind.EMAIL: KindInfo("e-mail", ("text", "eml"), _email),
    DraftKind.LETTER: KindInfo("letter", ("text", "pdf"), _letter),
    DraftKind.CALL_SHEET: KindInfo("call sheet", ("text",), None),
    DraftKind.VOICEMAIL: KindInfo("voicemail", ("text",), _voicemail),
    DraftKind.REFERENCE_BRIEF: KindInfo("reference brief", ("text",), None),
    DraftKind.REFERENCE_THANKS: KindInfo("reference thank-you call", ("text",), None),
}
# The template each kind is drafted from (thank-yous and follow-ups have one each).
TEMPLATES: dict[str, DraftKind] = {
    "thank_you_email.txt": DraftKind.EMAIL, "follow_up_email.txt": DraftKind.EMAIL,
    "thank_you_letter.txt": DraftKind.LETTER, "follow_up_letter.txt": DraftKind.LETTER,
    "call_sheet.txt": DraftKind.CALL_SHEET, "voicemail.txt": DraftKind.VOICEMAIL,
    "reference_brief.txt": DraftKind.REFERENCE_BRIEF,
    # After the decision: answers to an offer or a rejection, withdrawals, thanks.
    "offer_thanks_email.txt": DraftKind.EMAIL, "offer_thanks_letter.txt": DraftKind.LETTER,
    "keep_in_mind_email.txt": DraftKind.EMAIL, "keep_in_mind_letter.txt": DraftKind.LETTER,
    "withdraw_email.txt": DraftKind.EMAIL, "withdraw_letter.txt": DraftKind.LETTER,
    "reference_thanks.txt": DraftKind.REFERENCE_THANKS,
}


def lint_text(kind: DraftKind, text: str, me: lint.Signer, settings: lint.LintSettings,
              job_title: str = "") -> list[lint.Finding]:
    """Lint text as the user reads or edits it (an e-mail starts with To and Subject)."""
    linter = KINDS[kind].linter
    return [] if linter is None else linter(text, me, settings, job_title)
