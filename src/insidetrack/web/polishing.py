"""The Polish page: the template draft and the model's version side by side, marked."""

from __future__ import annotations

from typing import Any

from insidetrack.compose.describe import describe_step
from insidetrack.compose.diff import sides
from insidetrack.services.polishing import polish_step
from insidetrack.services.preferences import templates_folder
from insidetrack.session import Session


def polish_screen(app: Session, step_id: int, voicemail: bool) -> dict[str, Any]:
    """Polish a step's draft and lay both versions out, the differences marked."""
    p = polish_step(app.env(), step_id, app.settings.ai, voicemail=voicemail,
                    settings=app.settings.draft, templates=templates_folder())
    before, after = sides(p.draft.as_text(), p.text) if p.text else ([], [])
    return {"p": p, "step": p.draft.step, "voicemail": voicemail, "what": describe_step(p.draft.step),
            "before": before, "after": after}
