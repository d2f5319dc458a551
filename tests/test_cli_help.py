"""`insidetrack --help` lists every command without loading any; a command loads only its own."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import click
import pytest

from insidetrack.cli import top_help
from insidetrack.cli.entry import fast_help
from insidetrack.cli.main import cli
from insidetrack.cli.registry import COMMANDS

SCRIPT = str(Path(sys.executable).parent / "insidetrack")
MODULES = sorted(p.stem for p in (Path(import_module("insidetrack.cli.commands").__file__ or "")
                                  .parent.glob("*.py")) if p.stem != "__init__")


def _defined_in(command: click.Command) -> set[str]:
    """Name the command modules whose functions make up a command and its sub-commands."""
    found = {command.callback.__module__.rsplit(".", 1)[1]} if command.callback else set()
    for sub in getattr(command, "commands", {}).values():
        found |= _defined_in(sub)
    return found


def _loaded_after(*argv: str) -> set[str]:
    """Run the console script's main with argv in a fresh Python; return the modules it loaded."""
    code = ("import sys\nfrom insidetrack.cli.entry import main\n"
            f"sys.argv = ['insidetrack', *{list(argv)!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(*sorted(sys.modules), sep='\\n', file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "COLUMNS": "80"})
    return set(out.stderr.split())


def _help(columns: int) -> str:
    """Return what `insidetrack --help` prints, run as the user runs it."""
    return subprocess.run([SCRIPT, "--help"], capture_output=True, text=True, check=True,
                          env={**os.environ, "COLUMNS": str(columns)}).stdout


def test_the_registry_names_every_command_its_modules_and_its_help_line():
    for module in MODULES:
        import_module(f"insidetrack.cli.commands.{module}")
    assert sorted(cli.commands) == sorted(COMMANDS)
    for name, command in cli.commands.items():
        modules, line = COMMANDS[name]
        assert set(modules.split()) == _defined_in(command), name
        assert line == command.get_short_help_str(limit=10**6), name
    assert {m for modules, _ in COMMANDS.values() for m in modules.split()} == set(MODULES)


@pytest.mark.parametrize("columns", [80, 200, 60])
def test_help_lists_every_command_with_its_help_line(columns):
    shown = _help(columns)
    lines = shown.split("Commands:\n")[1].splitlines()
    rows = {line.split()[0]: " ".join(line.split()[1:]) for line in lines if line[2] != " "}
    assert sorted(rows) == sorted(COMMANDS)
    for name, said in rows.items():
        assert COMMANDS[name][1].startswith(said.removesuffix("...")), name
    assert max(map(len, shown.splitlines())) <= min(columns, 80) - 2


def test_the_kept_help_is_what_click_prints():
    assert top_help.render() == top_help.TEXT, "run python -m insidetrack.cli.top_help"
    assert _help(80) == top_help.TEXT
    assert _help(60) == subprocess.run(  # too narrow for the kept text: click prints it
        [SCRIPT, "--traceback", "--help"], capture_output=True, text=True, check=True,
        env={**os.environ, "COLUMNS": "60"}).stdout


def test_the_kept_help_steps_aside_for_anything_else(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "60")
    assert fast_help(["--help"]) is None
    monkeypatch.setenv("COLUMNS", "120")
    assert [fast_help(argv) for argv in (["plan", "--help"], ["--db", "x", "--help"], [])] == [
        None, None, None]
    assert capsys.readouterr().out == ""


def test_help_loads_neither_click_nor_any_command():
    loaded = _loaded_after("--help")
    assert {m for m in loaded if m.split(".")[0] in ("click", "rich", "jinja2")} == set()
    assert {m for m in loaded if m.startswith(("insidetrack.cli.commands.", "insidetrack.services",
                                                "insidetrack.domain", "insidetrack.storage"))} == set()


def test_a_command_loads_only_its_own_modules():
    loaded = _loaded_after("employer", "--help")
    commands = {m.rsplit(".", 1)[1] for m in loaded if m.startswith("insidetrack.cli.commands.")}
    assert "records" in commands and not commands & {"campaign", "web", "mail", "drafts", "data"}
    assert not any(m.startswith("insidetrack.web") for m in loaded)


def test_a_group_gets_its_sub_commands_from_every_module(run):
    run.ok("today")  # loads the module of `interview` first, not the one that adds `edit`
    shown = run.ok("interview", "--help")
    assert all(f"\n  {sub} " in shown for sub in ("add", "edit", "delete", "list", "show"))
    assert "\n  unlink " in run.ok("reference", "--help")


def test_a_mistyped_command_is_still_suggested(run):
    result = run("interveiw", "add")
    assert result.exit_code == 2
    assert result.stderr == "insidetrack: error: No such command 'interveiw'. Did you mean 'interview'?\n"
