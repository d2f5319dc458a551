"""Draft the message for one plan step, check it, and package it as text, .eml or PDF."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from insidetrack.compose import lint
from insidetrack.compose.context import (
    DraftInputs,
    build_context,
    fit_subject,
    template_name,
    untitled,
)
from insidetrack.compose.kinds import KINDS, TEMPLATES, DraftKind, lint_text
from insidetrack.compose.render import Sources, environment, render, to_ascii, wrap
from insidetrack.compose.variety import used_line
from insidetrack.domain import parse
from insidetrack.domain.errors import ConflictError, InputError, MissingInformation, Place
from insidetrack.domain.model import (
    Channel,
    Clipping,
    ContactRole,
    Fact,
    Profile,
    Step,
    StepKind,
    StepStatus,
)
from insidetrack.domain.settings import DraftSettings
from insidetrack.services.campaigns import load_campaign
from insidetrack.services.context import Env
from insidetrack.services.linting import rules, signer

if TYPE_CHECKING:
    from insidetrack.integrations.pdf import Printed

SCREEN_WIDTH = 72  # letters, call sheets and briefs on screen; a PDF wraps to its page


@dataclass(frozen=True)
class Tip:
    """Something that would make the draft better, and where to enter it."""

    text: str
    place: Place


@dataclass(frozen=True)
class Draft:
    step: Step
    kind: DraftKind
    body: str
    profile: Profile
    subject: str | None = None
    to_name: str | None = None
    to_email: str | None = None
    changes: tuple[tuple[str, str], ...] = ()
    findings: tuple[lint.Finding, ...] = ()
    tips: tuple[Tip, ...] = ()
    fact: Fact | None = None
    clipping: Clipping | None = None
    used: tuple[tuple[str, str], ...] = ()  # (what, text): the notes, fact and clipping said

    @property
    def used_line(self) -> str | None:
        """Say which notes the draft used, for whom: "Used for Priya Raman: topic '...'"."""
        if not self.used:
            return None
        return f"Used for {self.to_name or 'them'}: {used_line(list(self.used))}"

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
        raise MissingInformation("draft", "your name, e-mail and phone in your profile",
                                 Place("profile"))
    return profile


def _unused(items: list[Fact] | list[Clipping], step: Step) -> Fact | Clipping | None:
    """The first item not used yet; for a letter already done, the one it used."""
    if step.status is StepStatus.DONE:
        return next((i for i in items if i.used_at is not None and i.used_at == step.done_at),
                    None)
    return next((i for i in items if i.used_at is None), None)


def draft_inputs(env: Env, step: Step, settings: DraftSettings) -> DraftInputs:
    campaign = load_campaign(env.store, step.interview_id)
    opening_id = campaign.opening.id
    follow_up = step.kind in (StepKind.FOLLOW_UP, StepKind.CALL)
    fact = _unused(env.store.interviews.facts(opening_id), step) if follow_up else None
    clipping = _unused(env.store.interviews.clippings(opening_id), step) if step.clipping else None
    gatekeeper = next((c for c in env.store.people.contacts(campaign.employer.id)
                       if c.role is ContactRole.GATEKEEPER), None)
    reference = env.store.people.reference(step.reference_id) if step.reference_id else None
    return DraftInputs(
        campaign, step, _profile(env), env.now.astimezone(env.tz).date(), env.tz,
        fact=fact if isinstance(fact, Fact) else None,
        clipping=clipping if isinstance(clipping, Clipping) else None,
        gatekeeper=gatekeeper, reference=reference, line_width=settings.line_width,
    )


def draft_step(env: Env, step_id: int, *, voicemail: bool = False, fmt: str = "text",
               settings: DraftSettings = DraftSettings(), templates: Path | None = None) -> Draft:
    """Draft the message for a step in a format that fits it, and lint it."""
    step = env.store.steps.step(step_id)
    if step.status is StepStatus.CANCELLED:
        raise ConflictError(f"step {step_id} was cancelled when its campaign changed (a decision, a "
                            f"later round or new settings): there is nothing to draft")
    if voicemail and step.kind is not StepKind.CALL:
        raise InputError("voicemail", f"step {step_id} is a {step.kind.value}, not a call")
    info = KINDS[TEMPLATES[template_name(step, voicemail)]]
    if fmt not in info.formats:
        fits = " or ".join(info.formats)
        raise InputError("format", f"step {step_id} is drafted as {info.article} {info.label}; "
                         f"use {fits}")
    return compose_draft(draft_inputs(env, step, settings), voicemail, settings, templates,
                         env.store.org_settings.templates())


def compose_draft(inputs: DraftInputs, voicemail: bool = False,
                  settings: DraftSettings = DraftSettings(), templates: Path | None = None,
                  center: Sources = ()) -> Draft:
    """Render, make plain and lint the draft of one step from what was gathered for it
    (from a career center's own templates, when it set any)."""
    step = inputs.step
    name = template_name(step, voicemail)
    kind = TEMPLATES[name]
    context = build_context(inputs)
    body = render(environment(templates, center), name, context,
                  f"{KINDS[kind].label} for step {step.id}")
    person = next((p for p in inputs.campaign.interview.interviewers if p.id == step.contact_id),
                  None)
    tips = _tips(step, context) + _title_tip(inputs, kind)
    draft = Draft(step, kind, body, inputs.profile, fact=inputs.fact, clipping=inputs.clipping,
                  tips=tips, used=_used(context, voicemail),
                  to_name=person.name if person else "Hiring Manager",
                  to_email=person.email if person and person.email else None)
    if kind == "email":
        draft = _plain_email(draft, context["subject"], settings.line_width)
    elif kind == "voicemail":
        draft = replace(draft, body=" ".join(body.split()) + "\n")
    return replace(draft, findings=tuple(check(draft, inputs.campaign.opening.job_title, settings)))


def _used(context: dict[str, Any], voicemail: bool) -> tuple[tuple[str, str], ...]:
    """Say what the draft used; a voicemail names only the problem it teases."""
    if voicemail:
        return (("problem", str(context["problem"])),) if "problem" in context else ()
    return tuple(context.get("used", ()))


def _tips(step: Step, context: dict[str, object]) -> tuple[Tip, ...]:
    if step.kind is not StepKind.THANK_YOU or "personal" in context:
        return ()
    return (Tip("add what you discussed to make it personal",
                Place("interview_notes", step.interview_id)),)


def _title_tip(inputs: DraftInputs, kind: DraftKind) -> tuple[Tip, ...]:
    """Say when a traditionalist employer's person is greeted by full name for want of a title."""
    step = inputs.step
    person = next((p for p in inputs.campaign.interview.interviewers if p.id == step.contact_id),
                  None)
    if kind not in (DraftKind.EMAIL, DraftKind.LETTER) or person is None:
        return ()
    if not untitled(person, inputs.campaign.employer.traditionalist):
        return ()
    last = person.name.split()[-1]
    return (Tip(f"{person.name} has no courtesy title, so the draft opens 'Dear {person.name}'; "
                f"{inputs.campaign.employer.name} is traditionalist and expects a title and "
                f"the last name, as in 'Dear Ms. {last}' or 'Dear Mr. {last}'",
                Place("contact_title", step.interview_id, person.id)),)


def _plain_email(draft: Draft, subject: str, width: int) -> Draft:
    """Make an e-mail's text plain ASCII and wrap it to three quarters of the screen.

    The recipient's name in To: keeps its accents: the header carries it encoded (RFC 2047).
    """
    body, subj = to_ascii(draft.body), to_ascii(subject)
    changes = dict(body.changes) | dict(subj.changes)
    return replace(draft, body=wrap(body.text, width), subject=fit_subject(subj.text),
                   changes=tuple(changes.items()))


def check(draft: Draft, job_title: str, settings: DraftSettings) -> list[lint.Finding]:
    """Lint a draft by its kind; call sheets and briefs are notes for the user."""
    text = draft.as_text() if draft.kind is DraftKind.EMAIL else draft.body
    return lint_text(draft.kind, text, signer(draft.profile), rules(settings), job_title)


class DraftRefused(ConflictError):
    """A draft (as drafted or as edited) that breaks the playbook's rules: not sent or kept."""

    def __init__(self, verb: str, text: str, findings: list[lint.Finding]) -> None:
        errors = "; ".join(f.message for f in findings if f.severity is lint.Severity.ERROR)
        super().__init__(f"Not {verb}: {errors}")
        self.text = text
        self.findings = findings


def checked_text(draft: Draft, text: str | None, verb: str, settings: DraftSettings,
                 job_title: str = "") -> str:
    """Return the text as edited (or as drafted), refused if the linter finds an error in it."""
    if not text:
        text = draft.as_text()
    text = parse.valid_text("text", text).replace("\r\n", "\n")
    findings = lint_text(draft.kind, text, signer(draft.profile), rules(settings), job_title)
    if lint.has_errors(findings):
        raise DraftRefused(verb, text, findings)
    return text


def email_message(env: Env, draft: Draft, text: str | None = None, *, verb: str = "sent",
                  settings: DraftSettings = DraftSettings(), refuse_errors: bool = True) -> Any:
    """Build the e-mail of a draft, as edited or as drafted, ready to send or save as .eml."""
    from insidetrack.integrations.eml import Envelope, build_message

    if draft.kind is not DraftKind.EMAIL:
        raise must_be_email(draft.step)
    if not draft.to_email:
        raise MissingInformation(f"e-mail to {draft.to_name}", "their e-mail address",
                                 Place("contact_email", draft.step.interview_id,
                                       draft.step.contact_id))
    if refuse_errors or text:
        message = lint.read_text_message(checked_text(draft, text, verb, settings))
        subject, body = message.headers.get("Subject", draft.subject or ""), message.body
    else:
        subject, body = draft.subject or "", draft.body
    in_reply_to, references = _thread(env, draft)
    return build_message(Envelope(draft.profile.name, draft.profile.email, draft.to_name or "",
                                  draft.to_email, subject, env.now.astimezone(env.tz),
                                  in_reply_to, references), body)


def _thread(env: Env, draft: Draft) -> tuple[str, tuple[str, ...]]:
    """Return (In-Reply-To, References) that answer the last e-mail sent to this person.

    Only a follow-up (letter #2 on) continues a thread, and only one about the same opening,
    so the interviewer reads one conversation; otherwise ("", ()).
    """
    from insidetrack.integrations.eml import thread_after

    if draft.step.kind is not StepKind.FOLLOW_UP or not draft.to_email:
        return "", ()
    earlier = env.store.outbox.last_sent_to(draft.to_email, draft.step.interview_id)
    return thread_after(earlier.raw) if earlier else ("", ())


def must_be_email(step: Step) -> InputError:
    """Say what to do with a step that is not an e-mail instead of sending it."""
    n = step.id
    if step.channel is Channel.LETTER:
        return InputError("step_id", f"step {n} is a letter, to print and mail, not an e-mail: "
                          "print it (as a PDF), then mark it done")
    return InputError("step_id", f"step {n} is a {step.kind.value.replace('-', ' ')}, not an "
                      "e-mail: draft it to see what to say, then mark it done")


def letter_pdf(draft: Draft, text: str | None, settings: DraftSettings) -> Printed:
    """Lay out the letter, as edited (or as drafted), for print; the notes say what changed.

    Room is left above the typed name to sign by hand.
    """
    from insidetrack.integrations.pdf import letter_pdf as layout

    body = checked_text(draft, text, "printed", settings) if text else draft.body
    return layout(body, settings.paper, title=f"Letter for step {draft.step.id}",
                  signer=draft.profile.name)


def print_notes(text: str) -> tuple[str, ...]:
    """Say what a letter's PDF would print otherwise than written (letters no font has)."""
    from insidetrack.integrations.pdf import choose_fonts, notes_for

    return notes_for(text, choose_fonts(text))


def record_message(env: Env, step: Step, message_id: str, recipient: str, subject: str,
                   at: datetime) -> None:
    """Keep the Message-ID of a drafted e-mail, to match replies later."""
    with env.store.write():
        env.store.interviews.add_message(step.id or 0, message_id, recipient, subject, at)
