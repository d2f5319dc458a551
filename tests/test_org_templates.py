"""A career center's own draft templates (issue 15, item 3's "extra draft templates"): an
administrator sets the center's thank-you e-mail on /center/admin, every job seeker's next
draft is written from it, a broken one is refused with one line naming the form, and
cleared, the built-in template is back.

A real PostgreSQL (tests/pg.py), the app as the center's app role, everyone signed in for
real (tests/test_org_coach.py's center). The administrator and the seeker each use an app
of their own, as two workers would: the seeker's app sees the change at its next draft.
"""

from __future__ import annotations

import html
import json
import re

import pytest

from centers import new_center
from conftest import Cli
from insidetrack.services.org_templates import LABELS, SAMPLE, built_in, check_template
from test_org_coach import INTERVIEW, PEOPLE, alert, make_center, said, signed_in

A, ADMIN = "anais@uni.example", "eve@uni.example"
CENTERS = ("Dear {{ greeting }},\n\nOn behalf of the Uni Careers Service: thank you for the "
           "{{ job_title }} interview on {{ interview_day }}. {{ recalled }}\n\n"
           "{{ closing }}\n\nKind regards,\n\n{{ name }}\n{{ email }}\n{{ phone }}\n")
PROFILE = {"name": "Anaïs Dupré", "email": "anais@uni.example", "phone": "+33 6 12 34 56 78",
           "field": "financial analysis"}


@pytest.fixture
def center(postgres, request):
    url, app_url, _ = new_center(postgres, request, make_center)
    return url, app_url


def _thank_you_draft(seeker) -> str:
    """The words of the thank-you e-mail drafted for the seeker's interview."""
    interview = seeker.get("/api/interviews").json()[0]["id"]
    steps = seeker.get(f"/api/interviews/{interview}/plan").json()["steps"]
    step = next(s for s in steps if s["kind"] == "thank-you" and s["channel"] == "email")
    answer = seeker.get(f"/api/steps/{step['id']}/draft")
    assert answer.status_code == 200, answer.text
    return " ".join(str(answer.json()["text"]).split())  # as read, whatever the wrapping


def _save(admin, source: str, name: str = "thank_you_email.txt", **extra: str):
    return admin.post("/center/admin/templates", data={"template": name, "source": source,
                                                       **extra})


def test_the_centers_thank_you_is_every_seekers_until_cleared(center):
    url, app_url = center
    anais, eve = signed_in(app_url, A), signed_in(app_url, ADMIN)
    assert anais.put("/api/profile", json=PROFILE).status_code == 200
    assert anais.post("/api/interviews", json=INTERVIEW).status_code == 201
    built_in = _thank_you_draft(anais)
    assert "On behalf of the Uni Careers Service" not in built_in

    page = said(eve, _save(eve, CENTERS))
    assert "Thank-you e-mail: saved; every job seeker&#39;s next draft uses it." in page
    assert "Thank-you e-mail: the center&#39;s own" in page
    drafted = _thank_you_draft(anais)
    assert "On behalf of the Uni Careers Service: thank you for the Analyst interview" in drafted
    assert "Kind regards," in drafted and "Zo" in drafted  # to Zoë Müller, as before
    shown = json.loads(Cli(url)("org", "defaults", "--json").output)
    assert shown["template.thank_you_email.txt"]["set"] == CENTERS
    assert shown["template.thank_you_letter.txt"]["set"] is None
    assert re.search(r"Thank-you e-mail\s+.*thank_you_email\.txt\s+.*the center's own",
                     Cli(url)("org", "defaults").output)

    page = said(eve, _save(eve, CENTERS, clear="on"))
    assert "Thank-you e-mail: the built-in template again" in page
    assert _thank_you_draft(anais) == built_in
    assert json.loads(Cli(url)("org", "defaults", "--json").output)[
        "template.thank_you_email.txt"]["set"] is None


@pytest.mark.parametrize(("source", "reason"), [
    ("Dear {{ greeting ,\n", "Thank-you e-mail: line 1: "),
    ("Dear {{ nickname }},\n\n{{ name }}\n", "Thank-you e-mail: no draft has a field named "
                                            "nickname; the fields are "),
    ('{% include "secrets.txt" %}\n', "Thank-you e-mail: it may include only drafts' "
                                      "templates"),
    # Python's internals, reached from a string: the center's templates run sandboxed.
    ("{{ name.__class__.__mro__[1].__subclasses__() }}\n",
     "Thank-you e-mail: cannot be drafted: access to attribute '__class__' of 'str' object "
     "is unsafe"),
    ('Dear {{ name }},\n{% include "thank_you_email.txt" %}\n',
     "Thank-you e-mail: cannot be drafted: it includes itself, directly or through another "
     "template"),
])
def test_a_broken_template_is_refused_naming_the_form_and_nothing_is_kept(center, source,
                                                                             reason):
    url, app_url = center
    eve = signed_in(app_url, ADMIN)
    answer = _save(eve, source)
    assert answer.status_code == 400
    assert html.unescape(alert(answer.text)).startswith(reason)
    assert source in html.unescape(answer.text)  # what was typed, to mend
    shown = json.loads(Cli(url)("org", "defaults", "--json").output)
    assert shown["template.thank_you_email.txt"]["set"] is None


def test_a_template_that_breaks_the_playbook_is_kept_with_the_linters_warning(center):
    _, app_url = center
    eve = signed_in(app_url, ADMIN)
    page = said(eve, _save(eve, "Dear {{ greeting }},\n\nTHANK YOU SO MUCH!!!\n\n{{ name }}\n"))
    assert "Thank-you e-mail: saved" in page
    assert "The playbook&#39;s linter on a sample draft: Thank-you e-mail, line" in page


def test_only_an_administrator_sets_a_template(center):
    _, app_url = center
    for who in (A, "cyrille@uni.example"):
        assert _save(signed_in(app_url, who), CENTERS).status_code == 404


def test_every_worker_drafts_from_the_template_the_administrator_just_set(center):
    """`serve --org --workers 2`: a worker that compiled the built-in template before the
    change drafts from the center's at once, and from the built-in one once it is cleared."""
    from test_web_workers import fresh, noted, on_every_worker, served

    _, app_url = center
    with served(app_url, "--org", "--workers", "2") as (base, pid):
        anais, eve = fresh(base), fresh(base)
        for client, email in ((anais, A), (eve, ADMIN)):
            signed = client.post("/login", data={"email": email, "password": PEOPLE[email][2]})
            assert signed.status_code == 303, signed.text
        assert anais.put("/api/profile", json=PROFILE).status_code == 200
        assert anais.post("/api/interviews", json=INTERVIEW).status_code == 201
        answers, drafts = noted(anais, pid), []
        on_every_worker(pid, answers, lambda: drafts.append(_thank_you_draft(anais)))
        built_in = set(drafts)  # every worker has compiled the built-in template
        assert len(built_in) == 1
        assert _save(eve, CENTERS).status_code == 303
        drafts.clear()
        on_every_worker(pid, answers, lambda: drafts.append(_thank_you_draft(anais)))
        assert all("On behalf of the Uni Careers Service" in d for d in drafts), drafts
        assert _save(eve, "", clear="on").status_code == 303
        drafts.clear()
        on_every_worker(pid, answers, lambda: drafts.append(_thank_you_draft(anais)))
        assert set(drafts) == built_in
        anais.close()
        eve.close()


@pytest.mark.parametrize("name", list(LABELS))
def test_an_administrator_starting_from_a_built_in_template_is_never_refused(name):
    """Every field a draft has may be used, and the built-in text drafts cleanly."""
    assert check_template(name, built_in(name) + "{# the center's #}\n", ()) == []


def test_the_fields_a_center_may_use_are_every_field_a_draft_has():
    import ast
    import inspect

    from insidetrack.compose import context

    tree = ast.parse(inspect.getsource(context.build_context))
    fields = {k.value for node in ast.walk(tree) if isinstance(node, ast.Dict)
              for k in node.keys if isinstance(k, ast.Constant)}
    fields |= {k.arg for node in ast.walk(tree) if isinstance(node, ast.Call)
               and getattr(node.func, "id", "") == "_put" for k in node.keywords}
    assert fields == set(SAMPLE)
