"""Every page passes axe-core (WCAG 2.2 AA) and fits a phone, in a real browser (Chromium).

The pages are tried empty, with the demo data, and in their error states, at a desktop width
(1280 px) and a phone's (375 px). Screenshots of the phone layout go to test-artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import model_server
from browsing import CHROMIUM, chromium, served
from test_web_browser import shot

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Chromium is not installed (make test installs it)")
smollm = model_server.smollm  # the real model's server, for the polish page

PAGES = ["/", "/today", "/pipeline", "/interviews/new", "/references", "/calendar", "/profile", "/settings",
         "/insights", "/interviews/1", "/steps/1/draft", "/steps/4/draft?voicemail=true",
         "/interviews/999", "/interviews/2/delete", "/search?q=fleet", "/applications/new",
         "/applications/1", "/applications/1/delete", "/pipeline?status=archived", "/trash",
         "/settings/account"]
WIDTHS = (1280, 375)
# A shell command or an option's name, which no page should show its reader.
def _commands() -> re.Pattern[str]:
    from insidetrack.cli.registry import COMMANDS  # every command, by name

    names = "|".join(sorted(COMMANDS, key=len, reverse=True))
    return re.compile(rf"\binsidetrack (?:{names})\b|(?<![\w-])--[a-z]")


COMMAND = _commands()
AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                            "wcag22aa", "best-practice"]}}


@pytest.fixture(params=["empty", "demo"])
def site(request, tmp_path):
    with served(tmp_path, demo=request.param == "demo") as url:
        yield request.param, url


@pytest.fixture
def browser():
    with chromium() as b:
        yield b


def _problems(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options=AA).response["violations"]
    return [f"{v['id']}: {n['target']}" for v in found for n in v["nodes"]]


def _wider_than_the_screen(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_every_page_passes_axe_and_fits_a_phone(site, browser):
    state, url = site
    report = []
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 800})
        for path in PAGES:
            page.goto(url + path)
            report += [f"{width}px {path}: {p}" for p in _problems(page)]
            if COMMAND.search(page.inner_text("body")):
                report.append(f"{width}px {path}: shows a command: "
                              f"{COMMAND.search(page.inner_text('body'))}")
            if width == 375 and _wider_than_the_screen(page) > 0:
                report.append(f"375px {path}: scrolls sideways by {_wider_than_the_screen(page)} px")
            if width == 375 and state == "demo" and path in ("/today", "/interviews/1", "/settings"):
                shot(page, f"phone-{path.strip('/').replace('/', '-')}")
        page.close()
    assert report == []


def test_forms_with_errors_pass_axe(browser, tmp_path):
    with served(tmp_path, demo=True) as url:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.goto(url + "/references")
        adding = page.locator("form", has_text="Add a reference")
        adding.locator("input[name=name]").fill("Alan Reyes")
        adding.locator("input[name=phone]").fill("not a phone")
        adding.get_by_role("button").click()
        assert page.locator(".field.invalid").count() >= 1
        settings = browser.new_page(viewport={"width": 375, "height": 800})
        settings.goto(url + "/settings")
        settings.get_by_label("Sending server").fill("not a host name")
        settings.get_by_role("button", name="Save mail account").click()
        assert settings.get_by_role("alert").is_visible()
        assert _problems(page) + _problems(settings) == []
        assert _wider_than_the_screen(page) <= 0 and _wider_than_the_screen(settings) <= 0


def test_an_application_is_tracked_given_up_and_brought_back_in_a_browser(browser, tmp_path):
    with served(tmp_path) as url:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.goto(url + "/pipeline")
        page.get_by_role("link", name="Track an application").click()
        page.get_by_label("Employer").fill("Globex")
        page.get_by_label("Job title").fill("Account Manager")
        page.get_by_label("Link to the job posting").fill("http://globex")
        page.get_by_role("button", name="Track it").click()
        assert page.get_by_role("alert").is_visible()  # the server wants a whole address
        report = _problems(page)
        page.get_by_label("Link to the job posting").fill("https://globex.example/jobs/7")
        page.get_by_label("Salary range").fill("$80,000-95,000")
        page.get_by_role("button", name="Track it").click()
        assert page.get_by_role("heading", name="Account Manager at Globex").is_visible()
        report += _problems(page)
        page.get_by_role("button", name="Close and archive…").click()
        report += _problems(page)  # the question
        page.get_by_role("button", name="Close and archive it").click()
        assert "Archived: Account Manager at Globex." in page.inner_text("body")
        report += _problems(page)
        page.get_by_role("button", name="Undo").click()
        assert "Back in Pipeline: Account Manager at Globex (applied)." in page.inner_text("body")
        page.goto(url + "/pipeline")
        assert "Applied" in page.get_by_role("link", name=re.compile("Globex")).inner_text()
        assert report == [] and _wider_than_the_screen(page) <= 0


def test_a_keyboard_user_skips_to_the_content_and_knows_where_they_are(browser, tmp_path):
    with served(tmp_path, demo=True) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url + "/today")
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Skip to the page's content")
        assert skip.is_visible()  # shown once it has the focus
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        current = page.locator("nav [aria-current=page]")
        assert current.inner_text() == "Today"
        done = page.get_by_role("button", name=re.compile(
            r"^Mark done\s*: Follow-up e-mail #2 to Priya Raman with a new fact$"))
        assert done.count() == 1  # each button names the step it acts on


def _polished(browser, url: str, step: int) -> tuple[object, list[str]]:
    """Press Polish on a draft as a user does; return the page and what axe finds there, at a
    desktop's width and then a phone's."""
    page = browser.new_page(viewport={"width": WIDTHS[0], "height": 800})
    page.set_default_timeout(150_000)  # a small model on 2 busy cores may take a minute
    page.goto(f"{url}/steps/{step}/draft")
    page.get_by_role("button", name=re.compile("^Polish")).click()
    page.wait_for_url(f"**/steps/{step}/polish")
    assert page.get_by_role("heading", name=re.compile("^Polished: ")).is_visible()
    report = [f"{WIDTHS[0]}px: {p}" for p in _problems(page)]
    page.set_viewport_size({"width": 375, "height": 800})
    report += [f"375px: {p}" for p in _problems(page)]
    if _wider_than_the_screen(page) > 0:
        report.append(f"375px: scrolls sideways by {_wider_than_the_screen(page)} px")
    return page, report


@pytest.mark.model
def test_the_polish_page_passes_axe_whatever_the_model_wrote(browser, tmp_path, smollm):
    (tmp_path / "config.toml").write_text(
        f'[ai]\nendpoint = "{smollm}"\ntimeout_seconds = 120\n')
    with served(tmp_path, demo=True) as url:
        page, report = _polished(browser, url, 47)
        text = page.inner_text("body")
        assert "Template draft" in text and "Polished by the model" in text, text
        shot(page, "phone-polish")
    assert report == []


def test_the_polish_page_passes_axe_with_the_model_down(browser, tmp_path):
    down = f"http://127.0.0.1:{model_server.free_port()}/v1"
    (tmp_path / "config.toml").write_text(f'[ai]\nendpoint = "{down}"\n')
    with served(tmp_path, demo=True) as url:
        page, report = _polished(browser, url, 47)
        assert page.get_by_role("alert").inner_text().startswith("Not polished: the model at")
    assert report == []
