"""Write the invitation corpus (*.eml, *.ics) as each scheduler and calendar shapes its mail.

Run once by hand (`python tests/invitations/make_corpus.py`); the tests read the files it
wrote, which are committed (MIME boundaries differ from run to run; the content does
not). icalendar folds long lines at 75 octets (RFC 5545 3.1); the mail parts are
quoted-printable or base64 as each sender sends them.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress

HERE = Path(__file__).parent
DANA = "dana@example.com"


def _calendar(method: str, uid: str, sequence: int, summary: str, start: datetime,
              minutes: int, organizer: tuple[str, str], attendees: list[tuple[str, str]],
              location: str, description: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//insidetrack tests//corpus//EN")
    cal.add("version", "2.0")
    cal.add("method", method)
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=minutes))
    event.add("dtstamp", datetime(2026, 11, 20, 12, 0, tzinfo=ZoneInfo("UTC")))
    org = vCalAddress(f"mailto:{organizer[1]}")
    org.params["CN"] = organizer[0]
    event["organizer"] = org
    for name, address in [("Dana Whitfield", DANA), *attendees]:
        who = vCalAddress(f"mailto:{address}")
        who.params["CN"] = name
        who.params["ROLE"] = "REQ-PARTICIPANT"
        event.add("attendee", who, encode=False)
    if location:
        event.add("location", location)
    event.add("description", description)
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def _addressed(sender: tuple[str, str], subject: str, message_id: str) -> EmailMessage:
    """Start a message from `sender` to Dana, dated as the whole corpus is."""
    msg = EmailMessage()
    msg["From"] = f"{sender[0]} <{sender[1]}>"
    msg["To"] = f"Dana Whitfield <{DANA}>"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo("UTC")))
    msg["Message-ID"] = message_id
    return msg


def _mail(sender: tuple[str, str], subject: str, body: str, ics: bytes, *, method: str,
          attach: bool, cte: str) -> bytes:
    digest = hashlib.sha1((subject + sender[1]).encode()).hexdigest()[:12]
    msg = _addressed(sender, subject, f"<{digest}@{sender[1].split('@')[1]}>")
    msg.set_content(body, cte="quoted-printable")
    if attach:
        msg.add_attachment(ics, maintype="application", subtype="ics", filename="invite.ics")
    else:
        msg.add_alternative(ics.decode(), subtype="calendar", params={"method": method},
                            cte=cte)
    return bytes(msg)


NY, OSLO, KOLKATA = ZoneInfo("America/New_York"), ZoneInfo("Europe/Oslo"), ZoneInfo("Asia/Kolkata")
LONDON, LA, CHICAGO = ZoneInfo("Europe/London"), ZoneInfo("America/Los_Angeles"), ZoneInfo("America/Chicago")
BERLIN = ZoneInfo("Europe/Berlin")

GREENHOUSE = dict(
    uid="gh-4821@greenhouse.io", summary="Interview: Staff Engineer at Northwind Labs",
    organizer=("Greenhouse Scheduling", "no-reply@greenhouse.io"),
    attendees=[("Ana Muñoz", "ana.munoz@northwind.example"),
               ("Bo Chen", "bo.chen@northwind.example")],
    location="https://northwind.zoom.us/j/8123456789?pwd=QWxsIHRoZSB3b3JsZCdzIGEgc3RhZ2U",
    description=("Hi Dana, here is your itinerary for the Staff Engineer interview at "
                 "Northwind Labs. Join on Zoom: "
                 "https://northwind.zoom.us/j/8123456789?pwd=QWxsIHRoZSB3b3JsZCdzIGEgc3RhZ2U\n\n"
                 "Itinerary\n10:00 - 10:45  Ana Muñoz, Engineering Manager\n"
                 "10:45 - 11:30  Bo Chen, Staff Engineer\n"),
    minutes=90)


def main() -> None:
    files = {
        "greenhouse.eml": (("Greenhouse", "no-reply@greenhouse.io"),
                           "Interview confirmed: Staff Engineer at Northwind Labs",
                           dict(GREENHOUSE, start=datetime(2026, 12, 1, 10, 0, tzinfo=NY)),
                           "REQUEST", 0, True, "base64"),
        "greenhouse_reschedule.eml": (("Greenhouse", "no-reply@greenhouse.io"),
                                      "Updated: Interview: Staff Engineer at Northwind Labs",
                                      dict(GREENHOUSE, start=datetime(2026, 12, 3, 14, 0,
                                                                      tzinfo=NY)),
                                      "REQUEST", 1, True, "base64"),
        "greenhouse_cancel.eml": (("Greenhouse", "no-reply@greenhouse.io"),
                                  "Cancelled: Interview: Staff Engineer at Northwind Labs",
                                  dict(GREENHOUSE, start=datetime(2026, 12, 3, 14, 0, tzinfo=NY)),
                                  "CANCEL", 2, True, "base64"),
        "calendly.eml": (("Calendly", "notifications@calendly.com"),
                         "New Event: Phone screen - Data Analyst", dict(
                             uid="cal-77aa@calendly.com",
                             summary="Phone screen - Data Analyst (Zoë Ødegaard)",
                             organizer=("Zoë Ødegaard", "zoe@calendly.com"),
                             attendees=[("Zoë Ødegaard", "zoe.odegaard@fjord.example")],
                             location="Phone call: Zoë will call you at +1 555 0100",
                             description=("Phone screen for the Data Analyst role at "
                                          "Fjord Analytics. Zoë will call you."),
                             start=datetime(2026, 12, 2, 16, 0, tzinfo=OSLO), minutes=30),
                         "REQUEST", 0, False, "quoted-printable"),
        "guide.eml": (("Guide", "invites@guide.co"), "Your onsite at Lotus Pay", dict(
            uid="guide-2026-lotus-9@guide.co",
            summary="Onsite interview for Product Designer at Lotus Pay",
            organizer=("Guide", "invites@guide.co"),
            attendees=[("王伟", "wang.wei@lotuspay.example"),
                       ("Priya Raman", "priya@lotuspay.example")],
            location="https://meet.google.com/abc-defg-hij",
            description=("Your onsite with Lotus Pay, on Google Meet: "
                         "https://meet.google.com/abc-defg-hij\n"
                         "11:00 - 11:45  王伟, Design Lead\n"
                         "11:45 - 12:30  Priya Raman, Head of Product\n"),
            start=datetime(2026, 12, 4, 11, 0, tzinfo=KOLKATA), minutes=90),
            "REQUEST", 0, False, "base64"),
        "goodtime.eml": (("GoodTime", "scheduling@goodtime.io"),
                         "Interview invitation: Backend Engineer", dict(
                             uid="gt-5510@goodtime.io",
                             summary="Interview: Backend Engineer with Kestrel Bank",
                             organizer=("Kestrel Bank Recruiting", "scheduling@goodtime.io"),
                             attendees=[("Oluwaseun Adeyemi", "seun@kestrelbank.example")],
                             location="Microsoft Teams Meeting",
                             description=("Join on Microsoft Teams: https://teams.microsoft.com/"
                                          "l/meetup-join/19%3ameeting_NjA5ZDk2ZjQtYmM2Ni00@thread"
                                          ".v2/0?context=%7b%22Tid%22%3a%22kestrel%22%7d"),
                             start=datetime(2026, 12, 2, 15, 30, tzinfo=LONDON), minutes=45),
                         "REQUEST", 0, True, "base64"),
        "ashby.eml": (("Ashby", "no-reply@ashbyhq.com"),
                      "Interview scheduled: Platform Engineer", dict(
                          uid="ashby-81f0@ashbyhq.com",
                          summary="Interview: Platform Engineer at Orbital Freight",
                          organizer=("Orbital Freight via Ashby", "no-reply@ashbyhq.com"),
                          attendees=[("Sam Ortiz", "sam@orbitalfreight.example")],
                          location="https://orbital.zoom.us/j/99887766",
                          description=("Agenda\n9:00 - 9:30  Sam Ortiz, Recruiter\n"
                                       "9:30 - 10:15  Kai Nakamura, Platform Lead\n"),
                          start=datetime(2026, 12, 7, 9, 0, tzinfo=LA), minutes=75),
                      "REQUEST", 0, False, "quoted-printable"),
        "google.eml": (("María López", "maria.lopez@brightwave.io"),
                       "Invitation: Interview: Solutions Architect @ Tue 1 Dec 2026", dict(
                           uid="4k2j9s0d8f7g6h5@google.com",
                           summary="Interview: Solutions Architect",
                           organizer=("María López", "maria.lopez@brightwave.io"),
                           attendees=[("María López", "maria.lopez@brightwave.io"),
                                      ("Tom Becker", "tom.becker@brightwave.io")],
                           location="",
                           description=("Join with Google Meet: https://meet.google.com/"
                                        "xyz-abcd-efg\nJoin by phone: +1 312-555-0199"),
                           start=datetime(2026, 12, 1, 13, 0, tzinfo=CHICAGO), minutes=60),
                       "REQUEST", 0, False, "base64"),
        "outlook.eml": (("Recruiting", "recruiting@contoso-health.com"),
                        "Interview - Nurse Informaticist", dict(
                            uid="040000008200E00074C5B7101A82E00800000000D0F1@outlook",
                            summary="Interview - Nurse Informaticist",
                            organizer=("Recruiting", "recruiting@contoso-health.com"),
                            attendees=[("Jürgen Weiß", "juergen.weiss@contoso-health.com")],
                            location="Microsoft Teams Meeting",
                            description=("Microsoft Teams meeting\nJoin on your computer: "
                                         "https://teams.microsoft.com/l/meetup-join/19%3ameeting_"
                                         "ZTk0YjE2@thread.v2/0"),
                            start=datetime(2026, 12, 8, 10, 0, tzinfo=BERLIN), minutes=60),
                        "REQUEST", 0, False, "quoted-printable"),
        "late.eml": (("Ashby", "no-reply@ashbyhq.com"), "Interview scheduled: SRE", dict(
            uid="ashby-late-1@ashbyhq.com", summary="Interview: SRE at Pelican Cloud",
            organizer=("Pelican Cloud via Ashby", "no-reply@ashbyhq.com"),
            attendees=[("Lee Park", "lee@pelican.example")],
            location="https://pelican.zoom.us/j/1234", description="Video call.",
            start=datetime(2026, 11, 23, 10, 0, tzinfo=NY), minutes=45),
            "REQUEST", 0, False, "base64"),
    }
    for name, (sender, subject, event, method, seq, attach, cte) in files.items():
        ics = _calendar(method, event["uid"], seq, event["summary"], event["start"],
                        event["minutes"], event["organizer"], event["attendees"],
                        event["location"], event["description"])
        body = f"{subject}\n\nSee the attached invitation.\n"
        (HERE / name).write_bytes(_mail(sender, subject, body, ics, method=method,
                                        attach=attach, cte=cte))
    _confirmations()
    guide = files["guide.eml"][2]
    (HERE / "saved_invite.ics").write_bytes(_calendar(
        "REQUEST", "saved-1@lotuspay.example", 0, "Interview: Growth Marketer at Lotus Pay",
        guide["start"] + timedelta(days=3), 45, ("Priya Raman", "priya@lotuspay.example"),
        [("Priya Raman", "priya@lotuspay.example")], "Lotus Pay, 4th floor, Bengaluru",
        "In person."))
    (HERE / "not_an_invite.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VTODO\r\n"
        b"UID:todo-1\r\nSUMMARY:Buy milk\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")
    (HERE / "broken.ics").write_bytes(b"BEGIN:VCALENDAR\r\nthis is not calendar text\r\n")


def _confirmation(sender: tuple[str, str], subject: str, body: str, html: bool,
                  message_id: str) -> bytes:
    msg = _addressed(sender, subject, message_id)
    if html:
        msg.set_content(body, subtype="html", cte="base64")
    else:
        msg.set_content(body, cte="quoted-printable")
    return bytes(msg)


def _confirmations() -> None:
    """Schedulers' confirmations with no calendar part: the time is only in the words."""
    (HERE / "calendly_confirmation.eml").write_bytes(_confirmation(
        ("Calendly", "notifications@calendly.com"),
        "Confirmed: Phone screen - Data Engineer at Fjord Analytics",
        "Hi Dana Whitfield,\n\nA new event has been scheduled.\n\nEvent Type:\n"
        "Phone screen - Data Engineer\n\nEvent Date/Time:\n"
        "10:00am - 10:30am (Europe/Oslo), Thursday, December 10, 2026\n\n"
        "Location:\nZoë Ødegaard will call you at +1 555 0100 (phone call)\n",
        False, "<calendly-conf-1@calendly.com>"))
    (HERE / "greenhouse_confirmation.eml").write_bytes(_confirmation(
        ("Greenhouse", "no-reply@greenhouse.io"),
        "Interview confirmed: Senior Engineer at Northwind Labs",
        "<html><body><p>Hi Dana,</p><p>Your interview for the Senior Engineer role at "
        "Northwind Labs is confirmed for <b>Friday, December 11, 2026 at 9:30 AM - 10:15 AM "
        "(Asia/Kolkata)</b>.</p><p>Join on Zoom: https://northwind.zoom.us/j/555</p>"
        "<p>Itinerary</p><pre>\n9:30 - 10:15  Ana Muñoz, Engineering Manager\n</pre>"
        "</body></html>", True, "<gh-conf-2@greenhouse.io>"))


if __name__ == "__main__":
    main()
