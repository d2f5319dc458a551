"""Career-center mode's foundation: one PostgreSQL database, each job seeker's rows walled off.

A real PostgreSQL (tests/pg.py); the app connects as a role that owns nothing, so row-level
security applies to it as it will to the server. What is checked is what would leak or be
lost: another seeker's interviews, steps, agenda and employer names, and writes that a
forgotten binding would leave owned by nobody.
"""

from __future__ import annotations

import itertools
import os
from datetime import UTC, date, datetime

import pytest

from insidetrack.domain.errors import StorageError
from insidetrack.domain.model import Profile
from insidetrack.domain.parse import name_key
from insidetrack.domain.planner import PlanSettings
from insidetrack.services import queries
from insidetrack.services.context import Env
from insidetrack.services.records import NewInterview, add_interview, set_profile
from insidetrack.storage.db import connect
from insidetrack.storage.store import Store

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
_roles = itertools.count()


@pytest.fixture
def center(postgres, request):
    """Return (the app role's URL, seeker ids) of a new center's database with two seekers."""
    from conftest import close_pools

    url = postgres.new_database()
    role = f"app_{os.getpid()}_{next(_roles)}"
    owner = Store(connect(url))
    try:
        assert owner.center.organise(role)  # the role is made too
        seekers = [owner.center.add_seeker(f"{n}@uni.example", n) for n in ("ana", "bo")]
    finally:
        owner.close()
    app_url = url.replace("postgres@", f"{role}@")
    request.addfinalizer(lambda: (close_pools(app_url), close_pools(url)))
    return url, app_url, seekers


def _env(url: str, seeker: int | None) -> Env:
    store = Store(connect(url, upgrade=False))  # the owner migrates; the app cannot
    if seeker is not None:
        store.center.bind(seeker)
    return Env(store, PlanSettings(), UTC, NOW)


def _log(env: Env, employer: str) -> int:
    new = NewInterview(employer, "Analyst", datetime(2026, 11, 26, 14, 0, tzinfo=UTC),
                       interviewers=(("Zoë Müller", "zoe@acme.example"),))
    return add_interview(env, new).interview_id


def test_a_seeker_sees_nothing_of_another_seekers_campaigns(center):
    _, app_url, (ana, bo) = center
    ana_env, bo_env = _env(app_url, ana), _env(app_url, bo)
    interview = _log(ana_env, "Société Générale")
    assert queries.today(ana_env, date(2026, 12, 31)).items

    assert not queries.today(bo_env, date(2026, 12, 31)).items
    assert not bo_env.store.steps.steps_of_interview(interview)
    assert bo_env.store.people.employer_named(name_key("Société Générale")) is None
    # The same employer's name is Bo's to use too: unique per seeker, not per center.
    assert _log(bo_env, "Société Générale") != interview


def test_each_seeker_keeps_a_profile_and_mail_folders_of_their_own(center):
    _, app_url, (ana, bo) = center
    ana_env, bo_env = _env(app_url, ana), _env(app_url, bo)
    for env, name in ((ana_env, "Ana Lima"), (bo_env, "Bo Öberg")):
        set_profile(env, Profile(name, f"{name[:2].lower()}@mail.example", "+1 555 0100"))
        env.store.inbox.save_folder_state("INBOX", 7, 1)
    ana_env.store.inbox.save_folder_state("INBOX", 7, 42)  # again: updated, not added
    profiles = [env.store.people.profile() for env in (ana_env, bo_env)]
    assert [p.name if p else None for p in profiles] == ["Ana Lima", "Bo Öberg"]
    assert ana_env.store.inbox.folder_state("INBOX") == (7, 42)
    assert bo_env.store.inbox.folder_state("INBOX") == (7, 1)


def test_the_owner_sees_both_and_each_row_has_its_seeker(center):
    url, app_url, (ana, bo) = center
    _log(_env(app_url, ana), "Acme")
    _log(_env(app_url, bo), "Acme")
    owner = connect(url)
    rows = owner.execute("SELECT seeker_id, COUNT(*) FROM interviews GROUP BY seeker_id"
                         " ORDER BY seeker_id").fetchall()
    owner.close()
    assert [tuple(r) for r in rows] == [(ana, 1), (bo, 1)]


def test_a_connection_bound_to_no_one_can_neither_read_nor_write(center):
    _, app_url, (ana, _) = center
    _log(_env(app_url, ana), "Acme")
    unbound = _env(app_url, None)
    with pytest.raises(StorageError):
        queries.today(unbound, date(2026, 12, 31))
    unbound = _env(app_url, None)
    with pytest.raises(StorageError):
        _log(unbound, "Initech")


def test_a_row_written_for_another_seeker_is_refused(center):
    _, app_url, (ana, bo) = center
    env = _env(app_url, ana)
    with pytest.raises(StorageError), env.store.write():
        env.store.db.execute("INSERT INTO meta (key, value, seeker_id) VALUES ('x', 'y', ?)",
                             (bo,))


def test_org_init_makes_a_center_once_and_only_of_a_new_postgresql_database(run, backend):
    result = run("org", "init")
    if backend == "sqlite":
        assert result.exit_code == 2
        assert result.output == ("insidetrack: error: --db: career-center mode needs a "
                                 "PostgreSQL database: give its postgresql://... URL\n")
        return
    assert result.exit_code == 0, result.output
    assert "is now a career center's database" in result.output
    assert "is already a career center's database" in run.ok("org", "init")
    added = run.ok("org", "seeker", "add", "--email", "zoe@uni.example", "--name", "Zoë Müller")
    assert added == "Added Zoë Müller <zoe@uni.example> as job seeker 1.\n"
    again = run("org", "seeker", "add", "--email", "zoe@uni.example", "--name", "Zoë")
    assert again.exit_code != 0
    assert again.output == ("insidetrack: error: zoe@uni.example is already one of the "
                            "center's people\n")
    bad = run("org", "seeker", "add", "--email", "zoe at uni", "--name", "Zoë")
    assert bad.output.startswith("insidetrack: error: --email: 'zoe at uni' is not")


def test_org_init_refuses_a_database_with_someones_data(run, backend):
    if backend == "sqlite":
        pytest.skip("career-center mode is PostgreSQL only (the test above)")
    run.ok("demo")
    result = run("org", "init")
    assert result.exit_code != 0
    assert "only a new, empty database can be a center's" in result.output
    assert run.json("today", "--date", "2026-11-25")["items"]  # and nothing was changed
    assert "org_people" not in run.ok("export", "json")


def test_org_init_refuses_a_role_name_it_cannot_quote(run):
    result = run("org", "init", "--app-role", "app; DROP TABLE steps")
    assert result.output.startswith("insidetrack: error: --app-role: 'app; DROP TABLE steps'")


def test_single_user_commands_refuse_a_centers_database(postgres):
    """As its owner (a superuser here) `today` would list every job seeker's steps at once,
    and as the app's role its writes fail: both are refused in one line; the org commands
    run, and a setting that plans nothing is saved without opening the database."""
    from conftest import Cli, close_pools

    url = postgres.new_database()
    role = f"app_{os.getpid()}_{next(_roles)}"
    owner, app = Cli(url), Cli(url.replace("postgres@", f"{role}@"))
    try:
        owner.ok("org", "init", "--app-role", role)
        for run, command in ((owner, ("today",)), (app, ("interview", "list")),
                             (owner, ("export", "json"))):
            refused = run(*command)
            assert refused.exit_code == 2
            assert refused.output == (
                "insidetrack: error: --db: this is a career center's database: the "
                "single-user commands do not run on it; use the org commands (insidetrack "
                "org --help), or its web app (serve --org)\n")
        assert "No one" in app.ok("org", "people")  # the app's role reads the roster
        added = app("org", "person", "add", "--email", "kim@uni.example", "--name", "Kim",
                    "--role", "coach")
        assert added.exit_code == 1 and added.output.endswith(
            "(the role in the --db URL may not do this; a career center's org commands take"
            " its owner's URL)\n")
        said = owner.ok("config", "set", "web.allowed_hosts", "careers.uni.example")
        assert said == "web.allowed_hosts = careers.uni.example\n"
    finally:
        close_pools(url)
