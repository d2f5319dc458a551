"""Sealing a secret kept in the database with a key kept outside it (cryptography's Fernet:
AES-128-CBC with an HMAC), so a copy of the database alone (a backup, a dump) gives no
one a job seeker's mail password.

The key is a file beside the settings file, `center.key`, made (readable by its owner
alone) the first time it is needed. Every app server of a career center needs the same
file: copy it with the settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from insidetrack.storage.locations import settings_file


def key_file() -> Path:
    return Path(settings_file()).with_name("center.key")


def _key() -> bytes:
    path = key_file()
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f"{path.name}.{os.getpid()}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(Fernet.generate_key() + b"\n")
    try:  # whole or not at all: two workers starting at once keep the first one's key
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_bytes().strip()


def seal(secret: str) -> str:
    """Return the secret sealed with the key (made if missing)."""
    return Fernet(_key()).encrypt(secret.encode("utf-8")).decode("ascii")


def unseal(sealed: str) -> str | None:
    """Return the secret, or None when it was sealed with another key (or tampered with)."""
    try:
        return Fernet(_key()).decrypt(sealed.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError):
        return None
