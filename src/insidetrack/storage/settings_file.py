"""The user's settings: a TOML file in their config folder, written atomically."""

from __future__ import annotations

import os
import tempfile
import tomllib
from dataclasses import dataclass, fields, replace
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from insidetrack.compose.settings import PAPERS, DraftSettings
from insidetrack.domain.errors import InputError, StorageError
from insidetrack.domain.plan_settings import PlanSettings
from insidetrack.integrations.settings import (
    SECURITY,
    CaldavSettings,
    CalendarSettings,
    ImapSettings,
    SmtpSettings,
)
from insidetrack.storage.locations import settings_file

SECTIONS: dict[str, type[Any]] = {
    "plan": PlanSettings, "draft": DraftSettings, "smtp": SmtpSettings, "imap": ImapSettings,
    "caldav": CaldavSettings, "calendar": CalendarSettings,
}
CHOICES = {
    "draft.paper": PAPERS, "smtp.security": SECURITY, "imap.security": SECURITY,
    "calendar.items": ("todo", "event"),
}
SECTION_KEYS = {f"{section}.{f.name}": (section, f.name)
                for section, kind in SECTIONS.items() for f in fields(kind)}
KEYS = ("timezone", *SECTION_KEYS)


@dataclass(frozen=True)
class Settings:
    timezone: str = ""
    plan: PlanSettings = PlanSettings()
    draft: DraftSettings = DraftSettings()
    smtp: SmtpSettings = SmtpSettings()
    imap: ImapSettings = ImapSettings()
    caldav: CaldavSettings = CaldavSettings()
    calendar: CalendarSettings = CalendarSettings()


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
    if "timezone" in data:
        settings = apply(settings, "timezone", str(data["timezone"]))
    for section in SECTIONS:
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise StorageError(f"the settings file {path} has no table [{section}]")
        for name, value in table.items():
            settings = apply(settings, f"{section}.{name}", str(value))
    return settings


def apply(settings: Settings, key: str, value: str) -> Settings:
    """Return settings with one key changed; refuse unknown keys and bad values."""
    if key == "timezone":
        return replace(settings, timezone=_zone_name(value))
    if key not in SECTION_KEYS:
        raise InputError("KEY", f"{key!r} is not a setting; known: {', '.join(KEYS)}")
    section, name = SECTION_KEYS[key]
    current = getattr(settings, section)
    parsed = _parse(key, value, getattr(current, name))
    return replace(settings, **{section: replace(current, **{name: parsed})})


def _parse(key: str, value: str, like: object) -> object:
    """Check a typed value against the kind of its default."""
    if isinstance(like, time):
        return _clock(key, value)
    if isinstance(like, int):
        return _count(key, value, high=65535 if key.endswith(".port") else 3650)
    if key in CHOICES:
        if value.casefold() not in CHOICES[key]:
            raise InputError(key, f"{value!r} is not one of {', '.join(CHOICES[key])}")
        return value.casefold()
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise InputError(key, "must be one line without control characters")
    return value.strip()


def _zone_name(value: str) -> str:
    if value:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise InputError("timezone", f"{value!r} is not a time zone like Europe/Paris") from exc
    return value


def _count(key: str, value: str, high: int = 3650) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if not 1 <= number <= high:
        raise InputError(key, f"{value!r} is not a whole number from 1 to {high}")
    return number


def _clock(key: str, value: str) -> time:
    try:
        return time.fromisoformat(value) if len(value) == 5 else time.fromisoformat("x")
    except ValueError as exc:
        raise InputError(key, f"{value!r} is not a time of day like 09:00") from exc


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
