"""Say in the job seeker's words what a step asks of them."""

from __future__ import annotations

from insidetrack.domain.model import Step, Touchpoint

_AFTER_DECISION = {
    "offer-thanks": "Thank-you {how} for the offer to{who}",
    "keep-in-mind": "Gracious {how} to{who}: thank them, ask to be kept in mind",
    "withdraw": "If you accept the offer, withdraw politely: {how} to{who}",
}


def describe_step(step: Step) -> str:
    """Say what a step asks of the user, in their words."""
    who = f" {step.to}" if step.to else ""
    if step.kind.value == "thank-you":
        how = "e-mail" if step.channel.value == "email" else "letter"
        return f"Thank-you {how} to{who or ' the interviewer'}"
    if step.kind.value == "reference-brief":
        return f"Call reference{who} and brief them on the interview"
    if step.kind.value in _AFTER_DECISION:
        how = "e-mail" if step.channel.value == "email" else "letter"
        return _AFTER_DECISION[step.kind.value].format(how=how, who=who or " the interviewer")
    if step.kind.value == "reference-thanks":
        return f"Call reference{who} to tell them the news and thank them"
    if step.kind.value == "call":
        text = f"Follow-up call #{step.number}{' to' + who if who else ''}"
        if step.attempts:
            text += f" (attempt {step.attempts + 1})"
        return text + (": leave a 30-second voicemail" if step.voicemail else "")
    how = "e-mail" if step.channel.value == "email" else "letter"
    text = f"Follow-up {how} #{step.number}{' to' + who if who else ''} with a new fact"
    return text + (" and a news clipping or cartoon" if step.clipping else "")


_HAPPENED = {
    "email-sent": "E-mail sent{to}", "letter-sent": "Letter sent{to}",
    "reference-briefed": "Reference briefed{to}", "reference-thanked": "Reference thanked{to}",
    "reply": "They replied",
}
_CALLS = {"connected": "you talked", "voicemail": "you left a voicemail",
          "no-answer": "no answer", "gatekeeper": "stopped by a gatekeeper"}
_DECISIONS = {"offer": "they made an offer", "rejected": "they chose someone else",
              "hired": "you were hired", "withdrawn": "you withdrew"}


def describe_touchpoint(t: Touchpoint, to: str = "") -> str:
    """Say what happened in words: 'E-mail sent to Priya Raman', 'Call: no answer'."""
    kind = t.kind.value
    if kind == "call":
        return f"Call{' to ' + to if to else ''}: {_CALLS.get(t.outcome, t.outcome or 'made')}"
    if kind == "decision":
        return f"Decision: {_DECISIONS.get(t.outcome, t.outcome)}"
    return _HAPPENED.get(kind, kind).format(to=f" to {to}" if to else "")
