"""Polished drafts as a user gets them: from a real small model, kept only if they add nothing."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import unicodedata

import pytest

import model_server
from conftest import Cli

smollm = model_server.smollm  # the real model's server, once for this module

# One step of each kind of draft in the demo: (what, step id, extra options).
DEMO_KINDS = [("thank-you letter", 1, ()), ("follow-up letter", 3, ()),
              ("voicemail", 4, ("--voicemail",)), ("follow-up e-mail", 12, ()),
              ("thank-you e-mail", 47, ()), ("withdrawal letter", 58, ()),
              ("offer thanks", 61, ()), ("keep in mind", 63, ())]
NOTES_FOR_YOU = [("call sheet", 4), ("reference brief", 56)]


@pytest.fixture
def demo(sqlite_path) -> Cli:
    run = Cli(sqlite_path)
    run.ok("demo")
    return run


def test_polish_without_a_model_says_how_to_set_one(demo):
    result = demo("draft", "1", "--polish")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "insidetrack: error: no language model is set to polish with: insidetrack config set "
        "ai.endpoint http://localhost:8080/v1"]


def test_an_endpoint_elsewhere_is_warned_about_when_set(demo):
    far = demo("config", "set", "ai.endpoint", "https://llm.example.com/v1")
    assert far.exit_code == 0
    assert ("warning: https://llm.example.com/v1 is not on this computer: each polish sends the "
            "draft and your notes on this interview") in far.stderr
    near = demo("config", "set", "ai.endpoint", "http://localhost:11434/v1")
    assert near.exit_code == 0 and "warning" not in near.stderr
    assert "warning" not in demo("config", "set", "ai.model", "smollm2").stderr


def test_a_bad_endpoint_is_refused_by_its_key(demo):
    result = demo("config", "set", "ai.endpoint", "localhost:8080")
    assert result.exit_code != 0
    assert result.output.strip() == ("insidetrack: error: ai.endpoint: 'localhost:8080' is not a "
                                     "web address like http://localhost:8080/v1")


def test_the_key_for_a_hosted_model_is_kept_in_the_keyring_and_sent_to_it(demo, file_keyring,
                                                                         tmp_path, monkeypatch):
    """A plain web server stands where the model would be: it records what the polish sends."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    monkeypatch.delenv("INSIDETRACK_AI_PASSWORD", raising=False)
    asked = demo("config", "password", "ai", input="sk-secret-17\n")
    assert asked.exit_code != 0  # said before the key is asked for: nothing typed in vain
    assert asked.output.strip() == (
        "insidetrack: error: set ai.endpoint first: insidetrack config set ai.endpoint URL")
    heard: list[str | None] = []

    class Recording(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            heard.append(self.headers.get("Authorization"))
            self.send_error(503)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recording)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        demo.ok("config", "set", "ai.endpoint", url)
        kept = demo("config", "password", "ai", input="sk-secret-17\n")
        demo.ok("draft", "47", "--polish")
    finally:
        server.shutdown()
        server.server_close()
    assert kept.exit_code == 0
    assert kept.stdout == f"Password: \nKey for the model at {url} kept in the system keyring.\n"
    assert "sk-secret-17" not in kept.output  # read without echo
    assert "sk-secret-17" not in (tmp_path / "config.toml").read_text()
    assert heard == ["Bearer sk-secret-17"]


def test_with_the_model_down_the_template_draft_is_shown_and_one_line_says_so(demo):
    url = f"http://127.0.0.1:{model_server.free_port()}/v1"
    demo.ok("config", "set", "ai.endpoint", url)
    polished = demo("draft", "47", "--polish")
    assert polished.exit_code == 0
    assert polished.stdout == demo("draft", "47").stdout
    assert polished.stderr.splitlines() == [
        f"Not polished: the model at {url} does not answer (connection refused); this is the "
        "template draft."]
    answer = json.loads(demo("draft", "47", "--polish", "--json").stdout)
    assert answer["status"] == "unavailable" and answer["accepted"] is False
    assert answer["text"] == answer["template"] == demo("draft", "47").stdout


def test_a_web_server_that_is_no_model_is_said_in_one_line(demo):
    """The address of a plain web server (Python's own), not a model's: it refuses the POST."""
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):  # its log would land in the command's stderr
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        demo.ok("config", "set", "ai.endpoint", url)
        result = demo("draft", "47", "--polish")
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 0 and result.stdout == demo.ok("draft", "47")
    assert result.stderr.splitlines() == [
        f"Not polished: the model at {url} answered HTTP 501; this is the template draft."]


def test_a_model_that_takes_too_long_is_cut_off(demo):
    """A server that takes the connection and never answers: the time limit ends the wait."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/v1"
        demo.ok("config", "set", "ai.endpoint", url)
        demo.ok("config", "set", "ai.timeout_seconds", "1")
        started = time.monotonic()
        result = demo("draft", "47", "--polish")
    assert time.monotonic() - started < 10
    assert result.exit_code == 0 and result.stdout == demo.ok("draft", "47")
    assert result.stderr.splitlines() == [
        f"Not polished: the model at {url} did not answer within 1 second; this is the "
        "template draft."]


def test_call_sheets_and_briefs_are_not_polished(demo):
    demo.ok("config", "set", "ai.endpoint", "http://127.0.0.1:8080/v1")
    for what, step in NOTES_FOR_YOU:
        result = demo("draft", str(step), "--polish")
        assert result.exit_code != 0
        assert result.output.strip() == (
            f"insidetrack: error: --polish: step {step} is drafted as a {what}, notes for you to "
            "read: only e-mails, letters and voicemails are polished")


def _judge_rewrite(demo: Cli, step: int, rewrite, grammar=None):
    """Judge a rewrite of a demo draft, made from its template by `rewrite`, as a polish is."""
    from insidetrack.services.drafts import draft_inputs, draft_step
    from insidetrack.services.polishing import evidence, judged
    from insidetrack.session import Session

    app = Session(db_path=demo.db, now=demo.now)
    env = app.env()
    draft = draft_step(env, step)
    inputs = draft_inputs(env, draft.step, app.settings.draft)
    return judged(draft, rewrite(draft.body), evidence(inputs, draft),
                  inputs.campaign.opening.job_title, app.settings.draft, grammar=grammar)


def test_a_sentence_the_grammar_check_cannot_parse_is_refused(demo):
    """No model here: the 'rewrite' is the template with one broken sentence put in, judged by
    the guard with the real link-grammar parser (Debian's python3-link-grammar)."""
    unchanged = _judge_rewrite(demo, 47, lambda body: body)
    assert unchanged.status == "accepted" and unchanged.notes == ()
    broken = _judge_rewrite(demo, 47, lambda body: body.replace(
        "I look forward", "I has enjoyed our talk. I look forward"))
    assert broken.status == "rejected" and broken.chosen == demo.ok("draft", "47")
    assert broken.reasons == ("the sentence 'I has enjoyed our talk.' does not parse as "
                              "English: 'has' fits nowhere in it",)


def test_without_link_grammar_the_polish_works_and_says_the_check_was_skipped(demo):
    """This test's own Python has no link-grammar binding: the parser is missing there."""
    import sys

    from insidetrack.cli.polished import polished_json, polished_lines
    from insidetrack.integrations.grammar import LinkGrammar

    p = _judge_rewrite(demo, 47, lambda body: body, LinkGrammar(python=sys.executable))
    assert p.status == "accepted"
    skipped = ("the grammar check was skipped: link-grammar is not installed (on Debian: "
               "apt-get install python3-link-grammar)")
    assert [x for x in polished_lines(p) if "grammar" in x] == [f"Note: {skipped}."]
    assert polished_json(p)["notes"] == [skipped]


def test_the_invented_award_is_refused_on_a_real_draft(demo):
    """The issue's case, as SmolLM2-135M wrote it for a thank-you e-mail of the demo."""
    from insidetrack.services.drafts import draft_inputs, draft_step
    from insidetrack.services.polishing import evidence, judged
    from insidetrack.session import Session

    app = Session(db_path=demo.db, now=demo.now)
    env = app.env()
    draft = draft_step(env, 47)
    facts = evidence(draft_inputs(env, draft.step, app.settings.draft), draft)
    award = draft.body.replace(
        "I look forward", "You have been selected as a finalist for the upcoming Business and "
        "Technology Awards, the 10th anniversary of the 2023 Business and Technology Awards. "
        "I look forward")
    p = judged(draft, award, facts, "Operations Analyst", app.settings.draft)
    assert p.status == "rejected" and p.chosen == draft.as_text()
    assert "the name 'Business and Technology Awards' is not in your notes" in p.reasons
    assert "the number '2023' is not in your notes" in p.reasons


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c)).casefold()


def _invented(body: str, known: str) -> list[str]:
    """List the numbers and mid-sentence capitalised words of a text that the notes lack.

    Written apart from the guard, more bluntly: a test of it, not a copy.
    """
    known_digits, known_words = set(re.findall(r"\d+", known)), set(re.findall(r"\w+", _fold(known)))
    found = [n for n in re.findall(r"\d+", body) if n not in known_digits]
    for sentence in re.split(r"[.!?:;\n]\s*", body):
        for word in re.findall(r"\w+", sentence)[1:]:
            if word[0].isupper() and _fold(word).removesuffix("s") not in known_words \
                    and _fold(word) not in known_words:
                found.append(word)
    return found


@pytest.mark.model
def test_every_kind_polished_by_a_real_model_claims_nothing_new(demo, smollm):
    demo.ok("config", "set", "ai.endpoint", smollm)
    demo.ok("config", "set", "ai.timeout_seconds", "300")  # 2 busy cores
    notes = demo.ok("export", "json")
    for what, step, extra in DEMO_KINDS:
        template = demo("draft", str(step), *extra).stdout
        result = demo("draft", str(step), *extra, "--polish", "--json")
        assert result.exit_code == 0, (what, result.output)
        answer = json.loads(result.stdout)
        assert answer["template"] == template, what
        if answer["accepted"]:
            assert answer["text"] == answer["polished"], what
            assert _invented(answer["polished"], notes + template) == [], what
        else:
            assert answer["status"] == "rejected", (what, answer["reasons"])
            assert answer["reasons"] and answer["text"] == template, what


@pytest.mark.model
def test_polish_shows_what_the_guard_decided(demo, smollm):
    demo.ok("config", "set", "ai.endpoint", smollm)
    demo.ok("config", "set", "ai.timeout_seconds", "300")  # 2 busy cores
    template = demo.ok("draft", "47")
    result = demo("draft", "47", "--polish")
    assert result.exit_code == 0
    said = result.stderr.splitlines()
    if said[0].startswith("Polish rejected, the template draft stays"):
        assert result.stdout == template
        assert len(said) > 1 and all(line.startswith("- ") for line in said[1:])
    elif "it changed nothing" not in said[0]:
        assert "checked: it adds nothing to your notes" in said[0]
        assert result.stdout != template
        assert "{+" in result.stderr or "[-" in result.stderr
