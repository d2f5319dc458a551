"""`today --json` for a user in UTC, as printed to a pipe, without `datetime`.

Ours: in UTC a day runs from midnight to midnight of the dates themselves and every due
time prints with "+00:00", so the day's bounds are plain calendar arithmetic. Importing
`sqlite3` loads `datetime`, `collections.abc` and `sqlite3.dbapi2` (its date adapters);
SQLite's C module alone does all this reads, so the first `today --json` after a change
skips those imports (about 3 ms of a 45 ms start on the benchmark machine).

The SQL is agenda_text.py's own (one offset piece, zero); a test holds the two equal byte
for byte. Alerts, invitations waiting, another schema or a date outside 1000-9998 answer
None: the general path (agenda_text.py), which needs `datetime`, takes those.

Import-light on purpose: nothing but SQLite's driver and agenda_sql.py.
"""

from __future__ import annotations

from insidetrack.storage.agenda_sql import ALERTS, INVITATIONS, ITEM, ITEMS, JOINED, REPLY_DAYS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_UTC_ITEMS = JOINED.format(items=ITEMS.format(
    item=ITEM.replace("{due}", "substr(s.due, 1, 19) || '+00:00'") + " AS item"))
DAY_NS = 86_400 * 10**9
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _leap(year: int) -> bool:
    """Say whether a year of the Gregorian calendar has 29 February."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Return the days from 1970-01-01 to a date (H. Hinnant's `days_from_civil`)."""
    year -= month <= 2
    era, yoe = divmod(year, 400)
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    return era * 146_097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719_468


def iso_date(number: int) -> str:
    """Return the YYYY-MM-DD text of a day counted from 1970-01-01 (`civil_from_days`)."""
    era, doe = divmod(number + 719_468, 146_097)
    yoe = (doe - doe // 1460 + doe // 36_524 - doe // 146_096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    month = mp + 3 if mp < 10 else mp - 9
    return f"{yoe + era * 400 + (month <= 2):04d}-{month:02d}-{doy - (153 * mp + 2) // 5 + 1:02d}"


def day_number(text: str) -> int | None:
    """Return the days from 1970-01-01 of a YYYY-MM-DD date in 1000-9998, else None."""
    digits = text[:4] + text[5:7] + text[8:]
    if len(text) != 10 or text[4] + text[7] != "--" or not (digits.isascii() and
                                                            digits.isdigit()):
        return None
    year, month, day = int(text[:4]), int(text[5:7]), int(text[8:])
    if not (1000 <= year <= 9998 and 1 <= month <= 12):
        return None
    if not 1 <= day <= _MONTH_DAYS[month - 1] + (month == 2 and _leap(year)):
        return None
    return _days_from_civil(year, month, day)


def _midnight(number: int) -> str:
    """Return the stored UTC text of a day's first moment."""
    return f"{iso_date(number)}T00:00:00+00:00"


def document(conn: Any, number: int) -> str | None:
    """Return `today --json` for a UTC day as printed to a pipe, or None for the general path."""
    execute = conn.execute
    if execute(INVITATIONS).fetchone()[0]:
        return None
    start, end = _midnight(number), _midnight(number + 1)
    if execute(ALERTS, (end, _midnight(number + 1 - REPLY_DAYS))).fetchone() is not None:
        return None  # their times print through datetime: the general path
    items = execute(_UTC_ITEMS, {"start": start, "end": end}).fetchone()[0] or ""
    return (f'{{"alerts": [], "date": "{iso_date(number)}", "invitations": [], '
            f'"items": [{items}]}}\n')


def document_of_file(path: str, number: int, schema: int) -> str | None:
    """Read `today --json` for a UTC day from a SQLite file at a schema, else return None."""
    import _sqlite3  # SQLite's own module, which `sqlite3` wraps with date adapters

    conn = _sqlite3.connect(path)
    try:
        version = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
        return document(conn, number) if version == schema else None
    finally:
        conn.close()
