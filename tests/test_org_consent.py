"""Consent in a career center: a coach sees a job seeker's search only while granted.

A real PostgreSQL (tests/pg.py), the app's role owning nothing, so what is checked is
row-level security itself: before a grant, the coach's connection reads no row of the
seeker; after it, the pipeline and steps, and the draft text only when drafts are shared;
after a revoke, nothing again. A coach writes nothing of a seeker's, another seeker's rows
never show, and every look a coach takes is in the seeker's audit log.
"""

from __future__ import annotations

import itertools
import os
from datetime import UTC, date, datetime

import pytest

from insidetrack.domain.errors import InputError, StorageError
from insidetrack.domain.model import InterviewNotes, Profile
from insidetrack.domain.planner import PlanSettings
from insidetrack.services import consent
from insidetrack.services.campaigns import log_reply
from insidetrack.services.consent import OPERATOR
from insidetrack.services.context import Env
from insidetrack.services.records import NewInterview, add_interview, set_profile
from insidetrack.storage.db import connect
from insidetrack.storage.store import Store

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 27)
ANA, BO, ZOE, UGO = ("ana@uni.example", "bo@uni.example", "zoe@uni.example",
                     "ugo@uni.example")
_roles = itertools.count()


def add_person(url: str, email: str, name: str, role: str) -> int:
    """Add one of the center's staff as its owner does (roster import is built elsewhere)."""
    owner = connect(url)
    try:
        row = owner.execute("INSERT INTO org_people (email, name, role) VALUES (?, ?, ?)"
                            " RETURNING id", (email, name, role)).fetchone()
    finally:
        owner.close()
    return int(row[0])


@pytest.fixture
def center(postgres, request):
    """Return (owner's URL, app role's URL, {e-mail: id}) of a center with two seekers, each
    with a search under way, and two coaches."""
    from conftest import close_pools

    url = postgres.new_database()
    role = f"app_{os.getpid()}_{next(_roles)}"
    owner = Store(connect(url))
    try:
        assert owner.center.organise(role)
        ids = {ANA: owner.center.add_seeker(ANA, "Ana Lima"),
               BO: owner.center.add_seeker(BO, "Bo Öberg")}
    finally:
        owner.close()
    ids[ZOE] = add_person(url, ZOE, "Zoë Müller", "coach")
    ids[UGO] = add_person(url, UGO, "Ugo Ferrari", "coach")
    app_url = url.replace("postgres@", f"{role}@")
    request.addfinalizer(lambda: (close_pools(app_url), close_pools(url)))
    _search(seeker_env(app_url, ids[ANA]), "Société Générale", "Ana Lima")
    _search(seeker_env(app_url, ids[BO]), "Initech", "Bo Öberg")
    return url, app_url, ids


def seeker_env(url: str, seeker: int) -> Env:
    store = Store(connect(url, upgrade=False))
    store.center.bind(seeker)
    return Env(store, PlanSettings(), UTC, NOW)


def app_env(url: str) -> Env:
    """A connection of the app's role, bound to no one yet (the services bind it)."""
    return Env(Store(connect(url, upgrade=False)), PlanSettings(), UTC, NOW)


def coach_env(url: str, coach: int, seeker: int) -> Env:
    store = Store(connect(url, upgrade=False))
    store.consent.bind_coach(coach, seeker)
    return Env(store, PlanSettings(), UTC, NOW)


def _search(env: Env, employer: str, name: str) -> None:
    """An interview a week ago (its thank-you missed), one two days ago, and a reply."""
    set_profile(env, Profile(name, "me@mail.example", "+1 555 0100", field="data analysis"))
    notes = InterviewNotes(topics=("the quarterly close",), emphases=("SQL",))
    early = add_interview(env, NewInterview(
        employer, "Analyst", datetime(2026, 11, 18, 14, 0, tzinfo=UTC),
        interviewers=(("Renée Dupont", "renee@employer.example"),))).interview_id
    add_interview(env, NewInterview(
        f"{employer} Bank", "Junior Analyst", datetime(2026, 11, 25, 10, 0, tzinfo=UTC),
        interviewers=(("Jörg Weiß", "jorg@bank.example"),), notes=notes))
    log_reply(env, early, datetime(2026, 11, 26, 8, 0, tzinfo=UTC), "they wrote back")
    env.store.close()


SHOWN = ("employers", "openings", "interviews", "contacts", "steps", "touchpoints")
DRAFTS = ("interview_notes", "profile", "facts")


def _counts(env: Env, tables: tuple[str, ...] = (*SHOWN, *DRAFTS, "grants")) -> dict[str, int]:
    """Count the rows a connection reads in some tables."""
    return {t: int(env.store.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
            for t in tables}


def test_a_coach_sees_nothing_before_a_grant_the_pipeline_after_and_nothing_after_revoke(center):
    _, app_url, ids = center
    look = coach_env(app_url, ids[ZOE], ids[ANA])
    assert set(_counts(look).values()) == {0}

    consent.grant(app_env(app_url), ANA, ZOE, drafts=False)
    seen = _counts(look)  # the same connection: the grant shows at once
    ana = _counts(seeker_env(app_url, ids[ANA]))
    assert all(seen[t] == ana[t] > 0 for t in SHOWN)
    assert [seen[t] for t in DRAFTS] == [0, 0, 0] and seen["grants"] == 1
    names = {r[0] for r in look.store.db.execute("SELECT name FROM employers")}
    assert names == {"Société Générale", "Société Générale Bank"}  # never Bo's Initech

    consent.revoke(app_env(app_url), ANA, ZOE)
    after = _counts(look)
    assert after.pop("grants") == 1  # the ended grant itself: the coach reads when it ended
    assert set(after.values()) == {0}
    ended = look.store.db.execute("SELECT revoked_at FROM grants").fetchone()[0]
    assert ended is not None


def test_what_no_grant_shows_a_coach_cannot_even_ask_for(center):
    _, app_url, ids = center
    consent.grant(app_env(app_url), ANA, ZOE, drafts=True)
    for table in ("meta", "api_tokens", "imap_folders", "invitations", "trash", "audit"):
        look = coach_env(app_url, ids[ZOE], ids[ANA])
        with pytest.raises(StorageError, match="permission denied"):
            look.store.db.execute(f"SELECT COUNT(*) FROM {table}")


def test_draft_text_shows_only_when_drafts_are_shared(center):
    _, app_url, ids = center
    consent.grant(app_env(app_url), ANA, ZOE, drafts=False)
    view = consent.coach_view(app_env(app_url), ZOE, ANA, TODAY)
    assert view.overdue and not view.drafts and not view.drafts_shared
    look = coach_env(app_url, ids[ZOE], ids[ANA])
    assert _counts(look)["interview_notes"] == 0

    consent.grant(app_env(app_url), ANA, ZOE, drafts=True)
    assert _counts(look)["interview_notes"] == _counts(seeker_env(app_url, ids[ANA]))[
        "interview_notes"] > 0
    view = consent.coach_view(app_env(app_url), ZOE, ANA, TODAY)
    assert view.drafts_shared
    assert any("Ana Lima" in text for _, text in view.drafts)  # signed as she would send it


def test_a_grant_to_one_coach_shows_nothing_to_another(center):
    _, app_url, ids = center
    consent.grant(app_env(app_url), ANA, ZOE, drafts=True)
    assert set(_counts(coach_env(app_url, ids[UGO], ids[ANA])).values()) == {0}
    looking_at_bo = _counts(coach_env(app_url, ids[ZOE], ids[BO]))
    assert looking_at_bo.pop("grants") == 1  # her own grant from Ana, which names no record
    assert set(looking_at_bo.values()) == {0}


@pytest.mark.parametrize("sql", [
    "UPDATE employers SET name = 'Hacked'", "DELETE FROM steps",
    "UPDATE grants SET drafts = false", "INSERT INTO meta (key, value) VALUES ('x', 'y')",
    "INSERT INTO interview_notes (interview_id, kind, text, seeker_id)"
    " SELECT id, 'topic', 'Hacked', seeker_id FROM interviews",
    "DELETE FROM audit",
])
def test_a_coach_cannot_write_a_seekers_rows(center, sql):
    _, app_url, ids = center
    consent.grant(app_env(app_url), ANA, ZOE, drafts=True)
    before = _counts(seeker_env(app_url, ids[ANA]), (*SHOWN, *DRAFTS, "grants", "meta"))
    look = coach_env(app_url, ids[ZOE], ids[ANA])
    with pytest.raises(StorageError, match="permission denied"), look.store.write():
        look.store.db.execute(sql)
    ana = seeker_env(app_url, ids[ANA])
    assert _counts(ana, (*SHOWN, *DRAFTS, "grants", "meta")) == before
    assert "Hacked" not in {r[0] for r in ana.store.db.execute("SELECT name FROM employers")}
    assert consent.grants_of(app_env(app_url), ANA)[1][0].drafts


def test_a_pooled_connection_a_coach_used_is_a_seekers_again_once_bound(center):
    _, app_url, ids = center
    consent.grant(app_env(app_url), ANA, ZOE, drafts=False)
    env = coach_env(app_url, ids[ZOE], ids[ANA])
    env.store.center.bind(ids[BO])
    names = {r[0] for r in env.store.db.execute("SELECT name FROM employers")}
    assert names == {"Initech", "Initech Bank"}
    env.store.db.execute("UPDATE employers SET phone = '+1 555 0199'")  # Bo's to change


def test_every_coach_view_is_in_the_seekers_audit_log_and_only_theirs(center):
    _, app_url, ids = center
    consent.grant(app_env(app_url), ANA, ZOE, drafts=False)
    consent.grant(app_env(app_url), BO, ZOE, drafts=True)
    for _ in range(2):
        consent.coach_view(app_env(app_url), ZOE, ANA, TODAY)
    consent.coach_view(app_env(app_url), ZOE, BO, TODAY)
    seeker, log = consent.audit_of(app_env(app_url), ANA)
    assert seeker.name == "Ana Lima"
    assert [(a.coach.name, a.what, a.at) for a in log] == [
        ("Zoë Müller", "overview: pipeline and steps", NOW)] * 2
    assert [a.what for a in consent.audit_of(app_env(app_url), BO)[1]] == [
        "overview: pipeline and steps, drafts"]
    bo = seeker_env(app_url, ids[BO]).store.db  # his binding reads only his grant and log
    assert bo.execute("SELECT COUNT(*), MIN(seeker_id) FROM audit").fetchone() == (1, ids[BO])
    assert bo.execute("SELECT COUNT(*), MIN(seeker_id) FROM grants").fetchone() == (1, ids[BO])
    with pytest.raises(StorageError, match="permission denied"):
        bo.execute("DELETE FROM audit")


def test_a_coach_view_without_a_grant_is_refused_and_not_logged(center):
    _, app_url, _ = center
    consent.grant(app_env(app_url), ANA, ZOE, drafts=False)
    consent.revoke(app_env(app_url), ANA, ZOE)
    with pytest.raises(InputError) as refused:
        consent.coach_view(app_env(app_url), ZOE, ANA, TODAY)
    assert refused.value.field == "coach"
    assert consent.audit_of(app_env(app_url), ANA)[1] == []


def test_the_coach_overview_says_what_needs_a_nudge(center):
    _, app_url, _ = center
    consent.grant(app_env(app_url), ANA, ZOE, drafts=False)
    view = consent.coach_view(app_env(app_url), ZOE, ANA, TODAY)
    assert view.stages == {"interviewing": 1, "waiting": 1}
    assert {i.employer for i in view.overdue} == {"Société Générale Bank"}
    assert [(h.employer, h.detail) for h in view.thank_yous_missed] == [
        ("Société Générale", "missed"), ("Société Générale Bank", "overdue")]
    assert [(h.employer, h.at) for h in view.replies] == [
        ("Société Générale", datetime(2026, 11, 26, 8, 0, tzinfo=UTC))]
    assert view.decisions == []


@pytest.fixture
def clis(center):
    """Return the CLI as the center's owner and as the app's role, at NOW."""
    from conftest import Cli

    url, app_url, _ = center
    owner, app = Cli(url), Cli(app_url)
    owner.now = app.now = NOW
    return owner, app


def test_org_grant_grants_and_revoke(clis):
    owner, _ = clis
    granted = owner.ok("org", "grant", "--seeker", ANA, "--coach", "ZOE@uni.example")
    assert granted.splitlines()[0] == (
        "Ana Lima <ana@uni.example> lets Zoë Müller <zoe@uni.example> see, from now until "
        "revoked:")
    assert f"  - {consent.SHOWN_ALWAYS[1].words}" in granted.splitlines()
    assert "  Not the text of drafts (--drafts shares it)." in granted.splitlines()
    assert owner.ok("org", "grant", "--seeker", ANA, "--coach", ZOE) == (
        "Zoë Müller <zoe@uni.example> already has that grant from Ana Lima <ana@uni.example>;"
        " nothing changed.\n")
    assert consent.SHOWN_WITH_DRAFTS[0].words in owner.ok("org", "grant", "--seeker", ANA,
                                                          "--coach", ZOE, "--drafts")
    assert owner.ok("org", "revoke", "--seeker", ANA, "--coach", ZOE) == (
        "Zoë Müller <zoe@uni.example> sees nothing of Ana Lima <ana@uni.example>'s from now on.\n")
    assert owner.ok("org", "revoke", "--seeker", ANA, "--coach", ZOE) == (
        "Zoë Müller <zoe@uni.example> had no active grant from Ana Lima <ana@uni.example>;"
        " nothing changed.\n")

    listed = owner.json("org", "grants", "--seeker", ANA)
    at = "2026-11-27T04:00:00-05:00"  # NOW in the CLI's zone
    zoe = {"email": ZOE, "name": "Zoë Müller"}
    assert listed["seeker"] == {"email": ANA, "name": "Ana Lima"}
    assert [{k: v for k, v in g.items() if k != "shows"} for g in listed["grants"]] == [
        {"active": False, "coach": zoe, "drafts": True, "granted_at": at, "revoked_at": at},
        {"active": False, "coach": zoe, "drafts": False, "granted_at": at, "revoked_at": at}]
    assert [len(g["shows"]) for g in listed["grants"]] == [6, 5]
    assert owner.ok("org", "grants", "--seeker", ANA).splitlines()[1] == (
        "  Zoë Müller <zoe@uni.example>: pipeline, steps and drafts; granted Fri 27 Nov 2026 "
        "04:00, revoked Fri 27 Nov 2026 04:00")
    assert owner.ok("org", "grants", "--seeker", BO) == (
        "Bo Öberg <bo@uni.example> has granted no coach a view.\n")


def test_org_coach_view_is_refused_without_a_grant_and_logged_with_one(clis):
    owner, _ = clis
    refused = owner("org", "coach-view", "--coach", ZOE, "--seeker", ANA)
    assert refused.exit_code == 2
    assert refused.output == (
        "insidetrack: error: --coach: zoe@uni.example has no active grant from the job seeker "
        "ana@uni.example: a coach sees nothing until the seeker grants it\n")
    assert owner.ok("org", "audit", "--seeker", ANA) == (
        "No coach has looked at Ana Lima <ana@uni.example>'s records.\n")

    owner.ok("org", "grant", "--seeker", ANA, "--coach", ZOE)
    seen = owner.ok("org", "coach-view", "--coach", ZOE, "--seeker", ANA)
    assert seen.splitlines()[:4] == [
        "Ana Lima <ana@uni.example> as Zoë Müller <zoe@uni.example> sees it (pipeline and steps)",
        "Interviews by stage: 1 interviewing, 1 waiting",
        "Overdue: 1",
        "  Thu 26 Nov 2026 06:00  Société Générale Bank, Junior Analyst: Thank-you e-mail to "
        "Jörg Weiß"]
    assert "Initech" not in seen and "Draft for step" not in seen
    view = owner.json("org", "coach-view", "--coach", ZOE, "--seeker", ANA)
    assert sorted(view) == ["coach", "decisions", "drafts", "drafts_shared", "overdue",
                            "replies", "seeker", "stages", "thank_yous_missed"]
    assert view["overdue"] == [{
        "channel": "email", "due": "2026-11-26T06:00:00-05:00",
        "employer": "Société Générale Bank", "interview": view["overdue"][0]["interview"],
        "job_title": "Junior Analyst", "kind": "thank-you",
        "step": view["overdue"][0]["step"], "to": "Jörg Weiß"}]
    assert view["replies"] == [{"answering": None, "at": "2026-11-26T03:00:00-05:00",
                                "employer": "Société Générale", "job_title": "Analyst"}]
    assert (view["drafts"], view["drafts_shared"]) == ([], False)

    log = owner.json("org", "audit", "--seeker", ANA)
    assert log == {"seeker": {"email": ANA, "name": "Ana Lima"}, "audit": [
        {"at": "2026-11-27T04:00:00-05:00", "coach": {"email": ZOE, "name": "Zoë Müller"},
         "what": "overview: pipeline and steps" + OPERATOR}] * 2}
    assert owner.ok("org", "audit", "--seeker", ANA).splitlines()[1] == (
        "  Fri 27 Nov 2026 04:00  Zoë Müller <zoe@uni.example>: overview: pipeline and steps"
        " (the center's operator at the command line, seeing what this coach sees)")
    assert owner.json("org", "audit", "--seeker", BO)["audit"] == []


def test_org_coach_view_shows_drafts_only_when_shared(clis):
    owner, _ = clis
    owner.ok("org", "grant", "--seeker", ANA, "--coach", ZOE, "--drafts")
    seen = owner.ok("org", "coach-view", "--coach", ZOE, "--seeker", ANA)
    assert "(pipeline, steps and drafts)" in seen.splitlines()[0]
    draft = seen.split("Draft for step ")[1]
    assert "To: Jörg Weiß" in draft and "Ana Lima" in draft


@pytest.mark.parametrize(("args", "said"), [
    (("grant", "--seeker", ZOE, "--coach", ANA),
     "--seeker: zoe@uni.example is a coach, not a job seeker"),
    (("grant", "--seeker", ANA, "--coach", BO),
     "--coach: bo@uni.example is a job seeker, not a coach"),
    (("revoke", "--seeker", "nobody@uni.example", "--coach", ZOE),
     "--seeker: nobody@uni.example is not one of the center's people"),
    (("coach-view", "--coach", "zoe at uni", "--seeker", ANA),
     "--coach: 'zoe at uni' is not an e-mail address like name@example.com"),
    (("audit", "--seeker", UGO), "--seeker: ugo@uni.example is a coach, not a job seeker"),
])
def test_wrong_people_are_refused_in_one_line_naming_the_option(clis, args, said):
    owner, _ = clis
    result = owner("org", *args)
    assert (result.exit_code, result.output) == (2, f"insidetrack: error: {said}\n")
    assert owner.json("org", "grants", "--seeker", ANA)["grants"] == []


def test_consent_needs_a_center_on_postgresql(tmp_path):
    from conftest import Cli

    result = Cli(tmp_path / "mine.db")("org", "grants", "--seeker", ANA)
    assert (result.exit_code, result.output) == (
        2, "insidetrack: error: --db: career-center mode needs a PostgreSQL database: give its"
           " postgresql://... URL\n")
