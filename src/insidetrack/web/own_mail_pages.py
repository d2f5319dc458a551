"""A career center's job seeker's own accounts (/my-mail): the server their messages go
out through, from their own address, the one their replies are read from, and their
calendar server (services/seeker_accounts.py). Single-user mode, coaches and administrators find no such
page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from insidetrack.domain.errors import InputError
from insidetrack.domain.setting_words import WORDS
from insidetrack.services import seeker_accounts
from insidetrack.services.preferences import SettingsRefused
from insidetrack.session import Session
from insidetrack.web.app import center_seeker, data, page
from insidetrack.web.flash import said_then

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)
PAGE = "/my-mail"
PASSWORD_HELP = ("Sealed with the server's key before it is kept, and never shown again; "
                 "leave empty to keep the one you have.")
BACK = ("/today", PAGE)  # where "Check my mail" may come back to
GROUPS = (("Sending mail (SMTP)", "smtp", seeker_accounts.SEND_KEYS),
          ("Reading replies (IMAP)", "imap", seeker_accounts.READ_KEYS),
          ("Calendar (CalDAV)", "caldav", seeker_accounts.CALENDAR_KEYS))
PASSWORD_LABELS = {"smtp": "Sending password", "imap": "Reading password",
                   "caldav": "Calendar password"}


def _seeker(request: Request) -> int:
    return center_seeker(request, "your own mail and calendar accounts")


@router.get(PAGE, response_class=HTMLResponse)
def own_mail(request: Request, app: Session = OpenSession) -> Response:
    return _page(request, app, None, {})


def _shown(mail: seeker_accounts.OwnAccounts) -> dict[str, str]:
    s, r, c = mail.sending, mail.reading, mail.calendar
    return {"smtp.host": s.host, "smtp.port": str(s.port), "smtp.security": s.security,
            "smtp.user": s.user, "imap.host": r.host, "imap.port": str(r.port),
            "imap.security": r.security, "imap.user": r.user, "imap.folders": r.folders,
            "imap.sent_folder": r.sent_folder, "caldav.url": c.url, "caldav.user": c.user,
            "caldav.calendar": c.calendar}


def _page(request: Request, app: Session, typed: dict[str, str] | None,
          errors: dict[str, str], code: int = 200, tried: list[str] | None = None,
          tried_first: bool = False) -> Response:
    from insidetrack.services import own_oauth

    mail = seeker_accounts.accounts(app.env(), _seeker(request))
    groups = [(title, service, [(k, WORDS[k].label, WORDS[k].help) for k in keys])
              for title, service, keys in GROUPS]
    return page(request, "own_mail.html", {
        "mail": mail, "form": typed if typed is not None else _shown(mail), "groups": groups,
        "errors": errors, "password_help": PASSWORD_HELP, "tried": tried or [],
        "password_labels": PASSWORD_LABELS, "tried_first": tried_first,
        "providers": own_oauth.clients(app.env()), "signed_in_as": own_oauth.SIGNED_IN}, code)


@router.post(PAGE, response_class=HTMLResponse)
async def save(request: Request, app: Session = OpenSession) -> Response:
    seeker_id = _seeker(request)
    form = await request.form()
    typed = {k: str(form.get(k, "")) for k in seeker_accounts.KEYS}
    passwords = {s: str(form.get(f"{s}.password", "")) for s in seeker_accounts.SEALED}
    try:
        seeker_accounts.save(app.env(), seeker_id, typed, passwords, form.get("forget") == "on")
    except SettingsRefused as refused:
        return _page(request, app, typed, refused.reasons, 400)
    return said_then(PAGE, [_saved(typed)])


def _saved(typed: dict[str, str]) -> str:
    parts = [said for key, said in (
        ("smtp.host", "your thank-yous and letters go out through your own account"),
        ("imap.host", "Check my mail reads your replies"),
        ("caldav.url", "the Calendar page pushes to your own calendar")) if typed[key].strip()]
    if not parts:
        return "Saved: no account of yours is set, so nothing is sent, read or pushed from here."
    return "Saved: " + "; ".join(parts) + "."


@router.post(PAGE + "/try", response_class=HTMLResponse)
def try_it(request: Request, app: Session = OpenSession) -> Response:
    """Connect and log in with the account kept, sending and reading nothing."""
    try:
        said = seeker_accounts.try_it(app.env(), _seeker(request))
    except InputError as exc:  # nothing set to try: said under the field, nothing "saved"
        return _page(request, app, None, {exc.field: exc.reason}, 400, tried_first=True)
    return _page(request, app, None, {}, tried=said)


@router.post(PAGE + "/check", response_class=HTMLResponse)
async def check_mail(request: Request, app: Session = OpenSession) -> Response:
    """Read the seeker's new mail now: replies pause their campaign, bounces are flagged."""
    seeker_id = _seeker(request)
    back = str((await request.form()).get("back", PAGE))
    report = seeker_accounts.check_mail(app.env(), seeker_id)
    return said_then(back if back in BACK else PAGE, report_lines(report))


def report_lines(report: Any) -> list[str]:
    """What reading the mail found, in a job seeker's words."""
    lines = [f"Read {report.fetched} new message{'s' if report.fetched != 1 else ''}."]
    lines += [f"Reply: {reply}. The next letter to them waits a week." for reply in
              report.replies]
    if report.automatic:
        lines.append(f"Ignored {report.automatic.total()} automatic message(s) (out of "
                     "office, receipts...).")
    lines += [f"Bounced: {a}. Fix the address on the interview's page." for a in report.bounces]
    lines += [f"Delayed: {a} (the mail server is still trying; nothing to do yet)."
              for a in report.delays]
    lines += [f"Message {item} was found in your Sent folder: marked sent."
              for item in report.settled]
    lines += [said for _, said in report.invitations]
    return lines
