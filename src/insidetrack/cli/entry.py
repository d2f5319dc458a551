"""The console script: answers `today --json` at once, hands the rest to click.

`insidetrack today --json` is what scripts and status bars run every morning,
so it reads the agenda with the standard library alone. Anything else, and
anything unusual about this call (a missing database, another schema, a bad
date, a broken settings file), goes to the full command line, which also
reports errors.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import tzinfo
    from typing import Any


def main() -> None:
    """Run `insidetrack`."""
    status = fast_today(sys.argv[1:])
    if status is None:
        from insidetrack.cli.main import run

        run()
    sys.exit(status)


def _options(tokens: list[str], allowed: set[str]) -> dict[str, str] | None:
    """Read `--name VALUE` and `--name=VALUE` pairs; None for anything else."""
    found: dict[str, str] = {}
    rest = iter(tokens)
    for token in rest:
        name, eq, value = token.partition("=")
        if name not in allowed or name in found:
            return None
        if not eq:
            value = next(rest, "")
        found[name] = value
    return found


def parse_today(argv: list[str]) -> tuple[str | None, str | None] | None:
    """Return (database, date) for `[--db P] today [--date D] --json`, else None."""
    if "today" not in argv or "--json" not in argv:
        return None
    cut = argv.index("today")
    after = [a for a in argv[cut + 1 :] if a != "--json"]
    if len(after) + 1 != len(argv[cut + 1 :]):
        return None
    before, options = _options(argv[:cut], {"--db"}), _options(after, {"--date"})
    if before is None or options is None:
        return None
    return before.get("--db"), options.get("--date")


def _zone() -> tzinfo | None:
    """Return the user's zone, or None when the settings file needs the full CLI."""
    import os

    from insidetrack.storage.locations import settings_file, system_zone

    path = settings_file()
    if os.path.exists(path):
        import tomllib
        from zoneinfo import ZoneInfo

        try:
            with open(path, "rb") as handle:
                name = tomllib.load(handle).get("timezone", "")
            return ZoneInfo(name) if name else system_zone()
        except Exception:
            return None
    return system_zone()


def _agenda(db: str | None, day_text: str | None) -> dict[str, Any] | None:
    import os
    from datetime import date, datetime

    from insidetrack.services import today_file
    from insidetrack.storage.locations import database_file, is_url

    path = db or database_file()
    tz = _zone()
    on_server = is_url(path)
    if tz is None or (day_text is not None and len(day_text) != 10):
        return None
    if not on_server and not os.path.isfile(path):
        return None  # no database yet: the full CLI makes one
    day = date.fromisoformat(day_text) if day_text else datetime.now(tz).date()
    read = today_file.agenda_of_server if on_server else today_file.agenda_of_file
    return read(path, day, tz)


def fast_today(argv: list[str]) -> int | None:
    """Print `today --json` and return 0, or return None to use the full CLI."""
    parsed = parse_today(argv)
    if parsed is None:
        return None
    try:
        data = _agenda(*parsed)
    except Exception:  # the full CLI meets the same problem and reports it properly
        return None
    if data is None:
        return None
    from insidetrack.cli.output import emit_json

    emit_json(data, keys_sorted=True)
    return 0
