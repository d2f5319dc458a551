"""Invitations proposed as interviews."""

from __future__ import annotations

import json
from typing import Any

from insidetrack.services.ports.invitations import Invitation
from insidetrack.storage import convert
from insidetrack.storage.convert import iso
from insidetrack.storage.database import Repository

_SELECT = ("SELECT id, uid, sequence, kind, state, starts_at, minutes, fields, interview_id, note,"
           " received_at FROM invitations")


class Invitations(Repository):
    """Invitations, by id and by calendar UID."""

    def add(self, invitation: Invitation) -> int:
        i = invitation
        return self._insert(
            "INSERT INTO invitations (uid, sequence, kind, state, starts_at, minutes, fields,"
            " interview_id, note, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (i.uid, i.sequence, i.kind, i.state, iso(i.start), i.minutes,
             json.dumps(i.fields, ensure_ascii=False), i.interview_id, i.note,
             iso(i.received_at)))

    def invitation(self, invitation_id: int) -> Invitation:
        return self._made(self._one(_SELECT + " WHERE id = ?", [invitation_id],
                                    "invitation"))

    def invitations(self, state: str | None = None) -> list[Invitation]:
        """Return the invitations, newest first; `state` keeps only those."""
        if state is None:
            rows = self.db.execute(_SELECT + " ORDER BY id DESC").fetchall()
        else:
            rows = self.db.execute(_SELECT + " WHERE state = ? ORDER BY id DESC",
                                   (state,)).fetchall()
        return [self._made(r) for r in rows]

    def of_uid(self, uid: str) -> list[Invitation]:
        """Return the invitations of one calendar event, oldest first."""
        rows = self.db.execute(_SELECT + " WHERE uid = ? ORDER BY id", (uid,)).fetchall()
        return [self._made(r) for r in rows]

    def settle(self, invitation_id: int, state: str, interview_id: int | None) -> None:
        self.db.execute("UPDATE invitations SET state = ?, interview_id = ? WHERE id = ?",
                        (state, interview_id, invitation_id))

    @staticmethod
    def _made(row: Any) -> Invitation:
        start = convert.moment(row["starts_at"])
        received = convert.moment(row["received_at"])
        assert start is not None and received is not None
        return Invitation(row["id"], row["uid"], row["sequence"], row["kind"], row["state"],
                          start, row["minutes"], json.loads(row["fields"]),
                          row["interview_id"], row["note"], received)
