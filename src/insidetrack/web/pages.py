"""The pages: server-rendered HTML that works without JavaScript."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from insidetrack.compose.describe import describe_step
from insidetrack.domain import parse
from insidetrack.domain.errors import InputError
from insidetrack.domain.model import CallOutcome, Decision, InterviewNotes, OpeningStatus, Reference
from insidetrack.services import campaigns, forms, queries, records
from insidetrack.services.drafts import DraftRefused
from insidetrack.session import Session
from insidetrack.web import charts, interview_pages, screens
from insidetrack.web.app import data, page
from insidetrack.web.context import session
from insidetrack.web.flash import said_then

router = APIRouter(include_in_schema=False)
OpenSession = Depends(data)


def back(to: str) -> RedirectResponse:
    return RedirectResponse(to, status_code=303)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, app: Session = OpenSession) -> Response:
    env = app.env()
    # A center's new seeker has a profile from the roster: the form until it is filled.
    if queries.is_new(env) or (getattr(request.state, "seeker_id", None) is not None
                               and queries.is_new_seeker(env)):
        return page(request, "onboarding.html", {"form": screens.profile_start(request, app),
                                                 "errors": {}})
    return today(request, None, app)


@router.post("/demo")
def demo(app: Session = OpenSession) -> Response:
    from insidetrack.services.demo import load_demo

    load_demo(app.env())  # refused on a career center's database (a 409 page)
    return back("/today")


@router.get("/today", response_class=HTMLResponse)
def today(request: Request, date: str | None = None, app: Session = OpenSession) -> Response:
    return page(request, "today.html", screens.today(app, screens.agenda_day(app, date)))


@router.get("/pipeline", response_class=HTMLResponse)
def pipeline(request: Request, status: str = "", page_number: str = Query("1", alias="page"),
             app: Session = OpenSession) -> Response:
    """Openings by stage; `status` shows one stage only, or the archived ones; `page` the
    next cards of each stage shown."""
    archived = status == "archived"
    stages = [s.value for s in OpeningStatus]
    only = status if status in stages else ""
    number = int(page_number) if page_number.isdigit() and int(page_number) > 0 else 1
    columns = screens.pipeline(app, archived, only, number)
    if archived:
        columns = [c for c in columns if c["total"]]
    return page(request, "pipeline.html", {
        "columns": columns, "status": status if only or archived else "", "archived": archived,
        "stages": stages, "page": number, "per_page": screens.PIPELINE_PAGE})


@router.get("/interviews/new", response_class=HTMLResponse)
def new_interview(request: Request, employer: str = "", job_title: str = "") -> Response:
    """The form, filled in with the employer and job of an application when it comes from one."""
    form = {k: v for k, v in (("employer", employer), ("job_title", job_title)) if v}
    return page(request, "interview_new.html", {"form": form, "errors": {}})


@router.post("/interviews", response_class=HTMLResponse)
async def add_interview(request: Request, app: Session = OpenSession) -> Response:
    form = await request.form()
    values = {k: str(v) for k, v in form.items()}
    try:
        new = forms.interview_from(screens.interview_form(form), app.zone, app.clock())
        added = records.add_interview(app.env(), new)
    except InputError as exc:
        errors = {exc.field: exc.reason}
        return page(request, "interview_new.html", {"form": values, "errors": errors}, 400)
    if new.told:  # say what fitting the notes changed, on the new interview's page
        return page(request, "interview.html", {**screens.interview(app, added.interview_id),
                                                "told": new.told})
    return back(f"/interviews/{added.interview_id}")


@router.get("/interviews/{interview_id}", response_class=HTMLResponse)
def interview(request: Request, interview_id: int, app: Session = OpenSession) -> Response:
    return page(request, "interview.html", screens.interview(app, interview_id))


def _given(check: Callable[[str, str], str], field: str, value: str | None) -> str | None:
    """Check a field the form sent; one it left out (None) stays as it was."""
    return None if value is None else check(field, value)


@router.post("/contacts/{contact_id}", response_class=HTMLResponse)
def edit_contact(request: Request, contact_id: int, email: str = Form(""), phone: str = Form(""),
                 courtesy_title: str | None = Form(None), salutation: str | None = Form(None),
                 name: str | None = Form(None), next_page: str = Form("", alias="next"),
                 app: Session = OpenSession) -> Response:
    """Fix an interviewer's name, e-mail (a bounce clears), phone, title or greeting."""
    records.update_contact(app.env(), contact_id,
                           None if name is None else parse.text("name", name, required=True),
                           None,
                           parse.email("email", email, required=False),
                           parse.phone("phone", phone, required=False),
                           title=_given(parse.courtesy_title, "courtesy_title", courtesy_title),
                           salutation=_given(parse.salutation, "salutation", salutation))
    return back(_local(next_page) or "/today")


@router.post("/interviews/{interview_id}/notes", response_class=HTMLResponse)
async def add_notes(request: Request, interview_id: int, app: Session = OpenSession) -> Response:
    """Add the notes typed; a full sentence is refused by its field, a dropped word is said."""
    form = await request.form()
    try:
        checked = forms.checked_notes(screens.typed_notes(form, forms.NOTE_FIELDS),
                                      form.get("as_typed") == "on")
        if checked.notes == InterviewNotes():
            raise InputError("notes", "type at least one note")
        records.add_notes(app.env(), interview_id, checked.notes)
    except InputError as exc:
        context = screens.interview(app, interview_id)
        context.update(errors={exc.field: exc.reason}, form={k: str(v) for k, v in form.items()})
        return page(request, "interview.html", context, 400)
    if not checked.told:
        return back(f"/interviews/{interview_id}#notes")
    return page(request, "interview.html", {**screens.interview(app, interview_id),
                                            "told": checked.told})


@router.post("/interviews/{interview_id}/facts")
def add_fact(interview_id: int, text: str = Form(""), app: Session = OpenSession) -> Response:
    records.add_fact(app.env(), interview_id, parse.text("fact", text, required=True))
    return back(f"/interviews/{interview_id}#banks")


@router.post("/interviews/{interview_id}/clippings")
def add_clipping(interview_id: int, title: str = Form(""), url: str = Form(""),
                 kind: str = Form("article"), app: Session = OpenSession) -> Response:
    records.add_clipping(app.env(), interview_id, parse.text("title", title, required=True),
                         parse.url("url", url), forms.clipping_kind(kind))
    return back(f"/interviews/{interview_id}#banks")


@router.post("/interviews/{interview_id}/references")
def link_reference(interview_id: int, reference: int = Form(...), app: Session = OpenSession) -> Response:
    records.link_reference(app.env(), reference, interview_id)
    return back(f"/interviews/{interview_id}")


@router.post("/interviews/{interview_id}/log")
def log(request: Request, interview_id: int, event: str = Form(...), outcome: str = Form(""),
        note: str = Form(""), next_page: str = Form("", alias="next"),
        confirmed: bool = Form(False), app: Session = OpenSession) -> Response:
    env, at, text = app.env(), app.clock(), parse.text("note", note)
    if event == "reply":
        campaigns.log_reply(env, interview_id, at, text)
        wait = env.plan.reply_wait_days  # a center's seeker: their own (org_defaults)
        return said_then(f"/interviews/{interview_id}", [
            f"Their reply is logged: the next follow-up comes no sooner than {wait} days from now."],
                         undo=f"/interviews/{interview_id}/reply/undo")
    elif event == "call":
        campaigns.log_call(env, interview_id, parse.choice("outcome", outcome, CallOutcome), at, text)
    elif event == "decision" and not confirmed:  # it ends the campaign: ask first
        return interview_pages.confirm_decision(request, interview_id, outcome, text, app)
    elif event == "decision":
        planned = campaigns.log_decision(env, interview_id,
                                         parse.choice("outcome", outcome, Decision), at, text)
        return interview_pages.decided(interview_id, outcome, [
            f"{describe_step(i.step)} ({i.employer}), due {screens.when(i.step.due, app)}"
            for i in planned])
    else:
        raise InputError("event", f"{event!r} is not reply, call or decision")
    return back(_local(next_page) or f"/interviews/{interview_id}")


def _local(path: str) -> str:
    """Keep a redirect inside the app."""
    return path if path.startswith("/") and not path.startswith("//") else ""


@router.post("/steps/{step_id}/done")
def done(step_id: int, note: str = Form(""), next_page: str = Form("", alias="next"),
         app: Session = OpenSession) -> Response:
    try:
        step = campaigns.mark_done(app.env(), step_id, app.clock(), parse.text("note", note))
    except campaigns.AlreadyDone as done_before:  # a second click: nothing to do again
        said = f"Already done: {describe_step(done_before.step)}. Nothing changed."
        return said_then(_local(next_page) or "/today", [said], undo=f"/steps/{step_id}/undo")
    return said_then(_local(next_page) or "/today", [f"Marked done: {describe_step(step)}."],
                     undo=f"/steps/{step_id}/undo")


@router.get("/steps/{step_id}/draft", response_class=HTMLResponse)
def draft(request: Request, step_id: int, voicemail: bool = False,
          app: Session = OpenSession) -> Response:
    return page(request, "draft.html", screens.draft(app, step_id, voicemail))


@router.post("/steps/{step_id}/draft", response_class=HTMLResponse)
def relint(request: Request, step_id: int, text: str = Form(""), voicemail: bool = Form(False),
           app: Session = OpenSession) -> Response:
    """Check the edited text without JavaScript: the page comes back with the findings."""
    return page(request, "draft.html", screens.draft(app, step_id, voicemail, edited=text))


@router.post("/steps/{step_id}/polish", response_class=HTMLResponse)
def polish(request: Request, step_id: int, voicemail: bool = Form(False),
           app: Session = OpenSession) -> Response:
    """Ask the language model for a warmer draft; show both, the guard's verdict, and its reasons."""
    from insidetrack.web.polishing import polish_screen

    return page(request, "polish.html", polish_screen(app, step_id, voicemail))


@router.post("/steps/{step_id}/draft.eml")
def draft_eml(request: Request, step_id: int, text: str = Form(""), app: Session = OpenSession) -> Response:
    """Download the e-mail as edited on the draft page, once it passes the linter."""
    return _unless_refused(request, app, step_id, lambda: Response(
        screens.eml_bytes(app, step_id, text or None), media_type="message/rfc822",
        headers={"Content-Disposition": f'attachment; filename="insidetrack-step-{step_id}.eml"'}))


@router.get("/steps/{step_id}/draft.pdf")
def draft_pdf(step_id: int, app: Session = OpenSession) -> Response:
    return _pdf(step_id, screens.pdf_bytes(app, step_id))


@router.post("/steps/{step_id}/draft.pdf")
def edited_pdf(request: Request, step_id: int, text: str = Form(""), app: Session = OpenSession) -> Response:
    """Print the letter as edited on the draft page, once it passes the linter."""
    return _unless_refused(request, app, step_id,
                           lambda: _pdf(step_id, screens.pdf_bytes(app, step_id, text or None)))


def _pdf(step_id: int, data: bytes) -> Response:
    return Response(data, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="insidetrack-step-{step_id}.pdf"'})


@router.post("/steps/{step_id}/send", response_class=HTMLResponse)
def send(request: Request, step_id: int, text: str = Form(""), app: Session = OpenSession) -> Response:
    """Send the e-mail as edited on the draft page, or as drafted when sent from Today."""
    return _unless_refused(request, app, step_id, lambda: page(
        request, "sent.html", {"item": screens.send_edited(app, step_id, text or None),
                               "step": step_id}))


@router.post("/outbox/{item_id}/retry", response_class=HTMLResponse)
def retry(request: Request, item_id: int, app: Session = OpenSession) -> Response:
    """Hand a queued message to the mail server again."""
    from insidetrack.services import delivery

    items = delivery.retry(app.env(), app.transport(), item_id)
    return page(request, "sent.html", {"item": items[0]} if items else {"item": None})


def _unless_refused(request: Request, app: Session, step_id: int,
                    answer: Callable[[], Response]) -> Response:
    """Answer, or bring the draft page back with the edits and why they were refused."""
    try:
        return answer()
    except DraftRefused as exc:
        context = screens.draft(app, step_id, False, edited=exc.text)
        return page(request, "draft.html", {**context, "refused": exc.message}, 409)


@router.get("/references", response_class=HTMLResponse)
def references(request: Request, app: Session = OpenSession) -> Response:
    return page(request, "references.html", {"references": queries.references(app.env()),
                                             "errors": {}, "form": {}})


@router.post("/references/{reference_id}", response_class=HTMLResponse)
def edit_reference(reference_id: int, name: str = Form(""), phone: str = Form(""),
                   email: str = Form(""), relationship: str = Form(""),
                   app: Session = OpenSession) -> Response:
    """Correct a reference; the calls to come are re-planned with them."""
    from insidetrack.web.flash import said_then

    r = records.update_reference(
        app.env(), reference_id, name=parse.name("name", name), phone=parse.phone("phone", phone),
        email=parse.email("email", email, required=False),
        relationship=parse.text("relationship", relationship, limit=200))
    return said_then("/references", [f"Reference saved: {r.name}, {r.phone}."])


@router.post("/references", response_class=HTMLResponse)
def add_reference(request: Request, name: str = Form(""), phone: str = Form(""),
                  email: str = Form(""), relationship: str = Form(""),
                  app: Session = OpenSession) -> Response:
    try:
        records.add_reference(app.env(), Reference(
            0, parse.name("name", name), parse.phone("phone", phone),
            parse.email("email", email, required=False),
            parse.text("relationship", relationship, limit=200)))
    except InputError as exc:
        form = {"name": name, "phone": phone, "email": email, "relationship": relationship}
        return page(request, "references.html", {
            "references": queries.references(app.env()), "form": form,
            "errors": {exc.field: exc.reason}}, 400)
    return back("/references")


@router.get("/profile", response_class=HTMLResponse)
def profile(request: Request, app: Session = OpenSession) -> Response:
    return page(request, "profile.html", {"form": screens.profile_form(app), "errors": {}})


@router.post("/profile", response_class=HTMLResponse)
async def save_profile(request: Request, app: Session = OpenSession) -> Response:
    form = await request.form()
    values = {k: str(v) for k, v in form.items()}
    try:
        p = screens.profile_from_form(values)
        records.set_profile(app.env(), p)
    except InputError as exc:
        name = "onboarding.html" if values.get("onboarding") else "profile.html"
        errors = {exc.field: exc.reason}
        return page(request, name, {"form": values, "errors": errors}, 400)
    return back("/today" if values.get("onboarding") else "/profile")


@router.get("/insights", response_class=HTMLResponse)
def insights(request: Request, app: Session = OpenSession) -> Response:
    return page(request, "insights.html", charts.insights(app))


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    if request.app.state.guard.org:
        from insidetrack.web.center_pages import login_page

        return login_page(request, {"error": None})
    return page(request, "login.html", {"error": None})


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, password: str = Form(""), email: str = Form("")) -> Response:
    from insidetrack.services.access import password_matches, start_session
    from insidetrack.web.logins import TooManyTries
    from insidetrack.web.security import client_of, keep_session

    guard = request.app.state.guard
    if guard.org:
        from insidetrack.web.center_pages import sign_in

        return sign_in(request, email, password)
    stored = guard.current_password_hash()
    with session(request.app.state.config) as app:
        try:
            ok = bool(stored) and guard.logins.check(
                app.env(), client_of(request), lambda: password_matches(stored, password))
        except TooManyTries as wait:
            return page(request, "login.html", {"error": "Too many wrong passwords: try again "
                                                f"in {wait.seconds:.0f} seconds."}, 429)
        if not ok:
            return page(request, "login.html", {"error": "That password is not right."}, 401)
        secret = start_session(app.env())
    return keep_session(back("/today"), secret, guard, request)


@router.post("/logout")
def logout(request: Request) -> Response:
    from insidetrack.services.access import end_session
    from insidetrack.web.security import COOKIE

    secret = request.cookies.get(COOKIE, "")
    if secret:
        with session(request.app.state.config) as app:
            end_session(app.env(), secret)
    response = back("/login")
    response.delete_cookie(COOKIE, httponly=True, samesite="strict",
                           secure=request.app.state.guard.secure(request))
    return response


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "", app: Session = OpenSession) -> Response:
    """Find interviews by a word: employer, job title, people, notes, facts, references."""
    from insidetrack.services.finding import search as find

    if not q.strip():
        return page(request, "search.html", {"q": "", "found": [], "error": None})
    try:
        found = find(app.env(), q)
    except InputError as exc:
        return page(request, "search.html", {"q": q, "found": [], "error": exc.reason}, 400)
    return page(request, "search.html", {"q": q, "error": None, "found": [
        {**vars(f), "when": screens.when(f.at, app)} for f in found]})
