"""The outbox table: messages queued, being sent, sent or failed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from insidetrack.domain.errors import NoSuchRecord
from insidetrack.services.ports import OutboxItem
from insidetrack.storage.convert import iso, moment
from insidetrack.storage.database import Repository

STATES = ("queued", "sending", "sent", "failed")


def _item(row: Any) -> OutboxItem:
    return OutboxItem(
        row["id"], row["step_id"], row["message_id"], row["sender"], row["recipient"],
        row["subject"], bytes(row["raw"]), row["state"], row["reason"],
        datetime.fromisoformat(row["created_at"]), datetime.fromisoformat(row["updated_at"]),
        moment(row["sent_at"]),
    )


class Outbox(Repository):
    """Messages queued, being sent, sent or failed."""

    def add(self, step_id: int, message_id: str, sender: str, recipient: str,
            subject: str, raw: bytes, at: datetime) -> int:
        return self.db.insert(
            "INSERT INTO outbox (step_id, message_id, sender, recipient, subject, raw, state,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)",
            (step_id, message_id, sender, recipient, subject, raw, iso(at), iso(at)),
        )

    def get(self, item_id: int) -> OutboxItem:
        row = self.db.execute("SELECT * FROM outbox WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise NoSuchRecord("outbox message", item_id)
        return _item(row)

    def of_step(self, step_id: int) -> list[OutboxItem]:
        rows = self.db.execute("SELECT * FROM outbox WHERE step_id = ? ORDER BY id", (step_id,))
        return [_item(r) for r in rows]

    def listing(self, state: str | None = None) -> list[OutboxItem]:
        if state is None:
            rows = self.db.execute("SELECT * FROM outbox ORDER BY id")
        else:
            rows = self.db.execute("SELECT * FROM outbox WHERE state = ? ORDER BY id", (state,))
        return [_item(r) for r in rows]

    def last_sent_to(self, recipient: str, interview_id: int) -> OutboxItem | None:
        """Return the last message sent to an address about the opening of an interview."""
        row = self.db.execute(
            "SELECT o.* FROM outbox o JOIN steps s ON s.id = o.step_id"
            " JOIN interviews i ON i.id = s.interview_id"
            " WHERE o.state = 'sent' AND lower(o.recipient) = ? AND i.opening_id ="
            "   (SELECT opening_id FROM interviews WHERE id = ?)"
            " ORDER BY o.sent_at DESC, o.id DESC LIMIT 1", (recipient.lower(), interview_id),
        ).fetchone()
        return None if row is None else _item(row)

    def set_state(self, item_id: int, state: str, at: datetime,
                  reason: str = "") -> None:
        sent_at = iso(at) if state == "sent" else None
        self.db.execute(
            "UPDATE outbox SET state = ?, reason = ?, updated_at = ?, sent_at = COALESCE(?, sent_at)"
            " WHERE id = ?", (state, reason, iso(at), sent_at, item_id),
        )

    def sent_message_ids(self) -> set[str]:
        """Return every Message-ID insidetrack drafted or sent, to recognise replies."""
        rows = self.db.execute(
            "SELECT message_id FROM outbox UNION SELECT message_id FROM messages"
        )
        return {r[0] for r in rows}
