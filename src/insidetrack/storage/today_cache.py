"""The last `today --json` document of a database file, kept until the data or the day changes.

Status bars and scripts run `today --json` over and over while the database rarely changes.
The document is kept in the user's cache folder with what it was computed from: the
database's and its write-ahead log's identity, size and modification time (to the
nanosecond), the settings file's (the time zone), $TZ and the system zone, the version of
insidetrack, the day asked (`--date`) and the UTC window in which "today" is that day.
Anything different, and the document is computed again.

Ours: a document read while the database had changed less than a second before is not
kept (as git does for a "racily clean" index): a file system that stamps times coarsely
could give a later write the same time, and the stale document would outlive it.

Import-light on purpose (os and time only): a hit must cost less than the query it saves.
"""

from __future__ import annotations

import os
import time

from insidetrack import __version__
from insidetrack.storage.locations import _user_folder, settings_file

SETTLED_NS = 1_000_000_000  # a database changed less recently than this may be cached


def _stat(path: str) -> str:
    try:
        s = os.stat(path)
    except OSError:
        return "-"
    return f"{s.st_dev}:{s.st_ino}:{s.st_size}:{s.st_mtime_ns}"


def key(db: str, day_text: str | None) -> str:
    """What a document depends on, besides the moment: one line."""
    zone = os.environ.get("TZ", "") + "|" + os.path.realpath("/etc/localtime")
    parts = (__version__, os.path.realpath(db), _stat(db), _stat(db + "-wal"),
             _stat(settings_file()), zone, day_text or "today")
    return " ".join(p.replace(" ", "%20").replace("\n", "%0A") for p in parts)


def _file(db: str) -> str:
    name = os.path.realpath(db).replace("%", "%25").replace("/", "%2F")
    return os.path.join(_user_folder("XDG_CACHE_HOME", ".cache"), "today", name + ".json")


def read(db: str, day_text: str | None) -> str | None:
    """Return the kept document when nothing it depends on changed, else None."""
    try:
        with open(_file(db), encoding="utf-8") as handle:
            kept_key = handle.readline().rstrip("\n")
            window = handle.readline().split()
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    now = time.time_ns()
    if kept_key != key(db, day_text) or len(window) != 2 or not text.endswith("\n"):
        return None
    start, end = int(window[0]), int(window[1])
    return text if start <= now < end else None


def settled(db: str, before: str) -> bool:
    """Say whether the database is as it was (`before`), untouched for a second or more."""
    if key(db, None).split(" ")[2:4] != before.split(" ")[2:4]:
        return False
    latest = max(int(s.rsplit(":", 1)[1]) for s in before.split(" ")[2:4] if s != "-")
    return time.time_ns() - latest >= SETTLED_NS


def keep(db: str, before: str, window: tuple[int, int], text: str) -> None:
    """Keep a document computed from the database as it was at `before`, if it is settled."""
    if not settled(db, before):
        return
    path = _file(db)
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        partial = f"{path}.{os.getpid()}.tmp"
        with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w",
                  encoding="utf-8") as handle:
            handle.write(f"{before}\n{window[0]} {window[1]}\n{text}")
        os.replace(partial, path)
    except OSError:
        pass  # a cache that cannot be written is only slower
