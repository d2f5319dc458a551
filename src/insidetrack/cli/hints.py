"""The CLI's words for where things are entered and for the fields of an error."""

from __future__ import annotations

import click

from insidetrack.domain.errors import NoSuchRecord, Place

# The command that enters each kind of missing information.
COMMANDS = {
    "profile": "insidetrack profile set --name ... --email ... --phone ... --field ... --address ...",
    "interview_notes": "insidetrack interview note {interview} --topic ...",
    "facts": 'insidetrack fact add {interview} "..."',
    "clippings": "insidetrack clipping add {interview} --title ...",
    "contact_phone": "insidetrack contact set {contact} --phone ...",
    "contact_email": "insidetrack contact set {contact} --email ...",
    "contact_title": "insidetrack contact set {contact} --title Mr. (or Ms., Mx., Dr.)",
    "employer_phone": "insidetrack employer add NAME --phone ...",
    "references": "insidetrack reference add NAME --phone ...",
    "smtp_setup": "insidetrack config set smtp.host HOST; then smtp.port, smtp.security, smtp.user",
    "imap_setup": "insidetrack config set imap.host HOST",
    "mail_signin": "insidetrack account add --provider PROVIDER --email ADDRESS --client-id ID",
    "caldav_setup": "insidetrack config set caldav.url URL",
    "own_mail": "the web app's page Your mail and calendar (/my-mail)",
    "outbox": "see insidetrack outbox",
    "undo_done": "to undo that letter: insidetrack done {step} --undo",
}


# The command that lists each kind of record with its numbers (domain/errors.py NoSuchRecord).
LISTS = {
    "step": "insidetrack today",
    "interview": "insidetrack interview list",
    "application": "insidetrack application list",
    "employer": "insidetrack employer list",
    "contact": "insidetrack contact list",
    "interviewer": "insidetrack contact list",
    "reference": "insidetrack reference list",
    "fact": "insidetrack fact list INTERVIEW",
    "clipping": "insidetrack clipping list INTERVIEW",
    "note": "insidetrack note list INTERVIEW",
    "outbox message": "insidetrack outbox",
    "deleted item": "insidetrack trash",
}


def where_listed(exc: NoSuchRecord) -> str:
    """Say a number that names nothing, and the command that lists the numbers there are."""
    command = LISTS.get(exc.what)
    return exc.message if command is None else \
        f"{exc.message}: see `{command}` for the {exc.what}s and their numbers"


def command_for(place: Place) -> str:
    """Return the command that enters what a place stands for."""
    return COMMANDS[place.kind].format(interview=place.interview_id or "ID",
                                       contact=place.contact_id or "ID",
                                       step=place.step_id or "STEP")


def option_name(command: click.Command | None, key: str,
                root: click.Command | None = None) -> str:
    """Spell a field's key as the command's option (`--at`) or argument (`FILE`), else as
    an option of `root` (`--db`)."""
    commands = [c for c in (command, root) if c is not None]
    for param in (p for c in commands for p in c.params):
        spelled = [o for o in param.opts if o.lstrip("-").replace("-", "_") == key]
        if param.name == key or spelled:
            if isinstance(param, click.Argument):
                return param.human_readable_name.upper()
            longs = [o for o in (spelled or param.opts) if o.startswith("--")]
            return (longs or param.opts)[0]
    # Not an option of this command: a setting's key (plan.max_letters) or a word, as it is.
    return key
