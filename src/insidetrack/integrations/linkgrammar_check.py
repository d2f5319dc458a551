"""Parse sentences with link-grammar; run by Debian's /usr/bin/python3, which has the binding.

Reads one JSON list of sentences per line on stdin and answers each with one line: a JSON
list of the words left unlinked in each sentence (empty when it parses with null count 0).
The dictionary loads once per process: a polish pays for it once (a third of a second here),
and so does a test session. Not imported by insidetrack: `integrations.grammar` runs it.
"""

from __future__ import annotations

import json
import sys


def _unlinked(sentence: str, dictionary: object) -> list[str]:
    """Return the words no full parse links (empty when the sentence parses whole)."""
    from linkgrammar import ParseOptions, Sentence

    whole = Sentence(sentence, dictionary, ParseOptions(min_null_count=0, max_null_count=0,
                                                        linkage_limit=50, max_parse_time=20))
    if len(whole.parse()) > 0:
        return []
    partial = Sentence(sentence, dictionary, ParseOptions(min_null_count=1, max_null_count=4,
                                                          linkage_limit=50, max_parse_time=4))
    linkage = next(iter(partial.parse()), None)
    if linkage is None:
        return ["(no parse)"]
    return [w for w in linkage.words() if w.startswith("[") and w.endswith("]")] or ["(unknown)"]


def main() -> None:
    from linkgrammar import Dictionary

    dictionary = Dictionary("en")
    for line in sys.stdin:
        sentences = json.loads(line)
        print(json.dumps([_unlinked(s, dictionary) for s in sentences]), flush=True)


if __name__ == "__main__":
    main()
