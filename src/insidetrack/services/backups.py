"""Back up and restore, on either database.

On SQLite a backup is a copy of the database file (SQLite's online backup); on
PostgreSQL it is the lossless JSON document that `export json` writes. Either kind of
file restores a SQLite database; a PostgreSQL database restores from the JSON.
"""

from __future__ import annotations

from pathlib import Path

from insidetrack.domain.errors import InputError
from insidetrack.services.context import Env
from insidetrack.services.portability import FORMAT, dump_json, load_export

SQLITE_MAGIC = b"SQLite format 3\x00"


def backup(env: Env, dest: Path) -> str:
    """Write a consistent copy of the data to `dest`; return what kind of file it is."""
    if env.store.dialect == "sqlite":
        env.store.backup_file(dest)
        return "SQLite database"
    from insidetrack.storage.settings_file import atomic_write_bytes

    atomic_write_bytes(dest, dump_json(env))
    return "insidetrack JSON export"


def _kind(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(64)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.lstrip().startswith(b"{") and FORMAT.encode() in path.read_bytes()[:4096]:
        return "json"
    raise InputError("file", f"{path} is not an insidetrack backup (a backup file or a JSON export)")


def restore(env: Env, source: Path) -> Path | None:
    """Put a backup's data in place of the database's; return where a replaced file went."""
    kind = _kind(source)
    if kind == "json":
        load_export(env, source.read_bytes(), replace=True)
        return None
    if env.store.dialect != "sqlite":
        raise InputError("file", f"{source} is a SQLite backup; a PostgreSQL database restores "
                         "from a JSON backup (insidetrack export json)")
    return env.store.restore_file(source)
