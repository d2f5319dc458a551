"""Counts for the insights page."""

from __future__ import annotations

from datetime import datetime

from insidetrack.storage.convert import iso
from insidetrack.storage.database import Repository


class Insights(Repository):
    """Counts for the insights page."""

    def openings_by_status(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.db.execute("SELECT status, COUNT(*) FROM openings GROUP BY 1")}

    def replies_by_channel(self) -> dict[str, int]:
        """Count replies by the channel of the last thing sent before each of them."""
        rows = self.db.execute(
            "SELECT (SELECT t2.channel FROM touchpoints t2 WHERE t2.opening_id = t.opening_id"
            "   AND t2.channel IS NOT NULL AND t2.at <= t.at ORDER BY t2.at DESC, t2.id DESC LIMIT 1)"
            "   AS channel, COUNT(*) FROM touchpoints t WHERE t.kind = 'reply' GROUP BY 1"
        )
        return {(r[0] or "unknown"): r[1] for r in rows}

    def days_to_decision(self) -> list[tuple[str, str, float]]:
        """Return (employer, outcome, days from first interview to decision)."""
        rows = self.db.execute(
            "SELECT e.name, t.outcome, t.at, MIN(i.starts_at) FROM touchpoints t"
            " JOIN openings o ON o.id = t.opening_id JOIN employers e ON e.id = o.employer_id"
            " JOIN interviews i ON i.opening_id = o.id WHERE t.kind = 'decision'"
            " GROUP BY t.id, e.name, t.outcome, t.at ORDER BY t.at, t.id"
        )
        return [(r[0], r[1], (datetime.fromisoformat(r[2]) - datetime.fromisoformat(r[3])).days)
                for r in rows]

    def pending_dues(self, start: datetime, end: datetime) -> list[tuple[str, int]]:
        """Return each moment pending steps are due between two moments, with how many."""
        rows = self.db.execute(
            "SELECT due, COUNT(*) FROM steps WHERE status = 'pending' AND due >= ? AND due < ?"
            " GROUP BY due",
            (iso(start), iso(end)),
        )
        return [(r[0], r[1]) for r in rows]
