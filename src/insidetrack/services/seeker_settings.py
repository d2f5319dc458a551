"""A career center's job seeker's own settings: their time zone, their follow-up rhythm
(the plan settings), their drafts' line width and paper, and what their calendar holds,
kept in their own rows.

The server's settings page is not theirs (every seeker of a center shares the server), so
a seeker changes these on /my-settings. They start from the center's defaults (kept as
theirs when they were added); what they leave empty follows the server's. Saving re-plans
their open campaigns with the new values, all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from insidetrack.domain.errors import InputError
from insidetrack.domain.setting_rules import RULES, check
from insidetrack.domain.setting_words import WORDS
from insidetrack.domain.settings import (
    CalendarSettings,
    DraftSettings,
    PlanSettings,
    Settings,
)
from insidetrack.services.context import Env

ZONE = "timezone"
# The sections of the settings a seeker has their own of (the rest are the server's).
OWN_SECTIONS: dict[str, type[Any]] = {"plan": PlanSettings, "draft": DraftSettings,
                                      "calendar": CalendarSettings}


@dataclass(frozen=True)
class OwnSetting:
    """One setting on the page: key, label, help, the seeker's own value ("" for none) and
    what applies when they set none."""

    key: str
    label: str
    help: str
    value: str
    fallback: str
    choices: tuple[str, ...] = ()  # one of these, or any value of its kind


def setting_keys() -> list[str]:
    return [ZONE, *(f"{section}.{f.name}" for section, kind in OWN_SECTIONS.items()
                    for f in fields(kind))]


def _server_value(server: Settings, key: str) -> object:
    section, name = key.split(".")
    return getattr(getattr(server, section), name)


def own_settings(env: Env, seeker_id: int, server: Settings,
                 server_zone: tzinfo) -> list[OwnSetting]:
    """Return every setting a seeker may change, with theirs (at first the center's
    defaults) and what applies when they clear it (the server's)."""
    own = env.store.org_settings.own_settings(seeker_id)
    zone = getattr(server_zone, "key", str(server_zone))
    shown = []
    for key in setting_keys():
        words = WORDS[key]
        fallback = zone if key == ZONE else _said(_server_value(server, key))
        choices = tuple(getattr(RULES.get(key), "choices", None) or ())
        shown.append(OwnSetting(key, words.label, words.help, own.get(key, ""), fallback,
                                choices))
    return shown


def save_own(env: Env, seeker_id: int, typed: dict[str, str], server: Settings,
             server_zone: tzinfo) -> Own:
    """Keep what a seeker typed (every wrong field refused at once, nothing saved; an
    empty one: the server's), re-plan their open campaigns with it, and return the context
    they now plan with."""
    from insidetrack.services.campaigns import replan_all
    from insidetrack.services.preferences import SettingsRefused

    values, reasons = {}, {}
    for key in setting_keys():
        value = typed.get(key, "").strip()
        try:
            values[key] = _checked(key, value) if value else ""
        except InputError as wrong:
            reasons[key] = wrong.reason
    if reasons:
        raise SettingsRefused(reasons)
    with env.store.write():
        env.store.org_settings.set_own(seeker_id, values)
        now = with_own(env, seeker_id, server, server_zone)
        replan_all(now.env)
    return now


def _checked(key: str, value: str) -> str:
    if key == ZONE:
        from insidetrack.storage.settings_file import zone_name

        return zone_name(value)
    return _said(check(key, value))


@dataclass(frozen=True)
class Own:
    """What a seeker's own settings make: the context they plan with, and their drafts'."""

    env: Env
    draft: DraftSettings
    calendar: CalendarSettings


def with_own(env: Env, seeker_id: int, server: Settings, server_zone: tzinfo) -> Own:
    """Return what a seeker plans and drafts with: their own settings over the server's."""
    own = env.store.org_settings.own_settings(seeker_id)
    zone = server_zone
    if own.get(ZONE):
        try:
            zone = ZoneInfo(own[ZONE])
        except (ZoneInfoNotFoundError, ValueError, OSError):  # one this machine lacks
            zone = server_zone
    plan, draft, calendar = (replace(getattr(server, name), **_section(own, name, kind))
                             for name, kind in OWN_SECTIONS.items())
    return Own(replace(env, plan=plan, tz=zone), draft, calendar)


def _section(own: dict[str, str], section: str, kind: type[Any]) -> dict[str, Any]:
    known = {f"{section}.{f.name}" for f in fields(kind)}
    return {k.removeprefix(f"{section}."): check(k, v) for k, v in own.items() if k in known}


def _said(value: object) -> str:
    return value.strftime("%H:%M") if hasattr(value, "strftime") else str(value)
