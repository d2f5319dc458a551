"""Commands that write follow-ups: draft, lint, rehearse; and notes to draft from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from insidetrack.cli.hints import command_for
from insidetrack.cli.main import cli
from insidetrack.cli.shown import shows
from insidetrack.cli.writing import FORCE, emit, out_target
from insidetrack.domain.errors import InputError
from insidetrack.services.preferences import templates_folder
from insidetrack.session import Session

if TYPE_CHECKING:
    from insidetrack.compose.lint import Finding

    Linted = tuple[Path, str, list[Finding]]


def _report(draft: Any) -> None:
    from insidetrack.compose.render import findings_text

    if draft.changes:
        changed = ", ".join(f"{a} -> {b}" for a, b in draft.changes)
        click.echo(f"Changed to plain ASCII for e-mail: {changed}", err=True)
    for line in findings_text(list(draft.findings)):
        click.echo(f"lint: {line}", err=True)
    for tip in draft.tips:
        click.echo(f"Tip: {tip.text}: {command_for(tip.place)}", err=True)
    if draft.used_line:
        click.echo(draft.used_line, err=True)


@cli.command()
@click.argument("step_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["text", "eml", "pdf"]), default="text",
              show_default=True)
@click.option("--voicemail", is_flag=True, help="For a call step: the 30-second voicemail.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the text draft with its lint, tips and the notes it used, as JSON.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (a PDF goes to insidetrack-step-ID.pdf by default).")
@click.option("--polish", is_flag=True,
              help="Ask your language model (ai.endpoint) for a warmer version, kept only if "
                   "it adds nothing to your notes.")
@FORCE
@click.pass_obj
def draft(app: Session, step_id: int, fmt: str, voicemail: bool, as_json: bool,
          out: Path | None, force: bool, polish: bool) -> None:
    """Draft the message for one step of a campaign, checked against the playbook."""
    from insidetrack.compose.lint import has_errors
    from insidetrack.services.drafts import draft_step, email_message, letter_pdf

    if as_json and fmt != "text":
        raise InputError("json", "JSON carries the text draft; leave out --format")
    if polish:
        if fmt != "text":
            raise InputError("polish", "a polished draft is text; leave out --format")
        _polish(app, step_id, voicemail, as_json, out_target(out, force))
        return
    if fmt == "pdf":
        out = out or Path(f"insidetrack-step-{step_id}.pdf")
    where = out_target(out, force)
    d = draft_step(app.env(), step_id, voicemail=voicemail, fmt=fmt, settings=app.settings.draft,
                   templates=templates_folder())
    if fmt == "eml":
        msg = email_message(app.env(), d, settings=app.settings.draft, refuse_errors=False)
        emit(where, bytes(msg.as_bytes()))
        _record(app, d, msg)
    elif fmt == "pdf":
        printed = letter_pdf(d, None, app.settings.draft)
        emit(where, printed.data)
        for note in printed.notes:
            click.echo(f"note: {note}", err=True)
    elif as_json:
        text = json.dumps(_draft_json(d), sort_keys=True, ensure_ascii=False)
        emit(where, (text + "\n").encode("utf-8"))
    else:
        emit(where, d.as_text().encode("utf-8"))
    if not as_json:
        _report(d)
    if has_errors(list(d.findings)):
        raise SystemExit(1)


def _draft_json(d: Any) -> dict[str, Any]:
    """Give a draft as scripts read it: text, lint, tips and the notes it used for whom."""
    from insidetrack.compose.render import findings_text

    return {"step": d.step.id, "kind": str(d.kind), "to": d.to_name, "email": d.to_email,
            "subject": d.subject, "text": d.as_text(), "findings": findings_text(list(d.findings)),
            "changes": [list(c) for c in d.changes], "tips": [t.text for t in d.tips],
            "used": [{"what": what, "text": text} for what, text in d.used],
            "used_line": d.used_line}


def _polish(app: Session, step_id: int, voicemail: bool, as_json: bool, where: Any) -> None:
    """Print the polished draft if the guard kept it, else the template draft, and say why."""
    from insidetrack.cli.polished import polished_json, polished_lines
    from insidetrack.services.polishing import polish_step

    p = polish_step(app.env(), step_id, app.settings.ai, voicemail=voicemail,
                    settings=app.settings.draft, templates=templates_folder())
    if as_json:
        text = json.dumps(polished_json(p), sort_keys=True, ensure_ascii=False)
        emit(where, (text + "\n").encode("utf-8"))
        return
    emit(where, p.chosen.encode("utf-8"))
    for line in polished_lines(p):
        click.echo(line, err=True)


def _record(app: Session, d: Any, msg: Any) -> None:
    """Keep the Message-ID of an e-mail once it is written out, to match replies."""
    from insidetrack.services.drafts import record_message

    env = app.env()
    record_message(env, d.step, msg["Message-ID"], d.to_email, d.subject, env.now)


def _lint_text(linted: Linted, app: Session) -> None:
    from insidetrack.compose.render import findings_text

    file, _, findings = linted
    for line in findings_text(findings):
        click.echo(f"{file}: {line}")
    if not findings:
        click.echo(f"{file}: no problems found")


def _lint_json(linted: Linted, app: Session) -> dict[str, Any]:
    file, kind, findings = linted
    return {"file": str(file), "kind": kind, "ok": not _lint_failed(linted),
            "findings": [{"rule": f.rule, "severity": f.severity.value, "line": f.line,
                          "message": f.message} for f in findings]}


def _lint_failed(linted: Linted) -> bool:
    from insidetrack.compose.lint import has_errors

    return has_errors(linted[2])


@cli.command("lint")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(["email", "letter", "voicemail"]),
              help="What the file is (default: e-mail).")
@shows(_lint_text, _lint_json, failed=_lint_failed)
@click.pass_obj
def lint_command(app: Session, file: Path, kind: str | None) -> Linted:
    """Check a message against the playbook's rules; exit 1 on any error."""
    from insidetrack.services.linting import lint_file

    kind = kind or "email"
    return file, kind, lint_file(app.env(), file, kind, app.settings.draft)


@cli.command()
@click.argument("step_id", type=int)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="The WAV file (default: voicemail-step-ID.wav).")
@click.pass_obj
def rehearse(app: Session, step_id: int, out: Path | None) -> None:
    """Hear your voicemail: speak the script into a WAV file and time it."""
    from insidetrack.integrations.speech import speak
    from insidetrack.services.drafts import draft_step
    from insidetrack.services.queries import step as step_of

    kind = step_of(app.env(), step_id).kind.value
    if kind != "call":
        raise InputError("STEP_ID", f"step {step_id} is a {kind}, not a call: only a call's "
                         "voicemail can be rehearsed")
    d = draft_step(app.env(), step_id, voicemail=True, settings=app.settings.draft,
                   templates=templates_folder())
    out = out or Path(f"voicemail-step-{step_id}.wav")
    seconds = speak(d.body, out)
    verdict = "within" if seconds <= 30 else "over"
    click.echo(f"Wrote {out}: {seconds:.1f} seconds, {verdict} the 30-second sound bite.")
