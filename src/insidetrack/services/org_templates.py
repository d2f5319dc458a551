"""A career center's own draft templates: an administrator's version of a thank-you note,
a follow-up or the letters' signature, used for every job seeker's drafts.

Kept in `org_settings` (storage/org_settings.py, `template.<file name>`), read at each
draft, so a change made on one worker is used by every worker at the next draft (the
compiled environment is cached per set of sources, compose/render.py). Checked before it
is kept: it must compile, use only the fields a draft has, and include only drafts'
templates; then it is drafted for a sample interview and linted against the playbook,
and what the linter says is shown to the administrator (kept all the same: the seeker's
own draft is linted again, as every draft is).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

from insidetrack.compose import lint
from insidetrack.compose.kinds import TEMPLATES, DraftKind, lint_text
from insidetrack.compose.render import environment, findings_text, tidy, to_ascii, wrap
from insidetrack.domain.errors import InputError
from insidetrack.domain.settings import DraftSettings
from insidetrack.services.center import require_center
from insidetrack.services.center_admin import as_admin
from insidetrack.services.context import Env
from insidetrack.services.ports import OrgPerson

# Every template a center may replace, in the words of the admin page's form labels.
LABELS = {
    "thank_you_email.txt": "Thank-you e-mail", "thank_you_letter.txt": "Thank-you letter",
    "follow_up_email.txt": "Follow-up e-mail", "follow_up_letter.txt": "Follow-up letter",
    "call_sheet.txt": "Call sheet", "voicemail.txt": "Voicemail script",
    "reference_brief.txt": "Reference brief", "reference_thanks.txt": "Reference thank-you call",
    "offer_thanks_email.txt": "Thanks for an offer (e-mail)",
    "offer_thanks_letter.txt": "Thanks for an offer (letter)",
    "keep_in_mind_email.txt": "Keep me in mind (e-mail)",
    "keep_in_mind_letter.txt": "Keep me in mind (letter)",
    "withdraw_email.txt": "Withdrawal (e-mail)", "withdraw_letter.txt": "Withdrawal (letter)",
    "_letter_head.txt": "Letters' heading", "_letter_signature.txt": "Letters' signature block",
}
_PRIYA = "Priya Raman"
# A draft's fields (compose/context.py build_context), as a sample interview fills them:
# what a center's template may use, and what it is drafted from before it is kept.
SAMPLE: dict[str, Any] = {
    "name": "Alex Morgan", "email": "alex.morgan@example.com", "phone": "(555) 010-4477",
    "employer": "Northwind Labs", "job_title": "Data Analyst", "number": 1,
    "recipient": _PRIYA, "addressee": f"Ms. {_PRIYA}", "greeting": "Ms. Raman",
    "interview_day": "Tuesday", "round": 1, "date": "November 25, 2026",
    "subject": "Data Analyst: the churn model we discussed", "interviewers": _PRIYA,
    "interview": 1, "step": 1, "contact": 1, "address": "12 Elm Street, Springfield",
    "department": "Analytics", "employer_address": "400 Market Street, Springfield",
    "offer": "With 3 years of experience in data analysis I can",
    "field": "data analysis", "specialty": "churn models",
    "point_sentence": "I enjoyed our talk about the churn model",
    "opening": "Thank you for meeting with me on Tuesday about the Data Analyst position.",
    "recalled": "I enjoyed our talk about the churn model.",
    "closing": "I look forward to hearing from you.",
    "contribution": "help your team ship its churn model sooner.",
    "used": [("topic", "the churn model")], "personal": True,
    "topics": ("the churn model",), "emphases": ("clear reporting",),
    "problems": ("late reports",), "impressed": ("the team's reviews",),
    "forgot": ("my SQL course", "data analysis"), "shared_interests": ("cycling",),
    "problem": "late reports", "fact": "I finished an SQL course this week",
    "missing_notes": "an interest you share", "function": "data analysis",
    "clipping_title": "Churn in 2026", "clipping_noun": "article",
    "clipping_phrase": "an article", "clipping_url": "https://example.com/churn",
    "wants_clipping": True, "strengths": "3 years in data analysis; churn models",
    "gatekeeper": "Sam Lee", "dial": "(555) 010-2000", "news": "they offered me the job",
    "keep_in_mind_close": "Please keep me in mind for future openings.",
    "offer_close": "Thank you for the offer.", "reference": "Dana Wu",
    "reference_phone": "(555) 010-3000", "relationship": "my manager at Contoso",
}


@dataclass(frozen=True)
class CenterTemplate:
    """One template a center may replace: its file, label, the center's source ("" when
    it set none) and the built-in source."""

    name: str
    label: str
    source: str
    built_in: str


def built_in(name: str) -> str:
    return (resources.files("insidetrack.compose") / "templates" / name).read_text("utf-8")


def center_templates(env: Env) -> list[CenterTemplate]:
    """Return every template a center may replace, with the center's version if any."""
    require_center(env)
    ours = dict(env.store.org_settings.templates())
    return [CenterTemplate(n, label, ours.get(n, ""), built_in(n)) for n, label in LABELS.items()]


def set_template(env: Env, person: OrgPerson | None, name: str,
                 source: str) -> list[str] | None:
    """Keep the center's version of a template, checked, as an administrator; return what
    the playbook's linter says of a sample draft from it. Empty, or the built-in text: the
    built-in one again (None). One refused: nothing changes."""
    require_center(env)
    if name not in LABELS:
        raise InputError("template", f"{name!r} is not a draft template; use one of "
                         f"{', '.join(LABELS)}")
    source = source.replace("\r\n", "\n")
    said = None
    if source.strip() and source.strip() != built_in(name).strip():
        said = check_template(name, source, env.store.org_settings.templates())
    as_admin(env, person)
    env.store.org_settings.set_template(name, None if said is None else source)
    return said


def check_template(name: str, source: str, others: tuple[tuple[str, str], ...]) -> list[str]:
    """Refuse a template that does not compile, or uses an unknown field or template,
    naming its form label; return the lint of a sample draft of each template using it."""
    import jinja2
    from jinja2 import meta

    label = LABELS[name]
    sources = tuple((n, s) for n, s in others if n != name) + ((name, source),)
    env = environment(None, sources)
    try:
        parsed = env.parse(source)
        env.from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(f"template.{name}", f"{label}: line {exc.lineno}: {exc.message}") from exc
    unknown = sorted(meta.find_undeclared_variables(parsed) - set(SAMPLE))
    if unknown:
        raise InputError(f"template.{name}", f"{label}: no draft has a field named "
                         f"{', '.join(unknown)}; the fields are {', '.join(sorted(SAMPLE))}")
    included = set(meta.find_referenced_templates(parsed))
    if included - set(LABELS):
        raise InputError(f"template.{name}", f"{label}: it may include only drafts' templates"
                         f" ({', '.join(n for n in LABELS if n.startswith('_'))})")
    return [line for used in _users(name) for line in _lint(env, used, f"template.{name}")]


def _users(name: str) -> list[str]:
    """The drafts a template makes: itself, or for a part, the templates including it."""
    if name in TEMPLATES:
        return [name]
    return [t for t in TEMPLATES if f'"{name}"' in built_in(t)]


def _lint(env: Any, name: str, field: str) -> list[str]:
    """Draft a sample from a template, as a job seeker's draft is made, and lint it."""
    import jinja2

    try:
        body = tidy(env.get_template(name).render(**SAMPLE))
    except jinja2.TemplateError as exc:
        raise InputError(field, f"{LABELS[name]}: cannot be drafted: {exc}") from exc
    except RecursionError as exc:  # templates that include each other, round and round
        raise InputError(field, f"{LABELS[name]}: cannot be drafted: it includes itself, "
                         "directly or through another template") from exc
    kind, settings = TEMPLATES[name], DraftSettings()
    text = body
    if kind is DraftKind.EMAIL:
        text = (f"To: {_PRIYA} <priya@example.com>\nSubject: {SAMPLE['subject']}\n\n"
                + wrap(to_ascii(body).text, settings.line_width))
    elif kind is DraftKind.VOICEMAIL:
        text = " ".join(body.split()) + "\n"
    me = lint.Signer(SAMPLE["name"], SAMPLE["email"], SAMPLE["phone"])
    found = lint_text(kind, text, me, lint.LintSettings(line_width=settings.line_width),
                      SAMPLE["job_title"])
    return [f"{LABELS[name]}, {line}" for line in findings_text(found)]
