"""A center's administrator and a new student in a real browser, on `insidetrack serve --org`:
the sign-in link made, copied and opened, the student's first page, and a roster file too
large for the upload said under its field (the server reads it all before answering, so the
browser shows the page rather than a reset connection).
"""

from __future__ import annotations

import itertools
import os
from typing import Any

import pytest

from browsing import chromium
from conftest import Cli

PASSWORD = "a long enough secret"
_roles = itertools.count()


@pytest.fixture(scope="module")
def served(postgres):
    """Yield (the server's address, the browser): an administrator with a password, and Cy
    from the roster with none."""
    from conftest import close_pools
    from test_web_workers import served as serve

    url = postgres.new_database()
    run = Cli(url)
    run.ok("org", "init", "--app-role", role := f"adminweb_{os.getpid()}_{next(_roles)}")
    run.ok("org", "person", "add", "--email", "ad@uni.example", "--name", "Ada Admin",
           "--role", "admin")
    run.ok("org", "seeker", "add", "--email", "cy@uni.example", "--name", "Cy Dvořák")
    said = run("org", "password", "--email", "ad@uni.example", "--password-stdin",
               input=PASSWORD + "\n")
    assert said.exit_code == 0, said.output
    app_url = url.replace("postgres@", f"{role}@")
    try:
        with serve(app_url, "--org") as (base, _), chromium() as browser:
            yield base, browser
    finally:
        close_pools(url)


def _admin(browser: Any, base: str) -> Any:
    page = browser.new_context().new_page()
    page.goto(base + "/login")
    page.get_by_label("E-mail").fill("ad@uni.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/")
    page.goto(base + "/center/admin")
    return page


def test_a_new_student_signs_in_through_the_link_the_administrator_copied(served):
    base, browser = served
    admin = _admin(browser, base)
    admin.click("button[aria-label='Make a sign-in link for Cy Dvořák']")
    link = admin.input_value("input[aria-label='Sign-in link']")
    assert link.startswith(base + "/login/link/")
    assert "it works once, until" in admin.inner_text("#sign-in-link")
    cy = browser.new_context().new_page()
    cy.goto(base + "/login")
    assert "New here? Ask your career center for your sign-in link." in cy.inner_text("main")
    cy.goto(link)
    assert "Welcome, Cy Dvořák" in cy.inner_text("h1")
    cy.fill("input[name=password]", "cy chooses this")
    cy.fill("input[name=repeated]", "cy chooses this")
    cy.get_by_role("button", name="Save my password and sign in").click()
    cy.wait_for_url(base + "/")
    assert "About you" in cy.inner_text("main")
    assert cy.input_value("input[name=name]") == "Cy Dvořák"
    assert cy.input_value("input[name=email]") == "cy@uni.example"


def test_a_roster_over_20_mb_is_refused_under_its_field(served, tmp_path):
    base, browser = served
    huge = tmp_path / "roster.csv"
    huge.write_bytes(b"email,name\n" + b"x" * 21_000_000)
    admin = _admin(browser, base)
    admin.set_input_files("input[name=roster]", str(huge))
    admin.click("#roster button[type=submit]")
    alert = admin.locator("#roster em[role=alert]")
    alert.wait_for(timeout=60_000)
    assert "the file is larger than 20 MB" in alert.inner_text()
    assert "Roster file (CSV)" in admin.inner_text("#roster label")
