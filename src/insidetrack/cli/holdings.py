"""What an interview holds, with ids to edit or delete them: facts, clippings, references."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from insidetrack.cli.output import human_time, plain

if TYPE_CHECKING:
    from insidetrack.services.queries import InterviewView


def _used(at: Any, tz: tzinfo) -> str:
    return "unused" if at is None else f"used {human_time(at, tz)}"


def print_holdings(out: Any, view: InterviewView, tz: tzinfo) -> None:
    """Print the opening's facts and clippings (used or not) and its references, by id."""
    opening = view.campaign.opening.id
    out.print(plain((f"Facts (opening {opening}):", "bold"),
                    "" if view.facts else " none yet (insidetrack fact add ID \"...\")"))
    for f in view.facts:
        out.print(plain(f"  fact {f.id}: {f.text} ({_used(f.used_at, tz)})"))
    out.print(plain(("Clippings:", "bold"), "" if view.clippings else " none yet"))
    for k in view.clippings:
        link = f" <{k.url}>" if k.url else ""
        out.print(plain(f"  clipping {k.id}: {k.title}{link} ({_used(k.used_at, tz)})"))
    references = view.campaign.references
    out.print(plain(("References:", "bold"), "" if references else " none linked"))
    for r in references:
        briefed = f", last briefed {human_time(r.last_prepared, tz)}" if r.last_prepared else ""
        out.print(plain(f"  reference {r.id}: {r.name}{briefed}"))
