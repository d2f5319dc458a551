"""The note fields' live preview in a real browser (Debian's Chromium, driven by Playwright)."""

from __future__ import annotations

from test_web_browser import page, pytestmark, server, shot  # noqa: F401 (fixtures, the skip)


def test_the_preview_shows_the_sentence_as_it_will_read(server, page):  # noqa: F811
    page.goto(server + "/interviews/new")
    preview = page.locator("textarea[name=topic] ~ output.preview")
    assert preview.text_content() == ""
    page.fill("textarea[name=topic]", "about fleet sales")
    assert preview.text_content() == "I enjoyed our conversation about fleet sales"
    page.fill("textarea[name=emphasis]", "their long-term accounts\nsomething else")
    assert (page.locator("textarea[name=emphasis] ~ output.preview").text_content()
            == "I appreciated your emphasis on their long-term accounts")
    shot(page, "note-preview")
