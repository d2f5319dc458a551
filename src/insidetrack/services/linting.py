"""Lint a file the user wrote or edited: an e-mail (text or .eml), a letter, a voicemail."""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser
from pathlib import Path

from insidetrack.compose import lint
from insidetrack.compose.settings import DraftSettings
from insidetrack.domain.errors import InputError
from insidetrack.services.context import Env

_HEADER = re.compile(r"^(To|From|Cc|Subject|Date):\s?(.*)$", re.IGNORECASE)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError("FILE", f"cannot read {path}: {exc.strerror}") from exc


def read_text_message(text: str) -> lint.Message:
    """Split a text draft into its leading header lines and its body."""
    lines = text.splitlines()
    headers: dict[str, str] = {}
    n = 0
    while n < len(lines) and (match := _HEADER.match(lines[n])):
        headers[match[1].capitalize()] = match[2]
        n += 1
    if headers and n < len(lines) and not lines[n].strip():
        n += 1
    return lint.Message("\n".join(lines[n:]), headers, body_line=n + 1)


def read_eml(data: bytes) -> lint.Message:
    """Read an .eml file with its headers and its structure."""
    msg = BytesParser(policy=policy.default).parsebytes(data)
    parts = sum(1 for p in msg.walk() if not p.is_multipart())
    attachments = sum(1 for _ in msg.iter_attachments()) if msg.is_multipart() else 0
    body_part = msg.get_body(preferencelist=("plain", "html"))
    body = body_part.get_content() if body_part is not None else ""
    head_end = data.find(b"\n\n")
    body_line = data[:head_end].count(b"\n") + 3 if head_end >= 0 else 1
    headers = {k: str(v) for k, v in msg.items()}
    return lint.Message(body, headers, body_line, parts, msg.get_content_type(), attachments)


def lint_file(env: Env, path: Path, kind: str, settings: DraftSettings) -> list[lint.Finding]:
    """Lint one file as an e-mail, a letter or a voicemail script."""
    data = _read(path)
    profile = env.store.people.profile()
    me = lint.Contact(profile.name, profile.email, profile.phone) if profile else lint.Contact()
    if kind == "email":
        message = read_eml(data) if path.suffix.lower() == ".eml" else read_text_message(
            data.decode("utf-8", errors="replace"))
        return lint.lint_email(message, me, lint.LintSettings(line_width=settings.line_width))
    text = data.decode("utf-8", errors="replace")
    if kind == "voicemail":
        return lint.lint_voicemail(text, me)
    return lint.lint_letter(text, me)
