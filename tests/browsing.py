"""What the real-browser tests share: the app served as a user runs it, and Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from servers import free_port, wait_for_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(os.environ.get("INSIDETRACK_ARTIFACTS",
                                Path(__file__).parent.parent / "test-artifacts"))


@contextmanager
def served(tmp_path: Path, demo: bool = False, **env_extra: str) -> Iterator[str]:
    """Run `insidetrack serve` on a fresh database (the demo's, if asked); yield its URL."""
    env = {**os.environ, "INSIDETRACK_CONFIG": str(tmp_path / "config.toml"),
           "TZ": "America/New_York", **env_extra}
    script = str(Path(sys.executable).parent / "insidetrack")
    db = str(tmp_path / "web.db")
    if demo:
        subprocess.run([script, "--db", db, "demo"], env=env, check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen([script, "--db", db, "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_for_port(port, proc, "insidetrack serve")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def chromium() -> Iterator[Any]:
    """Launch Debian's Chromium through Playwright; yield the browser."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def onboard(page: Any, url: str) -> None:
    """Fill in the first page as a new user: who you are."""
    page.goto(url + "/")
    page.fill("input[name=name]", "Dana Whitfield")
    page.fill("input[name=email]", "dana@example.com")
    page.fill("input[name=phone]", "+1 555 0100")
    page.fill("input[name=field]", "Sales")
    page.fill("input[name=years]", "6")
    page.fill("input[name=specialty]", "autos")


def fill_sending(page: Any, smtp_port: int) -> Any:
    """Type a loopback SMTP server into Settings' mail account, as a user does; return it."""
    mail = page.locator("#mail")
    mail.get_by_label("Sending server").fill("127.0.0.1")
    mail.get_by_label("Sending port").fill(str(smtp_port))
    mail.get_by_label("Sending security").select_option(label="None (not private)")
    mail.get_by_label("Sending user name").fill("dana@example.com")
    return mail
