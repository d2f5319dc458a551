"""The web app in-process (FastAPI's TestClient) over a test's database, with one interview.

Shared by the web tests that fix things (facts, notes, undo): a user with a profile and an
interview with Acme Motors, logged on time, and a client that follows redirects as a browser
does, cookie (the flash message) and all.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from conftest import NOW, TZ  # noqa: E402

BASE = "http://127.0.0.1:8765"
SAME = {"Origin": BASE}  # a form posted from the app's own pages


def acme(run: Any, *more: str) -> None:
    """A profile and an interview with Acme Motors (Jane Roe, and `more` options of
    `interview add`), as the CLI enters them."""
    run.ok("profile", "set", "--name", "Dana Whitfield", "--email", "dana@example.com",
           "--phone", "+1 555 0100", "--field", "Sales", "--years", "6")
    run.logged_on_time("interview", "add", "--employer", "Acme Motors", "--job-title",
                       "Sales Manager", "--at", "2026-11-24 10:00",
                       "--interviewer", "Jane Roe <jane@acme.example>", *more)


def client(db_path: Path | str) -> TestClient:
    app = create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ), Guard(port=8765))
    return TestClient(app, base_url=BASE, follow_redirects=False)


def after(web: TestClient, response: Any) -> str:
    """Follow the redirect the way a browser does, cookie and all; return the page."""
    assert response.status_code == 303, response.text[:300]
    return web.get(response.headers["location"]).text
