"""The draft page: what the user edited is what is downloaded, printed and sent."""

from __future__ import annotations

import email
import io
import warnings

import pytest
from pypdf import PdfReader

from insidetrack.web.app import create_app
from insidetrack.web.context import WebConfig
from insidetrack.web.security import Guard

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from conftest import NOW, TZ  # noqa: E402

BASE = "http://127.0.0.1:8765"
SAME = {"Origin": BASE}
ADDED = "PS: the fleet deal closed a week early."


@pytest.fixture
def demo(db_path):
    app = create_app(WebConfig(db_path, clock=lambda: NOW, tz=TZ), Guard(port=8765))
    client = TestClient(app, base_url=BASE, follow_redirects=False)
    assert client.post("/demo", headers=SAME).status_code == 303
    return client


def _edited(demo, step_id: int) -> str:
    text = demo.get(f"/api/steps/{step_id}/draft").json()["text"]
    return text.replace("Dana Whitfield\n", f"Dana Whitfield\n\n{ADDED}\n", 1)


def test_download_eml_carries_the_edited_text(demo):
    edited = _edited(demo, 12).replace("Subject: Still keen", "Subject: Very keen")
    eml = demo.post("/steps/12/draft.eml", headers=SAME, data={"text": edited.replace("\n", "\r\n")})
    assert eml.status_code == 200
    message = email.message_from_bytes(eml.content)
    assert message["Subject"].startswith("Very keen on the Account Executive role")
    assert ADDED in message.get_payload() and message["To"].endswith("<priya@brightwave.example>")


def test_an_edited_eml_that_fails_the_lint_is_not_downloaded(demo):
    edited = _edited(demo, 12).replace("Dear Priya Raman", "Dear Priya Raman, café")
    refused = demo.post("/steps/12/draft.eml", headers=SAME, data={"text": edited})
    assert refused.status_code == 409
    assert "Not downloaded" in refused.text and "plain ASCII" in refused.text
    assert "Dear Priya Raman, café" in refused.text  # the edits stay on the page


def test_the_pdf_prints_the_edited_letter(demo):
    page = demo.get("/steps/1/draft").text
    assert 'formaction="/steps/1/draft.pdf"' in page
    pdf = demo.post("/steps/1/draft.pdf", headers=SAME, data={"text": _edited(demo, 1)})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    printed = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "fleet deal closed a week early" in printed
    unedited = demo.get("/steps/1/draft.pdf")
    assert "fleet deal closed" not in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(unedited.content)).pages)


def test_an_edited_letter_that_fails_the_lint_is_not_printed(demo):
    broken = _edited(demo, 1).replace("Sincerely,", "")
    refused = demo.post("/steps/1/draft.pdf", headers=SAME, data={"text": broken})
    assert refused.status_code == 409 and "Not printed" in refused.text


def test_send_sends_exactly_what_the_user_sees(demo, run):
    from aiosmtpd.controller import Controller

    from servers import Recorder, free_port

    handler = Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        for key, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(controller.port)),
                           ("smtp.security", "none")):
            run.ok("config", "set", key, value)
        accented = _edited(demo, 12).replace(ADDED, "PS: the café deal closed.")
        refused = demo.post("/steps/12/send", headers=SAME, data={"text": accented})
        assert refused.status_code == 409 and "Not sent" in refused.text
        assert handler.received == []
        sent = demo.post("/steps/12/send", headers=SAME, data={"text": _edited(demo, 12)})
        assert sent.status_code == 200
        assert len(handler.received) == 1 and ADDED.encode() in handler.received[0]
    finally:
        controller.stop()


def test_the_draft_page_says_which_note_it_used_for_whom(demo):
    page = demo.get("/steps/1/draft").text
    used = "Used for Maria López: topic &#39;fleet sales to local businesses&#39;"
    assert used in page
    assert page.index(used) < page.index("<textarea")  # beside the letter, not in it
    api = demo.get("/api/steps/1/draft").json()
    assert api["used"] == [{"what": "topic", "text": "fleet sales to local businesses"}]
