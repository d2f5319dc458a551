"""Read interview invitations: an iCalendar REQUEST or CANCEL in a mail or a file. Pure parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Any

SCHEDULERS = {  # the sender's or organizer's domain -> the scheduler that wrote the invite
    "greenhouse.io": "Greenhouse", "calendly.com": "Calendly", "guide.co": "Guide",
    "resumatorapi.com": "Guide", "goodtime.io": "GoodTime", "ashbyhq.com": "Ashby",
}
PLATFORMS = (  # a link's host -> the call's platform
    (re.compile(r"https://[\w.-]*zoom\.us/\S+"), "Zoom"),
    (re.compile(r"https://teams\.microsoft\.com/\S+"), "Teams"),
    (re.compile(r"https://meet\.google\.com/\S+"), "Meet"),
)
_PHONE = re.compile(r"\b(phone|call you at|dial)\b", re.IGNORECASE)
# An itinerary line: "10:00 - 10:45  Ana Muñoz, Engineering Manager"
_ITINERARY = re.compile(r"^\s*\d{1,2}:\d{2}\s*(?:[AaPp][Mm])?\s*[-–]\s*\d{1,2}:\d{2}\s*"
                        r"(?:[AaPp][Mm])?\s+(?P<name>[^\W\d_][^,\n]*?)(?:\s*,\s*(?P<role>[^\n]+))?\s*$",
                        re.MULTILINE)
_TITLE = re.compile(r"(?:interview|phone screen|onsite)\s*(?:for|:|-|–)\s*(?:the\s+)?"
                    r"(?P<title>[^,()\n]+?)(?:\s+(?:role|position|at|with)\b|[,()\n]|$)",
                    re.IGNORECASE)
_AT_EMPLOYER = re.compile(r"\b(?:at|with)\s+(?P<name>[A-Z][\w&'-]*(?:[ \t]+[A-Z][\w&'-]*)*)")
FREE_MAIL = {"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "yahoo.com",
             "icloud.com"}


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    role: str = ""


@dataclass(frozen=True)
class Invite:
    """One calendar event as its invitation says it."""

    uid: str
    sequence: int
    method: str  # REQUEST or CANCEL (PUBLISH for a calendar's own event)
    summary: str
    start: datetime  # aware
    minutes: int
    organizer: Person
    attendees: tuple[Person, ...]
    location: str
    description: str
    sender: str = ""  # the mail's From address, when it came by mail


class NotAnInvitation(ValueError):
    """The calendar text holds no event to propose (or cannot be read at all)."""


def _text(value: Any) -> str:
    return str(value or "").strip()


def _address(value: Any) -> str:
    return re.sub(r"^mailto:", "", _text(value), flags=re.IGNORECASE).lower()


def _person(prop: Any) -> Person:
    params = getattr(prop, "params", {})
    return Person(_text(params.get("CN", "")), _address(prop))


def _moment(value: Any) -> datetime:
    moment = value.dt
    if isinstance(moment, datetime):
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if isinstance(moment, date):
        return datetime(moment.year, moment.month, moment.day, tzinfo=UTC)
    raise NotAnInvitation("the event has no start time")


def _minutes(event: Any, start: datetime) -> int:
    if event.get("DTEND") is not None:
        return max(1, round((_moment(event["DTEND"]) - start) / timedelta(minutes=1)))
    if event.get("DURATION") is not None:
        return max(1, round(float(event["DURATION"].dt / timedelta(minutes=1))))
    return 60


def _attendees(event: Any) -> tuple[Person, ...]:
    found = event.get("ATTENDEE")
    props = found if isinstance(found, list) else [found] if found is not None else []
    return tuple(_person(p) for p in props)


def read_calendar(data: bytes | str, sender: str = "") -> Invite:
    """Read the first event of iCalendar text; NotAnInvitation when there is none."""
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(data)
        events = [c for c in cal.walk("VEVENT")]
    except Exception as exc:  # someone else's broken calendar text
        raise NotAnInvitation(f"it is not iCalendar text ({exc})") from exc
    if not events:
        raise NotAnInvitation("it holds no event")
    event = events[0]
    if event.get("DTSTART") is None:
        raise NotAnInvitation("the event has no start time")
    start = _moment(event["DTSTART"])
    return Invite(
        uid=_text(event.get("UID")), sequence=int(event.get("SEQUENCE", 0) or 0),
        method=_text(cal.get("METHOD", "PUBLISH")).upper(), summary=_text(event.get("SUMMARY")),
        start=start, minutes=_minutes(event, start),
        organizer=_person(event["ORGANIZER"]) if event.get("ORGANIZER") else Person("", ""),
        attendees=_attendees(event), location=_text(event.get("LOCATION")),
        description=_text(event.get("DESCRIPTION")), sender=sender)


def _calendar_part(msg: EmailMessage) -> bytes | None:
    for part in msg.walk():
        name = (part.get_filename() or "").lower()
        if part.get_content_type() == "text/calendar" or name.endswith(".ics"):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload
    return None


def read_mail(raw: bytes) -> Invite | None:
    """Read the invitation a mail carries (a calendar part, or a scheduler's words), or None."""
    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    addresses = getaddresses([str(msg.get("From", "") or "")])
    sender = addresses[0][1].lower() if addresses else ""
    data = _calendar_part(msg)
    if data is None:
        return confirmation(msg, sender)
    try:
        return read_calendar(data, sender)
    except NotAnInvitation:
        return None


# A scheduler's confirmation with no calendar part: the time is in its words.
_MONTH_DAY = r"(?P<day>(?:January|February|March|April|May|June|July|August|September|October|" \
             r"November|December) \d{1,2},? \d{4})"
_CLOCK = r"\d{1,2}(?::\d{2})?\s*[AaPp]\.?[Mm]\.?|\d{1,2}:\d{2}"
_ZONE = r"\(?(?P<zone>[A-Z][A-Za-z_]+/[A-Za-z_/]+)\)?"
SCHEDULED = (  # Calendly: "10:00am - 10:30am (America/New_York), Wednesday, December 2, 2026"
    re.compile(rf"(?P<start>{_CLOCK})\s*[-–]\s*(?P<end>{_CLOCK})\s*{_ZONE},?\s*\w+day,\s*"
               + _MONTH_DAY),
    # Greenhouse, Guide, GoodTime, Ashby: "Tuesday, December 1, 2026 at 10:00 AM - 11:30 AM
    # (America/New_York)", the end and the "at" optional
    re.compile(rf"\w+day,\s*{_MONTH_DAY}\s*(?:at|,|from)?\s*(?P<start>{_CLOCK})"
               rf"(?:\s*(?:[-–]|to)\s*(?P<end>{_CLOCK}))?\s*{_ZONE}"),
)


def _clock(text: str) -> tuple[int, int]:
    found = re.match(r"(\d{1,2})(?::(\d{2}))?\s*([AaPp])?", text.strip())
    assert found is not None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    if found.group(3):
        hour = hour % 12 + (12 if found.group(3).lower() == "p" else 0)
    return hour, minute


def _body(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    text = str(part.get_content())
    return re.sub(r"<[^>]+>", " ", text) if part.get_content_type() == "text/html" else text


def confirmation(msg: EmailMessage, sender: str) -> Invite | None:
    """Read a scheduler's confirmation mail that has no calendar part; None for other mail."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    subject = str(msg.get("Subject", "") or "")
    if not scheduler_of(sender):
        return None
    body = _body(msg)
    for pattern in SCHEDULED:
        found = pattern.search(body)
        if found is None:
            continue
        try:
            zone = ZoneInfo(found.group("zone"))
        except (ZoneInfoNotFoundError, ValueError):
            continue
        day = datetime.strptime(found.group("day").replace(",", ""), "%B %d %Y").date()
        start = datetime(day.year, day.month, day.day, *_clock(found.group("start")), tzinfo=zone)
        minutes = 60
        if found.group("end"):
            end = datetime(day.year, day.month, day.day, *_clock(found.group("end")), tzinfo=zone)
            minutes = max(1, int((end - start) / timedelta(minutes=1)))
        uid = "mail:" + str(msg.get("Message-ID", "") or "").strip("<> ")
        cancel = re.search(r"\bcancel", subject, re.IGNORECASE)
        return Invite(uid, 0, "CANCEL" if cancel else "REQUEST", subject, start, minutes,
                      Person("", sender), (), "", body, sender)
    return None


_INTERVIEW_WORDS = re.compile(r"\b(interview|phone screen|screening call|onsite|on-site|"
                              r"hiring manager|technical screen)\b", re.IGNORECASE)


def looks_like_interview(invite: Invite) -> bool:
    """Tell a calendar event that looks like a job interview: its words or its scheduler."""
    return bool(_INTERVIEW_WORDS.search(invite.summary) or scheduler(invite)
                or _INTERVIEW_WORDS.search(invite.description[:500]))


def might_carry_invitation(content_type: str) -> bool:
    """Tell from a mail's Content-Type whether its body may hold a calendar part."""
    kind = content_type.split(";")[0].strip().lower()
    return kind == "text/calendar" or kind in ("multipart/mixed", "multipart/alternative")


# What an invitation proposes: each field with how sure it is, and why.


@dataclass(frozen=True)
class Guess:
    value: str
    sureness: str  # sure, likely or guess
    why: str


def _domain(address: str) -> str:
    return address.rpartition("@")[2].lower()


def scheduler(invite: Invite) -> str:
    """Name the scheduler that sent the invite, or ''."""
    return scheduler_of(invite.sender, invite.organizer.email)


def scheduler_of(*addresses: str) -> str:
    """Name the scheduler one of these addresses belongs to, or ''."""
    for address in addresses:
        domain = _domain(address)
        for known, name in SCHEDULERS.items():
            if domain == known or domain.endswith("." + known):
                return name
    return ""


def _company_of_domain(domain: str) -> str:
    parts = domain.split(".")
    core = parts[-2] if len(parts) >= 2 else parts[0]
    return core.replace("-", " ").title()


def employer(invite: Invite) -> Guess:
    """Guess the employer: from the summary's 'at X', else the organizer's domain."""
    named = _AT_EMPLOYER.search(invite.summary)
    if named:
        return Guess(named.group("name").strip(), "likely", "named in the event's title")
    domain = _domain(invite.organizer.email)
    if domain and domain not in FREE_MAIL and not scheduler(invite):
        return Guess(_company_of_domain(domain), "likely", f"the organizer writes from {domain}")
    named = _AT_EMPLOYER.search(invite.description)
    if named:
        return Guess(named.group("name").strip(), "guess", "named in the description")
    return Guess("", "guess", "nothing names the employer")


def job_title(invite: Invite) -> Guess:
    """Guess the job title from the summary ('Interview: Staff Engineer at Acme')."""
    for text, sureness in ((invite.summary, "likely"), (invite.description, "guess")):
        found = _TITLE.search(text)
        if found and found.group("title").strip():
            return Guess(found.group("title").strip(), sureness,
                         "read from the event's title" if sureness == "likely"
                         else "read from the description")
    return Guess("", "guess", "nothing names the job")


def place(invite: Invite) -> tuple[Guess, Guess]:
    """Return (the place or call link, the platform)."""
    text = f"{invite.location}\n{invite.description}"
    for pattern, platform in PLATFORMS:
        found = pattern.search(text)
        if found:
            return (Guess(found.group(0).rstrip(".,)>"), "sure", "a link in the invitation"),
                    Guess(platform, "sure", "the link's address"))
    if _PHONE.search(text):
        return (Guess(invite.location, "likely", "the invitation mentions a call"),
                Guess("phone", "likely", "the invitation mentions a phone call"))
    if invite.location:
        return (Guess(invite.location, "sure", "the event's location"),
                Guess("in person", "guess", "a place, no call link"))
    return Guess("", "guess", "no place given"), Guess("", "guess", "no place given")


def interviewers(invite: Invite, user_email: str) -> tuple[tuple[Person, ...], str]:
    """Return the interviewers (not the user, not a scheduler's robot) and why."""
    found = [Person(m.group("name").strip(), "", (m.group("role") or "").strip())
             for m in _ITINERARY.finditer(invite.description)]
    why = "from the itinerary" if found else ""
    robots = {invite.sender, invite.organizer.email} if scheduler(invite) else set()
    for person in invite.attendees:
        if person.email in (user_email.lower(), "") or person.email in robots:
            continue
        same = [p for p in found if p.name.casefold() == person.name.casefold()]
        if same:
            found[found.index(same[0])] = Person(same[0].name, person.email, same[0].role)
        else:
            found.append(Person(person.name or person.email, person.email))
            why = "from the itinerary and the attendees" if why else "from the attendees"
    return tuple(found), why or "no one named"
