"""What each page shows, gathered from the services (no HTML here)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request

from insidetrack.compose.describe import describe_step, describe_touchpoint
from insidetrack.compose.kinds import KINDS
from insidetrack.domain import parse
from insidetrack.domain.model import OpeningStatus, Profile
from insidetrack.services import forms, queries
from insidetrack.session import Session
from insidetrack.web.drafting import finding_json, lint_text, make_draft


def when(moment: datetime | None, app: Session) -> str:
    return "" if moment is None else moment.astimezone(app.zone).strftime("%a %d %b %Y %H:%M")


def agenda_day(app: Session, typed: str | None) -> date:
    """The day to list: today, or the one asked for within a few years of it."""
    today = app.clock().astimezone(app.zone).date()
    return parse.day_in("date", typed, parse.AGENDA_DAY, today) if typed else today


def today(app: Session, day: date) -> dict[str, Any]:
    env = app.env()
    agenda = queries.today(env, day, limit=200)
    items = [{
        "step": item.step, "employer": item.employer, "job": item.job_title,
        "what": describe_step(item.step), "due": when(item.step.due, app), "overdue": overdue,
    } for item, overdue in agenda.items]
    alerts = [{"kind": kind, "employer": employer, "sender": sender, "subject": subject,
               "interview": interview, "at": when(datetime.fromisoformat(at), app)}
              for _, at, employer, sender, interview, kind, subject in queries.alerts(env, day)]
    soon = [{"step": i.step, "employer": i.employer, "what": describe_step(i.step),
             "due": when(i.step.due, app)} for i in queries.coming_up(env, day, 3, 20)]
    from insidetrack.web.invitation_pages import today_part

    return {"day": day.strftime("%A %d %B %Y"), "items": items, "total": agenda.total,
            "alerts": alerts, "soon": soon, "can_send": app.can_send(),
            "can_check_mail": app.can_check_mail(),
            **today_part(app)}


PIPELINE_PAGE = 50  # Ours: the cards a stage shows at once; more than one reads at a glance


def pipeline(app: Session, archived: bool = False, only: str = "",
             page: int = 1) -> list[dict[str, Any]]:
    """Openings by stage (or one stage, `only`), a page of cards each: every interview, then
    every application with none yet; each stage says how many it holds in all."""
    from insidetrack.services import applications

    env = app.env()
    counts = queries.count_by_stage(env, archived)
    waiting: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in applications.listed(env, archived, waiting=True):
        day = applications.applied_day(a, env)
        waiting[a.status].append({
            "href": f"/applications/{a.id}", "employer": a.employer, "job": a.job_title,
            "applied": day.strftime("%a %d %b %Y") if day else "", "salary": a.salary})
    start = (page - 1) * PIPELINE_PAGE
    columns = []
    for stage in (s.value for s in OpeningStatus if not only or s.value == only):
        held = counts.get(stage, 0)
        cards = [_card(line, app) for line in queries.interview_lines(
            env, PIPELINE_PAGE, start, stage, archived)] if start < held else []
        cards += waiting[stage][max(0, start - held):][:PIPELINE_PAGE - len(cards)]
        columns.append({"status": stage, "cards": cards, "total": held + len(waiting[stage]),
                        "first": start + 1, "last": start + len(cards)})
    return columns


def _card(line: queries.InterviewLine, app: Session) -> dict[str, Any]:
    return {"href": f"/interviews/{line.id}", "employer": line.employer, "job": line.job_title,
            "pending": line.pending,
            "next_due": when(line.next_due, app) if line.next_due else ""}


def interview(app: Session, interview_id: int) -> dict[str, Any]:
    env = app.env()
    view = queries.interview(env, interview_id)
    c = view.campaign
    events: list[dict[str, Any]] = [
        {"at": s.done_at or s.due, "label": describe_step(s), "status": s.status.value, "step": s}
        for s in c.steps]
    to = {s.id: s.to or "" for s in c.steps}
    events += [{"at": t.at, "label": describe_touchpoint(t, to.get(t.step_id or 0, "")),
                "status": "happened", "note": t.note, "step": None} for t in c.touchpoints]
    events.sort(key=lambda e: e["at"])
    linked = {r.id for r in c.references}
    from insidetrack.services import applications

    return {
        "archived": applications.show(env, c.opening.id).archived_at is not None,
        "c": c, "advice": view.advice, "facts": view.facts, "clippings": view.clippings,
        "start": when(c.interview.start, app), "errors": {}, "form": {}, "told": (),
        "start_value": c.interview.start.astimezone(app.zone).strftime("%Y-%m-%dT%H:%M"),
        "timeline": [{**e, "when": when(e["at"], app)} for e in events],
        "note_groups": _note_groups(env, interview_id),
        "note_kinds": forms.NOTE_FIELDS,
        "other_references": [r for r in queries.references(env) if r.id not in linked],
        "call_outcomes": ["connected", "voicemail", "no-answer", "gatekeeper"],
        "decisions": [("offer", "They offered me the job"), ("rejected", "They chose someone else"),
                      ("hired", "I was hired"), ("withdrawn", "I withdrew")],
    }


def _note_groups(env: Any, interview_id: int) -> list[dict[str, Any]]:
    """The interview's notes by kind, each with its id, under the form's label."""
    from insidetrack.services.notes import notes
    from insidetrack.web.words import label

    lines = notes(env, interview_id)
    return [{"label": label(kind), "lines": [n for n in lines if n.kind == kind]}
            for kind in forms.NOTE_FIELDS if any(n.kind == kind for n in lines)]


def draft(app: Session, step_id: int, voicemail: bool, edited: str | None = None) -> dict[str, Any]:
    from insidetrack.services.polishing import remote_warning

    d = make_draft(app, step_id, voicemail)
    text = d.as_text() if edited is None else edited.replace("\r\n", "\n")
    kind = d.kind if KINDS[d.kind].linter else None
    findings = (lint_text(app, text, kind) if kind else []) if edited is not None else [
        finding_json(f) for f in d.findings]
    return {
        "d": d, "step": d.step, "text": text, "findings": findings, "lint_kind": kind or "",
        "voicemail": voicemail, "what": describe_step(d.step),
        "can_send": d.kind == "email" and app.can_send() and bool(d.to_email),
        "mail_setup": "/my-mail" if app.seeker_id is not None else "/settings#mail",
        "eml": d.kind == "email" and bool(d.to_email), "pdf": d.kind == "letter",
        "pending": d.step.doable, "print_notes": _print_notes(d.kind, text),
        "can_polish": bool(app.settings.ai.endpoint),
        "polish_warnings": remote_warning(app.settings.ai),
    }


def _print_notes(kind: str, text: str) -> tuple[str, ...]:
    from insidetrack.services.drafts import print_notes

    return print_notes(text) if kind == "letter" else ()


def eml_bytes(app: Session, step_id: int, text: str | None = None) -> bytes:
    """The e-mail as edited, as an .eml file; the step remembers its Message-ID."""
    from insidetrack.services.drafts import email_message, record_message

    d = make_draft(app, step_id, fmt="eml")
    msg = email_message(app.env(), d, text, verb="downloaded", settings=app.settings.draft)
    record_message(app.env(), d.step, msg["Message-ID"], d.to_email or "", str(msg["Subject"]),
                   app.env().now)
    return bytes(msg.as_bytes())


def pdf_bytes(app: Session, step_id: int, text: str | None = None) -> bytes:
    """The letter as edited (or as drafted when not), laid out for print."""
    from insidetrack.services.drafts import letter_pdf

    return letter_pdf(make_draft(app, step_id, fmt="pdf"), text, app.settings.draft).data


def minutes(form: FormData) -> int:
    """Read the form's duration, 60 when left empty."""
    typed = str(form.get("duration", "60")) or "60"
    return parse.number("duration", typed, what="a number of minutes")


def send_edited(app: Session, step_id: int, text: str | None) -> Any:
    """Send the e-mail exactly as the user edited it (or as drafted), if it passes the linter."""
    from insidetrack.services import delivery
    from insidetrack.services.drafts import email_message

    d = make_draft(app, step_id, fmt="eml")
    msg = email_message(app.env(), d, text, settings=app.settings.draft)
    return delivery.send(app.env(), msg, step_id, app.transport())


def interview_form(form: FormData) -> forms.InterviewForm:
    """Turn the add-interview form into what the CLI's options give."""
    people = [str(v) for k in ("interviewer_1", "interviewer_2", "interviewer_3")
              if (v := form.get(k)) and str(v).strip()]
    notes = typed_notes(form, ("topic", "emphasis", "problem"))
    return forms.InterviewForm(
        str(form.get("employer", "")), str(form.get("job_title", "")),
        str(form.get("at", "")).replace("T", " "), str(form.get("department", "")),
        minutes(form), None, tuple(people), form.get("requested_electronic") == "on",
        str(form.get("resume_via", "")) or None, form.get("urgent") == "on",
        form.get("dialogue") == "on", str(form.get("expected_decision", "")) or None, notes,
        form.get("as_typed") == "on")


def typed_notes(form: FormData, kinds: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Read the notes a form sent: one a line, blank lines left out."""
    return {k: tuple(t.strip() for t in str(form.get(k, "")).splitlines() if t.strip())
            for k in kinds}


def profile_form(app: Session) -> dict[str, Any]:
    p = queries.profile(app.env())
    if p is None:
        return {}
    return {"name": p.name, "email": p.email, "phone": p.phone, "address": p.address,
            "field": p.field, "years": "" if p.years is None else p.years,
            "specialty": p.specialty, "over_40": "on" if p.over_40 else ""}


def profile_start(request: Request, app: Session) -> dict[str, Any]:
    """What the profile form starts from: the profile, else (a center's job seeker) the
    roster's name and e-mail."""
    form = profile_form(app)
    person = getattr(request.state, "person", None)
    if person is not None:
        form = {**form, "name": form.get("name") or person.name,
                "email": form.get("email") or person.email}
    return form


def profile_from_form(values: dict[str, str]) -> Profile:
    years = values.get("years", "").strip()
    return forms.profile_from(
        values.get("name", ""), values.get("email", ""), values.get("phone", ""),
        values.get("address", ""), values.get("field", ""),
        parse.number("years", years, what="a whole number of years") if years else None,
        values.get("specialty", ""), values.get("over_40") == "on")
