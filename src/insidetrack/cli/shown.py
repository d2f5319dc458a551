"""How a command's result is printed: chosen once, by `--json`, outside the command.

A command returns its result (what it read, or what it did); `@shows(text, json)`
gives it the `--json` flag and prints the result either as JSON for scripts
(`json(result, session)`, the shapes in `views.py`) or as text for people
(`text(result, session)`). The command itself never asks which.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from insidetrack.cli.output import emit_json
from insidetrack.session import Session

R = TypeVar("R")
Command = Callable[..., Any]


def shows(text: Callable[[R, Session], None], json: Callable[[R, Session], Any], *,
          keys_sorted: bool = False,
          failed: Callable[[R], bool] | None = None) -> Callable[[Command], Command]:
    """Decorate a command that returns its result: print it as text, or as JSON with --json.

    `keys_sorted` says the JSON's keys come already in order (a large agenda prints
    faster without sorting them again). `failed` says when a result, once printed,
    ends the command with exit status 1 (a draft that breaks a rule). A group
    decorated so shows its result only when run without a subcommand.
    """
    def decorate(command: Command) -> Command:
        @functools.wraps(command)
        def run(*args: Any, as_json: bool, **kwargs: Any) -> None:
            ctx = click.get_current_context()
            if ctx.invoked_subcommand is not None:
                return
            result = command(*args, **kwargs)
            session = ctx.find_object(Session)
            assert session is not None, "every command runs under the insidetrack group"
            if as_json:
                emit_json(json(result, session), keys_sorted=keys_sorted)
            else:
                text(result, session)
            if failed is not None and failed(result):
                raise SystemExit(1)

        return click.option("--json", "as_json", is_flag=True,
                            help="Print JSON for scripts.")(run)

    return decorate
