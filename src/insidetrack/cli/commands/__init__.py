"""Every command of the CLI, one module per theme; each registers its commands on `cli`.

None is imported here: `cli` (a lazy group) imports a command's modules when the
command runs, as cli/registry.py lists them.
"""

from insidetrack.cli.main import cli

__all__ = ["cli"]
