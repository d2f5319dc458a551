"""The web app through its test client: pages, the API, and the security rules."""

from __future__ import annotations

import re
import warnings

import pytest

from dbs import dump
from insidetrack.services.access import hash_password
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import COOKIE, Guard

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from conftest import NOW, TZ  # noqa: E402

BASE = "http://127.0.0.1:8765"
SAME = {"Origin": BASE}


@pytest.fixture
def client(db_path):
    app = create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ), Guard(port=8765))
    return TestClient(app, base_url=BASE, follow_redirects=False)


@pytest.fixture
def demo(client):
    assert client.post("/demo", headers=SAME).status_code == 303
    return client




def test_empty_database_opens_on_onboarding(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "About you" in page.text and "Load the demo data" in page.text


def test_onboarding_profile_errors_show_next_to_the_field(client):
    page = client.post("/profile", headers=SAME, data={
        "onboarding": "1", "name": "Dana", "email": "not-an-address", "phone": "+1 555 0100"})
    assert page.status_code == 400
    assert 'class="field invalid"' in page.text
    assert "is not an e-mail address" in page.text and 'value="Dana"' in page.text
    ok = client.post("/profile", headers=SAME, data={
        "onboarding": "1", "name": "Dana", "email": "dana@example.com", "phone": "+1 555 0100"})
    assert ok.status_code == 303 and ok.headers["location"] == "/today"


def test_every_page_renders_and_get_changes_nothing(demo, db_path):
    before = dump(db_path)
    for path in ("/", "/today", "/pipeline", "/interviews/1", "/interviews/new", "/steps/1/draft",
                 "/steps/22/draft?voicemail=true", "/references", "/profile", "/settings",
                 "/insights", "/steps/1/draft.pdf", "/api/today", "/api/interviews",
                 "/api/interviews/1", "/api/interviews/1/plan", "/api/interviews/1/advice",
                 "/api/steps/12/draft", "/api/profile", "/api/employers", "/api/references"):
        response = demo.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
    assert dump(db_path) == before


def test_a_foreign_host_gets_400(client):
    assert client.get("/today", headers={"Host": "attacker.example:8765"}).status_code == 400
    assert client.get("/today", headers={"Host": "127.0.0.1:9999"}).status_code == 400
    for host in ("localhost:8765", "127.0.0.1:8765", "[::1]:8765"):
        assert client.get("/today", headers={"Host": host}).status_code == 200


def test_cross_site_writes_get_403(demo, db_path):
    before = dump(db_path)
    assert demo.post("/steps/1/done").status_code == 403  # neither header
    assert demo.post("/steps/1/done", headers={"Origin": "http://evil.example"}).status_code == 403
    assert demo.post("/steps/1/done", headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert demo.post("/api/lint", json={"text": "x"},
                     headers={"Sec-Fetch-Site": "same-site"}).status_code == 403
    assert dump(db_path) == before
    ok = demo.post("/steps/1/done", headers={"Sec-Fetch-Site": "same-origin"})
    assert ok.status_code == 303


def test_names_are_escaped(client):
    client.post("/profile", headers=SAME, data={
        "onboarding": "1", "name": "Dana", "email": "dana@example.com", "phone": "+1 555 0100"})
    added = client.post("/interviews", headers=SAME, data={
        "employer": "<img src=x onerror=alert(1)>", "job_title": "Rep", "at": "2026-11-20T10:00"})
    assert added.status_code == 303
    page = client.get(added.headers["location"])
    assert "<img src=x" not in page.text and "&lt;img src=x onerror=alert(1)&gt;" in page.text


def test_add_interview_form_shows_the_error_by_the_field(client):
    page = client.post("/interviews", headers=SAME, data={
        "employer": "Acme", "job_title": "Rep", "at": "2026-11-20T10:00",
        "interviewer_1": "Bob <bob>"})
    assert page.status_code == 400
    assert "is not an e-mail address" in page.text and 'value="Acme"' in page.text


def test_api_matches_the_cli(demo, run):
    assert demo.get("/api/today", params={"date": "2026-11-25"}).json() == run.json(
        "today", "--date", "2026-11-25")
    assert demo.get("/api/interviews/2").json() == run.json("interview", "show", "2")


def test_api_errors(demo):
    missing = demo.get("/api/interviews/99")
    assert missing.status_code == 404 and "no interview 99" in missing.json()["error"]
    bad = demo.post("/api/interviews", headers=SAME, json={
        "employer": "X", "job_title": "Y", "at": "yesterday"})
    assert bad.status_code == 400 and bad.json()["field"] == "at"
    assert "--" not in bad.json()["error"] and "is not a date and time" in bad.json()["error"]
    assert demo.get("/api/today", params={"date": "2026-02-30"}).status_code == 400


def test_api_writes(client):
    added = client.post("/api/interviews", headers=SAME, json={
        "employer": "Acme", "job_title": "Rep", "at": "2026-11-20 10:00",
        "interviewers": ["Jane Roe <jane@acme.example>", "Bo Lind"]})
    assert added.status_code == 201 and added.json()["employer"]["created"] is True
    first = added.json()["steps"][0]["id"]
    plan = client.post(f"/api/steps/{first}/done", headers=SAME, json={})
    assert next(s for s in plan.json()["steps"] if s["id"] == first)["status"] == "done"
    replied = client.post("/api/interviews/1/reply", headers=SAME, json={"note": "Soon"})
    assert replied.status_code == 200


def test_draft_page_relints_without_javascript(demo):
    page = demo.post("/steps/12/draft", headers=SAME, data={"text": "Subject: Hello\n\nHey u\n"})
    assert page.status_code == 200
    assert "email.greeting" in page.text and "email.subject-generic" in page.text


def test_downloads(demo):
    eml = demo.post("/steps/12/draft.eml", headers=SAME)
    assert eml.status_code == 200 and eml.headers["content-type"].startswith("message/rfc822")
    assert b"Content-Transfer-Encoding: 7bit" in eml.content
    pdf = demo.get("/steps/1/draft.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_insights_are_svg_drawn_here(demo):
    page = demo.get("/insights").text
    assert page.count("<svg") == 4 and "<script" not in page


@pytest.fixture
def remote(db_path):
    guard = Guard(port=8765, bind_host="192.0.2.10", password_hash=hash_password("correct horse"))
    app = create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ), guard)
    return TestClient(app, base_url="http://192.0.2.10:8765", follow_redirects=False)


def test_beyond_loopback_a_login_is_needed(remote):
    origin = {"Origin": "http://192.0.2.10:8765"}
    first = remote.get("/today", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/login"
    assert remote.get("/api/today").status_code == 401
    assert remote.post("/login", headers=origin, data={"password": "wrong"}).status_code == 401
    ok = remote.post("/login", headers=origin, data={"password": "correct horse"},
                     follow_redirects=False)
    assert ok.status_code == 303
    cookie = ok.headers["set-cookie"]
    assert f"{COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "correct horse" not in cookie
    assert remote.get("/today").status_code == 200


def test_interview_details_can_be_corrected_and_replan(demo, run):
    before = next(s for s in demo.get("/api/interviews/2/plan").json()["steps"]
                  if s["kind"] == "follow-up" and s["number"] == 2)
    moved = demo.post("/interviews/2/details", headers=SAME, data={
        "at": "2026-11-13T10:00", "duration": "45", "expected_decision": ""})
    assert moved.status_code == 303
    shown = demo.get("/api/interviews/2").json()
    assert shown["at"] == "2026-11-13T10:00:00-05:00" and shown["duration"] == 45
    after = next(s for s in shown["steps"] if s["kind"] == "follow-up" and s["number"] == 2)
    assert after["due"] != before["due"]
    bad = demo.post("/interviews/2/details", headers=SAME, data={"at": "soon", "duration": "45"})
    assert bad.status_code == 400 and "is not a date and time" in bad.text
    # Its thank-you went out on the 15th: the interview cannot have been after it.
    late = demo.post("/interviews/2/details", headers=SAME, data={
        "at": "2026-11-17T10:00", "duration": "45", "expected_decision": ""})
    assert late.status_code == 400 and "is after something already done" in late.text


def test_send_from_today(demo, run, db_path):
    from aiosmtpd.controller import Controller

    from servers import Recorder, free_port

    handler = Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        for key, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(controller.port)),
                           ("smtp.security", "none")):
            run.ok("config", "set", key, value)
        today = demo.get("/today").text
        assert 'action="/steps/12/send"' in today
        sent = demo.post("/steps/12/send", headers=SAME)
        assert sent.status_code == 200 and "Your message went to priya@brightwave.example" in sent.text
        assert len(handler.received) == 1
        assert 'action="/steps/12/send"' not in demo.get("/today").text
    finally:
        controller.stop()


def test_the_interview_listing_comes_in_pages(demo):
    everything = demo.get("/api/interviews", params={"limit": 200})
    assert everything.headers["x-total-count"] == "6" and len(everything.json()) == 6
    first = demo.get("/api/interviews", params={"limit": 4}).json()
    rest = demo.get("/api/interviews", params={"limit": 4, "offset": 4}).json()
    assert first + rest == everything.json()
    assert demo.get("/api/interviews", params={"limit": 0}).status_code == 422
    too_many = demo.get("/api/interviews", params={"limit": 201})
    assert too_many.status_code == 422 and too_many.json()["field"] == "limit"
    assert "200" in too_many.json()["error"]  # says the most a page holds


def test_an_interviewers_address_can_be_fixed_on_the_interview_page(demo):
    page = demo.get("/interviews/2").text
    assert 'action="/contacts/3"' in page
    fixed = demo.post("/contacts/3", headers=SAME, data={
        "email": "priya.raman@brightwave.example", "phone": "+1 555 0151", "next": "/interviews/2"})
    assert fixed.status_code == 303 and fixed.headers["location"] == "/interviews/2"
    shown = demo.get("/api/interviews/2").json()["interviewers"][0]
    assert shown["email"] == "priya.raman@brightwave.example"
    bad = demo.post("/contacts/3", headers=SAME, data={"email": "nope", "phone": ""})
    assert bad.status_code == 400 and "is not an e-mail address" in bad.text


TEN_MB = 10 * 1024 * 1024


def test_a_huge_json_body_gets_413_at_once(client):
    import json

    body = json.dumps({"text": "a" * TEN_MB}).encode()
    response = client.post("/api/lint", headers={**SAME, "Content-Type": "application/json"},
                           content=body)
    assert response.status_code == 413
    assert "1 MiB" in response.json()["error"]
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_a_huge_form_gets_413(demo):
    response = demo.post("/steps/1/draft", headers=SAME, data={"text": "a" * TEN_MB})
    assert response.status_code == 413 and "1 MiB" in response.text


def test_a_huge_body_sent_without_its_length_is_cut_off(client):
    def chunks():
        for _ in range(10):
            yield b"x" * (1024 * 1024)

    response = client.post("/api/lint", headers={**SAME, "Content-Type": "application/json"},
                           content=chunks())
    assert response.status_code == 413 and "1 MiB" in response.json()["error"]


def test_a_one_megabyte_draft_without_spaces_is_linted(client):
    response = client.post("/api/lint", headers=SAME, json={"text": "a" * 1_000_000})
    assert response.status_code == 200
    assert {f["rule"] for f in response.json()["findings"]} >= {"email.line-length"}


def test_api_docs_load_every_asset_from_the_app_itself(client):
    import re

    page = client.get("/api/docs")
    assert page.status_code == 200
    assets = re.findall(r'<(?:script|link)[^>]*?(?:src|href)="([^"]+)"', page.text)
    assert any(a.endswith(".js") for a in assets) and any(a.endswith(".css") for a in assets)
    for asset in assets:
        assert asset.startswith("/"), asset  # no CDN: the CSP allows only 'self'
        assert client.get(asset).status_code == 200, asset
    assert "<script>" not in page.text  # no inline script either: the CSP blocks it


def test_the_postal_address_is_a_block_of_lines(client):
    page = client.get("/")
    assert '<textarea name="address"' in page.text
    ok = client.post("/profile", headers=SAME, data={
        "onboarding": "1", "name": "Dana", "email": "dana@example.com", "phone": "+1 555 0100",
        "address": "12 Elm Street\r\n  Apt 4\r\n\r\nSpringfield, IL 62704\r\n"})
    assert ok.status_code == 303
    assert client.get("/api/profile").json()["address"] == "12 Elm Street\nApt 4\nSpringfield, IL 62704"
    shown = client.get("/profile").text
    assert ('<textarea name="address" rows="3">12 Elm Street\nApt 4\nSpringfield, IL 62704'
            "</textarea>") in shown


def test_the_draft_page_says_when_the_pdf_cannot_print_a_name(demo, tmp_path, monkeypatch):
    # A real fontconfig that knows only DejaVu, as on a machine without CJK fonts.
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    "<dir>/usr/share/fonts/truetype/dejavu</dir>"
                    f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    added = demo.post("/interviews", headers=SAME, data={
        "employer": "Northwind Motors", "job_title": "Parts Manager", "at": "2026-11-24T10:00",
        "interviewer_1": "王伟 <wang.wei@northwind.example>"})
    assert added.status_code == 303
    interview = added.headers["location"].rsplit("/", 1)[1]
    steps = demo.get(f"/api/interviews/{interview}/plan").json()["steps"]
    letter = next(s for s in steps if s["kind"] == "thank-you")
    assert letter["channel"] == "letter"
    page = demo.get(f"/steps/{letter['id']}/draft")
    assert "PDF: No installed font has the letters &#39;王伟&#39;, so this PDF prints" in page.text


def test_what_follows_a_decision_shows_and_drafts_on_the_web(demo):
    """The demo's offer (Summit) and rejection (Harbor): Today, the interview page, drafts."""
    import html
    import re

    today = html.unescape(demo.get("/today").text)
    assert "Thank-you e-mail for the offer to Ken Ito" in today
    assert "Gracious e-mail to Sam Reed: thank them, ask to be kept in mind" in today
    summit = html.unescape(demo.get("/interviews/4").text)
    assert "Thank-you e-mail for the offer to Ken Ito" in summit
    northwind = html.unescape(demo.get("/interviews/1").text)
    assert "If you accept the offer, withdraw politely: letter to Maria López" in northwind
    drafts = [" ".join(html.unescape(demo.get(f"/steps/{n}/draft").text).split())
              for n in sorted(set(re.findall(r"/steps/(\d+)/draft\"", summit + northwind)))]
    assert any("Thank you for offering me the Fleet Sales Consultant position" in d
               for d in drafts)
    assert any("withdrawing my application" in d and "Northwind Motors" in d for d in drafts)


def test_the_timeline_says_what_happened_in_words(demo):
    page = demo.get("/interviews/3").text
    assert "E-mail sent to Zoë Martin" in page
    assert "Call to Zoë Martin: no answer" in page and "They replied" in page
    assert "call no-answer" not in page and "email-sent" not in page
    assert "Decision: they made an offer" in demo.get("/interviews/4").text


def test_insights_give_their_numbers_in_text_and_the_strip_its_dates(demo):
    page = demo.get("/insights").text
    assert 'aria-hidden="true" class="chart"' in page  # the drawing is for the eye ...
    assert "<li>interviewing: 2</li>" in page  # ... the list for a screen reader
    assert "<li>Summit Auto Group (offer): 29 d</li>" in page
    assert re.search(r'<text x="0" y="92" class="label">Nov 25</text>', page)  # today, dated
    assert re.search(r'class="label">(Nov 30|Dec 7)</text>', page)  # and each Monday


def test_the_pipeline_shows_one_stage_when_asked(demo):
    every = demo.get("/pipeline").text
    assert every.count('<section class="column">') == 6
    offers = demo.get("/pipeline", params={"status": "offer"}).text
    assert offers.count('<section class="column">') == 1
    assert "Summit Auto Group" in offers and "Northwind Motors" not in offers
    assert '<option value="offer" selected>offer only</option>' in offers
    assert demo.get("/pipeline", params={"status": "nonsense"}).text.count(
        '<section class="column">') == 6  # an unknown stage shows them all
