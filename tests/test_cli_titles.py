"""How drafts address people: courtesy titles, preferred greetings, and a tip when one is missing."""

from __future__ import annotations

import io

from conftest import Cli
from test_cli_drafts import PROFILE

BANK = ("employer", "add", "Whitcomb Savings Bank", "--traditionalist",
        "--address", "1 Main Street, Hartford, CT 06103")
AT = "2026-11-24 10:00"


def _interview(run, *people: str, employer: str = "Whitcomb Savings Bank") -> dict[str, int]:
    """Log an interview on time; return each thank-you step's id by its recipient."""
    args = [a for p in people for a in ("--interviewer", p)]
    run.logged_on_time("interview", "add", "--employer", employer, "--job-title",
                       "Branch Manager", "--at", AT, "--topic", "small-business lending", *args)
    steps = run.json("plan", "1")["steps"]
    return {s["to"]: s["id"] for s in steps if s["kind"] == "thank-you"}


def test_a_traditionalist_letter_greets_by_title_and_last_name(run, tmp_path):
    from pypdf import PdfReader

    run.ok(*PROFILE)
    run.ok(*BANK)
    added = run.json("contact", "add", "Harold Whitcomb", "--employer", "whitcomb savings bank",
                     "--email", "h@bank.example", "--title", "mr")
    assert (added["title"], added["salutation"]) == ("Mr.", "")
    step = _interview(run, "Harold Whitcomb <h@bank.example>")["Harold Whitcomb"]
    drafted = run("draft", str(step))
    assert drafted.exit_code == 0, drafted.output
    assert "\nMr. Harold Whitcomb\nWhitcomb Savings Bank\n" in drafted.stdout
    assert "\nDear Mr. Whitcomb:\n" in drafted.stdout
    assert "courtesy title" not in drafted.stderr
    letter = tmp_path / "letter.txt"
    letter.write_text(drafted.stdout)
    assert run("lint", str(letter), "--kind", "letter").exit_code == 0
    out = tmp_path / "letter.pdf"
    run.ok("draft", str(step), "--format", "pdf", "--out", str(out))
    printed = "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Dear Mr. Whitcomb:" in printed and "Mr. Harold Whitcomb" in printed


def test_a_title_typed_before_the_interviewers_name_is_kept(run):
    run.ok(*PROFILE)
    run.ok(*BANK)
    steps = _interview(run, "Dr. Ruth Okafor <ruth@bank.example>", "mx Sam Lee")
    people = {c["name"]: c["title"] for c in run.json("contact", "list")}
    assert people == {"Ruth Okafor": "Dr.", "Sam Lee": "Mx."}
    assert "   1  Dr. Ruth Okafor  (interviewer)  ruth@bank.example\n" in run.ok("contact", "list")
    assert "\nDear Dr. Okafor:\n" in run.ok("draft", str(steps["Ruth Okafor"]))
    assert "\nDear Mx. Lee:\n" in run.ok("draft", str(steps["Sam Lee"]))


def test_without_a_title_the_draft_says_how_to_add_one(run):
    run.ok(*PROFILE)
    run.ok(*BANK)
    step = _interview(run, "Harold Whitcomb")["Harold Whitcomb"]
    drafted = run("draft", str(step))
    assert "\nDear Harold Whitcomb:\n" in drafted.stdout
    assert ("Tip: Harold Whitcomb has no courtesy title, so the draft opens 'Dear Harold "
            "Whitcomb'; Whitcomb Savings Bank is traditionalist and expects a title and the last "
            "name, as in 'Dear Ms. Whitcomb' or 'Dear Mr. Whitcomb': insidetrack contact set 1 "
            "--title Mr. (or Ms., Mx., Dr.)"
            ) in drafted.stderr
    assert "Contact 1: Ms. Harold Whitcomb (interviewer)" in run.ok(
        "contact", "set", "1", "--title", "Ms")
    again = run("draft", str(step))
    assert "\nDear Ms. Whitcomb:\n" in again.stdout and "courtesy title" not in again.stderr


def test_a_preferred_greeting_wins_in_letters_and_emails(run):
    run.ok(*PROFILE)
    run.ok(*BANK)
    run.ok("employer", "add", "Brightwave Software", "--high-tech")
    step = _interview(run, "Mr. Harold Whitcomb")["Harold Whitcomb"]
    shown = run.json("contact", "set", "1", "--salutation", "Dear Harry,")
    assert shown["salutation"] == "Harry"
    assert "   1  Mr. Harold Whitcomb [Dear Harry]  (interviewer)\n" in run.ok("contact", "list")
    assert "\nDear Harry:\n" in run.ok("draft", str(step))
    run.json("contact", "add", "Zoë Park", "--employer", "Brightwave Software",
             "--email", "zoe@brightwave.example", "--salutation", "Zoë")
    run.logged_on_time("interview", "add", "--employer", "Brightwave Software", "--job-title",
                       "Account Executive", "--at", AT, "--interviewer",
                       "Zoë Park <zoe@brightwave.example>", "--topic", "renewals")
    email_step = next(s["id"] for s in run.json("plan", "2")["steps"] if s["kind"] == "thank-you")
    drafted = run.ok("draft", str(email_step))
    assert "\nDear Zoe,\n" in drafted
    assert drafted.split("\n\n", 1)[1].isascii()  # the body is plain ASCII; To: keeps Zoë


def test_elsewhere_the_full_name_stays_even_with_a_title(run):
    run.ok(*PROFILE)
    run.ok("employer", "add", "Brightwave Software", "--high-tech")
    steps = _interview(run, "Ms. Priya Raman <priya@brightwave.example>",
                       employer="Brightwave Software")
    drafted = run("draft", str(steps["Priya Raman"]))
    assert "\nDear Priya Raman,\n" in drafted.stdout and "Tip:" not in drafted.stderr.replace(
        "Tip: add what you discussed", "")


def test_a_bad_title_or_greeting_is_refused_and_nothing_is_saved(run):
    run.ok(*PROFILE)
    run.ok(*BANK)
    bad = run("contact", "add", "Harold Whitcomb", "--employer", "Whitcomb Savings Bank",
              "--title", "Sir")
    assert bad.exit_code == 2
    assert bad.stderr == ("insidetrack: error: --title: 'Sir' is not a courtesy title; "
                          "use Mr., Ms., Mx., Dr. or none\n")
    assert run.json("contact", "list") == []
    run.ok("contact", "add", "Harold Whitcomb", "--employer", "Whitcomb Savings Bank",
           "--title", "Mr.", "--salutation", "Dear Harold,")
    for option, value, said in [
        ("--title", "Lord", "--title: 'Lord' is not a courtesy title"),
        ("--salutation", "Hey Harold", "--salutation: 'Hey Harold' is not a greeting"),
        ("--salutation", "Dear", "--salutation: 'Dear' is not a greeting"),
        ("--salutation", "Dear\nHarold", "--salutation: must be one line"),
    ]:
        refused = run("contact", "set", "1", "--email", "new@bank.example", option, value)
        assert refused.exit_code == 2 and said in refused.stderr, refused.stderr
        assert len(refused.stderr.splitlines()) == 1 and "Traceback" not in refused.output
    kept = run.json("contact", "list")[0]
    assert (kept["title"], kept["salutation"], kept["email"]) == ("Mr.", "Harold", "")
    cleared = run.json("contact", "set", "1", "--title", "none", "--salutation", "")
    assert (cleared["title"], cleared["salutation"]) == ("", "")


def test_a_spreadsheets_titled_contact_keeps_the_title_export_and_import_too(run, tmp_path):
    sheet = tmp_path / "jobs.csv"
    sheet.write_text("Company,Position,Interview date,Contact,Email\r\n"
                     "Whitcomb Savings Bank,Teller,2026-11-20 10:00,Ms. Jane Roe,jane@bank.example\r\n")
    run.ok("import", "csv", str(sheet))
    assert [(c["title"], c["name"]) for c in run.json("contact", "list")] == [("Ms.", "Jane Roe")]
    run.ok("contact", "set", "1", "--salutation", "Jane")
    exported = tmp_path / "all.json"
    run.ok("export", "json", "--out", str(exported))
    restored = Cli(tmp_path / "restored.db")
    restored.ok("import", "json", str(exported))
    again = restored.json("contact", "list")[0]
    assert (again["title"], again["salutation"]) == ("Ms.", "Jane")
