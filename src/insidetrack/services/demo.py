"""A realistic demo: several employers, and campaigns in every state."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

from insidetrack.domain.errors import ConflictError
from insidetrack.domain.model import (
    CallOutcome,
    Contact,
    ContactRole,
    Decision,
    Employer,
    InterviewNotes,
    Profile,
    Reference,
    ResumeVia,
    StepKind,
)
from insidetrack.domain.workdays import at_local
from insidetrack.services import campaigns, records
from insidetrack.services.context import Env
from insidetrack.services.records import NewInterview

PROFILE = Profile(
    name="Dana Whitfield", email="dana.whitfield@example.com", phone="+1 555 0100",
    address="12 Elm Street, Springfield, IL 62701", field="Sales", years=6,
    specialty="autos", over_40=False,
)

# A career center's database is refused the demo (load_demo, whatever the edge): it would
# mix made-up rows into its job seekers' real ones and into their cohort's figures, with no
# way to take them out.
CENTER_REFUSES = ("The demo data is not available at a career center: it would replace your "
                  "profile with a made-up one and add six made-up interviews to your cohort's "
                  "figures. Add your own first interview instead.")


def _days_ago(env: Env, days: int, hour: int = 10) -> datetime:
    day = env.now.astimezone(env.tz).date() - timedelta(days=days)
    return at_local(day, time(hour, 0), env.tz)


def _step(env: Env, interview_id: int, kind: StepKind, number: int | None = None) -> int:
    for s in env.store.steps.steps_of_interview(interview_id):
        if s.kind is kind and (number is None or s.number == number) and s.id is not None:
            return s.id
    raise LookupError(kind)


def _employers(env: Env) -> dict[str, int]:
    ids = {}
    for e in (
        Employer(0, "Northwind Motors", "400 Commerce Dr, Springfield, IL 62702", "+1 555 0140",
                 "+1 555 0141", traditionalist=True),
        Employer(0, "Brightwave Software", "1 Cloud Way, Austin, TX 78701", "+1 555 0150",
                 high_tech=True),
        Employer(0, "Café Élan Group", "8 Market St, Chicago, IL 60601", "+1 555 0160"),
        Employer(0, "Summit Auto Group", phone="+1 555 0170"),
        Employer(0, "Harbor Logistics", phone="+1 555 0180"),
        Employer(0, "Keystone Insurance", "77 Main St, Peoria, IL 61602", "+1 555 0190"),
    ):
        ids[e.name] = records.add_employer(env, e)[0].id
    return ids


def _interviews(env: Env) -> list[int]:
    base = NewInterview(employer="", job_title="", start=env.now)
    specs = [
        replace(base, employer="Northwind Motors", job_title="Sales Manager",
                start=_days_ago(env, 1, 9), department="New Cars",
                interviewers=(("Maria López", "maria.lopez@northwind.example"),
                              ("Tom Becker", "tom.becker@northwind.example")),
                resume_via=ResumeVia.POST,
                notes=InterviewNotes(topics=("fleet sales to local businesses",),
                                     emphases=("customer retention",),
                                     impressed=("new showroom",),
                                     forgot=("my F&I certification",),
                                     problems=("slow winter months",))),
        replace(base, employer="Brightwave Software", job_title="Account Executive",
                start=_days_ago(env, 12), requested_electronic=True,
                interviewers=(("Priya Raman", "priya@brightwave.example"),),
                expected_decision=_days_ago(env, 3).astimezone(env.tz).date(),
                notes=InterviewNotes(topics=("selling software to dealerships",),
                                     problems=("long sales cycles",),
                                     shared_interests=("electric vehicles",))),
        replace(base, employer="Café Élan Group", job_title="Regional Sales Lead",
                start=_days_ago(env, 45), urgent=True,
                interviewers=(("Zoë Martin", "zoe.martin@cafe-elan.example"),),
                notes=InterviewNotes(topics=("opening five new cafés",),
                                     emphases=("wholesale accounts",),
                                     problems=("supplier turnover",))),
        replace(base, employer="Summit Auto Group", job_title="Fleet Sales Consultant",
                start=_days_ago(env, 30), dialogue=True,
                interviewers=(("Ken Ito", "ken.ito@summit.example"),),
                notes=InterviewNotes(topics=("commercial fleets",))),
        replace(base, employer="Harbor Logistics", job_title="Inside Sales Rep",
                start=_days_ago(env, 20), resume_via=ResumeVia.EMAIL,
                interviewers=(("Sam Reed", "sam.reed@harbor.example"),)),
        replace(base, employer="Keystone Insurance", job_title="Sales Associate",
                start=_days_ago(env, 0, 9), duration_minutes=45,
                interviewers=(("Ruth Okafor", "ruth.okafor@keystone.example"),),
                notes=InterviewNotes(emphases=("cross-selling auto policies",),
                                     problems=("agents leaving for competitors",))),
    ]
    return [records.add_interview(_on_the_day(env, spec.start), spec).interview_id
            for spec in specs]


def _on_the_day(env: Env, start: datetime) -> Env:
    """Return the context as it was when a diligent user logged an interview: just after it."""
    return replace(env, now=min(start + timedelta(hours=2), env.now))


def _banks(env: Env, ids: list[int], employers: dict[str, int]) -> None:
    northwind, brightwave, cafe, _, _, keystone = ids
    ref = records.add_reference(env, Reference(0, "Alan Reyes", "+1 555 0199",
                                               "alan.reyes@example.com", "former sales director"))
    for interview_id in (northwind, keystone):  # linked as each interview was logged
        start = env.store.interviews.interview(interview_id).start
        records.link_reference(_on_the_day(env, start), ref.id, interview_id)
    gatekeeper = Contact(0, employers["Northwind Motors"], "Janet Cole", ContactRole.GATEKEEPER,
                         phone="+1 555 0142")
    records.add_contact(env, gatekeeper)
    for interview_id, fact, clipping in (
        (northwind, "My team won the regional fleet award for 2025",
         "Dealers lean on fleet sales as winter slows retail"),
        (brightwave, "I closed a 40-unit fleet deal with a regional utility last week",
         "Why dealership software deals take nine months"),
        (cafe, "I finished a wholesale negotiation course at the community college",
         "Coffee chains court office parks again"),
        (keystone, "I earned my state property and casualty license",
         "Insurers fight agent turnover with mentoring"),
    ):
        records.add_fact(env, interview_id, fact)
        records.add_clipping(env, interview_id, clipping, "https://news.example.com/clip")
    # Follow-up #2 to Café Élan went out with the first fact; this one is for #3.
    records.add_fact(env, cafe, "Our pilot cut supplier changes by a third at my last job")


def _history(env: Env, ids: list[int]) -> None:
    northwind, brightwave, cafe, summit, harbor, _ = ids
    campaigns.mark_done(env, _step(env, brightwave, StepKind.THANK_YOU), _days_ago(env, 11, 17), "")
    campaigns.mark_done(env, _step(env, cafe, StepKind.THANK_YOU), _days_ago(env, 44, 18), "")
    campaigns.mark_done(env, _step(env, cafe, StepKind.FOLLOW_UP, 2), _days_ago(env, 37), "")
    for days in (5, 4, 3):
        campaigns.log_call(env, cafe, CallOutcome.NO_ANSWER, _days_ago(env, days, 11), "")
    campaigns.log_reply(env, cafe, _days_ago(env, 2, 15), "Still interviewing; will update soon")
    campaigns.mark_done(env, _step(env, summit, StepKind.THANK_YOU), _days_ago(env, 29, 16), "")
    campaigns.log_decision(env, summit, Decision.OFFER, _days_ago(env, 1, 12), "Offer by phone")
    campaigns.log_decision(env, harbor, Decision.REJECTED, _days_ago(env, 2, 9), "")


def load_demo(env: Env) -> str:
    """Fill an empty database with the demo and say what it holds; refuse a center's."""
    if env.store.roster.is_center():
        raise ConflictError(CENTER_REFUSES)
    return demo_rows(env)


def demo_rows(env: Env) -> str:
    """Add the demo's rows to an empty search and say what it holds. (Only load_demo, and
    tests/test_org_sweep.py filling a center's job seekers, call it.)"""
    if not env.store.interviews.is_empty():
        raise ConflictError("this database already holds interviews; give demo a new --db path")
    records.set_profile(env, PROFILE)
    employers = _employers(env)
    ids = _interviews(env)
    _banks(env, ids, employers)
    _history(env, ids)
    return f"{len(ids)} interviews at {len(env.store.people.employers())} employers"
