"""The web app's own password: an argon2 hash in the config folder, never the password."""

from __future__ import annotations

from pathlib import Path


def password_file() -> Path:
    from insidetrack.storage.settings_file import settings_path

    return settings_path().parent / "web-password"


def hash_password(password: str) -> str:
    from argon2 import PasswordHasher

    return PasswordHasher().hash(password)


def verify(stored: str, password: str) -> bool:
    from argon2 import PasswordHasher
    from argon2.exceptions import Argon2Error

    try:
        return PasswordHasher().verify(stored, password)
    except Argon2Error:
        return False


def load() -> str | None:
    path = password_file()
    return path.read_text().strip() if path.is_file() else None


def save(password: str) -> None:
    from insidetrack.storage.settings_file import atomic_write

    path = password_file()
    atomic_write(path, hash_password(password) + "\n")
    path.chmod(0o600)
