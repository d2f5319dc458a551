"""Every command of the CLI, registered on the `cli` group."""

from insidetrack.cli.commands import (  # noqa: F401  (each registers its commands)
    accounts,
    applications,
    calendar,
    campaign,
    config,
    data,
    drafts,
    finding,
    fixes,
    interview_edits,
    invitations,
    mail,
    notes,
    records,
    trash,
    web,
)
from insidetrack.cli.main import cli

__all__ = ["cli"]
