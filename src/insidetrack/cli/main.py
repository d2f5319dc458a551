"""The `insidetrack` command: a group, its error mapping and exit codes.

Only click is imported up front: each command's module (and the services,
domain and libraries it uses) loads when that command runs, so `--help`
stays quick (see cli/registry.py).
"""

from __future__ import annotations

import sys
from enum import IntEnum
from typing import TYPE_CHECKING, Any

import click

from insidetrack import __version__
from insidetrack.cli.registry import COMMANDS

if TYPE_CHECKING:
    from insidetrack.domain.errors import InsidetrackError


class ExitStatus(IntEnum):
    OK = 0
    ERROR = 1
    BAD_INPUT = 2
    NOT_FOUND = 3


def exit_status(error: InsidetrackError) -> ExitStatus:
    from insidetrack.domain.errors import InputError, NotFoundError

    if isinstance(error, InputError):
        return ExitStatus.BAD_INPUT
    if isinstance(error, NotFoundError):
        return ExitStatus.NOT_FOUND
    return ExitStatus.ERROR


def _fail(message: str, status: ExitStatus) -> None:
    # One line, whatever the message quotes: a typed newline shows as \n.
    line = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message)
    click.echo(f"insidetrack: error: {line}", err=True)
    sys.exit(status)


def _said(exc: InsidetrackError) -> str:
    """Say an error in the CLI's words: fields as options, missing things as commands."""
    from insidetrack.cli.hints import command_for, option_name, where_listed
    from insidetrack.domain.errors import Elsewhere, InputError, NoSuchRecord

    if isinstance(exc, InputError):
        return f"{option_name(getattr(exc, 'command', None), exc.field, cli)}: {exc.reason}"
    if isinstance(exc, Elsewhere):
        return f"{exc.message} ({command_for(exc.place)})"
    if isinstance(exc, NoSuchRecord):
        return where_listed(exc)
    return exc.message


class InsidetrackCommand(click.Command):
    """A command whose errors remember it, so its options can name their fields."""

    def invoke(self, ctx: click.Context) -> Any:
        from insidetrack.domain.errors import InsidetrackError

        try:
            return super().invoke(ctx)
        except InsidetrackError as exc:
            if not hasattr(exc, "command"):
                exc.command = self  # type: ignore[attr-defined]
            raise


class InsidetrackGroup(click.Group):
    """Map every error to one line on stderr and an exit code."""

    command_class = InsidetrackCommand
    group_class: type[click.Group | type] | None = type  # sub-groups are of this class too

    def main(self, args: Any = None, *pos: Any, **kwargs: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        kwargs["standalone_mode"] = False
        try:
            result = super().main(argv, *pos, **kwargs)
        except click.UsageError as exc:
            _fail(exc.format_message().replace("\n", " "), ExitStatus.BAD_INPUT)
        except click.Abort:
            _fail("stopped", ExitStatus.ERROR)
        except Exception as exc:
            from insidetrack.domain.errors import InsidetrackError

            if "--traceback" in argv:
                raise
            if isinstance(exc, InsidetrackError):
                _fail(_said(exc), exit_status(exc))
            # a bug: still one line, and a way to see more
            _fail(f"internal error ({type(exc).__name__}: {exc}); run again with --traceback "
                  "to see where", ExitStatus.ERROR)
        sys.exit(result if isinstance(result, int) else ExitStatus.OK)


class LazyGroup(InsidetrackGroup):
    """The top group: lists every command from the registry, imports one when it is used."""

    group_class = InsidetrackGroup  # the groups the command modules add

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Name every command, none of them imported."""
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import the modules that define a command (they register it), then return it."""
        from importlib import import_module

        for module in COMMANDS.get(cmd_name, ("", ""))[0].split():
            import_module(f"insidetrack.cli.commands.{module}")
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        """Find a command; for a mistyped one, suggest from every command, loaded or not."""
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            raise click.exceptions.NoSuchCommand(exc.command_name, ctx=ctx,
                                                 possibilities=self.list_commands(ctx)) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands with their help lines from the registry, as click would."""
        limit = formatter.width - 6 - max(map(len, COMMANDS))
        rows = [(name, click.Command(name, help=line).get_short_help_str(limit))
                for name, (_, line) in sorted(COMMANDS.items())]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    metavar="FILE|URL",
    help="Database: a SQLite file, or a postgresql://user@host/name URL "
         "(default: $INSIDETRACK_DB, else your data folder).",
)
@click.option("--traceback", is_flag=True, help="Show the Python stack on errors.")
@click.version_option(__version__, prog_name="insidetrack")
@click.pass_context
def cli(ctx: click.Context, db: str | None, traceback: bool) -> None:
    """Follow up after every job interview, the right way, until the employer decides."""
    from insidetrack.session import Session

    app = ctx.ensure_object(Session)
    if db:
        app.db_path = db  # the session tells a file from a postgresql:// URL


def run() -> None:
    """Run the full command line."""
    cli(prog_name="insidetrack")
