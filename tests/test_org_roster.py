"""Career-center mode: the center's people, the roster import, cohorts, and a write lock per
job seeker, on a real PostgreSQL (tests/pg.py) as tests/test_org_isolation.py does.

What is checked is what an administrator would notice: who is in the center after an
import, in which cohort and with which coach, every bad row named with nothing written,
and that one student's writes never wait for another's.
"""

from __future__ import annotations

import itertools
import os

import pytest

from conftest import Cli
from insidetrack.domain.errors import StorageError
from insidetrack.storage.db import connect
from insidetrack.storage.store import Store

_roles = itertools.count()
HEADER = "Name;E-Mail;Student number;COHORT;Coach\r\n"  # any case and order, one column more


@pytest.fixture
def run(postgres, request) -> Cli:
    """A new center's database, as its owner, with one coach and one administrator."""
    from conftest import close_pools

    url = postgres.new_database()
    request.addfinalizer(lambda: close_pools(url))
    cli = Cli(url)
    cli.role = f"roster_{os.getpid()}_{next(_roles)}"  # type: ignore[attr-defined]
    cli.ok("org", "init", "--app-role", cli.role)  # type: ignore[attr-defined]
    assert cli.ok("org", "person", "add", "--email", "kim@uni.example", "--name", "Kim Ng",
                  "--role", "coach") == "Added Kim Ng <kim@uni.example> as coach 1.\n"
    cli.ok("org", "person", "add", "--email", "dean@uni.example", "--name", "Dean Ortiz",
           "--role", "admin")
    return cli


def _roster(tmp_path, *rows: str, encoding: str = "utf-8-sig", name: str = "roster.csv"):
    path = tmp_path / name
    path.write_bytes((HEADER + "".join(r + "\r\n" for r in rows)).encode(encoding))
    return str(path)


def _people(run: Cli, *args: str) -> list[tuple[str, str, list[str], list[str]]]:
    found = run.json("org", "people", "--role", "seeker", *args)
    return [(p["email"], p["name"], p["cohorts"], p["coaches"]) for p in found]


GOOD = ("Zoë Müller;zoe@uni.example;1001;Data 2026;kim@uni.example",
        "Ana Lima;ana@uni.example;1002;Data 2026;",
        "Bo Öberg;bo@uni.example;1003;;")


def test_a_roster_adds_its_students_with_their_cohorts_and_coaches(run, tmp_path):
    said = run.ok("org", "roster", "import", _roster(tmp_path, *GOOD))
    assert said == "Roster imported: 3 added, 0 updated, 0 unchanged.\nNew cohorts: Data 2026\n"
    assert _people(run) == [("ana@uni.example", "Ana Lima", ["Data 2026"], []),
                            ("bo@uni.example", "Bo Öberg", [], []),
                            ("zoe@uni.example", "Zoë Müller", ["Data 2026"], ["kim@uni.example"])]
    assert run.json("org", "people", "--role", "coach") == [
        {"id": 1, "email": "kim@uni.example", "name": "Kim Ng", "role": "coach",
         "cohorts": [], "coaches": [], "seekers": ["zoe@uni.example"],
         "disabled": False}]
    assert run.json("org", "cohorts") == [
        {"name": "Data 2026", "members": 2, "coaches": ["kim@uni.example"]}]
    assert [p[0] for p in _people(run, "--cohort", "data 2026")] == ["ana@uni.example",
                                                                    "zoe@uni.example"]
    table = run.ok("org", "cohorts")
    assert "Data 2026" in table and "kim@uni.example" in table


def test_each_imported_student_is_a_job_seeker_of_their_own(run, tmp_path):
    run.ok("org", "roster", "import", _roster(tmp_path, *GOOD))
    owner = connect(run.db)
    try:  # each has their own calendar instance, as `org seeker add` gives
        rows = owner.execute("SELECT COUNT(DISTINCT seeker_id) FROM meta"
                             " WHERE key = 'instance'").fetchone()
    finally:
        owner.close()
    assert rows[0] == 3


def test_a_roster_in_windows_1252_keeps_its_accents(run, tmp_path):
    path = _roster(tmp_path, "Zoë Müller;zoe@uni.example;1;Génie 2026;", encoding="cp1252")
    assert run.json("org", "roster", "import", path) == {
        "added": 1, "updated": 0, "unchanged": 0, "new_cohorts": ["Génie 2026"]}
    assert _people(run) == [("zoe@uni.example", "Zoë Müller", ["Génie 2026"], [])]


def test_every_bad_row_is_named_and_nothing_is_written(run, tmp_path):
    path = _roster(tmp_path,
                   "Ana Lima;ana@uni.example;1;Data 2026;",
                   "Bo Öberg;bo at uni;2;Data 2026;",
                   ";cy@uni.example;3;;",
                   "Dee;dee@uni.example;4;;zed@uni.example",
                   "Ana L.;ANA@uni.example;5;;",
                   "Kim;kim@uni.example;6;;",
                   "Eve;eve@uni.example;7;;dean@uni.example")
    result = run("org", "roster", "import", path)
    assert result.exit_code == 2
    assert result.output == (
        "insidetrack: error: FILE: 6 bad row(s), nothing imported: "
        "row 3: 'bo at uni' is not an e-mail address like name@example.com; "
        "row 4: the name is missing; "
        "row 5: coach zed@uni.example is not one of the center's coaches; add them first: "
        "insidetrack org person add --email zed@uni.example --name NAME --role coach; "
        "row 6: ANA@uni.example is listed twice (row 2 too); "
        "row 7: kim@uni.example is a coach of the center, not a student; "
        "row 8: coach dean@uni.example is an administrator, not a coach\n")
    assert _people(run) == []
    assert run.json("org", "cohorts") == []


def test_a_file_without_the_email_column_is_refused_saying_which_it_has(run, tmp_path):
    path = tmp_path / "students.csv"
    path.write_text("Student,Cohort\nZoë,Data\n", encoding="utf-8")
    result = run("org", "roster", "import", str(path))
    assert result.output == (
        "insidetrack: error: FILE: the file has no email or name column (its columns: "
        "'Student', 'Cohort'); a roster has the columns email, name, cohort, coach\n")


def test_importing_again_updates_names_cohorts_and_coaches_without_duplicates(run, tmp_path):
    run.ok("org", "person", "add", "--email", "lee@uni.example", "--name", "Lee Park",
           "--role", "coach")
    run.ok("org", "roster", "import", _roster(tmp_path, *GOOD))
    again = _roster(tmp_path,
                    "Zoë Müller-Berg;zoe@uni.example;1001;Data 2026;",  # renamed, no coach
                    "Ana Lima;ANA@uni.example;1002;Design 2027;lee@uni.example",  # moved
                    "Bo Öberg;bo@uni.example;1003;;",  # as before
                    "Cy Dube;cy@uni.example;1004;design 2027;lee@uni.example",  # new
                    name="again.csv")
    assert run.json("org", "roster", "import", again) == {
        "added": 1, "updated": 2, "unchanged": 1, "new_cohorts": ["Design 2027"]}
    assert _people(run) == [
        ("ana@uni.example", "Ana Lima", ["Design 2027"], ["lee@uni.example"]),
        ("bo@uni.example", "Bo Öberg", [], []),
        ("cy@uni.example", "Cy Dube", ["Design 2027"], ["lee@uni.example"]),
        ("zoe@uni.example", "Zoë Müller-Berg", ["Data 2026"], [])]
    assert run.json("org", "cohorts") == [
        {"name": "Data 2026", "members": 1, "coaches": []},
        {"name": "Design 2027", "members": 2, "coaches": ["lee@uni.example"]}]
    assert run.ok("org", "roster", "import", again) == (
        "Roster imported: 0 added, 0 updated, 4 unchanged.\n")


def test_a_roster_without_cohort_and_coach_columns_leaves_them_as_they_are(run, tmp_path):
    run.ok("org", "roster", "import", _roster(tmp_path, *GOOD))
    names = tmp_path / "names.csv"
    names.write_text("email,name\nzoe@uni.example,Zoë M.\n", encoding="utf-8")
    run.ok("org", "roster", "import", str(names))
    assert _people(run, "--cohort", "Data 2026")[1] == (
        "zoe@uni.example", "Zoë M.", ["Data 2026"], ["kim@uni.example"])


def test_the_people_of_a_cohort_that_is_not_there(run):
    result = run("org", "people", "--cohort", "Data 2030")
    assert result.exit_code == 3
    assert result.output == ("insidetrack: error: no cohort named 'Data 2030' "
                             "(the cohorts: none yet)\n")


def test_a_person_is_added_once_whatever_the_case_of_their_address(run):
    result = run("org", "person", "add", "--email", "KIM@uni.example", "--name", "Kim",
                 "--role", "seeker")
    assert result.output == ("insidetrack: error: KIM@uni.example is already one of the "
                             "center's people\n")


@pytest.mark.parametrize("args", [("org", "roster", "import", "FILE"), ("org", "people"),
                                  ("org", "cohorts"),
                                  ("org", "person", "add", "--email", "a@b.example", "--name",
                                   "A", "--role", "coach")])
def test_a_sqlite_database_is_refused_with_one_line(tmp_path, args):
    file = _roster(tmp_path, *GOOD)
    result = Cli(tmp_path / "mine.db")(*(file if a == "FILE" else a for a in args))
    assert result.exit_code == 2
    assert result.output == ("insidetrack: error: --db: career-center mode needs a "
                             "PostgreSQL database: give its postgresql://... URL\n")


def test_a_postgresql_database_that_is_no_center_is_refused_saying_how(postgres, request):
    from conftest import close_pools

    url = postgres.new_database()
    request.addfinalizer(lambda: close_pools(url))
    result = Cli(url)("org", "people")
    assert result.output == ("insidetrack: error: --db: this is not a career center's database "
                             "(make one with: insidetrack --db postgresql://... org init)\n")


@pytest.fixture
def center(postgres, request):
    """Return the app role's URL and two seekers' ids of a new center's database."""
    from conftest import close_pools

    url = postgres.new_database()
    role = f"lock_{os.getpid()}_{next(_roles)}"
    owner = Store(connect(url))
    try:
        owner.center.organise(role)
        seekers = [owner.center.add_seeker(f"{n}@uni.example", n) for n in ("ana", "bo")]
    finally:
        owner.close()
    app_url = url.replace("postgres@", f"{role}@")
    request.addfinalizer(lambda: (close_pools(app_url), close_pools(url)))
    return app_url, seekers


def _bound(app_url: str, seeker: int) -> Store:
    store = Store(connect(app_url, upgrade=False))
    store.center.bind(seeker)
    store.db.execute("SET lock_timeout = '1s'")  # a writer that waits gives up after 1 s
    return store


def test_two_seekers_write_at_once_and_one_seekers_writers_take_turns(center):
    app_url, (ana, bo) = center
    ana_1, ana_2, bo_1 = _bound(app_url, ana), _bound(app_url, ana), _bound(app_url, bo)
    try:
        with ana_1.write():
            ana_1.db.execute("INSERT INTO meta (key, value) VALUES ('a', '1')")
            with bo_1.write():  # Bo does not wait for Ana's open transaction
                bo_1.db.execute("INSERT INTO meta (key, value) VALUES ('b', '1')")
            with pytest.raises(StorageError, match="lock timeout"), ana_2.write():
                pass  # Ana's second writer waits for her first
        with ana_2.write():  # and writes once the first is done
            ana_2.db.execute("INSERT INTO meta (key, value) VALUES ('c', '1')")
        keys = ana_2.db.execute("SELECT key FROM meta ORDER BY key").fetchall()
        assert [k[0] for k in keys] == ["a", "c", "instance"]
    finally:
        for store in (ana_1, ana_2, bo_1):
            store.close()


def test_the_app_role_reads_the_roster_and_cannot_change_it(run, tmp_path):
    run.ok("org", "roster", "import", _roster(tmp_path, *GOOD))
    app = connect(str(run.db).replace("postgres@", f"{run.role}@"), upgrade=False)
    try:
        assert app.execute("SELECT COUNT(*) FROM cohort_members").fetchone()[0] == 2
        with pytest.raises(StorageError, match="permission denied"):
            app.execute("DELETE FROM coach_seekers")
    finally:
        app.close()
