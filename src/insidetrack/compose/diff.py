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


def sides(before: str, after: str) -> tuple[list[Piece], list[Piece]]:
    """Mark two texts word by word: the first with what was removed, the second with what was
    added; each keeps its own spacing and line breaks."""
    a, b = re.findall(r"\S+\s*", before), re.findall(r"\S+\s*", after)
    left: list[Piece] = []
    right: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, [w.strip() for w in a], [w.strip() for w in b],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            left.append(Piece("same", "".join(a[i1:i2])))
            right.append(Piece("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(Piece("removed", "".join(a[i1:i2])))
        if j2 > j1:
            right.append(Piece("added", "".join(b[j1:j2])))
    return left, right


def pieces(before: str, after: str) -> list[Piece]:
    """Split two texts into one run of shared, removed and added words (the second's spacing)."""
    a, b = re.findall(r"\S+\s*", before), re.findall(r"\S+\s*", after)
    out: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, [w.strip() for w in a], [w.strip() for w in b],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(Piece("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            out.append(Piece("removed", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(Piece("added", "".join(b[j1:j2])))
    return out


def marked(before: str, after: str) -> str:
    """Return the polished text with [-removed-] and {+added+} words, as `git diff --word-diff`."""
    marks = {"same": "{}", "removed": "[-{}-]", "added": "{{+{}+}}"}
    return "".join(marks[p.op].format(p.text.rstrip()) + p.text[len(p.text.rstrip()):]
                   if p.op != "same" else p.text for p in pieces(before, after))
