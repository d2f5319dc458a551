"""The console script: answers `--help` and `today --json` at once, hands the rest to click.

`insidetrack today --json` is what scripts and status bars run every morning,
so it reads the agenda with the standard library alone; `insidetrack --help`
prints its kept text (cli/top_help.py) without importing click. Anything else, and
anything unusual about this call (a missing database, another schema, a bad
date, a broken settings file), goes to the full command line, which also
reports errors.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run `insidetrack`."""
    status = fast_help(sys.argv[1:])
    if status is None and fast_today(sys.argv[1:]) == 0:
        _end_now()
    if status is None:
        from insidetrack.cli.main import run

        run()
    sys.exit(status)


def _end_now() -> None:
    """Flush what was written and end the process without the interpreter's clean-up.

    Ours: `today --json` has closed its database and files by now; what remains is
    Python freeing every module and object on its way out, about a tenth of the first
    run after a change (measured: bench/RESULTS.md, 2026-11-27, later).
    """
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # the reader went away
        os._exit(1)
    os._exit(0)


def fast_help(argv: list[str]) -> int | None:
    """Print the top help and return 0 when click would print it WIDTH wide, else None."""
    if argv not in (["--help"], ["-h"]):
        return None
    import shutil

    from insidetrack.cli.top_help import TEXT, WIDTH

    if max(min(shutil.get_terminal_size().columns, 80) - 2, 50) != WIDTH:  # click's width
        return None
    sys.stdout.write(TEXT)
    return 0


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


def _flushed(text: str) -> None:
    """Write text to standard output and flush it: the reader need not wait for the rest."""
    sys.stdout.write(text)
    sys.stdout.flush()


def fast_today(argv: list[str]) -> int | None:
    """Print `today --json` and return 0, or return None to use the full CLI."""
    parsed = parse_today(argv)
    if parsed is None:
        return None
    from insidetrack.services.today_file import agenda, print_agenda_text

    try:
        # A script or a status bar: SQLite's text (or the kept one) will do.
        if not sys.stdout.isatty() and print_agenda_text(*parsed, _flushed):
            return 0
        data = agenda(*parsed)
    except Exception:  # the full CLI meets the same problem and reports it properly
        return None
    if data is None:
        return None
    from insidetrack.cli.output import emit_json

    emit_json(data, keys_sorted=True)
    return 0
