"""Serve the web app from several processes: what each worker process builds its app from.

uvicorn starts workers from an import string, so the parent hands them its settings in an
environment variable (a process's environment is readable by its user alone, unlike its
arguments in `ps`); each worker reads it, removes it, and builds the same app.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

from fastapi import FastAPI

ENV = "INSIDETRACK_WEB_WORKER"
APP = "insidetrack.web.workers:worker_app"  # what uvicorn imports in each worker


@dataclass(frozen=True)
class Served:
    """What `insidetrack serve` was asked for, as every worker needs it."""

    database: str  # a SQLite file, or a postgresql:// URL
    zone: str | None  # a zone name, or None: the settings' zone, else the system's
    port: int
    bind_host: str
    password_hash: str | None
    extra_hosts: tuple[str, ...]
    tls: bool
    workers: int
    org: bool = False  # a career center's database (`serve --org`)
    proxies: tuple[str, ...] = ()  # the reverse proxies in front (`serve --proxy`)


def hand_over(served: Served) -> None:
    """Put the settings where the worker processes (started after this) find them."""
    os.environ[ENV] = json.dumps(asdict(served))


def taken() -> Served:
    """Read the settings the parent handed over, and remove them from this environment."""
    fields = json.loads(os.environ.pop(ENV))
    return Served(**{**fields, "extra_hosts": tuple(fields["extra_hosts"]),
                     "proxies": tuple(fields.get("proxies", ()))})


def worker_app() -> FastAPI:
    """Build one worker's app (uvicorn's factory, called once in each worker process)."""
    from zoneinfo import ZoneInfo

    from insidetrack.web.app import create_app
    from insidetrack.web.context import WebConfig
    from insidetrack.web.logins import LoginLimiter, checks_per_worker
    from insidetrack.web.security import Guard

    served = taken()
    guard = Guard(port=served.port, bind_host=served.bind_host,
                  password_hash=served.password_hash, extra_hosts=served.extra_hosts,
                  tls=served.tls, reread_password=not served.org, org=served.org,
                  proxies=served.proxies,
                  logins=LoginLimiter(checks_at_once=checks_per_worker(served.workers)))
    tz = ZoneInfo(served.zone) if served.zone else None
    return create_app(WebConfig(served.database, tz=tz, workers=served.workers, org=served.org),
                      guard)
