"""The user's settings: a TOML file in their config folder, written atomically."""

from __future__ import annotations

import os
import tempfile
import tomllib
from dataclasses import replace
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from insidetrack.domain import setting_rules
from insidetrack.domain.errors import InputError, StorageError
from insidetrack.domain.settings import KEYS, SECTION_KEYS, SECTIONS, Settings
from insidetrack.storage.locations import settings_file


def settings_path() -> Path:
    return Path(settings_file())


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        raise StorageError(f"the settings file {path} cannot be read: {exc}") from exc


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings, checking every value as if the user had just typed it."""
    path = path or settings_path()
    data = _read(path)
    settings = Settings()
    try:
        if "timezone" in data:
            settings = apply(settings, "timezone", str(data["timezone"]))
        for section, table in data.items():
            if section == "timezone":
                continue
            if section not in SECTIONS or not isinstance(table, dict):
                raise InputError("KEY", f"[{section}] is not a table of settings; "
                                        f"known: {', '.join(SECTIONS)}")
            for name, value in table.items():
                settings = apply(settings, f"{section}.{name}", str(value))
    except InputError as exc:
        said = exc.reason if exc.field == "key" else exc.message
        raise StorageError(f"the settings file {path}: {said}") from exc
    return settings


def apply(settings: Settings, key: str, value: str) -> Settings:
    """Return settings with one key changed; refuse unknown keys and bad values."""
    if key == "timezone":
        return replace(settings, timezone=zone_name(value))
    if key not in SECTION_KEYS:
        raise InputError("KEY", f"{key!r} is not a setting; known: {', '.join(KEYS)}")
    section, name = SECTION_KEYS[key]
    current = getattr(settings, section)
    parsed = setting_rules.check(key, value)
    return replace(settings, **{section: replace(current, **{name: parsed})})


def zone_name(value: str) -> str:
    """Return a time zone's name as typed, or refuse it ("Europe", a folder of zones, too)."""
    if value:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
            raise InputError("timezone", f"{value!r} is not a time zone like Europe/Paris") from exc
    return value


def as_table(settings: Settings) -> dict[str, Any]:
    """Return the settings as a flat mapping from key to value."""
    table: dict[str, Any] = {"timezone": settings.timezone}
    for key, (section, name) in SECTION_KEYS.items():
        value = getattr(getattr(settings, section), name)
        table[key] = value.strftime("%H:%M") if isinstance(value, time) else value
    return table


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings that differ from the defaults, atomically."""
    import tomli_w

    path = path or settings_path()
    defaults = as_table(Settings())
    doc: dict[str, Any] = {}
    for key, value in as_table(settings).items():
        if value == defaults[key]:
            continue
        if key == "timezone":
            doc["timezone"] = value
        else:
            section, name = SECTION_KEYS[key]
            doc.setdefault(section, {})[name] = value
    atomic_write(path, tomli_w.dumps(doc))


def atomic_write(path: Path, text: str) -> None:
    """Write a text file through a temporary file in the same folder and a rename."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a file through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
