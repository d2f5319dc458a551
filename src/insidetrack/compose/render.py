"""Render drafts from Jinja2 templates: shipped ones, or the user's own copies."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from insidetrack.compose.lint import Finding
from insidetrack.domain.errors import ConflictError

# How to supply each value a template may need, in the job seeker's words.
HINTS = {
    "point_sentence": "a topic or emphasis from the interview "
                      "(insidetrack interview note {interview} --topic ...)",
    "offer": "your field in the profile (insidetrack profile set ... --field Sales)",
    "address": "your postal address (insidetrack profile set ... --address ...)",
    "fact": "a new fact no earlier message used (insidetrack fact add {interview} \"...\")",
    "clipping_title": "a news clipping or cartoon (insidetrack clipping add {interview} --title ...)",
    "problem": "a problem or topic they raised (insidetrack interview note {interview} --problem ...)",
    "dial": "a phone number for the interviewer or the employer "
            "(insidetrack contact set {contact} --phone ..., or employer add NAME --phone ...)",
    "reference_phone": "the reference's phone number",
    "strengths": "your field in the profile (insidetrack profile set ... --field Sales)",
}
_UNDEFINED = re.compile(r"'(\w+)' is undefined")


@dataclass(frozen=True)
class Rendered:
    text: str
    changes: tuple[tuple[str, str], ...] = ()


def environment(user_templates: Path | None) -> Any:
    """Return a Jinja2 environment that prefers the user's templates to the shipped ones."""
    import jinja2

    loaders: list[jinja2.BaseLoader] = []
    if user_templates is not None and user_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(user_templates)))
    loaders.append(jinja2.PackageLoader("insidetrack.compose", "templates"))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False,
    )


def render(env: Any, name: str, context: dict[str, Any], what: str) -> str:
    """Render one template; a missing value is an error that says how to supply it."""
    import jinja2

    try:
        text: str = env.get_template(name).render(**context)
    except jinja2.UndefinedError as exc:
        match = _UNDEFINED.search(str(exc))
        missing = match[1] if match else str(exc)
        hint = HINTS.get(missing, f"a value for '{missing}'").format(
            interview=context.get("interview", "ID"), contact=context.get("contact") or "ID")
        raise ConflictError(f"the {what} needs {hint}") from exc
    except jinja2.TemplateError as exc:
        raise ConflictError(f"template {name} cannot be used: {exc}") from exc
    return tidy(text)


def tidy(text: str) -> str:
    """Strip line ends and keep at most one blank line in a row."""
    lines = [line.rstrip() for line in text.strip("\n").splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out) + "\n"


def wrap(text: str, width: int) -> str:
    """Wrap each line of text to a width, keeping short lines as they are."""
    out = []
    for line in text.splitlines():
        indent = re.match(r"\s*(?:- )?", line)
        lead = " " * len(indent[0]) if indent else ""
        out.append(textwrap.fill(line, width, subsequent_indent=lead,
                                 break_on_hyphens=False) if len(line) > width else line)
    return "\n".join(out) + "\n"


def to_ascii(text: str) -> Rendered:
    """Transliterate to plain ASCII and say which words changed."""
    from anyascii import anyascii

    changes: dict[str, str] = {}
    for word in re.findall(r"\S+", text):
        if not word.isascii():
            changes.setdefault(word.strip(".,;:!?\"'()"), anyascii(word.strip(".,;:!?\"'()")))
    return Rendered(anyascii(text), tuple(changes.items()))


def findings_text(findings: list[Finding]) -> list[str]:
    return [f"line {f.line}: {f.severity.value}: {f.message} [{f.rule}]" for f in findings]
