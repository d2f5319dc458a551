"""Draft the message for one plan step, check it, and package it as text, .eml or PDF."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from insidetrack.compose import lint
from insidetrack.compose.context import DraftInputs, build_context, fit_subject, template_name
from insidetrack.compose.render import environment, render, to_ascii, wrap
from insidetrack.compose.settings import DraftSettings
from insidetrack.domain.errors import ConflictError, InputError
from insidetrack.domain.model import (
    Clipping,
    ContactRole,
    Fact,
    Profile,
    Step,
    StepKind,
    StepStatus,
)
from insidetrack.services.campaigns import load_campaign
from insidetrack.services.context import Env

KINDS = {
    "thank_you_email.txt": "email", "follow_up_email.txt": "email",
    "thank_you_letter.txt": "letter", "follow_up_letter.txt": "letter",
    "call_sheet.txt": "call-sheet", "voicemail.txt": "voicemail",
    "reference_brief.txt": "reference-brief",
}


SCREEN_WIDTH = 72  # letters, call sheets and briefs on screen; a PDF wraps to its page
LABELS = {"email": "e-mail", "letter": "letter", "call-sheet": "call sheet",
          "voicemail": "voicemail", "reference-brief": "reference brief"}


@dataclass(frozen=True)
class Draft:
    step: Step
    kind: str
    body: str
    profile: Profile
    subject: str | None = None
    to_name: str | None = None
    to_email: str | None = None
    changes: tuple[tuple[str, str], ...] = ()
    findings: tuple[lint.Finding, ...] = ()
    tips: tuple[str, ...] = ()
    fact: Fact | None = None
    clipping: Clipping | None = None

    @property
    def headers(self) -> list[tuple[str, str]]:
        if self.kind != "email":
            return []
        to = f"{self.to_name} <{self.to_email}>" if self.to_email else (self.to_name or "")
        return [("To", to), ("Subject", self.subject or "")]

    def as_text(self) -> str:
        """Return the draft as the user reads it; e-mails start with To and Subject."""
        head = "".join(f"{k}: {v}\n" for k, v in self.headers)
        body = self.body if self.kind == "email" else wrap(self.body, SCREEN_WIDTH)
        return head + ("\n" if head else "") + body


def _profile(env: Env) -> Profile:
    profile = env.store.people.profile()
    if profile is None:
        raise ConflictError(
            "set your profile first: insidetrack profile set --name ... --email ... --phone ..."
        )
    return profile


def _unused(items: list[Fact] | list[Clipping]) -> Fact | Clipping | None:
    return next((i for i in items if i.used_at is None), None)


def _inputs(env: Env, step: Step, settings: DraftSettings) -> DraftInputs:
    campaign = load_campaign(env.store, step.interview_id)
    opening_id = campaign.opening.id
    follow_up = step.kind in (StepKind.FOLLOW_UP, StepKind.CALL)
    fact = _unused(env.store.interviews.facts(opening_id)) if follow_up else None
    clipping = _unused(env.store.interviews.clippings(opening_id)) if step.clipping else None
    gatekeeper = next((c for c in env.store.people.contacts(campaign.employer.id)
                       if c.role is ContactRole.GATEKEEPER), None)
    reference = env.store.people.reference(step.reference_id) if step.reference_id else None
    return DraftInputs(
        campaign, step, _profile(env), env.now.astimezone(env.tz).date(), env.tz,
        fact=fact if isinstance(fact, Fact) else None,
        clipping=clipping if isinstance(clipping, Clipping) else None,
        gatekeeper=gatekeeper, reference=reference, line_width=settings.line_width,
    )


FORMATS = {"text": set(LABELS), "eml": {"email"}, "pdf": {"letter"}}


def draft_step(env: Env, step_id: int, *, voicemail: bool = False, fmt: str = "text",
               settings: DraftSettings = DraftSettings(), templates: Path | None = None) -> Draft:
    """Draft the message for a step in a format that fits it, and lint it."""
    step = env.store.steps.step(step_id)
    if step.status is StepStatus.CANCELLED:
        raise ConflictError(f"step {step_id} was cancelled when its campaign changed (a decision, a "
                            f"later round or new settings): there is nothing to draft")
    if voicemail and step.kind is not StepKind.CALL:
        raise InputError("--voicemail", f"step {step_id} is a {step.kind.value}, not a call")
    kind = KINDS[template_name(step, voicemail)]
    if kind not in FORMATS[fmt]:
        fits = " or ".join(f for f, kinds in FORMATS.items() if kind in kinds)
        label = LABELS[kind]
        article = "an" if label[0] in "aeiou" else "a"
        raise InputError("--format", f"step {step_id} is drafted as {article} {label}; use {fits}")
    return compose_draft(_inputs(env, step, settings), voicemail, settings, templates)


def compose_draft(inputs: DraftInputs, voicemail: bool = False,
                  settings: DraftSettings = DraftSettings(), templates: Path | None = None) -> Draft:
    """Render, make plain and lint the draft of one step from what was gathered for it."""
    step = inputs.step
    name = template_name(step, voicemail)
    kind = KINDS[name]
    context = build_context(inputs)
    body = render(environment(templates), name, context, f"{LABELS[kind]} for step {step.id}")
    person = next((p for p in inputs.campaign.interview.interviewers if p.id == step.contact_id),
                  None)
    draft = Draft(step, kind, body, inputs.profile, fact=inputs.fact, clipping=inputs.clipping,
                  tips=_tips(step, context), to_name=person.name if person else "Hiring Manager",
                  to_email=person.email if person and person.email else None)
    if kind == "email":
        draft = _plain_email(draft, context["subject"], settings.line_width)
    elif kind == "voicemail":
        draft = replace(draft, body=" ".join(body.split()) + "\n")
    return replace(draft, findings=tuple(check(draft, inputs.campaign.opening.job_title, settings)))


def _tips(step: Step, context: dict[str, object]) -> tuple[str, ...]:
    if step.kind is not StepKind.THANK_YOU or "personal" in context:
        return ()
    return (f"add what you discussed to make it personal: "
            f"insidetrack interview note {step.interview_id} --topic ...",)


def _plain_email(draft: Draft, subject: str, width: int) -> Draft:
    """Make an e-mail plain ASCII and wrap it to three quarters of the screen."""
    body, subj, name = to_ascii(draft.body), to_ascii(subject), to_ascii(draft.to_name or "")
    changes = dict(body.changes) | dict(subj.changes) | dict(name.changes)
    return replace(draft, body=wrap(body.text, width), subject=fit_subject(subj.text),
                   to_name=name.text,
                 changes=tuple(changes.items()))


def check(draft: Draft, job_title: str, settings: DraftSettings) -> list[lint.Finding]:
    """Lint a draft by its kind; call sheets and briefs are notes for the user."""
    me = lint.Contact(draft.profile.name, draft.profile.email, draft.profile.phone)
    if draft.kind == "email":
        message = lint.Message(draft.body, {"Subject": draft.subject or ""}, body_line=4)
        return lint.lint_email(message, me, lint.LintSettings(line_width=settings.line_width))
    if draft.kind == "voicemail":
        return lint.lint_voicemail(draft.body, me, job_title)
    if draft.kind == "letter":
        return lint.lint_letter(draft.body, me)
    return []


def record_message(env: Env, step: Step, message_id: str, recipient: str, subject: str,
                   at: datetime) -> None:
    """Keep the Message-ID of a drafted e-mail, to match replies later."""
    with env.store.write():
        env.store.interviews.add_message(step.id or 0, message_id, recipient, subject, at)
