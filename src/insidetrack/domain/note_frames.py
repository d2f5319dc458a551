"""Interview notes and the sentences they fill: each kind of note has one frame.

A note is typed on its own ("their 100-year community history") and later lands in a
draft's sentence ("I was impressed with your ___"). `fit_note` drops a leading word that
would double up with the frame, and finds a note that reads as a full sentence where the
frame wants a phrase. Findings are data; the services decide what to refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BLANK = "___"


@dataclass(frozen=True)
class Frame:
    """The sentence a kind of note fills, and a phrase that fits it."""

    kind: str
    text: str  # with BLANK where the note goes
    example: str

    def fill(self, note: str) -> str:
        """Return the sentence with the note in the blank."""
        return self.text.replace(BLANK, note)

    @property
    def word_before(self) -> str:
        """Return the frame's word just before the blank ('your', 'of')."""
        before = self.text.split(BLANK, 1)[0].split()
        return before[-1].casefold() if before else ""


# The sentences of compose/templates and compose/context.py each kind of note lands in.
FRAMES = {f.kind: f for f in (
    Frame("topic", f"I enjoyed our conversation about {BLANK}", "the spring product launch"),
    Frame("emphasis", f"I appreciated your emphasis on {BLANK}", "customer retention"),
    Frame("problem", f"I came across an article that made me think of {BLANK}",
          "the stalled loan pipeline"),
    Frame("impressed", f"I was impressed with your {BLANK}", "100-year community history"),
    Frame("forgot", f"I forgot to go into the key details of {BLANK}", "the Q3 forecast"),
    Frame("shared_interest", f"I found something on {BLANK} that may interest you",
          "vintage sailing boats"),
)}

# Words that say whose or which thing it is; two of them in a row read "your their ...".
DETERMINERS = frozenset({"your", "their", "the", "his", "her", "our", "my", "its", "a", "an"})
# Ours: finite verbs (and their negations) that make a note a clause rather than a phrase.
FINITE_VERBS = frozenset({
    "is", "are", "was", "were", "am", "has", "have", "had", "do", "does", "did", "will", "would",
    "can", "could", "shall", "should", "may", "might", "must", "isn't", "aren't", "wasn't",
    "weren't", "hasn't", "haven't", "hadn't", "don't", "doesn't", "didn't", "won't", "wouldn't",
    "can't", "cannot", "couldn't", "shouldn't", "mustn't",
})
# Words that open a clause inside a phrase: "the branch that is opening", "how we grew".
CLAUSE_OPENERS = frozenset({
    "that", "which", "who", "whom", "whose", "where", "when", "how", "what", "why", "whether",
    "if", "because", "while",
})
SUBJECT_PRONOUNS = frozenset({"i", "we", "they", "he", "she"})
# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = frozenset({"inc.", "ltd.", "co.", "corp.", "etc.", "st.", "jr.", "sr.", "llc."})
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class NoteFinding:
    """Something about a note that does not fit its frame."""

    rule: str  # "doubled-word" (fixed by dropping it) or "full-sentence"
    kind: str
    message: str


@dataclass(frozen=True)
class FittedNote:
    """A note as it will be saved, what was dropped, and the sentence it will make."""

    kind: str
    typed: str
    text: str
    dropped: str
    findings: tuple[NoteFinding, ...]
    preview: str

    @property
    def full_sentence(self) -> bool:
        """Tell whether the note reads as a full sentence where a phrase is wanted."""
        return any(f.rule == "full-sentence" for f in self.findings)


def fit_note(kind: str, text: str) -> FittedNote:
    """Fit a note to its kind's frame: drop a doubled leading word, find a full sentence."""
    frame = FRAMES[kind]
    note = " ".join(text.split())
    dropped = ""
    while word := _doubled(frame, note):  # "your your team" loses both
        dropped = f"{dropped} {word}".strip()
        note = note[len(word):].lstrip()
    preview = frame.fill(note)
    findings: list[NoteFinding] = []
    if not any(c.isalnum() for c in note):
        findings.append(NoteFinding("no-words", kind, f"{note!r} has no words; the draft says "
                                    f"\"{frame.text}\": give a phrase like \"{frame.example}\""))
    if dropped:
        findings.append(NoteFinding("doubled-word", kind,
                                    f"Dropped '{dropped}': the sentence reads '{preview}'."))
    if reads_as_sentence(note):
        findings.append(NoteFinding("full-sentence", kind, sentence_message(frame, note)))
    return FittedNote(kind, text, note, dropped, tuple(findings), preview)


def _doubled(frame: Frame, note: str) -> str:
    """Return the note's first word if it doubles the frame's word before the blank.

    Ours: "about about ..." or "your their ..." reads as a slip, never as meant.
    """
    words = note.split(maxsplit=1)
    if len(words) < 2:  # a lone word is the whole note: nothing would be left
        return ""
    first, before = words[0], frame.word_before
    if first.casefold() == before:
        return first
    if before in DETERMINERS and first.casefold() in DETERMINERS:
        return first
    return ""


def reads_as_sentence(note: str) -> bool:
    """Tell whether a note reads as a sentence (a subject and a finite verb, or an end stop).

    Ours: a phrase has no finite verb outside a clause it opens with "that", "how", ...;
    a sentence ends with a full stop, a question mark or an exclamation mark.
    """
    words = [w.replace("’", "'") for w in _WORD.findall(note)]
    if not words:
        return False
    if _ends_a_sentence(note):
        return True
    if words[0].casefold() in SUBJECT_PRONOUNS and len(words) > 1:
        return True
    for position, word in enumerate(words):
        if word.casefold() in CLAUSE_OPENERS:
            return False
        # A capital "May" or "Will" mid-phrase is a month or a name, not a verb.
        if position > 0 and word in FINITE_VERBS:
            return True
    return False


def _ends_a_sentence(note: str) -> bool:
    """Tell whether the note ends with a stop that is not an abbreviation's."""
    stripped = note.rstrip("\"')”’ ")
    if stripped.endswith(("?", "!")):
        return True
    if not stripped.endswith("."):
        return False
    last = stripped.split()[-1].casefold()
    return last not in ABBREVIATIONS and last.count(".") == 1


def sentence_message(frame: Frame, note: str) -> str:
    """Say that a note reads as a full sentence, in the frame's words."""
    return (f'"{note}" reads as a full sentence; the draft says "{frame.text}": '
            f'give a phrase like "{frame.example}"')
