"""Commands for the user's settings and the demo database."""

from __future__ import annotations

from pathlib import Path

import click

from insidetrack.cli.main import cli
from insidetrack.cli.shown import shows
from insidetrack.services import preferences
from insidetrack.session import Session


@cli.group()
def config() -> None:
    """Settings: time zone and the planner's defaults."""


ShownSettings = tuple[Path, dict[str, object]]


def _config_text(shown: ShownSettings, app: Session) -> None:
    file, table = shown
    click.echo(f"# {file}")
    for key, value in table.items():
        click.echo(f"{key} = {value}")


@config.command("show")
@shows(_config_text, lambda shown, app: {"file": str(shown[0]), "settings": shown[1]})
@click.pass_obj
def config_show(app: Session) -> ShownSettings:
    """Show every setting and where the file lives."""
    table = preferences.settings_table(app)
    return preferences.settings_file(), table


# A value such as -1 is a value here, not an option: the range check refuses it by name.
@config.command("set", context_settings={"ignore_unknown_options": True})
@click.argument("key")
@click.argument("value")
@click.pass_obj
def config_set(app: Session, key: str, value: str) -> None:
    """Change one setting; open campaigns are re-planned with it."""
    click.echo(f"{key} = {preferences.change_setting(app, key, value)}")
    if key == "ai.endpoint":
        from insidetrack.services.polishing import remote_warning

        for line in remote_warning(app.settings.ai):
            click.echo(f"warning: {line}", err=True)


@cli.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to make the demo database.")
@click.pass_obj
def demo(app: Session, db_path: Path | None) -> None:
    """Fill an empty database with a realistic demo: campaigns in every state."""
    from insidetrack.services.demo import load_demo

    if db_path is not None:
        app.db_path = db_path
    summary = load_demo(app.env())
    click.echo(f"Demo loaded: {summary}.")


SERVICES = ("smtp", "imap", "caldav")


@config.command("password")
@click.argument("service", type=click.Choice((*SERVICES, "ai")))
@click.option("--password", default=None, help="The password; asked, not echoed, if left out.")
@click.pass_obj
def config_password(app: Session, service: str, password: str | None) -> None:
    """Keep a password, or the language model's key (ai), in the system keyring (never in the
    settings file)."""
    from insidetrack.services.connections import keep_password, password_owner

    password_owner(app, service)  # what to set first is said before anything is typed
    if password is None:
        password = click.prompt("Password", hide_input=True)
    click.echo(keep_password(app, service, password))


@config.command("test")
@click.argument("service", type=click.Choice(SERVICES))
@click.pass_obj
def config_test(app: Session, service: str) -> None:
    """Connect to a server and say what works, in one line."""
    from insidetrack.services.connections import check_line

    line = check_line(app, service)
    click.echo(line)
    if ": ok" not in line:
        raise SystemExit(1)
