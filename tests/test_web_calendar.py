"""The Calendar page: a feed calendar apps subscribe to, a download, and a push to a real
CalDAV server (Radicale), each said in one sentence."""

from __future__ import annotations

import warnings
from datetime import UTC, timedelta

import pytest
from icalendar import Calendar

from insidetrack.services.access import hash_password
from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from conftest import NOW, TZ  # noqa: E402

BASE = "http://127.0.0.1:8765"
SAME = {"Origin": BASE}


@pytest.fixture
def client(db_path, run):
    run.logged_on_time("interview", "add", "--employer", "Acme Motors", "--job-title",
                       "Sales Manager", "--at", "2026-11-24 10:00",
                       "--interviewer", "Jane Roe <jane@acme.example>")
    app = create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ), Guard(port=8765))
    return TestClient(app, base_url=BASE, follow_redirects=False)


def _todos(data: bytes) -> list[str]:
    return sorted(str(t["summary"]) for t in Calendar.from_ical(data).walk("VTODO"))


def _main(html: str) -> str:
    return html.split("<main", 1)[1]


def test_the_page_says_what_each_way_is_for_without_a_command(client):
    page = client.get("/calendar")
    assert page.status_code == 200
    main = _main(page.text)
    assert "fetches this address every few hours" in main
    assert "overdue and those due in the next 8 weeks" in main
    assert 'value="http://127.0.0.1:8765/calendar.ics"' in main
    assert "to import once into any calendar app" in main
    assert "First give your calendar server's address in" in main  # no CalDAV set up yet
    assert "--" not in main and "insidetrack config" not in main
    assert 'aria-current="page">Calendar' in page.text


def test_the_feed_holds_the_next_weeks_and_the_download_every_pending_step(client, run):
    pending = [s for s in run.json("plan", "1")["steps"] if s["status"] == "pending"]
    soon = [s for s in pending if s["due"] < (NOW + timedelta(weeks=8)).isoformat()]
    feed = client.get("/calendar.ics")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert "content-disposition" not in feed.headers  # an app polls it in place
    assert len(_todos(feed.content)) == len(soon) < len(pending) == 9
    assert "Thank-you e-mail to Jane Roe: Acme Motors, Sales Manager" in _todos(feed.content)
    download = client.get("/calendar.ics?download=true")
    assert download.headers["content-disposition"] == 'attachment; filename="insidetrack.ics"'
    assert len(_todos(download.content)) == 9
    run.ok("done", "1")
    assert len(_todos(client.get("/calendar.ics").content)) == len(soon) - 1  # follows the plan
    run.ok("config", "set", "calendar.feed_weeks", "52")
    assert len(_todos(client.get("/calendar.ics").content)) == 8


def test_an_unchanged_feed_answers_not_modified_and_a_changed_one_anew(client, run):
    first = client.get("/calendar.ics")
    etag = first.headers["etag"]
    again = client.get("/calendar.ics", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert first.headers["content-encoding"] == "gzip"  # the client asked for it
    plain = client.get("/calendar.ics", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == first.content
    run.ok("interview", "edit", "1", "--job-title", "Sales Partner")  # as long
    changed = client.get("/calendar.ics", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert "Thank-you e-mail to Jane Roe: Acme Motors, Sales Partner" in _todos(changed.content)
    run.ok("done", "1")
    done = client.get("/calendar.ics", headers={"If-None-Match": changed.headers["etag"]})
    assert done.status_code == 200 and len(_todos(done.content)) == len(_todos(changed.content)) - 1


def test_an_entry_says_when_it_last_changed_and_the_others_keep_their_stamp(db_path, run):
    """Entries are written again only when they change: a calendar app sees the changed
    one's DTSTAMP move (RFC 5545: its last change) and the others' stay."""
    for employer, person in (("Acme Motors", "Jane Roe"), ("Brightwave", "Bo Lind")):
        run.logged_on_time("interview", "add", "--employer", employer, "--job-title", "Rep",
                           "--at", "2026-11-24 10:00", "--interviewer", person)
    clock = [NOW]
    app = create_app(WebConfig(db_path, clock=lambda: clock[0], tz=TZ), Guard(port=8765))
    web = TestClient(app, base_url=BASE, follow_redirects=False)

    def stamps() -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for todo in Calendar.from_ical(web.get("/calendar.ics").content).walk("VTODO"):
            employer = str(todo["summary"]).split(": ")[1].split(",")[0]
            found.setdefault(employer, set()).add(todo.decoded("dtstamp").isoformat())
        return found

    first = stamps()
    clock[0] = NOW + timedelta(hours=2)
    run.ok("interview", "edit", "2", "--job-title", "Account Executive")
    later = stamps()
    assert later["Acme Motors"] == first["Acme Motors"] == {NOW.astimezone(UTC).isoformat()}
    assert later["Brightwave"] == {clock[0].astimezone(UTC).isoformat()}


def test_push_writes_the_steps_to_a_real_caldav_server(client, run, radicale):
    run.ok("config", "set", "caldav.url", radicale)
    run.ok("config", "set", "caldav.user", "dana")
    page = client.post("/calendar/push", headers=SAME)
    assert page.status_code == 200
    assert "Calendar &#39;insidetrack&#39;: 9 added, 0 updated" in page.text
    again = client.post("/calendar/push", headers=SAME)
    assert "0 added, 0 updated, 0 marked completed, 0 restored, 0 removed, 9 unchanged" in again.text


def test_a_server_that_cannot_be_reached_is_said_in_words(client, run):
    from servers import free_port

    run.ok("config", "set", "caldav.url", f"http://127.0.0.1:{free_port()}/dana/")
    page = client.post("/calendar/push", headers=SAME)
    assert page.status_code == 502
    assert "cannot be used" in page.text and "Traceback" not in page.text


def test_beyond_loopback_the_feed_needs_its_own_key(db_path, run):
    guard = Guard(port=8765, bind_host="192.0.2.10", password_hash=hash_password("correct horse"))
    app = create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ), guard)
    remote = TestClient(app, base_url="http://192.0.2.10:8765", follow_redirects=False)
    origin = {"Origin": "http://192.0.2.10:8765"}
    assert remote.get("/calendar.ics").status_code == 303  # to the login page
    assert remote.get("/calendar.ics?token=guess").status_code == 401
    remote.post("/login", headers=origin, data={"password": "correct horse"})
    assert "Make a private subscription address" in remote.get("/calendar").text
    made = remote.post("/calendar/link", headers=origin).text
    address = made.split('id="feed-address" class="copy" readonly value="', 1)[1].split('"')[0]
    assert address.startswith("http://192.0.2.10:8765/calendar.ics?token=")
    app_side = TestClient(app, base_url="http://192.0.2.10:8765", follow_redirects=False)
    assert app_side.get(address.replace("http://192.0.2.10:8765", "")).status_code == 200
    assert "calendar subscription" in run.ok("api-token", "list")


def test_a_step_ticked_in_the_user_s_calendar_app_is_taken_in_from_the_page(client, run, radicale,
                                                                             tmp_path):
    from calendar_apps import TodomanUser

    run.ok("config", "set", "caldav.url", radicale)
    run.ok("config", "set", "caldav.user", "dana")
    assert "Take in my calendar's changes" in client.get("/calendar").text
    client.post("/calendar/push", headers=SAME)
    user = TodomanUser(tmp_path / "user", radicale)
    user.sync()
    user.todo("done", str(user.find("Thank-you e-mail to Jane Roe")["id"]))
    user.sync()
    pushed = client.post("/calendar/push", headers=SAME).text
    assert "ticked done in your calendar; left as it is until you take your calendar&#39;s " \
           "changes in." in pushed
    assert next(s for s in run.json("plan", "1")["steps"] if s["id"] == 1)["status"] == "pending"
    taken = client.post("/calendar/sync", headers=SAME).text
    assert "ticked done in your calendar; marked done at" in taken
    assert next(s for s in run.json("plan", "1")["steps"] if s["id"] == 1)["status"] == "done"


def test_an_archived_opening_leaves_the_feed_and_comes_back_with_it(client, run):
    run.ok("log", "1", "decision", "--outcome", "rejected")
    decided = _todos(client.get("/calendar.ics").content)
    assert any(t.startswith("Gracious e-mail to Jane Roe") for t in decided)
    run.ok("archive", "1")
    assert _todos(client.get("/calendar.ics").content) == []
    run.ok("unarchive", "1")
    assert _todos(client.get("/calendar.ics").content) == decided


def test_what_an_entry_shows_besides_its_step_changes_the_feed_and_its_etag(client, run,
                                                                          tmp_path):
    """A new job title, an archived opening, an employer renamed (by restoring an edited
    export): each reaches the next poll, under a new ETag."""
    def poll() -> tuple[str, list[str]]:
        answer = client.get("/calendar.ics")
        return answer.headers["etag"], _todos(answer.content)

    seen = [poll()]
    assert "Thank-you e-mail to Jane Roe: Acme Motors, Sales Manager" in seen[-1][1]
    run.ok("interview", "edit", "1", "--job-title", "Sales Director")
    seen.append(poll())
    assert "Thank-you e-mail to Jane Roe: Acme Motors, Sales Director" in seen[-1][1]
    run.ok("log", "1", "decision", "--outcome", "rejected")  # only then can it be archived
    seen.append(poll())
    run.ok("archive", "1")
    seen.append(poll())
    assert seen[-1][1] == []
    run.ok("unarchive", "1")
    seen.append(poll())
    assert seen[-1][1] == seen[-3][1]
    renamed = tmp_path / "renamed.json"
    renamed.write_text(run.ok("export", "json").replace('"Acme Motors"', '"Acme Trucks"'))
    run.ok("restore", str(renamed))
    seen.append(poll())
    assert seen[-1][1] == ["Gracious e-mail to Jane Roe: thank them, ask to be kept in mind: "
                           "Acme Trucks, Sales Director"]
    assert [t.replace("Acme Trucks", "Acme Motors") for t in seen[-1][1]] == seen[-2][1]
    assert len({etag for etag, _ in seen}) == len(seen)
    unchanged = client.get("/calendar.ics", headers={"If-None-Match": seen[-1][0]})
    assert unchanged.status_code == 304


def test_an_employer_renamed_in_the_database_itself_reaches_the_next_poll(client, db_path):
    """No command renames an employer; a user may, with sqlite3 or psql."""
    from insidetrack.storage.database import open_database

    first = client.get("/calendar.ics")
    db = open_database(db_path)
    db.execute("UPDATE employers SET name = 'Acme Trucks' WHERE name = 'Acme Motors'")
    db.close()
    renamed = client.get("/calendar.ics", headers={"If-None-Match": first.headers["etag"]})
    assert renamed.status_code == 200
    assert "Thank-you e-mail to Jane Roe: Acme Trucks, Sales Manager" in _todos(renamed.content)
