"""The agenda query: pending steps due in a time window, as rows.

Import-light on purpose (stdlib only): the `today --json` fast path and the
`today` service both read through it, so the two never disagree. The fast path's
text for a pipe (agenda_text.py) runs the same filter and order in SQL of its own.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from insidetrack.storage.agenda_sql import ALERTS, REPLY_DAYS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    # Either driver's connection, or storage.database.Database: all it needs is execute().
    Conn = Any

# The columns `today --json` prints all stand in the covering index steps_agenda.
_COLUMNS = "s.id, s.interview_id, s.kind, s.channel, s.due, s.recipient, s.number, s.voicemail"
_SQL = (
    "SELECT {columns}, e.name AS employer, o.job_title FROM steps s"
    " JOIN interviews i ON i.id = s.interview_id"
    " JOIN openings o ON o.id = i.opening_id"
    " JOIN employers e ON e.id = o.employer_id"
    " WHERE s.status = 'pending' AND s.due >= ? AND s.due < ? AND o.archived_at IS NULL"
    " ORDER BY s.due, s.id"
)


def utc_text(moment: datetime) -> str:
    """Return a moment as the sortable UTC text the database stores."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """Return the UTC moments when a local day begins and ends."""
    start = datetime.combine(day, time(0, 0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def due_rows(
    conn: Conn, before: datetime, since: datetime | None = None, *,
    full: bool = False, limit: int = -1,
) -> list[Any]:
    """Return pending steps due in [since, before): one indexed range scan.

    `full` reads every column of each step, for callers that rebuild steps;
    `limit` keeps the first ones only (-1: all).
    """
    sql = _SQL.format(columns="s.*" if full else _COLUMNS)
    window = ("" if since is None else utc_text(since), utc_text(before))
    if limit >= 0:
        return list(conn.execute(sql + " LIMIT ?", (*window, limit)).fetchall())
    return list(conn.execute(sql, window).fetchall())


def count_due(conn: Conn, before: datetime) -> int:
    """Count pending steps due before a moment, but those of archived openings."""
    sql = ("SELECT COUNT(*) FROM steps s JOIN interviews i ON i.id = s.interview_id"
           " JOIN openings o ON o.id = i.opening_id"
           " WHERE s.status = 'pending' AND s.due < ? AND o.archived_at IS NULL")
    return int(conn.execute(sql, (utc_text(before),)).fetchone()[0])




def alert_rows(conn: Conn, day: date, tz: tzinfo) -> list[Any]:
    """Return replies of the last week and addresses still bouncing, as of a local day."""
    end = day_bounds(day, tz)[1]
    since = day_bounds(day - timedelta(days=REPLY_DAYS), tz)[1]
    return list(conn.execute(ALERTS, (utc_text(end), utc_text(since))).fetchall())


def alerts_json(conn: Conn, day: date, tz: tzinfo) -> list[dict[str, Any]]:
    """Return the agenda's alerts for a local day, as `today --json` prints them."""
    return [{
        "alert": alert, "at": datetime.fromisoformat(at).astimezone(tz).isoformat(),
        "employer": employer, "from": sender, "interview": interview, "kind": kind,
        "subject": subject,
    } for alert, at, employer, sender, interview, kind, subject in alert_rows(conn, day, tz)]


def agenda_json(conn: Conn, day: date, tz: tzinfo) -> dict[str, Any]:
    """Return `today --json` for a local day: due on or before it, overdue before it.

    Keys are built in sorted order, so the document prints sorted without a sort.
    """
    start, end = day_bounds(day, tz)
    start_text = utc_text(start)
    local: dict[str, str] = {}  # many steps share a due time: convert each once
    items = []
    for step, interview, kind, channel, due, to, number, voicemail, employer, job in due_rows(
        conn, end
    ):
        if due not in local:
            local[due] = datetime.fromisoformat(due).astimezone(tz).isoformat(timespec="seconds")
        items.append({
            "channel": channel, "due": local[due], "employer": employer, "interview": interview,
            "job_title": job, "kind": kind, "number": number, "overdue": due < start_text,
            "step": step, "to": to, "voicemail": bool(voicemail),
        })
    return {"alerts": alerts_json(conn, day, tz), "date": day.isoformat(), "items": items}


def _with_invitations(conn: Any, day: date, tz: tzinfo) -> dict[str, Any] | None:
    """Add the (no) invitations; None when some wait or moved: the full CLI says them."""
    waiting = conn.execute("SELECT COUNT(*) FROM invitations WHERE state = 'open'"
                           " OR kind = 'moved'").fetchone()[0]
    if waiting:
        return None
    return dict(sorted({**agenda_json(conn, day, tz), "invitations": []}.items()))


def agenda_of_file(path: str, day: date, tz: tzinfo) -> dict[str, Any] | None:
    """Read `today --json` from a SQLite file at the current schema, else return None."""
    import sqlite3

    from insidetrack.storage import SCHEMA_VERSION

    conn = sqlite3.connect(path)
    try:
        version = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
        return _with_invitations(conn, day, tz) if version == SCHEMA_VERSION else None
    finally:
        conn.close()


def agenda_of_server(url: str, day: date, tz: tzinfo) -> dict[str, Any] | None:
    """Read `today --json` from a PostgreSQL database at the current schema, else return None."""
    from insidetrack.storage import SCHEMA_VERSION
    from insidetrack.storage.database import PostgresDatabase

    db = PostgresDatabase(url)
    try:
        version = db.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
        return _with_invitations(db, day, tz) if version == SCHEMA_VERSION else None
    finally:
        db.close()
