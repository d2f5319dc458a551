"""Polish a draft with the user's language model, kept only if the guard finds nothing new in it.

What is sent: the template draft and the evidence it was drafted from (profile, employer, job
title, the interviewers' names, the interview's day and notes, the fact and the clipping);
nothing else. The template draft is always there to fall back on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from insidetrack.compose.context import DraftInputs
from insidetrack.compose.kinds import KINDS, DraftKind, lint_text
from insidetrack.compose.lint import Severity
from insidetrack.compose.render import to_ascii, wrap
from insidetrack.domain import polish
from insidetrack.domain.errors import ConflictError, InputError
from insidetrack.domain.model import StepKind
from insidetrack.domain.settings import AiSettings, DraftSettings
from insidetrack.integrations import llm, secrets
from insidetrack.integrations.grammar import GrammarUnavailable, LinkGrammar
from insidetrack.services.context import Env
from insidetrack.services.drafts import Draft, draft_inputs, draft_step
from insidetrack.services.linting import rules, signer
from insidetrack.services.ports.language import GrammarPort

Status = Literal["accepted", "rejected", "unavailable"]
_CLOSING = re.compile(r"^(Best regards|Sincerely|Regards|Kind regards|Yours sincerely|"
                      r"Yours truly|Respectfully|Thank you again)[,.]?\s*$")

SYSTEM = (
    "You improve a job seeker's message so it reads warmer and more specific. Use only the "
    "facts in the notes and the draft: add no name, number, date, award, company or claim. "
    "Keep every name and the job title as written. Plain text, a few short paragraphs. "
    "Answer in JSON with one key, text, that holds the rewritten message."
)

# Ours: the sentence each kind of step exists for; the rewrite must keep one of its words.
KEY_WORDS: dict[StepKind, tuple[str, ...]] = {
    StepKind.THANK_YOU: ("thank",), StepKind.FOLLOW_UP: ("follow", "keen", "interest"),
    StepKind.OFFER_THANKS: ("offer",), StepKind.KEEP_IN_MIND: ("in mind",),
    StepKind.WITHDRAW: ("withdraw",), StepKind.REFERENCE_THANKS: ("thank",),
}

# What the model may rewrite: messages someone else reads (call sheets and briefs are notes).
MESSAGES = (DraftKind.EMAIL, DraftKind.LETTER, DraftKind.VOICEMAIL)
# What the grammar check reads: sentences, less a clipping's quoted title and its address.
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9\"])")
_QUOTED = re.compile(r':?\s*"[^"]*"')
_LINK = re.compile(r"\(?https?://\S+?(\)|(?=[.]?(\s|$)))")
_SENTENCES = {StepKind.OFFER_THANKS: "thanks for the offer", StepKind.KEEP_IN_MIND: "keep-in-mind",
              StepKind.REFERENCE_THANKS: "thank-you"}


@dataclass(frozen=True)
class Polished:
    """A polish: the template draft, what the model wrote, and whether the guard kept it."""

    draft: Draft
    status: Status
    text: str = ""  # the polished draft as the user reads it ("" when the model did not answer)
    reasons: tuple[str, ...] = ()  # why it was rejected, or why the model did not answer
    model: str = ""
    notes: tuple[str, ...] = ()  # what the polish could not do, said once (a skipped check)

    @property
    def chosen(self) -> str:
        """Return the polished text if accepted, else the template draft."""
        return self.text if self.status == "accepted" else self.draft.as_text()


def endpoint(ai: AiSettings) -> llm.Endpoint:
    """Return the configured model server, or say how to set one."""
    if not ai.endpoint:
        raise ConflictError("no language model is set to polish with: insidetrack config set "
                            "ai.endpoint http://localhost:8080/v1")
    key = secrets.password("ai", ai.endpoint)
    return llm.Endpoint(ai.endpoint, ai.model, key, float(ai.timeout_seconds))


def remote_warning(ai: AiSettings) -> list[str]:
    """Warn, when the endpoint is set, if it is not on this machine: the notes leave it."""
    if not ai.endpoint or llm.is_local(ai.endpoint):
        return []
    return [f"{ai.endpoint} is not on this computer: each polish sends the draft and your notes "
            "on this interview (names, dates, what was said) there"]


def polish_step(env: Env, step_id: int, ai: AiSettings, *, voicemail: bool = False,
                settings: DraftSettings = DraftSettings(), templates: Path | None = None,
                grammar: GrammarPort | None = None) -> Polished:
    """Draft a step, ask the model for a warmer version, and keep it only if the guard agrees."""
    where = endpoint(ai)
    draft = draft_step(env, step_id, voicemail=voicemail, settings=settings, templates=templates)
    if draft.kind not in MESSAGES:
        raise InputError("polish", f"step {step_id} is drafted as {KINDS[draft.kind].article} "
                         f"{KINDS[draft.kind].label}, notes for you to read: only e-mails, "
                         "letters and voicemails are polished")
    inputs = draft_inputs(env, draft.step, settings)
    facts = evidence(inputs, draft)
    head, middle, tail = parts(draft.body)
    try:
        written = llm.rewrite(where, SYSTEM, ask(middle, facts))
    except llm.ModelUnavailable as exc:
        return Polished(draft, "unavailable", reasons=(exc.message,), model=where.url)
    return judged(draft, head + _paragraphs(written) + tail, facts,
                  inputs.campaign.opening.job_title, settings, where.url, grammar)


def parts(body: str) -> tuple[str, str, str]:
    """Split a message into what stays (the head up to 'Dear ...', the closing and signature)
    and the paragraphs between, which the model may rewrite; a text without both: all of it.
    """
    lines = body.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith("Dear ")), None)
    end = next((i for i, line in enumerate(lines) if _CLOSING.match(line)), None)
    if start is None or end is None or end <= start + 1:
        return "", body, ""
    return "".join(lines[:start + 1]) + "\n", "".join(lines[start + 1:end]), "\n" + "".join(
        lines[end:])


def _paragraphs(written: str) -> str:
    """Return the rewrite as paragraphs of unwrapped lines, blank lines between."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", written.strip())]
    return "\n\n".join(p for p in paragraphs if p) + "\n"


def judged(draft: Draft, written: str, facts: tuple[str, ...], job_title: str,
           settings: DraftSettings, model: str = "", grammar: GrammarPort | None = None
           ) -> Polished:
    """Lay out what the model wrote as the draft is laid out, and let the guard judge it."""
    text = laid_out(draft, written, settings.line_width)
    errors = [f.message for f in lint_text(draft.kind, text, signer(draft.profile),
                                           rules(settings), job_title)
              if f.severity is Severity.ERROR]
    unparsed, notes = grammar_check(grammar or LinkGrammar(), parts(written)[1])
    verdict = polish.judge(_body(draft, text), polish.Evidence.of(facts),
                           purpose(draft, job_title), errors, unparsed)
    status: Status = "accepted" if verdict.accepted else "rejected"
    return Polished(draft, status, text, verdict.reasons, model, notes)


def grammar_check(grammar: GrammarPort, written: str
                  ) -> tuple[list[polish.Unparsed], tuple[str, ...]]:
    """Return the sentences of the rewrite that do not parse, or say the check was skipped."""
    try:
        return grammar.unparsed(sentences(written)), ()
    except GrammarUnavailable as exc:
        return [], (f"the grammar check was skipped: {exc.message}",)


def sentences(written: str) -> list[str]:
    """Return the sentences of a text as a reader reads them, less quoted titles and links."""
    found: list[str] = []
    for block in re.split(r"\n\s*\n", written.strip()):
        prose = _LINK.sub("", _QUOTED.sub("", " ".join(block.split())))
        prose = " ".join(prose.split()).replace(" .", ".")
        if prose:
            prose = prose if prose.endswith((".", "?", "!")) else prose.rstrip(":") + "."
            found += [s for s in _SENTENCE_END.split(prose) if s]
    return found


def laid_out(draft: Draft, written: str, width: int) -> str:
    """Return the rewrite as the user reads it: an e-mail keeps its To and Subject, in ASCII."""
    if draft.kind is DraftKind.VOICEMAIL:
        return " ".join(written.split()) + "\n"
    if draft.kind is not DraftKind.EMAIL:
        return wrap(written.strip(), 72)
    head = "".join(f"{k}: {v}\n" for k, v in draft.headers)
    return f"{head}\n{wrap(to_ascii(written.strip()).text, width)}"


def _body(draft: Draft, text: str) -> str:
    """Return the text without an e-mail's headers (they are the template's, not the model's)."""
    return text.split("\n\n", 1)[1] if draft.kind is DraftKind.EMAIL else text


def ask(text: str, facts: tuple[str, ...]) -> str:
    """Write the request: the notes, then the text to rewrite, its paragraphs unwrapped."""
    notes = "\n".join(f"- {f}" for f in facts[1:] if f)
    unwrapped = "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()))
    return f"Notes:\n{notes}\n\nText to rewrite:\n{unwrapped}\n"


def evidence(inputs: DraftInputs, draft: Draft) -> tuple[str, ...]:
    """Gather what the user wrote down for this step; the template draft comes first."""
    c, p = inputs.campaign, inputs.profile
    n = c.interview.notes
    start = c.interview.start.astimezone(inputs.tz)
    found = [draft.as_text(), p.name, p.email, p.phone, p.address, p.field, p.specialty,
             f"{p.years} years" if p.years else "", c.employer.name, c.opening.job_title,
             c.opening.department, start.strftime("%A, %B %-d, %Y"),
             *(person.name for person in c.interview.interviewers),
             *n.topics, *n.emphases, *n.impressed, *n.forgot, *n.problems, *n.shared_interests]
    if inputs.fact:
        found.append(inputs.fact.text)
    if inputs.clipping:
        found += [inputs.clipping.title, inputs.clipping.url]
    if inputs.reference:
        found.append(inputs.reference.name)
    return tuple(f for f in found if f)


def purpose(draft: Draft, job_title: str) -> polish.Purpose:
    """Say what the rewrite must keep: who it is to, the job, the sentence it is for."""
    body = polish.fold(draft.body)
    keep: list[tuple[str, tuple[str, ...]]] = []
    name = draft.to_name or ""
    if name and polish.fold(name) in body:
        keep.append(("the addressee", (name, name.split()[-1])))
    if job_title and polish.fold(job_title) in body:
        keep.append(("the job title", (job_title,)))
    words = KEY_WORDS.get(draft.step.kind)
    if words and draft.kind is not DraftKind.CALL_SHEET:
        keep.append((f"the {_SENTENCES.get(draft.step.kind, draft.step.kind.value)} sentence",
                     words))
    return polish.Purpose(tuple(keep))
