"""The Settings page: groups of settings in words, each saved all or nothing, passwords kept in
the keyring, and a test of each mail and calendar server."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from insidetrack.domain import setting_words
from insidetrack.domain.errors import InputError, NoKeyring
from insidetrack.domain.setting_rules import RULES
from insidetrack.domain.setting_words import CHOICE_WORDS, PASSWORDS, WORDS, Group
from insidetrack.services import connections, preferences
from insidetrack.services.polishing import remote_warning
from insidetrack.services.preferences import Change, SettingsRefused
from insidetrack.session import Session
from insidetrack.web.app import data, page

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)
# The servers each group can test, and the passwords each group keeps.
TESTS = {"mail": ("smtp", "imap"), "calendar": ("caldav",)}
KEPT = {"mail": ("smtp", "imap"), "calendar": ("caldav",), "security": ("web",)}
# The fields picked from a list the page makes (a zone, a country, one of its regions).
PICKED = {"timezone": "zone", "holidays.country": "country", "holidays.region": "region"}
SERVICE_NAMES = {"smtp": "sending", "imap": "reading", "caldav": "calendar"}
LEGENDS = {"smtp": "Sending (SMTP)", "imap": "Reading (IMAP)", "caldav": "Calendar server (CalDAV)",
           "calendar": "How follow-ups appear"}


@router.get("/settings", response_class=HTMLResponse)
def settings(request: Request, app: Session = OpenSession) -> Response:
    return page(request, "settings.html", _context(app, {}))


@router.post("/settings/{name}", response_class=HTMLResponse)
async def save_group(request: Request, name: str, app: Session = OpenSession) -> Response:
    """Save one group's settings and passwords, all or nothing; say what changed."""
    group, values, passwords = await _typed(request, name)
    try:
        changes, replanned = preferences.change_settings(app, values, passwords)
    except (SettingsRefused, InputError, NoKeyring) as exc:
        return page(request, "settings.html", _context(app, {
            "group": name, "form": values, "errors": _reasons(exc)}), 400)
    if passwords.get("web"):
        from insidetrack.services.access import web_password_hash

        request.app.state.guard.password_hash = web_password_hash()
    saved = said(changes, replanned, [s for s, p in passwords.items() if p])
    return page(request, "settings.html", _context(app, {"group": group.name, "saved": saved}))


@router.post("/settings/{name}/test/{service}", response_class=HTMLResponse)
async def test_server(request: Request, name: str, service: str,
                      app: Session = OpenSession) -> Response:
    """Try a server with the values on the form, saving nothing; say what happened."""
    group, values, passwords = await _typed(request, name)
    if service not in TESTS.get(name, ()):
        raise InputError("service", f"{service!r} is not a server of {group.title}")
    try:
        tested = connections.try_connection(app, service, values, passwords.get(service, ""))
    except (SettingsRefused, InputError) as exc:
        return page(request, "settings.html", _context(app, {
            "group": name, "form": values, "errors": _reasons(exc)}), 400)
    return page(request, "settings.html", _context(app, {
        "group": name, "form": values, "tested": {service: tested}}))


async def _typed(request: Request, name: str) -> tuple[Group, dict[str, str], dict[str, str]]:
    """Return the group a form is for, its settings as typed, and its passwords typed."""
    group = setting_words.group(name)
    if group is None:
        raise InputError("group", f"{name!r} is not a group of settings")
    form = await request.form()
    values = {key: str(form[key]) for key in group.keys if key in form}
    passwords = {s: str(form.get(f"{s}.password", "")) for s in KEPT.get(name, ())}
    return group, values, passwords


def _reasons(exc: InputError | NoKeyring) -> dict[str, str]:
    if isinstance(exc, SettingsRefused):
        return exc.reasons
    if isinstance(exc, NoKeyring):
        return {f"{exc.service}.password": (
            "this computer has no keyring to keep passwords in, so nothing was saved. Instead, "
            f"set the environment variable {exc.variable} to the password where the app "
            "starts, and leave this field empty")}
    return {exc.field: exc.reason}


def said(changes: list[Change], replanned: bool, kept: list[str]) -> str:
    """Say what a save changed: 'Saved: days before the first follow-up letter 7 -> 5'."""
    parts = [f"{_lower(WORDS[c.key].label)} {_value(c.before)} -> {_value(c.after)}"
             for c in changes]
    parts += [f"the {_lower(PASSWORDS[s].label)}" for s in kept]
    if not parts:
        return "Nothing changed."
    return "Saved: " + ", ".join(parts) + ("; the campaigns are re-planned" if replanned else "")


def _lower(label: str) -> str:
    return label[0].lower() + label[1:]


def _value(value: object) -> str:
    return "(empty)" if value == "" else CHOICE_WORDS.get(str(value), str(value))


def _context(app: Session, state: dict[str, Any]) -> dict[str, Any]:
    """Return the page: every group with its fields, and what the last action said."""
    table = {**preferences.settings_table(app), **state.get("form", {})}
    errors: dict[str, str] = state.get("errors", {})
    countries, regions = preferences.holiday_places(str(table["holidays.country"]))
    zones = preferences.time_zones()
    if table["timezone"] and not any(table["timezone"] in z for z in zones.values()):
        zones["Other"].append(str(table["timezone"]))
    groups = [{
        "name": g.name, "title": g.title, "intro": g.intro,
        "parts": _parts(g, table, errors, state.get("tested", {}) if state.get("group") == g.name
                        else {}),
        "saved": state.get("saved", "") if state.get("group") == g.name else "",
        "warnings": remote_warning(app.settings.ai) if g.name == "ai" else [],
    } for g in setting_words.GROUPS]
    return {"groups": groups, "file": preferences.settings_file(), "zones": zones,
            "countries": countries, "regions": regions, "names": SERVICE_NAMES}


def _parts(group: Group, table: dict[str, Any], errors: dict[str, str],
           tested: dict[str, Any]) -> list[dict[str, Any]]:
    """Return a group's fields by server or area, each with its password and its test."""
    sections = list(dict.fromkeys(key.split(".")[0] for key in group.keys))
    return [{
        "legend": LEGENDS.get(section, "") if len(sections) > 1 else "",
        "fields": [_field(k, table[k], errors.get(k, "")) for k in group.keys
                   if k.split(".")[0] == section],
        "password": _password(section, errors.get(f"{section}.password", ""))
        if section in KEPT.get(group.name, ()) else None,
        "test": section if section in TESTS.get(group.name, ()) else "",
        "tested": tested.get(section),
    } for section in sections]


def _field(key: str, value: object, error: str) -> dict[str, Any]:
    """Return one field as the form shows it: its words, its input and its allowed values."""
    words = WORDS[key]
    rule = RULES.get(key)
    kind = PICKED.get(key) or {"count": "number", "clock": "time", "choice": "select",
                               "url": "url"}.get(rule.kind if rule else "", "text")
    choices = [(c, CHOICE_WORDS.get(c, c)) for c in rule.choices] if rule else []
    return {"key": key, "id": key.replace(".", "-").replace("_", "-"), "label": words.label,
            "help": words.help, "unit": words.unit, "kind": kind, "value": str(value),
            "low": rule.low if rule else 0, "high": rule.high if rule else 0,
            "choices": choices, "error": error}


def _password(service: str, error: str) -> dict[str, Any]:
    words = PASSWORDS[service]
    return {"key": f"{service}.password", "id": f"{service}-password", "label": words.label,
            "help": words.help, "error": error}
