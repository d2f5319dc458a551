"""Every command of the CLI, registered on the `cli` group."""

from insidetrack.cli.commands import campaign, drafts, mail, records, settings, web  # noqa: F401
from insidetrack.cli.main import cli

__all__ = ["cli"]
