"""`today --json` as printed, built by SQLite from a database file, for the fast path.

The first `today --json` after a change is what a status bar waits for. Building one
dictionary per step and encoding them cost more than the query itself, so here SQLite
writes each item's JSON text while it scans the covering index, and Python only joins
them. The text is byte for byte what `json.dumps(agenda_json(...), ensure_ascii=False)`
prints (a test holds the two equal): keys in sorted order, ", " and ": " separators, and
`json_quote` escapes strings as Python's encoder does when non-ASCII is kept.

Local due times: the zone's offset changes only at a few moments in the window read, so
the window is cut at those moments and SQLite shifts each due time by its piece's offset.
Each offset's text is Python's own (`isoformat`), so every zone prints as it did.

Import-light on purpose (sqlite3, datetime and the zone only; not json).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo

from insidetrack.storage.agenda import alerts_json, day_bounds, utc_text
from insidetrack.storage.agenda_sql import FIRST_DUE, INVITATIONS, ITEM, ITEMS, JOINED

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3
    from typing import Any

# The window is sampled this often: no zone of the tz database changes its offset twice
# within a day in the years a follow-up can be due (it would miss such a pair).
_STEP = timedelta(days=1)


def _suffix(moment: datetime, tz: tzinfo) -> tuple[int, str]:
    """Return a zone's offset at a UTC moment, in seconds and as isoformat prints it."""
    local = moment.astimezone(tz)
    offset = local.utcoffset()
    return (0 if offset is None else int(offset.total_seconds())), local.isoformat()[19:]


def _change(low: datetime, high: datetime, tz: tzinfo) -> datetime:
    """Return the first second in (low, high] with high's offset (low's differs)."""
    wanted = _suffix(high, tz)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) // 2
        middle -= timedelta(microseconds=middle.microsecond)
        if middle <= low:
            break
        if _suffix(middle, tz) == wanted:
            high = middle
        else:
            low = middle
    return high


def offset_pieces(since: datetime, until: datetime, tz: tzinfo) -> list[tuple[str, int, str]]:
    """Return (UTC text it starts at, offset seconds, offset text) for each piece of a window.

    The first piece starts at "" (the beginning); each later one where the offset changes.
    """
    pieces = [("", *_suffix(since, tz))]
    moment = since
    while moment < until:
        following = min(moment + _STEP, until)
        if _suffix(following, tz) != pieces[-1][1:]:
            change = _change(moment, following, tz)
            pieces.append((utc_text(change), *_suffix(change, tz)))
        moment = following
    return pieces


def _local_due(pieces: list[tuple[str, int, str]], params: dict[str, Any]) -> str:
    """Return SQL for a step's local due text, filling in its parameters."""
    def shifted(n: int) -> str:
        seconds, text = pieces[n][1:]
        params[f"o{n}"], params[f"t{n}"] = f"{seconds:+d} seconds", text
        if seconds == 0:
            return f"substr(s.due, 1, 19) || :t{n}"
        return f"strftime('%Y-%m-%dT%H:%M:%S', s.due, :o{n}) || :t{n}"

    if len(pieces) == 1:
        return shifted(0)
    cases = []
    for n in range(1, len(pieces)):
        params[f"b{n}"] = pieces[n][0]
        cases.append(f"WHEN s.due < :b{n} THEN {shifted(n - 1)}")
    return f"(CASE {' '.join(cases)} ELSE {shifted(len(pieces) - 1)} END)"


def _unencodable(value: object) -> object:
    """Refuse what JSON cannot hold, as json.dumps does."""
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _alerts(conn: sqlite3.Connection, day: date, tz: tzinfo) -> str:
    """Return the agenda's alerts as JSON text, as json.dumps prints them (its C encoder)."""
    from _json import encode_basestring, make_encoder

    encode = make_encoder(None, _unencodable, encode_basestring, None, ": ", ", ", False,
                          False, True)
    return "".join(encode(alerts_json(conn, day, tz), 0))


def agenda_document(conn: sqlite3.Connection, day: date, tz: tzinfo) -> str | None:
    """Return `today --json` for a local day as printed to a pipe, with its newline; None
    when invitations wait or moved (the full command line says them)."""
    if conn.execute(INVITATIONS).fetchone()[0]:
        return None
    start, end = day_bounds(day, tz)
    params: dict[str, Any] = {"start": utc_text(start), "end": utc_text(end)}
    first = conn.execute(FIRST_DUE, (params["end"],)).fetchone()[0]
    items = ""
    if first is not None:
        pieces = offset_pieces(datetime.fromisoformat(first).astimezone(UTC), end, tz)
        item = ITEM.replace("{due}", _local_due(pieces, params)) + " AS item"
        sql = JOINED.format(items=ITEMS.format(item=item))
        items = conn.execute(sql, params).fetchone()[0] or ""  # NULL: all archived
    return (f'{{"alerts": {_alerts(conn, day, tz)}, "date": "{day.isoformat()}", '
            f'"invitations": [], "items": [{items}]}}\n')


def agenda_document_of_file(path: str, day: date, tz: tzinfo) -> str | None:
    """Read `today --json` from a SQLite file at the current schema, else return None."""
    import sqlite3

    from insidetrack.storage import SCHEMA_VERSION

    conn = sqlite3.connect(path)
    try:
        version = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
        return agenda_document(conn, day, tz) if version == SCHEMA_VERSION else None
    finally:
        conn.close()
