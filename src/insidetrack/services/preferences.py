"""Change a setting: check it, save the settings file, and re-plan every open campaign."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from insidetrack.domain.errors import InputError
from insidetrack.services.campaigns import replan_all

if TYPE_CHECKING:
    from insidetrack.domain.settings import Settings
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
    replans = key.startswith(PLANNING)
    if replans:
        session.env()  # a database that cannot be re-planned is refused before the save
    save_settings(changed)
    session.use_settings(changed)
    if replans:  # the other settings (mail, web, calendar...) leave the plans as they are
        env = session.env()
        with env.store.write():
            replan_all(env)
    return as_table(changed)[key]


class Change(NamedTuple):
    """One setting saved: its key, and its value before and after."""

    key: str
    before: object
    after: object


class SettingsRefused(InputError):
    """Values typed for a group of settings that do not fit: every field's reason, by key."""

    def __init__(self, reasons: dict[str, str]) -> None:
        field, reason = next(iter(reasons.items()))
        super().__init__(field, reason)
        self.reasons = reasons


# Changing one of these moves the follow-ups, so the open campaigns are re-planned.
PLANNING = ("plan.", "holidays.", "timezone")


def proposed(settings: Settings, values: dict[str, str]) -> Settings:
    """Return the settings with every typed value in, or refuse them all, each by its key."""
    from insidetrack.storage.settings_file import apply

    reasons: dict[str, str] = {}
    for key, value in values.items():
        try:
            settings = apply(settings, key, value)
        except InputError as exc:
            reasons[key] = exc.reason
    if not reasons and any(k.startswith("holidays.") for k in values):
        reasons = _holidays_refused(settings)
    if reasons:
        raise SettingsRefused(reasons)
    return settings


def _holidays_refused(settings: Settings) -> dict[str, str]:
    from insidetrack.integrations.public_holidays import check

    try:
        check(settings.holidays.country, settings.holidays.region)
    except InputError as exc:
        return {exc.field: exc.reason}
    return {}


def change_settings(session: Session, values: dict[str, str],
                    passwords: dict[str, str] | None = None) -> tuple[list[Change], bool]:
    """Save a group of settings (and keep its passwords) all or nothing; return what changed
    and whether the open campaigns were re-planned."""
    from insidetrack.services.connections import keep_passwords
    from insidetrack.storage.settings_file import as_table, save_settings

    changed = proposed(session.settings, values)
    keep_passwords(changed, passwords or {})
    before, after = as_table(session.settings), as_table(changed)
    changes = [Change(k, before[k], after[k]) for k in values if before[k] != after[k]]
    if not changes:
        return [], False
    save_settings(changed)
    session.use_settings(changed)
    replanned = any(c.key.startswith(PLANNING) for c in changes)
    if replanned:
        env = session.env()
        with env.store.write():
            replan_all(env)
    return changes, replanned


def time_zones() -> dict[str, list[str]]:
    """Return the IANA time zones this computer knows, by their region (Europe, America...)."""
    from zoneinfo import available_timezones

    grouped: dict[str, list[str]] = {}
    for zone in sorted(available_timezones()):
        region, _, place = zone.partition("/")
        if place and region not in ("Etc", "SystemV", "US", "Canada", "Brazil", "Mexico", "Chile"):
            grouped.setdefault(region, []).append(zone)
    grouped["Other"] = ["UTC"]
    return grouped


def holiday_places(country: str) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """Return (code, name) of the countries whose holidays are known, and of the regions of
    one of them."""
    from insidetrack.integrations.public_holidays import countries, regions

    return countries(), regions(country) if country else ()
