"""Real language tools for the drafts: link-grammar's parser, proselint, and our repeat check.

link-grammar's Python binding is Debian's (python3-link-grammar, for /usr/bin/python3), so it
runs in a child process fed sentences as JSON, one list a line: the app's own
(insidetrack.integrations.grammar, which the polish's guard uses too), kept running here. It finds
words no parse links, wrong articles among them ('a article', 'an cartoon'). proselint finds
repeated words ('the the') and its other faults. Ours: a lowercase content word twice in one
paragraph reads as clumsy ('about the role ... interested in the role'); names may repeat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from insidetrack.integrations.grammar import Parser as LinkGrammar
from insidetrack.integrations.grammar import for_parser

CLOSINGS = ("Best regards,", "Sincerely,", "Kind regards,", "Yours sincerely,", "Regards,")
# Words that may come back in a paragraph without it reading clumsily.
FUNCTION_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "so", "if", "as", "at", "by",
    "for", "from", "in", "into", "of", "on", "onto", "to", "with", "about", "after", "before",
    "since", "than", "that", "this", "these", "those", "then", "there", "here", "what", "which",
    "who", "whom", "whose", "when", "where", "how", "i", "me", "my", "mine", "you", "your",
    "yours", "we", "us", "our", "he", "him", "his", "she", "her", "it", "its", "they", "them",
    "their", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "do",
    "does", "did", "can", "could", "will", "would", "shall", "should", "may", "might", "must",
    "not", "no", "nor", "very", "more", "most", "much", "many", "also", "even", "just", "all",
    "any", "some", "each", "other", "own", "same", "such", "only", "again", "once", "both",
    "few", "too", "up", "out", "over", "under", "off", "while", "because", "what's", "i'm",
    "i've", "i'd", "you're", "it's", "that's", "let", "let's"})
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9\"])")
_LABEL = re.compile(r"^[A-Z][\w' -]{0,30}: ")  # '- Company: Acme', a note rather than prose
_QUOTED = re.compile(r':?\s*"[^"]*"')  # a clipping's title
_URL = re.compile(r"\(?https?://\S+?(\)|(?=[.]?(\s|$)))")


def prose(body: str, kind: str) -> list[str]:
    """Return the paragraphs of a draft a reader reads as prose, each on one line.

    An e-mail or letter is read between its salutation and its closing; a quoted title or an
    address is not prose. A call sheet or brief is read bullet by bullet, leaving out the
    'Label: value' notes; a voicemail is one paragraph.
    """
    if kind == "voicemail":
        return [" ".join(body.split())]
    if kind in ("email", "letter"):
        return _letter_prose(body)
    joined = re.sub(r"\n[ \t]+", " ", body)  # a bullet wrapped on screen is one line
    said = [" ".join(x[2:].split()).replace('"', "") for x in joined.splitlines()
            if x.startswith("- ")]
    return [s for s in said if not _LABEL.match(s)]


def _letter_prose(body: str) -> list[str]:
    lines = body.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Dear ")) + 1
    end = next(i for i, line in enumerate(lines) if line.strip() in CLOSINGS)
    blocks = "\n".join(lines[start:end]).split("\n\n")
    out = []
    for block in blocks:
        text = _URL.sub("", _QUOTED.sub("", " ".join(block.split())))
        text = " ".join(text.split()).replace(" .", ".")
        if text:
            out.append(text if text.endswith((".", "?", "!")) else text.rstrip(":") + ".")
    return out


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into its sentences."""
    return [s for s in _SENTENCE_END.split(paragraph) if s]


def repeated_words(paragraph: str) -> list[str]:
    """Return the lowercase content words a paragraph says more than once (plurals alike)."""
    seen: dict[str, int] = {}
    for word in re.findall(r"\b[a-z][a-z'-]+\b", paragraph):
        if word in FUNCTION_WORDS:
            continue
        stem = word[:-1] if word.endswith("s") and len(word) > 3 else word
        seen[stem] = seen.get(stem, 0) + 1
    return sorted(w for w, n in seen.items() if n > 1)


def _proselint_checks() -> None:
    """Register proselint's checks once, as its command line does."""
    from proselint.checks import __register__
    from proselint.registry import CheckRegistry

    registry = CheckRegistry()
    if not registry.checks:
        registry.register_many(__register__)


def proselint_findings(paragraphs: list[str], ascii_only: bool = False) -> list[str]:
    """Return what proselint finds in the paragraphs: 'check: message'.

    An e-mail is plain ASCII (playbook: "send it in plain text (ASCII)"), so there 'cafe'
    for 'café' is right, whatever proselint's diacritical marks check says.
    """
    from proselint.tools import LintFile

    _proselint_checks()
    text = "\n\n".join(paragraphs)
    found = [(r.check_result.check_path, r.check_result.message)
             for r in LintFile("<draft>", text).lint()]
    return [f"{path}: {message}" for path, message in found
            if not (ascii_only and path == "typography.diacritical_marks")]


@dataclass
class Tally:
    """What was checked, for the report at the end of a test."""

    drafts: int = 0
    sentences: int = 0
    kinds: set[str] = field(default_factory=set)


def problems(parser: LinkGrammar, body: str, kind: str, tally: Tally | None = None) -> list[str]:
    """Return every finding of the three checks on one draft's prose (none is the goal)."""
    paragraphs = prose(body, kind)
    said = [for_parser(s) for p in paragraphs for s in sentences(p)]
    found = [f"unlinked {words} in: {s}" for s, words in zip(said, parser.unlinked(said),
                                                              strict=True) if words]
    found += [f"repeated {w!r} in: {p}" for p in paragraphs for w in repeated_words(p)]
    found += proselint_findings(paragraphs, ascii_only=kind == "email")
    if tally is not None:
        tally.drafts += 1
        tally.sentences += len(said)
        tally.kinds.add(kind)
    return found
