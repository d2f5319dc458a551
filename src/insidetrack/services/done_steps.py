"""The "Steps done" cell of a spreadsheet: which follow-ups were done, and when.

`export csv` writes it and `import csv` reads it back, so a step done in one database is
done, not overdue, in the next: "thank-you to Jane Roe on 2026-11-21 09:00; call 1 on
2026-12-09 10:00; follow-up 2 on 2026-12-02 09:00". Times are local, like the other dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

from insidetrack.domain.model import Contact, StepKind

_ONE = re.compile(r"^(?P<kind>thank-you|follow-up|call)(?: (?P<number>\d{1,3}))?"
                  r"(?: to (?P<to>.+?))? on (?P<at>\d{4}-\d{2}-\d{2} \d{1,2}:\d{2})$")
_CARRIED = (StepKind.THANK_YOU, StepKind.FOLLOW_UP, StepKind.CALL)
FORMAT = "thank-you to NAME on YYYY-MM-DD HH:MM; follow-up N on ...; call N on ..."


@dataclass(frozen=True)
class DoneStep:
    """A step done, as a spreadsheet names it: its kind, its number or person, and when."""

    kind: StepKind
    at: datetime
    number: int | None = None
    to: str = ""

    def key(self, interviewers: tuple[Contact, ...]) -> str | None:
        """Return the planner's key for this step among these interviewers, or None."""
        if self.kind is not StepKind.THANK_YOU:
            return f"{self.kind.value}:{self.number}"
        if not self.to:
            return "thank-you"
        person = next((p for p in interviewers if p.name.casefold() == self.to.casefold()), None)
        return f"thank-you:{person.id}" if person else None

    def __str__(self) -> str:
        what = self.kind.value + (f" {self.number}" if self.number else "")
        return what + (f" to {self.to}" if self.to else "") + f" on {self.at:%Y-%m-%d %H:%M}"


def read_done(text: str, tz: tzinfo) -> tuple[DoneStep, ...]:
    """Read a "Steps done" cell; a part that is not of the form refuses the row."""
    done = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        match = _ONE.match(part)
        if match is None:
            raise ValueError(f"{part[:60]!r} is not a step done like {FORMAT}")
        kind = StepKind(match["kind"])
        number = int(match["number"]) if match["number"] else None
        if (kind is StepKind.THANK_YOU) == (number is not None):
            raise ValueError(f"{part[:60]!r}: a thank-you has a person, a call or follow-up a "
                             f"number")
        at = datetime.strptime(match["at"], "%Y-%m-%d %H:%M").replace(tzinfo=tz)
        done.append(DoneStep(kind, at, number, match["to"] or ""))
    return tuple(sorted(done, key=lambda d: d.at))


def carried(kind: StepKind) -> bool:
    """Tell whether a step of this kind can be carried by a spreadsheet."""
    return kind in _CARRIED


def write_done(steps: list[DoneStep]) -> str:
    """Write the cell for these steps, earliest first."""
    return "; ".join(str(d) for d in sorted(steps, key=lambda d: d.at))
