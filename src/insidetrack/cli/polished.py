"""How a polished draft reads on the command line: the lines to stderr, and its JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from insidetrack.services.polishing import Polished


def polished_lines(p: Polished) -> list[str]:
    """Say what became of the polish, one line per reason; the text went to stdout."""
    return [*_verdict(p), *(f"Note: {note}." for note in p.notes)]


def _verdict(p: Polished) -> list[str]:
    from insidetrack.compose.diff import marked

    n = p.draft.step.id
    if p.status == "unavailable":
        return [f"Not polished: {p.reasons[0]}; this is the template draft."]
    if p.status == "rejected":
        return ["Polish rejected, the template draft stays, because:",
                *(f"- {r}" for r in p.reasons)]
    if p.text == p.draft.as_text():
        return [f"Polished by {p.model}: it changed nothing."]
    return [f"Polished by {p.model} and checked: it adds nothing to your notes. The template "
            f"draft: insidetrack draft {n}", "Changes ([-template-] {+polished+}):",
            marked(p.draft.as_text(), p.text).rstrip()]


def polished_json(p: Polished) -> dict[str, Any]:
    """Give both versions and the guard's verdict, for scripts."""
    return {"step": p.draft.step.id, "kind": str(p.draft.kind), "status": p.status,
            "accepted": p.status == "accepted", "reasons": list(p.reasons), "model": p.model,
            "notes": list(p.notes),
            "template": p.draft.as_text(), "polished": p.text, "text": p.chosen}
