"""Commands for the local web app: serve it, and set its password."""

from __future__ import annotations

import click

from insidetrack.cli.app import App
from insidetrack.cli.main import cli
from insidetrack.domain.errors import ConflictError


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Where to listen; anything but loopback needs a password.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--open", "open_browser", is_flag=True, help="Open it in your browser.")
@click.pass_obj
def serve(app: App, host: str, port: int, open_browser: bool) -> None:
    """Run the web app on this computer (http://127.0.0.1:8765 by default)."""
    import uvicorn

    from insidetrack.web import passwords
    from insidetrack.web.app import create_app
    from insidetrack.web.context import WebConfig
    from insidetrack.web.security import Guard

    extra = tuple(h.strip() for h in app.settings.web.allowed_hosts.split(",") if h.strip())
    guard = Guard(port=port, bind_host=host, password_hash=passwords.load(), extra_hosts=extra)
    if guard.login_required and not guard.password_hash:
        raise ConflictError(f"listening on {host} needs a password first: "
                            "insidetrack web-password")
    app.env()  # open and migrate the database before the first request
    web = create_app(WebConfig(app.database(), tz=app.tz), guard)
    address = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    click.echo(f"insidetrack is running at {address} (database: {app.database()}). "
               "Stop it with Ctrl+C.")
    if guard.login_required:
        import socket

        click.echo(f"On your network: http://{socket.gethostname()}:{port}/ (or this machine's "
                   "address); add other names with: insidetrack config set web.allowed_hosts")
    if open_browser:
        import webbrowser

        webbrowser.open(address)
    uvicorn.run(web, host=host, port=port, log_level="warning")


@cli.command("web-password")
@click.password_option(prompt="New password for the web app")
def web_password(password: str) -> None:
    """Set the password the web app asks for when it listens beyond this computer."""
    from insidetrack.web import passwords

    if len(password) < 8:
        raise ConflictError("use at least 8 characters")
    passwords.save(password)
    click.echo(f"Password set (an argon2 hash in {passwords.password_file()}).")
