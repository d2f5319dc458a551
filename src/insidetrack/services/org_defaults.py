"""A center's defaults: the plan settings and profile a new job seeker starts from, and the
fewest job seekers a cohort figure is shown for.

Set by an administrator (the page /center/admin), shown by `org defaults`; `add_seeker`
copies the plan settings into the new seeker's own rows and fills in a profile from the
template (storage/org_settings.py).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from insidetrack.domain import parse
from insidetrack.domain.errors import InputError
from insidetrack.domain.setting_rules import RULES, check
from insidetrack.domain.setting_words import WORDS
from insidetrack.domain.settings import PlanSettings
from insidetrack.services.center import require_center
from insidetrack.services.center_admin import as_admin
from insidetrack.services.context import Env
from insidetrack.services.ports import OrgPerson
from insidetrack.services.preferences import SettingsRefused

MIN_SEEKERS = ("cohort.min_seekers", 5, 3, 1000)  # key, default, lowest, highest
PROFILE = {"profile.field": "Field of work", "profile.specialty": "Specialty"}


@dataclass(frozen=True)
class Default:
    """One default: its key, label, the value the center set ("" for none) and the value
    used when none is set."""

    key: str
    label: str
    value: str
    fallback: str

    @property
    def effective(self) -> str:
        return self.value or self.fallback


def _fallbacks() -> dict[str, tuple[str, str]]:
    """Every key an administrator may set: its label and its value when unset."""
    plan = PlanSettings()
    found = {f"plan.{f.name}": (WORDS[f"plan.{f.name}"].label,
                                _said(getattr(plan, f.name))) for f in fields(plan)}
    found.update({k: (label, "") for k, label in PROFILE.items()})
    found[MIN_SEEKERS[0]] = ("Fewest job seekers a cohort figure is shown for",
                             str(MIN_SEEKERS[1]))
    return found


def _said(value: object) -> str:
    return value.strftime("%H:%M") if hasattr(value, "strftime") else str(value)


def defaults(env: Env) -> list[Default]:
    """Return every default, in the order the page lists them."""
    require_center(env)
    values = env.store.org_settings.values()
    return [Default(k, label, values.get(k, ""), fallback)
            for k, (label, fallback) in _fallbacks().items()]


def set_defaults(env: Env, person: OrgPerson | None, typed: dict[str, str]) -> list[Default]:
    """Make the center's defaults the ones typed (an empty one: none), as an administrator;
    any refused: every one refused is named, and nothing changes."""
    require_center(env)
    known = _fallbacks()
    values: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for k, v in typed.items():
        if k in known and v.strip():
            try:
                values[k] = _checked(k, v)
            except InputError as exc:
                reasons[k] = exc.reason
    if reasons:  # every wrong field at once, in the page's order
        raise SettingsRefused({k: reasons[k] for k in known if k in reasons})
    as_admin(env, person)
    env.store.org_settings.replace(values)
    return defaults(env)


def _checked(key: str, value: str) -> str:
    """Return a value as stored, or refuse it naming its key."""
    if key in RULES:
        return _said(check(key, value))
    if key == MIN_SEEKERS[0]:
        low, high = MIN_SEEKERS[2], MIN_SEEKERS[3]
        number = value.strip()
        if not number.isdigit() or not low <= int(number) <= high:
            raise InputError(key, f"{value.strip()!r} is not a whole number from {low} to "
                             f"{high} (fewer would let a figure point at one person)")
        return str(int(number))
    return parse.text(key, value, limit=parse.MAX_NAME)


