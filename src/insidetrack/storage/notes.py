"""An interview's notes one by one: each row of interview_notes, to change or delete."""

from __future__ import annotations

from typing import Any

from insidetrack.services.ports import NoteLine
from insidetrack.storage.database import Repository


def _field(kind: str) -> str:
    """The stored kind ('shared-interest') as the form's field key ('shared_interest')."""
    return kind.replace("-", "_")


class Notes(Repository):
    """The rows of interview_notes, with their ids."""

    def lines(self, interview_id: int) -> list[NoteLine]:
        rows = self.db.execute("SELECT * FROM interview_notes WHERE interview_id = ? ORDER BY id",
                               (interview_id,))
        return [self._line(r) for r in rows]

    def line(self, note_id: int) -> NoteLine:
        return self._line(self._one("SELECT * FROM interview_notes WHERE id = ?", (note_id,),
                                    "note"))

    def change(self, note_id: int, text: str) -> None:
        self.db.execute("UPDATE interview_notes SET text = ? WHERE id = ?", (text, note_id))

    def delete(self, note_id: int) -> None:
        self.db.execute("DELETE FROM interview_notes WHERE id = ?", (note_id,))

    @staticmethod
    def _line(row: Any) -> NoteLine:
        return NoteLine(row["id"], row["interview_id"], _field(row["kind"]), row["text"])
