"""A career center's job seeker's own settings: their time zone and their follow-up
rhythm (the plan settings), kept in their own rows.

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
from insidetrack.domain.setting_rules import check
from insidetrack.domain.setting_words import WORDS
from insidetrack.domain.settings import PlanSettings
from insidetrack.services.context import Env

ZONE = "timezone"


@dataclass(frozen=True)
class OwnSetting:
    """One setting on the page: key, label, help, the seeker's own value ("" for none) and
    what applies when they set none."""

    key: str
    label: str
    help: str
    value: str
    fallback: str


def setting_keys() -> list[str]:
    return [ZONE, *(f"plan.{f.name}" for f in fields(PlanSettings))]


def own_settings(env: Env, seeker_id: int, server: PlanSettings,
                 server_zone: tzinfo) -> list[OwnSetting]:
    """Return every setting a seeker may change, with theirs (at first the center's
    defaults) and what applies when they clear it (the server's)."""
    own = env.store.org_settings.own_settings(seeker_id)
    zone = getattr(server_zone, "key", str(server_zone))
    shown = []
    for key in setting_keys():
        words = WORDS[key]
        fallback = zone if key == ZONE else _said(getattr(server, key.removeprefix("plan.")))
        shown.append(OwnSetting(key, words.label, words.help, own.get(key, ""), fallback))
    return shown


def save_own(env: Env, seeker_id: int, typed: dict[str, str], server: PlanSettings,
             server_zone: tzinfo) -> Env:
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
        replan_all(now)
    return now


def _checked(key: str, value: str) -> str:
    if key == ZONE:
        from insidetrack.storage.settings_file import zone_name

        return zone_name(value)
    return _said(check(key, value))


def with_own(env: Env, seeker_id: int, server: PlanSettings, server_zone: tzinfo) -> Env:
    """Return the context a seeker plans with: their own settings over the server's."""
    own = env.store.org_settings.own_settings(seeker_id)
    known = {f"plan.{f.name}" for f in fields(PlanSettings)}
    changes: dict[str, Any] = {k.removeprefix("plan."): check(k, v)
                               for k, v in own.items() if k in known}
    zone = server_zone
    if own.get(ZONE):
        try:
            zone = ZoneInfo(own[ZONE])
        except (ZoneInfoNotFoundError, ValueError, OSError):  # one this machine lacks
            zone = server_zone
    return replace(env, plan=replace(server, **changes), tz=zone)


def _said(value: object) -> str:
    return value.strftime("%H:%M") if hasattr(value, "strftime") else str(value)
