"""Sign in to the mail account with OAuth 2.0 and say whether the sign-in works.

The servers go into the settings file; the client and its tokens into the keyring.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from insidetrack.domain.errors import ConflictError, InputError
from insidetrack.domain.oauth import PROVIDERS, preset
from insidetrack.integrations import oauth

if TYPE_CHECKING:
    from insidetrack.session import Session


@dataclass(frozen=True)
class SignIn:
    """What the user asked for: the provider, the address, their own OAuth client."""

    provider: str
    email: str
    client_id: str
    client_secret: str = ""
    issuer: str = ""
    device: bool = False
    open_browser: bool = True


@dataclass(frozen=True)
class Account:
    """The mail account as the user sees it."""

    email: str
    provider: str
    works: bool
    words: str


def _checked(request: SignIn) -> None:
    if request.provider not in PROVIDERS:
        raise InputError("provider", f"choose one of {', '.join(PROVIDERS)}")
    if "@" not in request.email:
        raise InputError("email", "give the mail address, such as you@example.com")
    if not request.client_id:
        raise InputError("client_id", "give your OAuth client id")
    if request.provider == "other" and not request.issuer:
        raise InputError("issuer", "give your provider's address (its issuer URL)")


def _account(request: SignIn) -> tuple[dict[str, Any], dict[str, Any], Any]:
    """Return the account to sign in as, the provider's endpoints, and its preset."""
    _checked(request)
    kit = preset(request.provider, request.issuer)
    meta = oauth.discover(request.issuer or kit.issuer)
    account: dict[str, Any] = {
        "email": request.email, "provider": request.provider, "client_id": request.client_id,
        "client_secret": request.client_secret, "scope": kit.scope,
        "token_endpoint": meta["token_endpoint"], "issuer": request.issuer or kit.issuer}
    return account, meta, kit


def _keep(session: Session, request: SignIn, account: dict[str, Any], kit: Any,
          token: dict[str, Any]) -> Account:
    """Keep the tokens in the keyring and point the mail settings at the account."""
    from insidetrack.services.preferences import change_settings

    if not token.get("refresh_token"):
        raise ConflictError("the provider gave no refresh token; allow offline access")
    oauth.save({**account, "access_token": token["access_token"],
                "refresh_token": token["refresh_token"],
                "expires_at": token.get("expires_at", 0),
                "lifetime": token.get("expires_in", 3600)})
    change_settings(session, _mail_settings(request, kit))
    return Account(request.email, request.provider, True, "signed in")


def add_account(session: Session, request: SignIn, show: Callable[[str], None]) -> Account:
    """Sign in (browser or device code), keep the tokens, point the mail settings at it."""
    account, meta, kit = _account(request)
    token = (oauth.sign_in_device(account, meta, show) if request.device
             else oauth.sign_in_browser(account, meta, show, request.open_browser))
    return _keep(session, request, account, kit, token)


@dataclass(frozen=True)
class Pending:
    """A sign-in the web app started: the address to send the browser to, and its flow."""

    request: SignIn
    account: dict[str, Any]
    meta: dict[str, Any]
    kit: Any
    flow: oauth.CodeFlow

    @property
    def url(self) -> str:
        """Return the provider's sign-in page for this sign-in."""
        return self.flow.url

    @property
    def key(self) -> str:
        """Return what the provider's answer names this sign-in by (its state)."""
        return self.flow.state


def begin_sign_in(request: SignIn, onward: str) -> Pending:
    """Start a sign-in whose answer, caught on the loopback, goes on to `onward`."""
    account, meta, kit = _account(request)
    return Pending(request, account, meta, kit, oauth.start_code_flow(account, meta, onward))


def finish_sign_in(session: Session, pending: Pending, query: str) -> Account:
    """Trade the answer the provider sent back (`query`) for the tokens and keep them."""
    token = oauth.finish_code_flow(pending.account, pending.meta, pending.flow, query)
    return _keep(session, pending.request, pending.account, pending.kit, token)


def _mail_settings(request: SignIn, kit: Any) -> dict[str, str]:
    values = {"imap.user": request.email, "smtp.user": request.email}
    if kit.imap_host:
        values |= {"imap.host": kit.imap_host, "imap.port": str(kit.imap_port),
                   "imap.security": "ssl", "smtp.host": kit.smtp_host,
                   "smtp.port": str(kit.smtp_port), "smtp.security": "starttls"}
    return values


def show_account(session: Session) -> Account | None:
    """Return the signed-in mail account and whether its sign-in works, or None."""
    email = session.settings.imap.user or session.settings.smtp.user
    account = oauth.load(email)
    if account is None:
        return None
    try:
        oauth.fresh_token(account, force=True)
    except ConflictError as exc:
        return Account(email, str(account["provider"]), False, exc.message)
    return Account(email, str(account["provider"]), True, "the sign-in works")
