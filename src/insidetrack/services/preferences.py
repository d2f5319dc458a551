"""Change a setting: check it, save the settings file, and re-plan every open campaign."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from insidetrack.services.campaigns import replan_all

if TYPE_CHECKING:
    from insidetrack.session import Session


def settings_table(session: Session) -> dict[str, object]:
    """Return every setting by its dotted key."""
    from insidetrack.storage.settings_file import as_table

    return dict(as_table(session.settings))


def settings_file() -> Path:
    from insidetrack.storage.settings_file import settings_path

    return Path(settings_path())


def templates_folder() -> Path:
    """Return the folder of the user's own draft templates, beside the settings file."""
    return settings_file().parent / "templates"


def change_setting(session: Session, key: str, value: str) -> object:
    """Set one key (refused with the key named if the value does not fit); return its value."""
    from insidetrack.storage.settings_file import apply, as_table, save_settings

    changed = apply(session.settings, key, value)
    if key.startswith("holidays.") and changed.holidays.country:
        from insidetrack.integrations.public_holidays import check

        check(changed.holidays.country, changed.holidays.region)
    save_settings(changed)
    session.use_settings(changed)
    env = session.env()
    with env.store.write():
        replan_all(env)
    return as_table(changed)[key]
