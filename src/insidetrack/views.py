"""The JSON shapes of the data, shared by the CLI's --json and the web API."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # types only: a command that renders JSON need not load the services
    from insidetrack.domain.advisor import Advice
    from insidetrack.domain.model import Contact, Employer, Profile, Reference, Step
    from insidetrack.domain.sso import SignOn
    from insidetrack.services.consent import CoachView
    from insidetrack.services.ports.consent import AuditRow, GrantRow, Happening
    from insidetrack.services.ports.consent import Person as Seen
    from insidetrack.services.ports.roster import Cohort, Person
    from insidetrack.services.queries import InterviewLine, InterviewView
    from insidetrack.services.roster import RosterReport


def stamp(moment: datetime | None, tz: tzinfo) -> str | None:
    """Return a moment in the user's zone as ISO 8601 with its offset."""
    return None if moment is None else moment.astimezone(tz).isoformat(timespec="seconds")


def step_json(step: Step, tz: tzinfo) -> dict[str, Any]:
    return {
        "id": step.id,
        "interview": step.interview_id,
        "kind": step.kind.value,
        "channel": step.channel.value,
        "due": stamp(step.due, tz),
        "status": step.status.value,
        "number": step.number,
        "clipping": step.clipping,
        "to": step.to,
        "attempts": step.attempts,
        "voicemail": step.voicemail,
        "done_at": stamp(step.done_at, tz),
    }


def plan_json(interview_id: int, steps: list[Step], tz: tzinfo) -> dict[str, Any]:
    return {"interview": interview_id, "steps": [step_json(s, tz) for s in steps]}


def advice_json(interview_id: int, advice: Advice) -> dict[str, Any]:
    return {
        "interview": interview_id,
        "preferred": advice.preferred.value,
        "reasons": [
            {"rule": r.rule, "text": r.text, "applied": r.applied, "explanation": r.explanation}
            for r in advice.reasons
        ],
    }


def interview_json(view: InterviewView, tz: tzinfo) -> dict[str, Any]:
    c = view.campaign
    i = c.interview
    return {
        "id": i.id, "at": stamp(i.start, tz), "duration": i.duration_minutes, "round": i.round,
        "employer": employer_json(c.employer),
        "opening": {"id": c.opening.id, "job_title": c.opening.job_title,
                    "department": c.opening.department, "status": c.opening.status.value,
                    "resume_via": c.opening.resume_via.value if c.opening.resume_via else None,
                    "requested_electronic": c.opening.requested_electronic},
        "interviewers": [{"id": p.id, "name": p.name, "email": p.email, "title": p.title}
                         for p in i.interviewers],
        "notes": {k: list(v) for k, v in vars(i.notes).items()},
        "urgent": i.urgent, "dialogue": i.dialogue,
        "expected_decision": i.expected_decision.isoformat() if i.expected_decision else None,
        "references": [{"id": r.id, "name": r.name, "last_briefed": stamp(r.last_prepared, tz)}
                       for r in c.references],
        "touchpoints": [{"kind": t.kind.value, "at": stamp(t.at, tz), "outcome": t.outcome,
                         "note": t.note, "step": t.step_id} for t in c.touchpoints],
        "facts": [{"id": f.id, "text": f.text, "used": f.used_at is not None,
                   "used_at": stamp(f.used_at, tz)} for f in view.facts],
        "clippings": [{"id": k.id, "title": k.title, "url": k.url, "kind": k.kind.value,
                       "used": k.used_at is not None, "used_at": stamp(k.used_at, tz)}
                      for k in view.clippings],
        "advice": advice_json(i.id, view.advice),
        "steps": [step_json(s, tz) for s in view.steps],
    }


def interview_line_json(line: InterviewLine, tz: tzinfo) -> dict[str, Any]:
    return {
        "id": line.id, "at": stamp(line.at, tz), "round": line.round, "employer": line.employer,
        "job_title": line.job_title, "status": line.status, "next_due": stamp(line.next_due, tz),
        "pending": line.pending, "archived": line.archived,
    }


def profile_json(p: Profile) -> dict[str, Any]:
    return {
        "name": p.name, "email": p.email, "phone": p.phone, "address": p.address,
        "field": p.field, "years": p.years, "specialty": p.specialty, "over_40": p.over_40,
    }


def employer_json(e: Employer) -> dict[str, Any]:
    return {
        "id": e.id, "name": e.name, "address": e.address, "phone": e.phone, "fax": e.fax,
        "traditionalist": e.traditionalist, "high_tech": e.high_tech,
    }


def contact_json(c: Contact) -> dict[str, Any]:
    return {"id": c.id, "employer": c.employer_id, "name": c.name, "role": c.role.value,
            "email": c.email, "phone": c.phone, "title": c.title, "salutation": c.salutation}


def reference_json(r: Reference, tz: Any) -> dict[str, Any]:
    return {"id": r.id, "name": r.name, "phone": r.phone, "email": r.email,
            "relationship": r.relationship, "last_prepared": stamp(r.last_prepared, tz)}


def application_json(app: Any, tz: tzinfo) -> dict[str, Any]:
    """An application (services.application_port.Application), as --json and the API give it."""
    return {
        "id": app.id,
        "employer": app.employer,
        "job_title": app.job_title,
        "status": app.status,
        "applied_on": None if app.applied_at is None else app.applied_at.astimezone(tz).date()
        .isoformat(),
        "link": app.link,
        "salary": app.salary,
        "notes": app.notes,
        "archived": app.archived_at is not None,
        "archived_at": stamp(app.archived_at, tz),
        "interviews": list(app.interview_ids),
    }


def invitation_json(item: Any, tz: tzinfo) -> dict[str, Any]:
    """An invitation (services.ports.invitations.Invitation): each field, how sure, and why."""
    return {"fields": {k: {"sureness": v[1], "value": v[0], "why": v[2]}
                       for k, v in sorted(item.fields.items())},
            "id": item.id, "interview_id": item.interview_id, "kind": item.kind,
            "minutes": item.minutes, "note": item.note, "sequence": item.sequence,
            "start": stamp(item.start, tz), "state": item.state, "uid": item.uid}


def today_json(env: Any, day: Any, tz: tzinfo) -> dict[str, Any]:
    """The agenda of a day as `today --json` and /api/today give it, with the invitations."""
    from insidetrack.services import invitations, queries

    found = queries.today_json(env, day)
    waiting = invitations.listed(env) + invitations.moved_lately(env)
    return dict(sorted({**found, "invitations": [invitation_json(i, tz) for i in waiting]}.items()))


def person_json(p: Person) -> dict[str, Any]:
    """One of a career center's people."""
    return {"id": p.id, "email": p.email, "name": p.name, "role": p.role,
            "cohorts": list(p.cohorts), "coaches": list(p.coaches), "seekers": list(p.seekers),
            "disabled": p.disabled}


def cohort_json(c: Cohort) -> dict[str, Any]:
    """A career center's cohort."""
    return {"name": c.name, "members": c.members, "coaches": list(c.coaches)}


def sign_on_json(s: SignOn | None) -> dict[str, Any] | None:
    """A career center's single sign-on settings (the secret only as whether one is set)."""
    if s is None:
        return None
    return {"issuer": s.issuer, "client_id": s.client_id, "client_secret": bool(s.client_secret),
            "institution": s.institution, "role_claim": s.role_claim or None,
            "coach_values": list(s.coach_values), "admin_values": list(s.admin_values)}


def roster_report_json(r: RosterReport) -> dict[str, Any]:
    """What a roster import did."""
    return {"added": r.added, "updated": r.updated, "unchanged": r.unchanged,
            "new_cohorts": list(r.new_cohorts)}


def org_person_json(person: Seen) -> dict[str, str]:
    """A seeker or coach of a center, as consent's answers name them."""
    return {"email": person.email, "name": person.name}


def grants_json(seeker: Seen, grants: list[GrantRow], tz: tzinfo,
                shows: Callable[[bool], Any]) -> dict[str, Any]:
    """A seeker's grants to coaches, revoked ones too; `shows` lists what a grant shows."""
    return {"seeker": org_person_json(seeker), "grants": [{
        "coach": org_person_json(g.coach), "drafts": g.drafts, "active": g.revoked_at is None,
        "granted_at": stamp(g.granted_at, tz), "revoked_at": stamp(g.revoked_at, tz),
        "shows": list(shows(g.drafts)),
    } for g in grants]}


def audit_json(seeker: Seen, log: list[AuditRow], tz: tzinfo) -> dict[str, Any]:
    return {"seeker": org_person_json(seeker), "audit": [
        {"at": stamp(a.at, tz), "coach": org_person_json(a.coach), "what": a.what}
        for a in log]}


def _happening_json(h: Happening, tz: tzinfo, detail: str) -> dict[str, Any]:
    return {"employer": h.employer, "job_title": h.job_title, "at": stamp(h.at, tz),
            detail: h.detail}


def coach_view_json(view: CoachView, tz: tzinfo) -> dict[str, Any]:
    """What a coach sees of a seeker who granted it (drafts only if shared)."""
    return {
        "seeker": org_person_json(view.seeker), "coach": org_person_json(view.coach),
        "drafts_shared": view.drafts_shared, "stages": view.stages,
        "overdue": [{"step": i.step.id, "interview": i.step.interview_id,
                     "kind": i.step.kind.value, "channel": i.step.channel.value,
                     "due": stamp(i.step.due, tz), "to": i.step.to, "employer": i.employer,
                     "job_title": i.job_title} for i in view.overdue],
        "thank_yous_missed": [_happening_json(h, tz, "status") for h in view.thank_yous_missed],
        "replies": [_happening_json(h, tz, "answering") for h in view.replies],
        "decisions": [_happening_json(h, tz, "outcome") for h in view.decisions],
        "drafts": [{"step": step, "text": text} for step, text in view.drafts],
    }
