"""What the institution's role claim means next to the center's roster: the roster decides,
and a claim of a staff role the roster does not give is refused, never a promotion."""

from __future__ import annotations

import pytest

from insidetrack.domain.sso import SignOn, claimed_role, issuer_problem, role_disagrees

SIGN_ON = SignOn("https://login.uni.example", "center", role_claim="groups",
                 coach_values=("coaches", "advisers"), admin_values=("it-admins",))


@pytest.mark.parametrize("claims, role", [
    ({"groups": ["students", "advisers"]}, "coach"),
    ({"groups": "coaches"}, "coach"),  # a single value, not a list
    ({"groups": ["coaches", "it-admins"]}, "admin"),
    ({"groups": ["students"]}, None),
    ({}, None),
])
def test_the_role_claim_names_a_staff_role_or_none(claims, role):
    assert claimed_role(SIGN_ON, claims) == role


def test_without_a_role_claim_nothing_is_claimed():
    assert claimed_role(SignOn("https://login.uni.example", "center"), {"groups": "coaches"}) \
        is None


@pytest.mark.parametrize("claimed, roster, refused", [
    (None, "coach", False),  # the roster's role, the claim silent
    ("coach", "coach", False),
    ("coach", "seeker", True),
    ("admin", "coach", True),
    ("coach", "admin", True),
])
def test_a_staff_claim_the_roster_disagrees_with_is_refused(claimed, roster, refused):
    said = role_disagrees("ana@uni.example", claimed, roster)
    assert (said is not None) == refused
    if said:
        assert said.endswith(": ask your career center.") and "\n" not in said


def test_an_issuer_is_https_but_on_this_computer():
    assert issuer_problem("https://login.uni.example/realms/careers") is None
    assert issuer_problem("http://127.0.0.1:8080") is None
    assert "is not https" in str(issuer_problem("http://login.uni.example"))
    assert "is not a web address" in str(issuer_problem("https://login.uni.example?x=1"))
