"""Interviews proposed from invitations: propose once, accept (log it), dismiss, follow moves."""

from __future__ import annotations

from dataclasses import dataclass, replace

from insidetrack.domain.errors import ConflictError, InputError, InsidetrackError
from insidetrack.domain.parse import name_key
from insidetrack.integrations import invites
from insidetrack.integrations.invites import Guess, Invite
from insidetrack.services import forms, interview_edits, records
from insidetrack.services.context import Env
from insidetrack.services.interview_edits import InterviewChanges
from insidetrack.services.ports.invitations import Invitation


@dataclass(frozen=True)
class Accepted:
    """What accepting a proposal did."""

    invitation: Invitation
    interview_id: int | None  # the interview logged (or already there); None after a cancel
    said: str  # one line: what was logged, linked or called off


def _user_email(env: Env) -> str:
    profile = env.store.people.profile()
    return profile.email if profile is not None else ""


def _fields(env: Env, invite: Invite) -> dict[str, list[str]]:
    """Say what the invite proposes, each field with how sure it is and why."""
    link, platform = invites.place(invite)
    people, why = invites.interviewers(invite, _user_email(env))
    named = "; ".join(f"{p.name} <{p.email}>" if p.email else p.name for p in people)
    made = {"employer": invites.employer(invite), "job_title": invites.job_title(invite),
            "place": link, "platform": platform,
            "interviewers": Guess(named, "likely" if people else "guess", why),
            "scheduler": Guess(invites.scheduler(invite), "sure", "the sender's domain")}
    return {k: [g.value, g.sureness, g.why] for k, g in made.items()}


def _superseded(known: list[Invitation], invite: Invite) -> bool:
    """Tell an invite seen already, or older than one seen (same UID, lower SEQUENCE)."""
    cancel = invite.method == "CANCEL"
    return any(k.sequence > invite.sequence
               or (k.sequence == invite.sequence and (k.kind == "cancel") == cancel)
               for k in known)


def _same_day(env: Env, employer: str, invite: Invite) -> int | None:
    """Return an interview already logged with that employer on that local day."""
    found = env.store.people.employer_named(name_key(employer)) if employer else None
    if found is None:
        return None
    day = invite.start.astimezone(env.tz).date()
    for opening_id in env.store.interviews.opening_ids_of_employer(found.id):
        for interview in env.store.interviews.interviews_of_opening(opening_id):
            if interview.start.astimezone(env.tz).date() == day:
                return interview.id
    return None


def propose(env: Env, invite: Invite) -> Invitation | None:
    """Keep what an invite proposes (or apply a reschedule); None for one already seen."""
    if not invite.uid:
        return None
    known = env.store.invitations.of_uid(invite.uid)
    if _superseded(known, invite):
        return None
    linked = next((k for k in reversed(known) if k.interview_id is not None), None)
    fields = _fields(env, invite)
    item = Invitation(0, invite.uid, invite.sequence, "new", "open", invite.start,
                      invite.minutes, fields, None, "", env.now)
    if invite.method == "CANCEL":
        logged = linked.interview_id if linked else _same_day(env, fields["employer"][0], invite)
        item = replace(item, kind="cancel", interview_id=logged,
                       note="the employer cancelled this interview")
    elif linked is not None and linked.interview_id is not None and linked.state == "accepted":
        return _move(env, linked, item)
    else:
        same = _same_day(env, fields["employer"][0], invite)
        if same is not None:
            item = replace(item, kind="match", interview_id=same,
                           note=f"already logged as interview {same}")
        elif invite.start < env.now:
            item = replace(item, kind="late", note="its time is past: log it late")
    with env.store.write():
        return replace(item, id=env.store.invitations.add(item))


def _move(env: Env, linked: Invitation, item: Invitation) -> Invitation:
    """Move the accepted interview to the rescheduled time and re-plan; say so in Today."""
    assert linked.interview_id is not None
    old = env.store.interviews.interview(linked.interview_id)
    interview_edits.edit(env, old.id, InterviewChanges(start=item.start,
                                                       duration_minutes=item.minutes))
    before = old.start.astimezone(env.tz).strftime("%a %d %b %H:%M")
    after = item.start.astimezone(env.tz).strftime("%a %d %b %H:%M")
    moved = replace(item, kind="moved", state="accepted", interview_id=old.id,
                    note=f"moved: interview {old.id} ({item.value('employer')}) from {before} to {after}")
    with env.store.write():
        return replace(moved, id=env.store.invitations.add(moved))


def listed(env: Env, state: str | None = "open") -> list[Invitation]:
    """Return the proposals still waiting for the user (or every one)."""
    return env.store.invitations.invitations(state)


def moved_lately(env: Env) -> list[Invitation]:
    """Return the reschedules applied in the last week, for Today to say."""
    from datetime import timedelta

    return [i for i in env.store.invitations.invitations("accepted")
            if i.kind == "moved" and i.received_at >= env.now - timedelta(days=7)]


def _open(env: Env, invitation_id: int) -> Invitation:
    item = env.store.invitations.invitation(invitation_id)
    if item.state != "open":
        raise ConflictError(f"invitation {invitation_id} is {item.state} already")
    return item


def accept(env: Env, invitation_id: int, employer: str = "", job_title: str = "") -> Accepted:
    """Log the proposed interview (or link the one logged, or call off a cancelled one)."""
    item = _open(env, invitation_id)
    if item.kind == "cancel":
        return _call_off(env, item)
    if item.kind == "match" and item.interview_id is not None:
        return _settled(env, item, item.interview_id, f"linked to interview {item.interview_id}")
    employer = employer.strip() or item.value("employer")
    job_title = job_title.strip() or item.value("job_title")
    if not employer:
        raise InputError("employer", "is not in the invitation; give it")
    if not job_title:
        raise InputError("job_title", "is not in the invitation; give it")
    with env.store.write():  # the interview and the settled proposal: both or neither
        added = records.add_interview(env, records.NewInterview(
            employer=employer, job_title=job_title, start=item.start,
            duration_minutes=item.minutes, interviewers=_interviewers(item)))
        return _settled(env, item, added.interview_id,
                        f"logged interview {added.interview_id}: {employer}, {job_title}, "
                        f"{_when_item(env, item)}, "
                        f"{len(added.steps)} step(s) planned")


def _interviewers(item: Invitation) -> tuple[tuple[str, str], ...]:
    found = []
    for typed in filter(None, item.value("interviewers").split("; ")):
        name, _, rest = typed.partition(" <")
        found.append((name.strip(), rest.rstrip(">")))
    return tuple(found)


def _call_off(env: Env, item: Invitation) -> Accepted:
    """Delete the cancelled interview with its campaign, into the trash (interview delete)."""
    if item.interview_id is None:
        return _settled(env, item, None, "nothing was logged for it: noted")
    with env.store.write():
        gone = interview_edits.delete(env, item.interview_id)
        return _settled(env, item, None, f"called off interview {gone.interview_id} "
                        f"({gone.employer}); it waits in the trash as {gone.trash_id}")


def _settled(env: Env, item: Invitation, interview_id: int | None, said: str) -> Accepted:
    with env.store.write():
        env.store.invitations.settle(item.id, "accepted", interview_id)
    return Accepted(env.store.invitations.invitation(item.id), interview_id, said)


def dismiss(env: Env, invitation_id: int) -> Invitation:
    """Set a proposal aside: nothing is logged."""
    item = _open(env, invitation_id)
    with env.store.write():
        env.store.invitations.settle(item.id, "dismissed", item.interview_id)
    return env.store.invitations.invitation(item.id)


def _from_file(env: Env, data: bytes) -> Invitation:
    """Propose the interview a saved .ics holds (or find it proposed); refuse anything else."""
    try:
        invite = invites.read_calendar(data)
    except invites.NotAnInvitation as exc:
        raise InputError("from_ics", f"is not an interview invitation: {exc}") from exc
    if invite.method == "CANCEL":
        raise InputError("from_ics", "is a cancellation, not an invitation")
    item = propose(env, invite) or next(
        (k for k in reversed(env.store.invitations.of_uid(invite.uid)) if k.kind != "cancel"),
        None)
    if item is None:
        raise InputError("from_ics", "holds an event with no UID")
    if item.state != "open" or item.kind == "match":
        raise ConflictError(f"this invitation is logged already (interview {item.interview_id})")
    return item


def add_from_file(env: Env, data: bytes, typed: forms.InterviewForm) -> records.AddedInterview:
    """Log the interview a saved .ics invites to; what was typed fills its gaps or wins."""
    item = _from_file(env, data)
    people = tuple(f"{n} <{e}>" if e else n for n, e in _interviewers(item))
    filled = replace(
        typed, employer=typed.employer or item.value("employer"),
        job_title=typed.job_title or item.value("job_title"),
        at=typed.at or item.start.astimezone(env.tz).strftime("%Y-%m-%d %H:%M"),
        duration=typed.duration or item.minutes, interviewers=typed.interviewers or people)
    added = records.add_interview(env, forms.interview_from(filled, env.tz, env.now))
    _settled(env, item, added.interview_id, "logged")
    return added


def said(env: Env, item: Invitation) -> str:
    """Say a proposal in one line: '3: Acme, Staff Engineer, Tue 01 Dec 2026 10:00 (45 min)'."""
    if item.kind == "moved":
        return item.note
    what = f"{item.value('employer') or '?'}, {item.value('job_title') or '?'}"
    line = f"{item.id}: {what}, {_when_item(env, item)} ({item.minutes} min)"
    if item.kind == "cancel":
        return f"{item.id}: cancelled by the employer: {what}, {_when_item(env, item)}"
    return f"{line}; {item.note}" if item.note else line


def _when_item(env: Env, item: Invitation) -> str:
    return item.start.astimezone(env.tz).strftime("%a %d %b %Y %H:%M")


def from_calendar(env: Env, events: list[str], ours: str) -> list[str]:
    """Propose the events of the user's calendars that look like interviews, once each.

    Ours: entries insidetrack pushed itself (their UID starts with `ours`) are skipped.
    """
    said_lines = []
    for text in events:
        try:
            invite = invites.read_calendar(text)
        except invites.NotAnInvitation:
            continue
        if invite.uid.startswith(ours) or not invites.looks_like_interview(invite):
            continue
        try:
            item = propose(env, replace(invite, method="REQUEST")
                           if invite.method == "PUBLISH" else invite)
        except InsidetrackError as exc:  # a move the interview's records refuse
            said_lines.append(f"{invite.summary}: not applied: {exc.message}")
            continue
        if item is not None:
            said_lines.append(said(env, item))
    return said_lines
