"""The port the polish depends on for its grammar check: `integrations.grammar.LinkGrammar`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from insidetrack.domain.polish import Unparsed


class GrammarPort(Protocol):
    def unparsed(self, sentences: Sequence[str]) -> list[Unparsed]:
        """Return each sentence that does not parse; raise GrammarUnavailable when the parser
        is not there."""
        ...
