"""Commands for interviews and their campaigns: plan, advise, today, done, log."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, tzinfo
from typing import Any

import click

from insidetrack.cli.commands.invitations import print_invitations, today_json
from insidetrack.cli.holdings import print_holdings
from insidetrack.cli.logged import (
    decision_json,
    decision_text,
    done_json,
    done_text,
    refuse_with_undo,
    reply_json,
    reply_text,
)
from insidetrack.cli.main import cli
from insidetrack.cli.output import (
    add_row,
    console,
    human_day,
    human_time,
    plain,
    steps_table,
)
from insidetrack.cli.shown import shows
from insidetrack.compose.describe import describe_step
from insidetrack.domain import parse
from insidetrack.domain.advisor import Advice
from insidetrack.domain.errors import InputError
from insidetrack.domain.model import CallOutcome, Decision, InterviewNotes, ResumeVia, Step
from insidetrack.domain.note_frames import FRAMES
from insidetrack.services import campaigns, forms, queries, records, undoing
from insidetrack.services.moves import Fixed
from insidetrack.session import Session
from insidetrack.views import (
    advice_json,
    employer_json,
    interview_json,
    interview_line_json,
    plan_json,
)


def _at(app: Session, value: str | None) -> datetime:
    now = app.clock()
    return now if value is None else parse.moment("--at", value, app.zone, now, parse.EVENT)


NOTES = (
    ("topic", "A topic discussed."), ("emphasis", "Something they emphasised."),
    ("problem", "A problem they raised."), ("impressed", "What impressed you."),
    ("forgot", "What you forgot to mention."), ("shared_interest", "An interest you share."),
)


def _note_help(kind: str, text: str) -> str:
    """Say what a note is and the sentence it fills, with a phrase that fits."""
    frame = FRAMES[kind]
    return f'{text} Fills "{frame.text}", e.g. "{frame.example}".'


def note_options(fn: Any) -> Any:
    """Add the repeatable interview-note options to a command, and --as-typed."""
    fn = click.option("--as-typed", is_flag=True,
                      help="Save the notes exactly as typed, even a full sentence.")(fn)
    for name, text in reversed(NOTES):
        fn = click.option(f"--{name.replace('_', '-')}", name, multiple=True,
                          help=_note_help(name, text))(fn)
    return fn


def _tell(lines: tuple[str, ...]) -> None:
    """Say on stderr what fitting the notes changed (stdout stays the result, or JSON)."""
    for line in lines:
        click.echo(line, err=True)


def _print_advice(interview_id: int, advice: Advice) -> None:
    out = console()
    label = "e-mail" if advice.preferred.value == "email" else "telephone (and paper letters)"
    out.print(plain((f"Interview {interview_id}: follow up by {label}.", "bold")))
    for r in advice.reasons:
        mark = "applies" if r.applied else "overridden"
        out.print(plain(f"  - {r.explanation} [{mark}]"))
        out.print(plain((f"    Playbook: {r.text}", "dim")))


@cli.group()
def interview() -> None:
    """Interviews: log one and its whole follow-up campaign is planned."""


def _added_json(added: records.AddedInterview, app: Session) -> dict[str, Any]:
    return {
        "id": added.interview_id, "opening": added.opening.id,
        "opening_created": added.opening_created,
        "employer": {**employer_json(added.employer), "created": added.employer_created},
        **plan_json(added.interview_id, added.steps, app.zone),
    }


def _added_text(added: records.AddedInterview, app: Session) -> None:
    if added.employer_created:
        click.echo(f"New employer {added.employer.name} created (id {added.employer.id}).")
    click.echo(_logged_line(added))
    console().print(steps_table(added.steps, app.zone, "Your follow-up campaign"))


@interview.command("add")
@click.option("--employer", "employer_name", default="", help="Created if not yet known.")
@click.option("--job-title", default="")
@click.option("--at", "at_text", default="", help='When it began: "YYYY-MM-DD HH:MM".')
@click.option("--from-ics", "from_ics", type=click.File("rb"),
              help="A saved invitation (.ics): it fills what you do not type.")
@click.option("--department", default="")
@click.option("--duration", type=int, help="Minutes (default: 60, or the invitation's).")
@click.option("--round", "round_", type=int, help="Interview round (default: next one).")
@click.option("--interviewer", multiple=True, help='"Full Name <email>"; repeat for a panel.')
@click.option("--requested-electronic", is_flag=True, help="The ad asked for e-mail contact.")
@click.option("--resume-via", type=click.Choice([v.value for v in ResumeVia]))
@click.option("--urgent", is_flag=True, help="Quick action matters.")
@click.option("--dialogue", is_flag=True, help="You want a dialogue with the interviewer.")
@click.option("--expected-decision", help="The decision date they gave: YYYY-MM-DD.")
@note_options
@shows(_added_text, _added_json)
@click.pass_obj
def interview_add(app: Session, /, employer_name: str, job_title: str, at_text: str,
                  from_ics: Any, department: str, duration: int | None, round_: int | None,
                  interviewer: tuple[str, ...],
                  requested_electronic: bool, resume_via: str | None, urgent: bool,
                  dialogue: bool, expected_decision: str | None, as_typed: bool,
                  **notes: tuple[str, ...]) -> records.AddedInterview:
    """Log an interview (--employer, --job-title, --at; or --from-ics); its campaign is planned."""
    form = forms.InterviewForm(
        employer_name, job_title, at_text, department, duration or 0, round_, interviewer,
        requested_electronic, resume_via, urgent, dialogue, expected_decision, notes, as_typed)
    if from_ics is not None:
        from insidetrack.services import invitations

        return invitations.add_from_file(app.env(), from_ics.read(), form)
    _require(employer_name=employer_name, job_title=job_title, at_text=at_text)
    new = forms.interview_from(replace(form, duration=duration or 60), app.zone, app.clock())
    added = records.add_interview(app.env(), new)
    _tell(new.told)
    return added


def _require(**given: str) -> None:
    """Refuse a missing option as click does (they are optional only with --from-ics)."""
    ctx = click.get_current_context()
    for name, value in given.items():
        if not value:
            param = next(p for p in ctx.command.params if p.name == name)
            raise click.MissingParameter(ctx=ctx, param=param)


def _logged_line(added: records.AddedInterview) -> str:
    where = f"{added.opening.job_title} at {added.employer.name}"
    if added.opening_created:
        return f"Logged interview {added.interview_id}: {where} (a new opening)."
    return f"Logged interview {added.interview_id}. Round {added.round} joins your opening {where}."


def _lines_text(lines: list[queries.InterviewLine], app: Session) -> None:
    from rich.table import Table

    tz = app.zone
    table = Table("Id", "When", "Employer", "Job", "Status", "Next step due", "Pending",
                  title="Interviews", title_justify="left")
    for line in lines:
        add_row(table, str(line.id), human_time(line.at, tz), line.employer, line.job_title,
                line.status + (" (archived)" if line.archived else ""),
                human_time(line.next_due, tz), str(line.pending))
    console().print(table)


@interview.command("list")
@shows(_lines_text, lambda lines, app: [interview_line_json(line, app.zone) for line in lines])
@click.pass_obj
def interview_list(app: Session) -> list[queries.InterviewLine]:
    """List interviews with the next step of each."""
    return queries.interview_lines(app.env())


def _interview_text(shown: tuple[int, queries.InterviewView], app: Session) -> None:
    interview_id, view = shown
    out, c, tz = console(), view.campaign, app.zone
    out.print(plain((f"Interview {interview_id}", "bold"), f": {c.opening.job_title} at "
                    f"{c.employer.name}, round {c.interview.round}, {human_time(c.interview.start, tz)}"))
    if c.interview.interviewers:
        out.print(plain("Interviewers: " + ", ".join(f"{p.name} (contact {p.id})"
                                                      for p in c.interview.interviewers)))
    if c.interview.expected_decision:
        out.print(plain(f"Decision expected: {human_day(c.interview.expected_decision)}"))
    for key, values in interview_json(view, tz)["notes"].items():
        if values:
            out.print(plain(f"{key.replace('_', ' ').capitalize()}: " + "; ".join(values)))
    print_holdings(out, view, tz)
    if c.touchpoints:
        out.print(plain(("What happened:", "bold")))
    for t in c.touchpoints:
        out.print(plain(f"  {human_time(t.at, tz)}  {t.kind.value} {t.outcome} {t.note}".rstrip()))
    _print_advice(interview_id, view.advice)
    out.print(steps_table(list(view.steps), tz, "Campaign"))


@interview.command("show")
@click.argument("interview_id", type=int)
@shows(_interview_text, lambda shown, app: interview_json(shown[1], app.zone))
@click.pass_obj
def interview_show(app: Session, interview_id: int) -> tuple[int, queries.InterviewView]:
    """Show one interview: notes, facts, clippings, references, advice, campaign, history."""
    return interview_id, queries.interview(app.env(), interview_id)


def _advice_text(shown: tuple[int, Advice], app: Session) -> None:
    _print_advice(*shown)


@cli.command()
@click.argument("interview_id", type=int)
@shows(_advice_text, lambda shown, app: advice_json(*shown))
@click.pass_obj
def advise(app: Session, interview_id: int) -> tuple[int, Advice]:
    """Advise e-mail or telephone for an interview, and say why."""
    return interview_id, queries.advice(app.env(), interview_id)


def _plan_text(shown: tuple[int, list[Step]], app: Session) -> None:
    interview_id, steps = shown
    console().print(steps_table(steps, app.zone, f"Campaign for interview {interview_id}"))


@cli.command()
@click.argument("interview_id", type=int)
@shows(_plan_text, lambda shown, app: plan_json(*shown, app.zone))
@click.pass_obj
def plan(app: Session, interview_id: int) -> tuple[int, list[Step]]:
    """Show an interview's follow-up campaign, step by step."""
    return interview_id, list(queries.interview(app.env(), interview_id).steps)


TODAY_ROWS = 20
SOON_ROWS = 10


def _today_text(asked: tuple[date, bool], app: Session) -> None:
    day, show_all = asked
    print_invitations(app)
    if show_all:
        _print_whole_agenda(app, day)
    else:
        _print_agenda_page(app, day)


def _print_whole_agenda(app: Session, day: date) -> None:
    """Print every item due by the day, one line each (--all)."""
    tz = app.zone
    for item, overdue in queries.today(app.env(), day, limit=-1).items:
        flag = " (overdue)" if overdue else ""
        click.echo(f"{item.step.id:>6}  {human_time(item.step.due, tz)}{flag:10}  "
                   f"{item.employer}: {describe_step(item.step)}")


def _print_agenda_page(app: Session, day: date) -> None:
    """Print alerts, the first items due by the day, and what comes in the next 3 days."""
    tz = app.zone
    agenda = queries.today(app.env(), day, limit=TODAY_ROWS)
    rows = [(item, " (overdue)" if overdue else "") for item, overdue in agenda.items]
    out = console()
    _print_alerts(out, queries.alerts(app.env(), day), tz)
    if rows:
        out.print(_agenda_table(f"Due by {human_day(day)}", rows, tz))
        if agenda.total > len(rows):
            out.print(f"… and {agenda.total - len(rows)} more due. "
                      "See them all: insidetrack today --all (or --json)")
    else:
        out.print(f"Nothing due by {human_day(day)}.")
    soon = queries.coming_up(app.env(), day, days=3, limit=SOON_ROWS)
    if soon:
        upcoming = [(i, "") for i in soon]
        out.print(_agenda_table("Coming up in the next 3 days", upcoming, tz))
    out.print("Mark a step done: insidetrack done STEP    Log a call: insidetrack log INTERVIEW call")


# The agenda is read by its formatter: the text shows a page of it, the JSON all of it.
@cli.command()
@click.option("--date", "day_text", help="The day to list (YYYY-MM-DD); default: today.")
@click.option("--all", "show_all", is_flag=True, help=f"List every item, not the first {TODAY_ROWS}.")
@shows(_today_text, lambda asked, app: today_json(asked[0], app), keys_sorted=True)
@click.pass_obj
def today(app: Session, day_text: str | None, show_all: bool) -> tuple[date, bool]:
    """List what is due today (and overdue) across every interview."""
    today = app.clock().astimezone(app.zone).date()
    day = today if day_text is None else parse.day_in("--date", day_text, parse.AGENDA_DAY, today)
    return day, show_all


def _print_alerts(out: Any, alerts: list[Any], tz: tzinfo) -> None:
    from datetime import datetime

    for _, at, employer, sender, interview_id, kind, subject in alerts:
        when = human_time(datetime.fromisoformat(at), tz)
        if kind == "reply":
            out.print(plain(("Reply", "bold"), f" from {sender} ({employer}), {when}: {subject}  "
                            f"-> read it; interview {interview_id}'s next letter now waits a week"))
        else:
            out.print(plain(("Bounced", "bold red"), f": {sender} ({employer}) -> fix the address: "
                            "insidetrack contact list, then insidetrack contact set ID --email ..."))


def _agenda_table(title: str, rows: list[tuple[Any, str]], tz: tzinfo) -> Any:
    from rich.table import Table

    table = Table("Step", "Due", "Employer", "What to do", title=title, title_justify="left")
    for item, flag in rows:
        due = plain(human_time(item.step.due, tz), (f" {flag.strip()}" if flag else "", "red"))
        add_row(table, str(item.step.id), due, item.employer, describe_step(item.step))
    return table


@cli.command()
@click.argument("step_id", type=int)
@click.option("--at", "at_text", help='When you did it: "YYYY-MM-DD HH:MM" (default: now).')
@click.option("--note", default="")
@click.option("--undo", is_flag=True, help="It was not done: make it to do again, and re-plan.")
@shows(done_text, done_json)
@click.pass_obj
def done(app: Session, step_id: int, at_text: str | None, note: str, undo: bool) -> Step | Fixed:
    """Mark a step done; the campaign is re-planned from it."""
    if undo:
        refuse_with_undo(at=at_text, note=note)
        return undoing.undo_done(app.env(), step_id)
    return campaigns.mark_done(app.env(), step_id, _at(app, at_text), parse.text("--note", note))


@cli.group()
@click.argument("interview_id", type=int)
@click.pass_context
def log(ctx: click.Context, interview_id: int) -> None:
    """Log what happened: a call, a reply or the employer's decision."""
    ctx.meta["interview_id"] = interview_id


def _log_options(fn: Any) -> Any:
    fn = click.option("--note", default="")(fn)
    return click.option("--at", "at_text", help='"YYYY-MM-DD HH:MM" (default: now).')(fn)


@log.command("call")
@click.option("--outcome", required=True, type=click.Choice([o.value for o in CallOutcome]))
@_log_options
@click.pass_context
def log_call(ctx: click.Context, outcome: str, at_text: str | None, note: str) -> None:
    """Log a follow-up call and how it went."""
    app = ctx.find_object(Session)
    assert app is not None
    step = campaigns.log_call(app.env(), ctx.meta["interview_id"], CallOutcome(outcome),
                              _at(app, at_text), parse.text("--note", note))
    if step is None:
        click.echo("Call logged (no call step was open).")
    elif step.status.value == "done":
        click.echo(f"Call logged; call step {step.id} is done.")
    else:
        hint = " Leave a 30-second voicemail next time." if step.voicemail else ""
        click.echo(f"Call logged; try again {human_time(step.due, app.zone)}.{hint}")


@log.command("reply")
@_log_options
@click.option("--undo", is_flag=True, help="Remove the last reply logged, and re-plan.")
@shows(reply_text, reply_json)
@click.pass_context
def log_reply(ctx: click.Context, at_text: str | None, note: str,
              undo: bool) -> tuple[int, Fixed | None]:
    """Log a reply from the employer that is not a decision."""
    app = ctx.find_object(Session)
    assert app is not None
    interview_id = ctx.meta["interview_id"]
    if undo:
        refuse_with_undo(at=at_text, note=note)
        return interview_id, undoing.undo_reply(app.env(), interview_id)
    campaigns.log_reply(app.env(), interview_id, _at(app, at_text), parse.text("--note", note))
    return interview_id, None


@log.command("decision")
@click.option("--outcome", type=click.Choice([d.value for d in Decision]))
@_log_options
@click.option("--undo", is_flag=True, help="Remove the last decision logged, and re-plan.")
@shows(decision_text, decision_json)
@click.pass_context
def log_decision(ctx: click.Context, outcome: str | None, at_text: str | None, note: str,
                 undo: bool) -> tuple[str, list[Any] | Fixed]:
    """Log the employer's decision: follow-ups stop, and what is left to do is planned.

    An offer is thanked and a rejection answered graciously; references are thanked;
    an offer also plans a polite withdrawal from each other active application.
    """
    app = ctx.find_object(Session)
    assert app is not None
    if undo:
        refuse_with_undo(outcome=outcome, at=at_text, note=note)
        fixed = undoing.undo_decision(app.env(), ctx.meta["interview_id"])
        return fixed.undone, fixed
    if outcome is None:
        raise click.MissingParameter(ctx=ctx, param=next(
            p for p in ctx.command.params if p.name == "outcome"))
    planned = campaigns.log_decision(app.env(), ctx.meta["interview_id"], Decision(outcome),
                                     _at(app, at_text), parse.text("--note", note))
    return outcome, planned


@interview.command("note")
@click.argument("interview_id", type=int)
@note_options
@click.pass_obj
def interview_note(app: Session, /, interview_id: int, as_typed: bool,
                   **values: tuple[str, ...]) -> None:
    """Add notes to an interview; drafts and call sheets are built from them."""
    from insidetrack.services.records import add_notes

    checked = forms.checked_notes(values, as_typed)
    if checked.notes == InterviewNotes():
        raise InputError("notes", "give at least one, e.g. --topic \"fleet sales\"")
    add_notes(app.env(), interview_id, checked.notes)
    _tell(checked.told)
    click.echo(f"Notes added to interview {interview_id}.")
