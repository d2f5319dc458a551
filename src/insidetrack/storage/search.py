"""Find interviews by a word: employer, job title, people, notes, facts, references."""

from __future__ import annotations

from datetime import datetime

from insidetrack.services.ports import SearchRow
from insidetrack.storage.database import Repository

# Each source: what the user reads as the place of the match, its text, and how it joins
# to an interview (`i`). Text is compared in lower case, so the match ignores case.
_SOURCES = (
    ("employer", "e.name", "FROM interviews i JOIN openings o ON o.id = i.opening_id"
                           " JOIN employers e ON e.id = o.employer_id"),
    ("job title", "o.job_title", "FROM interviews i JOIN openings o ON o.id = i.opening_id"),
    ("interviewer", "c.name", "FROM interviews i JOIN interview_interviewers ii"
                              " ON ii.interview_id = i.id JOIN contacts c ON c.id = ii.contact_id"),
    ("note", "n.text", "FROM interviews i JOIN interview_notes n ON n.interview_id = i.id"),
    ("fact", "f.text", "FROM interviews i JOIN facts f ON f.opening_id = i.opening_id"),
    ("clipping", "k.title", "FROM interviews i JOIN clippings k ON k.opening_id = i.opening_id"),
    ("reference", "r.name", "FROM interviews i JOIN reference_links l"
                            " ON l.opening_id = i.opening_id"
                            " JOIN reference_people r ON r.id = l.reference_id"),
    ("what happened", "t.note", "FROM interviews i JOIN touchpoints t ON t.interview_id = i.id"),
)


# The same for an application with no interview yet (`o`, with its employer `e`).
_APPLICATION_SOURCES = (("employer", "e.name"), ("job title", "o.job_title"),
                        ("note", "o.notes"), ("salary", "o.salary"))


def _pattern(text: str) -> str:
    """Match the text anywhere, taking %, _ and \\ literally."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class Search(Repository):
    """Find interviews by what the user remembers of them."""

    def matches(self, text: str, limit: int = 200) -> list[SearchRow]:
        """Return the matches, newest interviews first: who, what, when, and where it matched."""
        union = " UNION ALL ".join(
            f"SELECT i.id AS interview_id, '{where}' AS place, {column} AS found {joins}"
            f" WHERE lower({column}) LIKE ? ESCAPE '\\'" for where, column, joins in _SOURCES)
        rows = self.db.execute(
            "SELECT m.interview_id, e.name, o.job_title, i.starts_at, o.status, m.place, m.found,"
            " CASE WHEN o.archived_at IS NULL THEN 0 ELSE 1 END"
            f" FROM ({union}) m JOIN interviews i ON i.id = m.interview_id"
            " JOIN openings o ON o.id = i.opening_id JOIN employers e ON e.id = o.employer_id"
            " ORDER BY i.starts_at DESC, i.id DESC LIMIT ?",
            (*[_pattern(text)] * len(_SOURCES), limit))
        return [SearchRow(r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4], r[5], r[6],
                          bool(r[7]))
                for r in rows]

    def application_matches(self, text: str, limit: int = 200) -> list[SearchRow]:
        """Return the matches among applications with no interview yet, newest first."""
        union = " UNION ALL ".join(
            f"SELECT o.id AS opening_id, '{where}' AS place, {column} AS found FROM openings o"
            " JOIN employers e ON e.id = o.employer_id"
            f" WHERE lower({column}) LIKE ? ESCAPE '\\'"
            " AND NOT EXISTS (SELECT 1 FROM interviews i WHERE i.opening_id = o.id)"
            for where, column in _APPLICATION_SOURCES)
        rows = self.db.execute(
            "SELECT m.opening_id, e.name, o.job_title, o.applied_on, o.status, m.place, m.found,"
            " CASE WHEN o.archived_at IS NULL THEN 0 ELSE 1 END"
            f" FROM ({union}) m JOIN openings o ON o.id = m.opening_id"
            " JOIN employers e ON e.id = o.employer_id ORDER BY o.id DESC LIMIT ?",
            (*[_pattern(text)] * len(_APPLICATION_SOURCES), limit))
        return [SearchRow(0, r[1], r[2], datetime.fromisoformat(r[3]) if r[3] else None, r[4],
                          r[5], r[6], bool(r[7]), application_id=r[0]) for r in rows]
