"""The differences between a template draft and its polished version, word by word."""

from __future__ import annotations

import difflib
import re
from typing import Literal, NamedTuple

Op = Literal["same", "removed", "added"]


class Piece(NamedTuple):
    """A run of text that both versions share, or that only one of them has."""

    op: Op
    text: str


def _runs(before: str, after: str) -> list[tuple[str, str, str]]:
    """Return (op, the first's words, the second's words) runs, words compared without their
    spacing; op is equal or changed."""
    a, b = re.findall(r"\S+\s*", before), re.findall(r"\S+\s*", after)
    matcher = difflib.SequenceMatcher(None, [w.strip() for w in a], [w.strip() for w in b],
                                      autojunk=False)
    return [("equal" if tag == "equal" else "changed", "".join(a[i1:i2]), "".join(b[j1:j2]))
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def sides(before: str, after: str) -> tuple[list[Piece], list[Piece]]:
    """Mark two texts word by word: the first with what was removed, the second with what was
    added; each keeps its own spacing and line breaks."""
    left: list[Piece] = []
    right: list[Piece] = []
    for op, old, new in _runs(before, after):
        left += [Piece("same" if op == "equal" else "removed", old)] if old else []
        right += [Piece("same" if op == "equal" else "added", new)] if new else []
    return left, right


def pieces(before: str, after: str) -> list[Piece]:
    """Split two texts into one run of shared, removed and added words (the second's spacing)."""
    out: list[Piece] = []
    for op, old, new in _runs(before, after):
        if op == "equal":
            out.append(Piece("same", new))
            continue
        out += [Piece("removed", old)] if old else []
        out += [Piece("added", new)] if new else []
    return out


def marked(before: str, after: str) -> str:
    """Return the polished text with [-removed-] and {+added+} words, as `git diff --word-diff`."""
    marks = {"same": "{}", "removed": "[-{}-]", "added": "{{+{}+}}"}
    return "".join(marks[p.op].format(p.text.rstrip()) + p.text[len(p.text.rstrip()):]
                   if p.op != "same" else p.text for p in pieces(before, after))
