"""Debian's link-grammar parser, asked which sentences do not parse.

Its Python binding is Debian's (python3-link-grammar, for /usr/bin/python3), so the parser runs
in a child process of that Python (`linkgrammar_check.py` next to this module), fed sentences
as JSON. Where it is not installed the check is unavailable, and says so.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from insidetrack.domain.errors import InsidetrackError
from insidetrack.domain.polish import Unparsed

SYSTEM_PYTHON = "/usr/bin/python3"
CHECKER = Path(__file__).with_name("linkgrammar_check.py")
MISSING = "link-grammar is not installed (on Debian: apt-get install python3-link-grammar)"
# Words link-grammar's dictionary reads otherwise than people do: "turnover" only as a count
# noun ("help with supplier turnover" fails), "Rep" only as the title "Rep. Smith" ("Sales
# Rep"). The parser reads a synonym instead, so the check stays about the sentence.
DICTIONARY_GAPS = {"turnover": "attrition", "Rep": "Representative"}
_PHONE = re.compile(r"\+?\(?\d[\d ().-]{5,}\d")  # the user's number: one token for the parser
_ENV = {"LC_ALL": "C.UTF-8"}  # the dictionary's locale, whatever the user's is


class GrammarUnavailable(InsidetrackError):
    """The parser is not installed, or did not answer."""


@cache
def available(python: str = SYSTEM_PYTHON) -> bool:
    """Say whether a Python (the system's) has the link-grammar binding."""
    if not Path(python).exists():
        return False
    found = subprocess.run([python, "-c", "import linkgrammar"], capture_output=True,
                           check=False, timeout=30)
    return found.returncode == 0


def for_parser(sentence: str) -> str:
    """Give a phone number as one token and swap the dictionary's gaps for synonyms."""
    sentence = _PHONE.sub("5550100", sentence)
    for word, known in DICTIONARY_GAPS.items():
        sentence = re.sub(rf"\b{word}\b", known, sentence)
    return sentence


def answer(output: str) -> list[list[str]]:
    """Read the parser's answer line, past the library's notes on the locale."""
    line = next((x for x in output.splitlines() if x.startswith("[")), "")
    if not line:
        raise GrammarUnavailable("the link-grammar parser stopped without an answer")
    found: list[list[str]] = json.loads(line)
    return found


class LinkGrammar:
    """The parser, started once per check: `unparsed` for one text."""

    def __init__(self, timeout: float = 60.0, python: str = SYSTEM_PYTHON) -> None:
        self.timeout = timeout
        self.python = python

    def unparsed(self, sentences: Sequence[str]) -> list[Unparsed]:
        """Return each sentence no full parse links, with the words left out."""
        if not sentences:
            return []
        if not available(self.python):
            raise GrammarUnavailable(MISSING)
        try:
            done = subprocess.run(
                [self.python, str(CHECKER)], input=json.dumps(
                    [for_parser(s) for s in sentences]) + "\n", capture_output=True, text=True,
                env={**os.environ, **_ENV}, timeout=self.timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise GrammarUnavailable(f"the link-grammar parser took over {self.timeout:g} "
                                     "seconds") from exc
        return [Unparsed(s, tuple(w.strip("[]") for w in words if w.startswith("[")))
                for s, words in zip(sentences, answer(done.stdout), strict=True) if words]


class Parser:
    """The parser kept running for many texts (the language tests read every draft)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [SYSTEM_PYTHON, str(CHECKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True, env={**os.environ, **_ENV})

    def unlinked(self, said: list[str]) -> list[list[str]]:
        """Return, for each sentence as given, the words no parse links (empty: it parses)."""
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(said) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        while line and not line.startswith("["):  # the library's notes on the locale
            line = self.process.stdout.readline()
        return answer(line)

    def close(self) -> None:
        """Let the parser end, its input closed."""
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=30)
