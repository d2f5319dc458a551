"""Mail sign-in with OAuth 2.0: the providers we know and when an access token is stale.

Ours: no protocol here, only the presets and the decisions.
"""

from __future__ import annotations

from dataclasses import dataclass

PROVIDERS = ("gmail", "outlook", "m365", "other")
MARGIN = 60  # seconds: refresh a token this long before it runs out


@dataclass(frozen=True)
class Preset:
    """What a provider's mail account uses: servers, scopes, and where it signs in."""

    imap_host: str
    imap_port: int
    smtp_host: str
    smtp_port: int
    scope: str
    issuer: str = ""


_MICROSOFT = Preset("outlook.office365.com", 993, "smtp.office365.com", 587,
                    "https://outlook.office.com/IMAP.AccessAsUser.All "
                    "https://outlook.office.com/SMTP.Send offline_access",
                    "https://login.microsoftonline.com/common/v2.0")
PRESETS = {
    "gmail": Preset("imap.gmail.com", 993, "smtp.gmail.com", 587, "https://mail.google.com/",
                    "https://accounts.google.com"),
    "outlook": _MICROSOFT,
    "m365": _MICROSOFT,
}
OTHER_SCOPE = "openid email offline_access"


def preset(provider: str, issuer: str = "") -> Preset:
    """Return a provider's preset; `other` has no servers and signs in at `issuer`."""
    if provider == "other":
        return Preset("", 993, "", 587, OTHER_SCOPE, issuer)
    return PRESETS[provider]


def needs_refresh(expires_at: float, now: float, lifetime: float = 3600) -> bool:
    """Say whether an access token running out at `expires_at` should be renewed now: a
    minute ahead, or a quarter of its life ahead when it lives less than four minutes."""
    return expires_at - min(MARGIN, lifetime / 4) <= now


NAMES = {"gmail": "Google", "outlook": "Outlook", "m365": "Microsoft 365"}


def provider_name(provider: str, issuer: str = "") -> str:
    """Name a provider as its sign-in button does (`other`: its issuer's host)."""
    if provider in NAMES:
        return NAMES[provider]
    return issuer.split("://", 1)[-1].split("/", 1)[0] or "your provider"
