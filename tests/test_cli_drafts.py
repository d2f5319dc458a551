"""Drafts as a user gets them: every kind, each format, checked by the linter."""

from __future__ import annotations

import email
import io
import json
import os
from email import policy
from pathlib import Path

import pytest

from dbs import query

DRAFTS = Path(__file__).parent / "snapshots" / "drafts"
UPDATE = os.environ.get("INSIDETRACK_UPDATE_SNAPSHOTS") == "1"

PROFILE = ("profile", "set", "--name", "Dana Whitfield", "--email", "dana@example.com",
           "--phone", "+1 555 0100", "--field", "Sales", "--years", "6", "--specialty", "autos",
           "--address", "12 Elm Street, Springfield, IL 62701")


def _snapshot(name: str, text: str) -> None:
    path = DRAFTS / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def _steps(run, interview: int) -> dict[str, dict]:
    steps = run.json("plan", str(interview))["steps"]
    return {f"{s['kind']}:{s['number'] or ''}:{s['to'] or ''}": s for s in steps}


@pytest.fixture
def panel(run):
    """An e-mail campaign after a panel interview, with notes, banks and a reference."""
    run.ok(*PROFILE)
    run.ok("employer", "add", "Brightwave Software", "--high-tech", "--phone", "+1 555 0150")
    run.ok("interview", "add", "--employer", "Brightwave Software", "--job-title",
           "Account Executive", "--at", "2026-11-18 10:00",
           "--interviewer", "Priya Raman <priya@brightwave.example>",
           "--interviewer", "José Núñez <jose@brightwave.example>",
           "--topic", "selling software to dealerships", "--emphasis", "long-term accounts",
           "--problem", "long sales cycles", "--impressed", "onboarding program",
           "--forgot", "my CRM migration project", "--shared-interest", "electric vehicles")
    run.ok("fact", "add", "1", "I closed a 40-unit fleet deal last week")
    run.ok("fact", "add", "1", "I finished the Salesforce administrator course")
    run.ok("clipping", "add", "1", "--title", "Why dealership software deals take nine months",
           "--url", "https://news.example.com/deals")
    ref = run.json("reference", "add", "Alan Reyes", "--phone", "+1 555 0199",
                   "--relationship", "former sales director")
    run.ok("reference", "link", str(ref["id"]), "1")
    run.ok("contact", "add", "Gail Stone", "--employer", "brightwave software", "--role",
           "gatekeeper")
    return _steps(run, 1)


def test_every_kind_of_draft_snapshot(panel, run):
    drafts = {
        "thank_you_email_priya.txt": run("draft", str(panel["thank-you:1:Priya Raman"]["id"])),
        "thank_you_email_jose.txt": run("draft", str(panel["thank-you:1:José Núñez"]["id"])),
        "follow_up_email_2.txt": run("draft", str(panel["follow-up:2:Priya Raman"]["id"])),
        "follow_up_email_4.txt": run("draft", str(panel["follow-up:4:Priya Raman"]["id"])),
        "call_sheet.txt": run("draft", str(panel["call:1:Priya Raman"]["id"])),
        "voicemail.txt": run("draft", str(panel["call:1:Priya Raman"]["id"]), "--voicemail"),
        "reference_brief.txt": run("draft", str(panel["reference-brief::Alan Reyes"]["id"])),
    }
    for name, result in drafts.items():
        assert result.exit_code == 0, (name, result.output)
        _snapshot(name, result.stdout)


def test_panel_notes_differ_and_accents_become_ascii(panel, run):
    priya = run("draft", str(panel["thank-you:1:Priya Raman"]["id"]))
    jose = run("draft", str(panel["thank-you:1:José Núñez"]["id"]))
    assert "selling software to dealerships" in " ".join(priya.stdout.split())
    assert "long-term accounts" in " ".join(jose.stdout.split())
    assert "dealerships" not in jose.stdout
    head, body = jose.stdout.split("\n\n", 1)
    assert "Dear Jose Nunez," in body and body.isascii()
    assert head.startswith("To: José Núñez <jose@brightwave.example>\n")  # a header keeps it
    assert "Changed to plain ASCII for e-mail: José -> Jose, Núñez -> Nunez" in jose.stderr
    # Beside the draft, never in it: which note it recalled for whom.
    assert "Used for Priya Raman: topic 'selling software to dealerships'" in priya.stderr
    assert "Used for José Núñez: emphasis 'long-term accounts'" in jose.stderr
    assert "Used for" not in priya.stdout


def test_json_draft_says_which_notes_it_used_for_whom(panel, run):
    jose = run.json("draft", str(panel["thank-you:1:José Núñez"]["id"]))
    assert jose["used"] == [{"what": "emphasis", "text": "long-term accounts"}]
    assert jose["used_line"] == "Used for José Núñez: emphasis 'long-term accounts'"
    assert "emphasis on long-term accounts" in " ".join(jose["text"].split())
    assert "Used for" not in jose["text"]
    fourth = run.json("draft", str(panel["follow-up:4:Priya Raman"]["id"]))
    assert fourth["used"] == [
        {"what": "fact", "text": "I closed a 40-unit fleet deal last week"},
        {"what": "clipping", "text": "Why dealership software deals take nine months"}]
    refused = run("draft", str(panel["thank-you:1:José Núñez"]["id"]), "--json", "--format", "eml")
    assert refused.exit_code == 2 and "--json" in refused.stderr


def test_email_subject_sells(panel, run):
    out = run.ok("draft", str(panel["thank-you:1:Priya Raman"]["id"]))
    assert "Subject: Thank you for reviewing my qualifications: Sales, 6 yrs, autos" in out


def test_eml_is_one_plain_ascii_part_and_its_id_is_kept(panel, run, db_path):
    step = panel["thank-you:1:José Núñez"]["id"]
    result = run("draft", str(step), "--format", "eml")
    assert result.exit_code == 0, result.output
    msg = email.message_from_bytes(result.stdout_bytes, policy=policy.default)
    assert not msg.is_multipart()
    assert (msg.get_content_type(), msg.get_content_charset()) == ("text/plain", "us-ascii")
    assert msg["Content-Transfer-Encoding"] == "7bit"
    assert msg["To"] == "José Núñez <jose@brightwave.example>"
    assert result.stdout_bytes.isascii()  # the name travels RFC 2047 encoded
    assert msg["From"] == "Dana Whitfield <dana@example.com>"
    assert msg["Subject"].startswith("Thank you for reviewing my qualifications")
    assert list(msg.iter_attachments()) == []
    assert all(len(line) <= 60 for line in msg.get_content().splitlines())
    kept = [r[0] for r in query(db_path, "SELECT message_id FROM messages WHERE step_id = ?",
                                (step,))]
    assert kept == [msg["Message-ID"]]


def test_every_email_draft_passes_lint(panel, run, tmp_path):
    for key, step in panel.items():
        if step["channel"] != "email":
            continue
        out = tmp_path / f"{step['id']}.eml"
        assert run("draft", str(step["id"]), "--format", "eml", "--out", str(out)).exit_code == 0
        result = run("lint", str(out))
        assert (result.exit_code, result.stdout.strip()) == (0, f"{out}: no problems found"), key


def test_follow_up_needs_a_new_fact_and_uses_each_once(run):
    run.ok(*PROFILE)
    run.ok("interview", "add", "--employer", "Acme", "--job-title", "Rep", "--at",
           "2026-11-18 10:00", "--topic", "pricing")
    second = next(s for s in run.json("plan", "1")["steps"] if s["number"] == 2)
    refused = run("draft", str(second["id"]))
    assert refused.exit_code == 1
    assert refused.stderr == ("insidetrack: error: the e-mail for step 2 needs a new fact no earlier"
                              " message used (insidetrack fact add 1 \"...\")\n")
    run.ok("fact", "add", "1", "I won the regional sales award")
    run.ok("fact", "add", "1", "I passed the CPA exam")
    assert "I won the regional sales award" in run.ok("draft", str(second["id"]))
    run.ok("done", str(second["id"]))
    third = next(s for s in run.json("plan", "1")["steps"] if s["number"] == 3)
    assert "I passed the CPA exam" in run.ok("draft", str(third["id"]))
    facts = run.json("interview", "show", "1")["facts"]
    assert [f["used"] for f in facts] == [True, False]


def test_clipping_letters_ask_for_a_clipping(run):
    run.ok(*PROFILE)
    run.ok("interview", "add", "--employer", "Acme", "--job-title", "Rep", "--at",
           "2026-11-18 10:00", "--topic", "pricing", "--problem", "churn")
    run.ok("fact", "add", "1", "I won the regional sales award")
    fourth = next(s for s in run.json("plan", "1")["steps"] if s["number"] == 4)
    refused = run("draft", str(fourth["id"]))
    assert "needs a news clipping or cartoon (insidetrack clipping add 1 --title ...)" in refused.stderr


@pytest.fixture
def traditional(run):
    run.ok(*PROFILE)
    run.ok("employer", "add", "Northwind Motors", "--traditionalist",
           "--address", "400 Commerce Dr, Springfield, IL 62702")
    run.ok("interview", "add", "--employer", "Northwind Motors", "--job-title", "Sales Manager",
           "--at", "2026-11-18 10:00", "--interviewer", "María López", "--topic", "fleet sales")
    return _steps(run, 1)


def test_letter_text_and_pdf_keep_accents(traditional, run, tmp_path):
    from pypdf import PdfReader

    step = traditional["thank-you:1:María López"]
    assert step["channel"] == "letter"
    text = run("draft", str(step["id"]))
    assert text.exit_code == 0, text.output
    _snapshot("thank_you_letter.txt", text.stdout)
    out = tmp_path / "letter.pdf"
    result = run("draft", str(step["id"]), "--format", "pdf", "--out", str(out))
    assert result.exit_code == 0, result.output
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Dear María López:" in pdf_text
    assert "Sincerely," in pdf_text and "dana@example.com" in pdf_text
    assert "400 Commerce Dr" in pdf_text


def test_paper_size_is_a_setting(traditional, run, tmp_path):
    from pypdf import PdfReader

    step = traditional["thank-you:1:María López"]["id"]
    run.ok("config", "set", "draft.paper", "a4")
    out = tmp_path / "a4.pdf"
    run.ok("draft", str(step), "--format", "pdf", "--out", str(out))
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_wrong_format_for_the_step_is_refused(traditional, run):
    letter = traditional["thank-you:1:María López"]["id"]
    result = run("draft", str(letter), "--format", "eml")
    assert result.exit_code == 2 and "a letter; use text or pdf" in result.stderr
    call = traditional["call:1:María López"]["id"]
    assert run("draft", str(letter), "--voicemail").exit_code == 2
    assert "a call sheet; use text" in run("draft", str(call), "--format", "pdf").stderr


def test_eml_needs_the_interviewers_address(run):
    run.ok(*PROFILE)
    run.ok("interview", "add", "--employer", "Acme", "--job-title", "Rep", "--at",
           "2026-11-18 10:00", "--interviewer", "Bo Lind", "--topic", "pricing")
    result = run("draft", "1", "--format", "eml")
    assert result.exit_code == 1
    assert ("the e-mail to Bo Lind needs their e-mail address (insidetrack contact set 1 "
            "--email ...)") in result.stderr
    run.ok("contact", "set", "1", "--email", "bo@acme.example")
    assert run("draft", "1", "--format", "eml").exit_code == 0


def test_without_a_profile_the_draft_says_what_to_do(run):
    run.ok("interview", "add", "--employer", "Acme", "--job-title", "Rep", "--at", "2026-11-18 10:00")
    result = run("draft", "1")
    assert result.exit_code == 1
    assert result.stderr == ("insidetrack: error: the draft needs your name, e-mail and phone in "
                             "your profile (insidetrack profile set --name ... --email ... --phone "
                             "... --field ... --address ...)\n")


def test_a_users_template_overrides_the_shipped_one(panel, run, tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "thank_you_email.txt").write_text(
        "Dear {{ recipient }},\n\nMany thanks for {{ job_title }}.\n\n{{ name }}\n{{ email }}\n"
        "{{ phone }}\n")
    out = run.ok("draft", str(panel["thank-you:1:Priya Raman"]["id"]))
    assert "Many thanks for Account Executive." in out
    (folder / "thank_you_email.txt").write_text("Dear {{ recipient }}, {{ favourite_color }}\n")
    result = run("draft", str(panel["thank-you:1:Priya Raman"]["id"]))
    assert result.exit_code == 1
    assert "needs a value for 'favourite_color'" in result.stderr


def test_lint_command_on_a_bad_file(tmp_path, run):
    bad = tmp_path / "bad.txt"
    bad.write_text("Subject: Hello\n\nHey u!! \U0001F600 [Name]\n")
    result = run("lint", str(bad))
    assert result.exit_code == 1
    rules = [line.rsplit("[", 1)[1].rstrip("]") for line in result.stdout.splitlines()]
    assert sorted(rules) == ["email.ascii", "email.contact", "email.emoji", "email.exclamation",
                             "email.greeting", "email.placeholder", "email.subject-generic",
                             "email.text-speak"]
    data = json.loads(run("lint", str(bad), "--json").stdout)
    assert data["ok"] is False and len(data["findings"]) == 8


def test_lint_reads_eml_structure(tmp_path, run):
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["Subject"] = "Thank you for reviewing my qualifications: Sales, 6 yrs, autos"
    msg.set_content("Dear Maria,\n\nThank you.\n\nDana\ndana@example.com\n+1 555 0100\n")
    msg.add_attachment(b"%PDF", maintype="application", subtype="pdf", filename="resume.pdf")
    path = tmp_path / "with-attachment.eml"
    path.write_bytes(msg.as_bytes())
    result = run("lint", str(path))
    assert result.exit_code == 1 and "[email.plain-text]" in result.stdout


def test_lint_voicemail_and_letter_kinds(tmp_path, run):
    script = tmp_path / "vm.txt"
    script.write_text("Hi, call me back. " * 30)
    result = run("lint", str(script), "--kind", "voicemail")
    assert result.exit_code == 1
    assert "[voicemail.length]" in result.stdout and "[voicemail.phone]" in result.stdout
    assert run("lint", str(tmp_path / "missing.txt")).exit_code == 2


def test_rehearse_speaks_the_voicemail(panel, run, tmp_path):
    import shutil

    if shutil.which("espeak-ng") is None:
        result = run("rehearse", str(panel["call:1:Priya Raman"]["id"]))
        assert result.exit_code == 1 and "apt-get install espeak-ng" in result.stderr
        pytest.skip("espeak-ng is not installed here (.ci/run installs it)")
    out = tmp_path / "vm.wav"
    result = run("rehearse", str(panel["call:1:Priya Raman"]["id"]), "--out", str(out))
    assert result.exit_code == 0, result.output
    seconds = float(result.stdout.split(": ", 1)[1].split(" seconds")[0])
    assert 10 < seconds <= 30 and out.stat().st_size > 10_000


def test_pdf_of_an_email_says_an_e_mail(panel, run):
    step = panel["thank-you:1:Priya Raman"]["id"]
    result = run("draft", str(step), "--format", "pdf")
    assert result.exit_code == 2
    assert f"step {step} is drafted as an e-mail; use text or eml" in result.stderr


def test_rehearse_on_a_step_that_is_not_a_call_says_so(panel, run):
    step = panel["thank-you:1:Priya Raman"]["id"]
    result = run("rehearse", str(step))
    assert result.exit_code == 2 and "--voicemail" not in result.stderr
    assert result.stderr == (f"insidetrack: error: STEP_ID: step {step} is a thank-you, not a call: only a "
                             "call's voicemail can be rehearsed\n")


def test_drafting_a_cancelled_step_says_it_was_cancelled(panel, run):
    run.ok("log", "1", "decision", "--outcome", "rejected")
    step = panel["follow-up:3:Priya Raman"]["id"]
    result = run("draft", str(step))
    assert result.exit_code == 1 and "fact" not in result.stderr
    assert f"step {step} was cancelled" in result.stderr and "nothing to draft" in result.stderr


def _pdftotext(pdf: Path) -> str:
    """The PDF's text as poppler's pdftotext reads it, in reading order."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed (make system-deps installs poppler-utils)")
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture
def chinese_name(run):
    """A letter to an interviewer whose name is written in Chinese characters."""
    run.ok(*PROFILE)
    run.ok("employer", "add", "Northwind Motors", "--traditionalist")
    run.ok("interview", "add", "--employer", "Northwind Motors", "--job-title", "Sales Manager",
           "--at", "2026-11-18 10:00", "--interviewer", "王伟 <wang.wei@northwind.example>")
    return _steps(run, 1)["thank-you:1:王伟"]["id"]


def test_a_name_in_chinese_prints_in_a_font_that_has_it(chinese_name, run, tmp_path):
    import shutil
    import subprocess

    if shutil.which("fc-list") is None or not subprocess.run(
            ["fc-list", ":charset=738b 4f1f"], capture_output=True, text=True).stdout.strip():
        pytest.skip("no installed font has 王伟 (make system-deps installs fonts-wqy-microhei)")
    out = tmp_path / "letter.pdf"
    result = run("draft", str(chinese_name), "--format", "pdf", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "note:" not in result.stderr
    text = _pdftotext(out)
    assert "Dear 王伟:" in text
    assert [line.strip() for line in text.splitlines()].count("王伟") == 1  # the inside address


def test_without_a_font_for_the_name_the_pdf_spells_it_and_says_so(chinese_name, run, tmp_path,
                                                                    monkeypatch):
    # A real fontconfig that knows only DejaVu, as on a machine without CJK fonts.
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    "<dir>/usr/share/fonts/truetype/dejavu</dir>"
                    f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    out = tmp_path / "letter.pdf"
    result = run("draft", str(chinese_name), "--format", "pdf", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert ("note: No installed font has the letters '王伟', so this PDF prints '王伟' as "
            "'Wang Wei'; install a font that has them (on Debian: apt install fonts-noto-cjk "
            "for Chinese, Japanese and Korean) to print them as written.\n") in result.stderr
    text = _pdftotext(out)
    assert "Dear Wang Wei:" in text and "Dear :" not in text


def test_addresses_print_as_blocks(run, tmp_path):
    run.ok("profile", "set", "--name", "Dana Whitfield", "--email", "dana@example.com",
           "--phone", "+1 555 0100", "--field", "Sales",
           "--address", "12 Elm Street", "--address", "Apt 4", "--address", "Springfield, IL 62704")
    run.ok("employer", "add", "Northwind Motors", "--traditionalist",
           "--address", r"Attn: Hiring\n500 Industrial Way\nDetroit, MI 48201")
    assert run.json("profile", "show")["address"] == "12 Elm Street\nApt 4\nSpringfield, IL 62704"
    run.ok("interview", "add", "--employer", "Northwind Motors", "--job-title", "Sales Manager",
           "--at", "2026-11-18 10:00", "--interviewer", "María López")
    step = _steps(run, 1)["thank-you:1:María López"]["id"]
    block = ["Northwind Motors", "Attn: Hiring", "500 Industrial Way", "Detroit, MI 48201"]
    drafted = run.ok("draft", str(step)).splitlines()
    assert drafted[:3] == ["Dana Whitfield", "12 Elm Street", "Apt 4"]
    start = drafted.index("Northwind Motors")
    assert drafted[start:start + 4] == block
    out = tmp_path / "letter.pdf"
    run.ok("draft", str(step), "--format", "pdf", "--out", str(out))
    printed = [line.strip() for line in _pdftotext(out).splitlines()]
    assert printed[:4] == ["Dana Whitfield", "12 Elm Street", "Apt 4", "Springfield, IL 62704"]
    start = printed.index("Northwind Motors")
    assert printed[start:start + 4] == block


def test_an_address_of_too_many_lines_is_refused(run):
    result = run("profile", "set", "--name", "Dana", "--email", "dana@example.com", "--phone",
                 "+1 555 0100", "--address", r"1\n2\n3\n4\n5\n6\n7\n8\n9")
    assert result.exit_code == 2
    assert result.stderr == ("insidetrack: error: --address: has 9 lines; at most 8 are "
                             "accepted\n")


def test_the_pdf_leaves_room_to_sign_above_the_typed_name(traditional, run, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "letter.pdf"
    run.ok("draft", str(traditional["thank-you:1:María López"]["id"]), "--format", "pdf",
           "--out", str(out))
    heights: dict[str, float] = {}

    def seen(text, cm, tm, font, size):
        if text.strip():
            heights[text.strip()] = tm[5]  # the last line of that text: the typed name

    PdfReader(out).pages[0].extract_text(visitor_text=seen)
    line = 5.5 / 25.4 * 72  # a line of the letter, in points
    gap = heights["Sincerely,"] - heights["Dana Whitfield"]
    assert gap >= 5 * line - 1  # the closing's line and four free lines above the name
