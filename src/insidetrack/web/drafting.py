"""Drafts and lint for the web: the same services the CLI's draft and lint use."""

from __future__ import annotations

from typing import Any

from insidetrack.compose import lint
from insidetrack.compose.kinds import DraftKind
from insidetrack.services.drafts import Draft, draft_step
from insidetrack.services.linting import lint_edited
from insidetrack.services.preferences import templates_folder
from insidetrack.session import Session


def make_draft(app: Session, step_id: int, voicemail: bool = False, fmt: str = "text") -> Draft:
    return draft_step(app.env(), step_id, voicemail=voicemail, fmt=fmt,
                      settings=app.settings.draft, templates=templates_folder())


def finding_json(f: lint.Finding) -> dict[str, Any]:
    return {"rule": f.rule, "severity": f.severity.value, "line": f.line, "message": f.message}


def draft_json(app: Session, step_id: int, voicemail: bool) -> dict[str, Any]:
    d = make_draft(app, step_id, voicemail)
    return {"step": step_id, "kind": d.kind, "subject": d.subject, "to": d.to_email,
            "text": d.as_text(), "findings": [finding_json(f) for f in d.findings],
            "changes": [list(c) for c in d.changes],
            "tips": [{"text": t.text, "place": t.place.kind} for t in d.tips],
            "used": [{"what": what, "text": text} for what, text in d.used]}


def lint_text(app: Session, text: str, kind: str) -> list[dict[str, Any]]:
    """Lint text as typed in the editor (an e-mail starts with its To and Subject lines)."""
    found = lint_edited(app.env(), DraftKind(kind), text, app.settings.draft)
    return [finding_json(f) for f in found]
