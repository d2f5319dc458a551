"""Render drafts from Jinja2 templates: shipped ones, or the user's own copies."""

from __future__ import annotations

import os
import re
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from insidetrack.compose.lint import Finding
from insidetrack.compose.variety import bare
from insidetrack.domain.errors import ConflictError, MissingInformation, Place

# Each value a template may need: what it is in the job seeker's words, and where it is
# entered (a place of domain.errors.PLACES; the edges turn it into a command or a link).
NEEDS = {
    "point_sentence": ("a topic or emphasis from the interview", "interview_notes"),
    "offer": ("your field in the profile", "profile"),
    "address": ("your postal address in the profile", "profile"),
    "fact": ("a new fact no earlier message used", "facts"),
    "clipping_title": ("a news clipping or cartoon", "clippings"),
    "clipping_phrase": ("a news clipping or cartoon", "clippings"),
    "problem": ("a problem or topic they raised", "interview_notes"),
    "dial": ("a phone number for the interviewer or the employer", "contact_phone"),
    "reference_phone": ("the reference's phone number", "references"),
    "strengths": ("your field in the profile", "profile"),
}
_UNDEFINED = re.compile(r"'(\w+)' is undefined")


@dataclass(frozen=True)
class Rendered:
    text: str
    changes: tuple[tuple[str, str], ...] = ()


Sources = tuple[tuple[str, str], ...]  # a center's own templates: (file name, source)


def environment(user_templates: Path | None, center: Sources = ()) -> Any:
    """Return a Jinja2 environment that prefers a career center's templates (`center`),
    then the user's templates folder, to the shipped ones.

    One environment is kept per folder and state of its files (and the center's sources),
    so each template is compiled once per process (the web server drafts many), while a
    template the user adds, edits or removes, or the center's administrator changes on
    any worker, is used at the next draft.
    """
    if user_templates is None or not user_templates.is_dir():
        return _environment(None, (), center)
    return _environment(user_templates, _files(user_templates), center)


def _files(folder: Path) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((entry.name, entry.stat().st_mtime_ns) for entry in os.scandir(folder)))


@lru_cache(maxsize=16)
def _environment(user_templates: Path | None, files: tuple[tuple[str, int], ...],
                 center: Sources = ()) -> Any:
    """Return the environment for a folder in one state (`files` keys the cache only)."""
    import jinja2

    loaders: list[jinja2.BaseLoader] = []
    if center:
        loaders.append(jinja2.DictLoader(dict(center)))
    if user_templates is not None:
        loaders.append(jinja2.FileSystemLoader(str(user_templates)))
    loaders.append(jinja2.PackageLoader("insidetrack.compose", "templates"))
    # A center's templates are typed by its administrator on a web page and run in the
    # server for every job seeker: sandboxed (no attribute of Python's internals, no
    # changing what a template is given). A person's own templates folder is their own code.
    kind = jinja2.Environment
    if center:
        from jinja2.sandbox import ImmutableSandboxedEnvironment

        kind = ImmutableSandboxedEnvironment
    env = kind(
        loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False,
    )
    env.filters["bare"] = bare  # 'your {{ note|bare }}': no 'your their history'
    return env


def render(env: Any, name: str, context: dict[str, Any], what: str) -> str:
    """Render one template; a missing value is an error that says how to supply it."""
    import jinja2

    try:
        text: str = env.get_template(name).render(**context)
    except jinja2.UndefinedError as exc:
        match = _UNDEFINED.search(str(exc))
        missing = match[1] if match else str(exc)
        words, kind = NEEDS.get(missing, (f"a value for '{missing}'", "interview_notes"))
        interview, contact = context.get("interview"), context.get("contact")
        if kind == "contact_phone" and not isinstance(contact, int):
            kind = "employer_phone"
        raise MissingInformation(what, words, Place(
            kind, interview if isinstance(interview, int) else None,
            contact if isinstance(contact, int) else None)) from exc
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
