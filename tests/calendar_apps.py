"""The user's side of a CalDAV calendar: real programs from PyPI, run as their users run them.

Radicale is the CalDAV server. vdirsyncer (its own CalDAV client, on aiohttp: nothing
shared with the `caldav` library insidetrack uses) copies its calendars into local
folders and back; todoman ticks to-dos done, moves, adds and deletes them in those
folders, as a todoman user does; khal reads events from a folder.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from servers import free_port, wait_for_port

BIN = Path(sys.executable).parent
ZONE = "America/New_York"  # the tests' zone (conftest.TZ)


@contextmanager
def radicale_server(folder: Path, *options: str) -> Iterator[str]:
    """Run Radicale on a loopback port with its collections in `folder` (and these command
    line options); yield its URL.

    Its log goes to a file: a pipe nobody reads fills up and stops the server.
    """
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    log = folder.parent / "radicale.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
             "--storage-filesystem-folder", str(folder), "--auth-type", "none", *options],
            stdout=subprocess.DEVNULL, stderr=sink,
        )
    try:
        try:
            wait_for_port(port, proc, "Radicale")
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}{log.read_text(errors='replace')}") from None
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


VDIRSYNCER = """\
[general]
status_path = "{root}/status/"

[pair calendars]
a = "server"
b = "phone"
collections = ["from a"]
metadata = ["displayname"]

[storage server]
type = "caldav"
url = "{url}"
username = "dana"
password = "x"

[storage phone]
type = "filesystem"
path = "{root}/calendars/"
fileext = ".ics"
"""

TODOMAN = """\
path = "{root}/calendars/*"
date_format = "%Y-%m-%d"
time_format = "%H:%M"
cache_path = "{root}/todoman.sqlite3"
"""


class TodomanUser:
    """Someone who keeps their to-dos with todoman, synced to the server by vdirsyncer."""

    def __init__(self, root: Path, url: str) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        (root / "vdirsyncer").write_text(VDIRSYNCER.format(root=root, url=url))
        (root / "todoman.py").write_text(TODOMAN.format(root=root))

    def _run(self, *args: str, stdin: str = "") -> str:
        env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(self.root), "TZ": ZONE,
               "VDIRSYNCER_CONFIG": str(self.root / "vdirsyncer"), "LANG": "C.UTF-8"}
        done = subprocess.run(args, input=stdin, capture_output=True, text=True, env=env,
                              check=False, timeout=120)
        assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
        return done.stdout

    def sync(self) -> None:
        """Run vdirsyncer as its user does: find new calendars (say yes), then sync."""
        self._run(str(BIN / "vdirsyncer"), "discover", stdin="y\n" * 20)
        self._run(str(BIN / "vdirsyncer"), "metasync")  # the calendars' names
        self._run(str(BIN / "vdirsyncer"), "sync")

    def todo(self, *args: str) -> str:
        return self._run(str(BIN / "todo"), "--config", str(self.root / "todoman.py"), *args)

    def todos(self, status: str = "ANY") -> list[dict[str, object]]:
        """Return todoman's listing (its porcelain JSON), every list, done ones too."""
        return list(json.loads(self.todo("--porcelain", "list", "--status", status)))

    def find(self, summary_start: str) -> dict[str, object]:
        found = [t for t in self.todos() if str(t["summary"]).startswith(summary_start)]
        assert len(found) == 1, found
        return found[0]

    def lists(self) -> dict[str, list[Path]]:
        """Return each local calendar folder (by its name on the server) and its files."""
        folders = (self.root / "calendars").iterdir()
        return {(f / "displayname").read_text().strip(): sorted(f.glob("*.ics"))
                for f in folders if f.is_dir()}


def due_of(todo: dict[str, object]) -> datetime:
    """Return a to-do's due time from todoman's porcelain listing (seconds since 1970)."""
    return datetime.fromtimestamp(int(str(todo["due"])), ZoneInfo(ZONE))


KHAL = """\
[calendars]
[[mine]]
path = {root}/calendar
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = {zone}
default_timezone = {zone}

[sqlite]
path = {root}/khal.db
"""


class KhalUser:
    """Someone whose calendar is khal (a calendar of events: it has no to-dos)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "calendar").mkdir(parents=True)
        (root / "khal.conf").write_text(KHAL.format(root=root, zone=ZONE))

    def khal(self, *args: str) -> str:
        env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(self.root), "TZ": ZONE,
               "LANG": "C.UTF-8"}
        done = subprocess.run([str(BIN / "khal"), "-c", str(self.root / "khal.conf"), *args],
                              capture_output=True, text=True, env=env, check=False, timeout=120)
        assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
        return done.stdout

    def import_file(self, path: Path) -> None:
        self.khal("import", "--batch", "-a", "mine", str(path))

    def agenda(self, start: str, days: int) -> list[str]:
        """Return `khal list` from a day: one line per event, its day, time and title."""
        out = self.khal("list", "--format", "{start-date} {start-time} {title}",
                        "--day-format", "", start, f"{days}d")
        return [line for line in out.splitlines() if line.strip()]
