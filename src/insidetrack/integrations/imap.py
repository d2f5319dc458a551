"""Read the user's mailbox over IMAP (imapclient): new headers only, since last time."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from insidetrack.domain.errors import ConflictError, Elsewhere, Place, SignInNeeded
from insidetrack.domain.settings import ImapSettings
from insidetrack.integrations.mailparse import needs_body

TIMEOUT = 30
HEADER = b"BODY[HEADER]"
WHOLE = b"BODY[]"


class Mailbox:
    """An open IMAP session."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def uidvalidity(self, folder: str) -> int:
        info = self.client.select_folder(folder, readonly=True)
        return int(info[b"UIDVALIDITY"])

    def new_messages(self, folder: str, after_uid: int,
                     newest: int | None = None) -> list[tuple[int, bytes]]:
        """Return (uid, raw) of messages past a UID (only the `newest` many, when given):
        headers, or all of a delivery report."""
        uids = [u for u in self.client.search(["UID", f"{after_uid + 1}:*"]) if u > after_uid]
        uids = sorted(uids)[-newest:] if newest else uids
        if not uids:
            return []
        headers = self.client.fetch(uids, ["BODY.PEEK[HEADER]"])
        reports = [u for u in uids if needs_body(headers[u][HEADER])]
        whole = self.client.fetch(reports, ["BODY.PEEK[]"]) if reports else {}
        return [(u, whole[u][WHOLE] if u in whole else headers[u][HEADER]) for u in sorted(uids)]

    def has_message_id(self, folder: str, message_id: str) -> bool:
        try:
            self.client.select_folder(folder, readonly=True)
        except Exception:  # no such folder on this server
            return False
        return bool(self.client.search(["HEADER", "Message-ID", message_id]))


@contextmanager
def open_mailbox(s: ImapSettings, password: str | None,
                 timeout: float = TIMEOUT) -> Iterator[Mailbox]:
    """Log in to the configured IMAP server."""
    from imapclient import IMAPClient

    if not s.host:
        raise Elsewhere("set up reading mail first: the incoming mail server is not set",
                        Place("imap_setup"))
    try:
        client = IMAPClient(s.host, port=s.port, ssl=s.security == "ssl", timeout=timeout,
                            ssl_context=ssl.create_default_context())
        if s.security == "starttls":
            client.starttls(ssl.create_default_context())
        if s.user:
            _log_in(client, s.user, password)
    except SignInNeeded:
        raise
    except Exception as exc:  # socket, TLS and IMAP errors alike
        from insidetrack.integrations.net_words import why

        raise ConflictError(f"cannot read mail at {s.host}:{s.port}: {why(exc, s.port)}") from exc
    try:
        yield Mailbox(client)
    finally:
        with suppress(Exception):
            client.logout()


def _log_in(client: Any, user: str, password: str | None) -> None:
    """Log in with the password, or with XOAUTH2 and once more with a renewed token."""
    renew = getattr(password, "renew", None)
    if renew is None and not (user + (password or "")).isascii():
        client.plain_login(user, password)  # LOGIN is ASCII alone; AUTHENTICATE PLAIN: UTF-8
        return
    if renew is None:
        client.login(user, password or "")
        return
    try:
        client.oauth2_login(user, str(password))
    except Exception:  # the token may have run out: renew it and try once more
        client.oauth2_login(user, renew())


def attempt(s: ImapSettings, password: str | None, timeout: float = TIMEOUT) -> list[str]:
    """Log in and return the watched folders the server does not have."""
    with open_mailbox(s, password, timeout) as box:
        return [f for f in s.watched if not box.client.folder_exists(f)]


def check(s: ImapSettings, password: str | None, timeout: float = TIMEOUT) -> str:
    try:
        missing = attempt(s, password, timeout)
    except ConflictError as exc:
        return f"imap: {exc.message}"
    if missing:
        return f"imap: logged in, but no folder {', '.join(missing)}"
    return f"imap: ok, {s.host}:{s.port} ({s.security}), watching {', '.join(s.watched)}"
