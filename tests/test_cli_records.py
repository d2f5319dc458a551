"""Recording the profile and interviews: only what is given changes, and names match in any case."""

from __future__ import annotations

import pytest

from test_cli import PROFILE

FULL = (*PROFILE, "--address", "12 Elm Street, Springfield", "--over-40")


def test_profile_set_changes_only_what_is_given(run):
    run.ok(*FULL)
    assert "Profile saved" in run.ok("profile", "set", "--name", "Dana W. Whitfield",
                                     "--email", "dana@work.example", "--phone", "+1 555 0199")
    shown = run.json("profile", "show")
    assert shown == {**shown, "name": "Dana W. Whitfield", "email": "dana@work.example",
                     "phone": "+1 555 0199", "address": "12 Elm Street, Springfield",
                     "field": "Sales", "years": 6, "specialty": "autos", "over_40": True}
    run.ok("profile", "set", "--years", "7", "--not-over-40")
    shown = run.json("profile", "show")
    assert (shown["years"], shown["over_40"], shown["name"]) == (7, False, "Dana W. Whitfield")


def test_a_first_profile_needs_name_email_and_phone(run, db_path):
    result = run("profile", "set", "--years", "7")
    assert result.exit_code == 2
    assert result.stderr == "insidetrack: error: --name: is needed for a first profile\n"
    assert run.json("profile", "show") is None


def test_a_bad_value_changes_nothing(run):
    run.ok(*FULL)
    assert run("profile", "set", "--email", "nope", "--years", "9").exit_code == 2
    assert run.json("profile", "show")["years"] == 6


@pytest.mark.parametrize(("typed", "name"), [("al@acme.example", "Al"),
                                              ("maria.lopez@acme.example", "Maria Lopez"),
                                              ("<tom_becker@acme.example>", "Tom Becker")])
def test_a_bare_address_is_the_interviewers_email(run, typed, name):
    run.ok(*PROFILE)
    added = run.json("interview", "add", "--employer", "Acme", "--job-title", "Rep",
                     "--at", "2026-11-20 10:00", "--interviewer", typed)
    contact = run.json("contact", "list")[0]
    assert (contact["name"], contact["email"]) == (name, typed.strip("<>"))
    assert added["id"] == 1


def test_job_titles_match_openings_without_regard_to_case_and_say_so(run):
    run.ok(*PROFILE)
    first = run.ok("interview", "add", "--employer", "Initech", "--job-title", "Treasury Analyst",
                   "--at", "2026-11-10 10:00")
    assert "new opening" in first
    second = run.ok("interview", "add", "--employer", "INITECH", "--job-title", "treasury analyst",
                    "--at", "2026-11-20 10:00")
    assert "Round 2 joins your opening Treasury Analyst at Initech" in second
    listed = run.json("interview", "list")
    assert [i["job_title"] for i in listed] == ["Treasury Analyst", "Treasury Analyst"]
    assert [i["round"] for i in listed] == [1, 2]
