"""Lint what the user wrote or edited, by its kind: one place for the CLI, the web and drafts."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from pathlib import Path

from insidetrack.compose import lint
from insidetrack.compose.kinds import DraftKind, lint_text
from insidetrack.domain import parse
from insidetrack.domain.errors import InputError
from insidetrack.domain.model import Profile
from insidetrack.domain.settings import DraftSettings
from insidetrack.services.context import Env


def signer(profile: Profile | None) -> lint.Signer:
    """Return the contact details a message from this job seeker must carry."""
    return lint.Signer(profile.name, profile.email, profile.phone) if profile else lint.Signer()


def rules(settings: DraftSettings) -> lint.LintSettings:
    return lint.LintSettings(line_width=settings.line_width)


def lint_edited(env: Env, kind: DraftKind, text: str, settings: DraftSettings,
                job_title: str = "") -> list[lint.Finding]:
    """Lint text as typed or edited (an e-mail starts with its To and Subject lines)."""
    parse.valid_text("text", text)
    return lint_text(kind, text, signer(env.store.people.profile()), rules(settings), job_title)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError("file", f"cannot read {path}: {exc.strerror}") from exc


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
    """Lint one file as an e-mail (text or .eml), a letter or a voicemail script."""
    data = _read(path)
    if kind == DraftKind.EMAIL and path.suffix.lower() == ".eml":
        me = signer(env.store.people.profile())
        return lint.lint_email(read_eml(data), me, rules(settings))
    return lint_edited(env, DraftKind(kind), data.decode("utf-8", errors="replace"), settings)
