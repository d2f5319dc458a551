"""A draft template the user adds or edits is used at the next draft, even by a server that
keeps its compiled templates (the web app drafts many in one process)."""

from __future__ import annotations

import os

from insidetrack.compose.render import environment


def test_a_template_the_user_adds_then_edits_is_used_at_once(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    shipped = environment(folder).get_template("follow_up_email.txt")
    assert environment(folder) is environment(folder)  # kept: compiled once
    assert shipped.filename is not None and str(folder) not in shipped.filename

    (folder / "follow_up_email.txt").write_text("Mine, first.\n")
    assert environment(folder).get_template("follow_up_email.txt").render() == "Mine, first.\n"

    edited = folder / "follow_up_email.txt"
    edited.write_text("Mine, edited.\n")
    later = edited.stat().st_mtime_ns + 1_000_000_000  # a coarse clock: a second later
    os.utime(edited, ns=(later, later))
    assert environment(folder).get_template("follow_up_email.txt").render() == "Mine, edited.\n"

    edited.unlink()
    assert environment(folder).get_template("follow_up_email.txt") is not None  # shipped again
    assert str(folder) not in str(environment(folder).get_template("follow_up_email.txt").filename)


def test_a_folder_made_after_the_first_draft_is_used(tmp_path):
    folder = tmp_path / "templates"
    environment(folder).get_template("follow_up_email.txt")  # no folder yet
    folder.mkdir()
    (folder / "follow_up_email.txt").write_text("Mine.\n")
    assert environment(folder).get_template("follow_up_email.txt").render() == "Mine.\n"
