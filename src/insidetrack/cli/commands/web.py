"""Commands for the local web app: serve it, and set its password."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from insidetrack.cli.main import cli
from insidetrack.cli.shown import shows
from insidetrack.domain.errors import ConflictError, InputError
from insidetrack.session import Session

if TYPE_CHECKING:
    from insidetrack.web.security import Guard

MOST_WORKERS = 64  # far more than a 2-core laptop, or most servers, can keep busy


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Where to listen; anything but loopback needs a password.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--open", "open_browser", is_flag=True, help="Open it in your browser.")
@click.option("--certfile", type=click.Path(exists=True, dir_okay=False),
              help="Serve over HTTPS with this certificate (PEM); needs --keyfile.")
@click.option("--keyfile", type=click.Path(exists=True, dir_okay=False),
              help="The certificate's private key (PEM).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, MOST_WORKERS),
              help="Processes answering at once: more for a server that several people or "
                   "programs use together; 1 is right for one person.")
@click.option("--org", is_flag=True,
              help="Serve a career center's database (org init): everyone signs in with "
                   "their e-mail and password and sees only their own data.")
@click.option("--proxy", metavar="ADDRESS[,...]",
              help="With --org, behind a reverse proxy (nginx, a load balancer) connecting "
                   "from these addresses or networks: take the browser's https, address and "
                   "Host from its X-Forwarded-Proto, X-Forwarded-For and Host headers. "
                   "Without it, no one's forwarded headers are believed.")
@click.pass_obj
def serve(app: Session, host: str, port: int, open_browser: bool, certfile: str | None,
          keyfile: str | None, workers: int, org: bool, proxy: str | None) -> None:
    """Run the web app on this computer (http://127.0.0.1:8765 by default)."""
    import uvicorn

    tls = _tls_files(certfile, keyfile)
    proxies = _proxies(proxy, org)

    from insidetrack.services.access import web_password_hash
    from insidetrack.web.app import create_app
    from insidetrack.web.context import WebConfig
    from insidetrack.web.security import Guard

    extra = tuple(h.strip() for h in app.settings.web.allowed_hosts.split(",") if h.strip())
    guard = Guard(port=port, bind_host=host, password_hash=None if org else web_password_hash(),
                  extra_hosts=extra, tls=bool(tls), org=org, proxies=proxies)
    if guard.login_required and not guard.password_hash and not org:
        raise ConflictError(f"listening on {host} needs a password first: "
                            "insidetrack web-password")
    _port_free(host, port)
    _open_database(app, org)
    config = WebConfig(app.database(), tz=app.tz, org=org)
    web = create_app(config, guard) if workers == 1 else None
    scheme = guard.scheme
    address = f"{scheme}://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    many = f", {workers} worker processes" if workers > 1 else ""
    mode = ", career-center mode" if org else ""
    click.echo(f"insidetrack is running at {address} (database: {app.database_label()}{mode}"
               f"{many}). Stop it with Ctrl+C.")
    if guard.beyond_loopback:
        import socket

        click.echo(f"On your network: {scheme}://{socket.gethostname()}:{port}/ (or this machine's "
                   "address); add other names with: insidetrack config set web.allowed_hosts")
    _say_proxies(proxies, extra)
    if open_browser:
        import webbrowser

        webbrowser.open(address)
    if web is not None:
        uvicorn.run(web, host=host, port=port, log_level="warning",
                    ssl_certfile=tls.get("ssl_certfile"), ssl_keyfile=tls.get("ssl_keyfile"),
                    **forwarded(proxies))
        return
    _serve_from_workers(app, guard, workers, tls)


def _port_free(host: str, port: int) -> None:
    """Refuse, before saying it runs, a port another program listens on already."""
    import errno
    import socket

    from insidetrack.domain.errors import InputError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                return  # uvicorn will say what is wrong with the address itself
            raise InputError("port", f"port {port} is in use by another program (another "
                             "insidetrack?): stop it, or choose another with --port") from None


def _proxies(given: str | None, org: bool) -> tuple[str, ...]:
    """Read --proxy (a career center's server only: a single user's app has no sign-in to
    put in front of the world)."""
    if given is None:
        return ()
    if not org:
        raise InputError("proxy", "a reverse proxy in front is for a career center's server: "
                         "serve --org --proxy ADDRESS")
    from insidetrack.web.hosts import trusted_proxies

    return trusted_proxies(given)


def _say_proxies(proxies: tuple[str, ...], extra: tuple[str, ...]) -> None:
    if proxies:
        click.echo(f"Behind the proxy at {', '.join(proxies)}: its X-Forwarded-Proto and "
                   "X-Forwarded-For are believed, from it alone. Public names: "
                   f"{', '.join(('localhost', *extra))} (more: insidetrack config set "
                   "web.allowed_hosts).")


def forwarded(proxies: tuple[str, ...]) -> dict[str, Any]:
    """uvicorn's options for forwarded headers: believed from these proxies alone; from no
    one without them (uvicorn would believe any program on this computer, 127.0.0.1)."""
    if not proxies:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": ",".join(proxies)}


def _open_database(app: Session, org: bool) -> None:
    """Open the database before the first request (and the workers): migrated, or for
    --org opened as it is (the app's role cannot migrate) and checked to be a center's."""
    if not org:
        app.env()
        return
    from pathlib import Path

    from insidetrack.services.center import must_be_servable

    if isinstance(app.database(), Path):  # a SQLite file
        raise InputError("org", "career-center mode needs a PostgreSQL database: give its "
                         "postgresql://... URL with --db")
    app.migrate = False
    must_be_servable(app.env())


def _serve_from_workers(app: Session, guard: Guard, workers: int, tls: dict[str, str]) -> None:
    """Run the web app in several processes, each building it from what this one hands over."""
    import uvicorn

    from insidetrack.web.workers import APP, Served, hand_over

    zone = getattr(app.tz, "key", None)  # a ZoneInfo's name; else each worker finds the zone
    hand_over(Served(str(app.database()), zone, guard.port, guard.bind_host, guard.password_hash,
                     guard.extra_hosts, guard.tls, workers, guard.org, guard.proxies))
    app.close()  # the workers open their own connections
    uvicorn.run(APP, factory=True, workers=workers, host=guard.bind_host, port=guard.port,
                log_level="warning", ssl_certfile=tls.get("ssl_certfile"),
                ssl_keyfile=tls.get("ssl_keyfile"), **forwarded(guard.proxies))


def _tls_files(certfile: str | None, keyfile: str | None) -> dict[str, str]:
    """Check the certificate and key go together; return uvicorn's TLS arguments."""
    if not certfile and not keyfile:
        return {}
    if not (certfile and keyfile):
        raise InputError("--certfile" if keyfile else "--keyfile",
                         "HTTPS needs both --certfile and --keyfile")
    import ssl

    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(certfile, keyfile)
    except (ssl.SSLError, OSError) as exc:
        raise InputError("--certfile", f"the certificate and key cannot be used together: "
                         f"{exc}") from exc
    return {"ssl_certfile": certfile, "ssl_keyfile": keyfile}


@cli.command("web-password")
@click.password_option(prompt="New password for the web app")
def web_password(password: str) -> None:
    """Set the password the web app asks for when it listens beyond this computer."""
    from insidetrack.services.access import set_web_password

    if len(password) < 8:
        raise ConflictError("use at least 8 characters")
    click.echo(f"Password set (an argon2 hash in {set_web_password(password)}).")


@cli.group("api-token")
def api_token() -> None:
    """Tokens that let scripts use the web app's API (Authorization: Bearer TOKEN)."""


@api_token.command("create")
@click.argument("name")
@click.option("--expires-in", "days", type=int, metavar="DAYS",
              help="Stop working on its own after this many days (default: until revoked).")
@click.pass_obj
def api_token_create(app: Session, name: str, days: int | None) -> None:
    """Make a token for one script; it is shown once, so copy it now."""
    from datetime import timedelta

    from insidetrack.services.access import create_token

    token_id, secret = create_token(app.env(), name, days)
    click.echo(f"API token {token_id} ({name.strip()}): {secret}")
    if days is not None:
        ends = (app.clock() + timedelta(days=days)).astimezone(app.zone)
        click.echo(f"It stops working on its own on {ends:%a %d %b %Y %H:%M}.")
    click.echo("Keep it secret; insidetrack stores only its hash. Use it as "
               "'Authorization: Bearer TOKEN'. Revoke it with: insidetrack api-token revoke "
               f"{token_id}")


def _tokens_text(rows: list[dict[str, Any]], app: Session) -> None:
    if not rows:
        click.echo("No API tokens. Make one with: insidetrack api-token create NAME")
    for r in rows:
        state = f"revoked {r['revoked']}" if r["revoked"] else f"last used {r['last_used'] or 'never'}"
        ends = f", expires {r['expires']}" if r["expires"] else ""
        click.echo(f"{r['id']}  {r['name']}  (made {r['created']}, {state}{ends})")


@api_token.command("list")
@shows(_tokens_text, lambda rows, app: rows)
@click.pass_obj
def api_token_list(app: Session) -> list[dict[str, Any]]:
    """List the tokens (never their secrets): when made, last used, revoked."""
    from insidetrack.services.access import tokens
    from insidetrack.views import stamp

    tz = app.zone
    return [{"id": t.id, "name": t.name, "created": stamp(t.created_at, tz),
             "last_used": stamp(t.last_used_at, tz), "revoked": stamp(t.revoked_at, tz),
             "expires": stamp(t.expires_at, tz)} for t in tokens(app.env())]


@api_token.command("revoke")
@click.argument("token_id", type=int)
@click.pass_obj
def api_token_revoke(app: Session, token_id: int) -> None:
    """Stop a token from working, at once."""
    from insidetrack.services.access import revoke_token

    revoke_token(app.env(), token_id)
    click.echo(f"API token {token_id} revoked.")
