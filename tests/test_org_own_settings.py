"""A career center's job seeker's own settings (/my-settings): their time zone and the
rhythm of their follow-ups, theirs alone, their campaigns re-planned with them.

A real PostgreSQL, the app as the center's app role, seekers signed in with a password
(the center made as tests/test_org_tokens.py makes it). What is checked is what a student
would notice: the thank-you's due time moving to their zone and their rhythm, every wrong
field named at once with nothing saved, and another student's plan untouched.
"""

from __future__ import annotations

import pytest

from centers import new_center
from test_org_tokens import BASE, _app, _center, signed_in

ANA, BO = "ana@uni.example", "bo@uni.example"
INTERVIEW = {"employer": "Société Générale", "job_title": "Analyste",
             "at": "2026-11-25 10:00", "interviewers": ["Zoë Lefèvre <zoe@sg.example>"]}


@pytest.fixture
def center(postgres, request) -> tuple[str, str]:
    """Return (owner's URL, app role's URL) of a center of Ana, Bo (seekers) and Cy (coach)."""
    url, app_url, _ = new_center(postgres, request, lambda url: (_center(url), {}))
    return url, app_url


def _thank_you_due(web) -> str:
    made = web.post("/api/interviews", headers={"Origin": BASE}, json=INTERVIEW)
    assert made.status_code == 201, made.text
    shown = web.get(f"/api/interviews/{made.json()['id']}").json()
    return next(s["due"] for s in shown["steps"] if s["kind"] == "thank-you")


def test_a_seeker_sets_their_zone_and_rhythm_and_only_their_plan_moves(center):
    _, app_url = center
    ana, bo = signed_in(app_url, ANA), signed_in(app_url, BO)
    page = ana.get("/my-settings")
    assert page.status_code == 200 and "Your settings" in page.text
    assert "The server's (America/New_York)" in page.text  # what applies until set
    assert 'href="/my-settings"' in ana.get("/today").text  # the menu's Settings
    before_bo = _thank_you_due(bo)
    assert _thank_you_due(ana) == before_bo == "2026-11-26T11:00:00-05:00"

    saved = ana.post("/my-settings", data={"timezone": "Europe/Paris",
                                           "plan.thank_you_hours": "12"})
    assert saved.status_code == 303 and saved.headers["location"] == "/my-settings"
    page = ana.get("/my-settings").text
    assert "Saved: your open follow-ups are planned" in page
    assert "The server's (America/New_York)" in page and "<option selected>Europe/Paris" in page
    shown = ana.get("/api/interviews").json()
    due = [s["due"] for i in shown for s in ana.get(f"/api/interviews/{i['id']}").json()["steps"]
           if s["kind"] == "thank-you"]
    assert due == ["2026-11-26T05:00:00+01:00"]  # 12 hours after 11:00 in New York, in Paris
    bo_steps = [s for i in bo.get("/api/interviews").json()
                for s in bo.get(f"/api/interviews/{i['id']}").json()["steps"]
                if s["kind"] == "thank-you"]
    assert [s["due"] for s in bo_steps] == [before_bo]  # Bo's own plan did not move


def test_every_wrong_field_is_named_at_once_and_nothing_is_saved(center):
    _, app_url = center
    ana = signed_in(app_url, ANA)
    refused = ana.post("/my-settings", data={"timezone": "Europe",
                                             "plan.thank_you_hours": "-5",
                                             "plan.workday_start": "25:00"})
    assert refused.status_code == 400
    assert "Nothing was saved: 3 fields to correct" in refused.text
    assert "&#39;Europe&#39; is not a time zone like Europe/Paris" in refused.text
    assert "&#39;-5&#39; is not a whole number from" in refused.text
    assert refused.text.count('role="alert"') == 4  # the summary and one beside each field
    assert "The server's (America/New_York)" in ana.get("/my-settings").text


def test_the_page_is_a_job_seekers_alone(center):
    _, app_url = center
    coach = _app(app_url, Origin=BASE)
    coach.post("/login", data={"email": "cy@uni.example", "password": "cy's long secret"})
    assert coach.get("/my-settings").status_code == 404


def _letter_pdf_width(web) -> float:
    """Log an interview; return the width in points of its first letter's PDF page."""
    from io import BytesIO

    from pypdf import PdfReader

    me = web.get("/api/profile").json()
    assert web.put("/api/profile", headers={"Origin": BASE}, json={
        "name": me["name"], "email": me["email"], "phone": "+33 6 12 34 56 78",
        "address": "12 rue de la Paix, 75002 Paris", "field": "financial analysis"},
    ).status_code == 200
    made = web.post("/api/interviews", headers={"Origin": BASE}, json=INTERVIEW)
    assert made.status_code == 201, made.text
    employer = made.json()["employer"]["id"]  # a traditionalist: thanked by letter
    assert web.post(f"/employers/{employer}", headers={"Origin": BASE},
                    data={"traditionalist": "true"}).status_code == 303
    steps = web.get(f"/api/interviews/{made.json()['id']}").json()["steps"]
    letter = next(s["id"] for s in steps if s["channel"] == "letter")
    pdf = web.get(f"/steps/{letter}/draft.pdf")
    assert pdf.status_code == 200, pdf.text
    return round(float(PdfReader(BytesIO(pdf.content)).pages[0].mediabox.width))


def test_a_seekers_letters_are_laid_out_on_their_own_paper(center):
    _, app_url = center
    ana, bo = signed_in(app_url, ANA), signed_in(app_url, BO)
    page = ana.get("/my-settings").text
    assert "Paper size" in page and "<option>a4</option>" in page
    saved = ana.post("/my-settings", data={"draft.paper": "a4"})
    assert saved.status_code == 303
    assert '<option selected>a4</option>' in ana.get("/my-settings").text
    assert _letter_pdf_width(ana) == 595  # A4: 210 mm
    assert _letter_pdf_width(bo) == 612  # the server's: US Letter, 8.5 in
