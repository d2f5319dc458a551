"""What sync reads and finds: folder positions, alerts, contacts by address."""

from __future__ import annotations

from datetime import datetime

from insidetrack.storage.convert import iso
from insidetrack.storage.database import Repository


class Inbox(Repository):
    """What sync reads and writes: folder positions, alerts, contacts by address."""

    def folder_state(self, folder: str) -> tuple[int, int] | None:
        """Return (uidvalidity, last uid) read so far in a folder."""
        row = self.db.execute(
            "SELECT uidvalidity, last_uid FROM imap_folders WHERE folder = ?", (folder,)
        ).fetchone()
        return None if row is None else (int(row[0]), int(row[1]))

    def save_folder_state(self, folder: str, validity: int, last: int) -> None:
        self.db.execute(
            "INSERT INTO imap_folders (folder, uidvalidity, last_uid) VALUES (?, ?, ?)"
            f" ON CONFLICT ({self.db.unique('folder')}) DO UPDATE SET"
            " uidvalidity = excluded.uidvalidity,"
            " last_uid = excluded.last_uid", (folder, validity, last),
        )

    def step_of_message(self, message_ids: tuple[str, ...]) -> int | None:
        """Return the step whose sent or drafted message one of these Message-IDs names."""
        for mid in message_ids:
            row = self.db.execute(
                "SELECT step_id FROM outbox WHERE message_id = ?"
                " UNION SELECT step_id FROM messages WHERE message_id = ?", (mid, mid),
            ).fetchone()
            if row is not None:
                return int(row[0])
        return None

    def open_interview_of_sender(self, address: str) -> tuple[int, int] | None:
        """Return (interview, contact) for a sender who is a contact of an open campaign."""
        row = self.db.execute(
            "SELECT i.id, c.id FROM contacts c JOIN openings o ON o.employer_id = c.employer_id"
            " JOIN interviews i ON i.opening_id = o.id"
            " WHERE lower(c.email) = ? AND o.status NOT IN ('offer', 'closed')"
            " ORDER BY i.starts_at DESC, i.id DESC LIMIT 1", (address.lower(),),
        ).fetchone()
        return None if row is None else (int(row[0]), int(row[1]))

    def contacts_with_address(self, address: str) -> list[tuple[int, int | None]]:
        """Return (contact, latest interview of its employer or None) for an address."""
        rows = self.db.execute(
            "SELECT c.id, (SELECT i.id FROM interviews i JOIN openings o ON o.id = i.opening_id"
            "   WHERE o.employer_id = c.employer_id ORDER BY i.starts_at DESC LIMIT 1)"
            " FROM contacts c WHERE lower(c.email) = ?", (address.lower(),),
        )
        return [(int(r[0]), r[1]) for r in rows]

    def mark_bouncing(self, contact_id: int, bouncing: bool = True) -> None:
        self.db.execute("UPDATE contacts SET bouncing = ? WHERE id = ?", (int(bouncing), contact_id))

    def has_alert(self, message_id: str) -> bool:
        if not message_id:
            return False
        row = self.db.execute("SELECT 1 FROM alerts WHERE message_id = ?", (message_id,)).fetchone()
        return row is not None

    def add_alert(self, kind: str, interview_id: int | None,
                  contact_id: int | None, sender: str, subject: str, at: datetime,
                  message_id: str) -> None:
        self.db.execute(
            "INSERT INTO alerts (kind, interview_id, contact_id, sender, subject, at, message_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (kind, interview_id, contact_id, sender, subject, iso(at), message_id),
        )
