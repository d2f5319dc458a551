"""A real PostgreSQL server for the tests: Debian's binaries, a throwaway cluster, no setup.

The cluster lives in a temporary folder, listens on a free loopback port and trusts local
connections. Each test gets a database of its own, made from a template in milliseconds.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from servers import free_port, system_program

OWNER = "postgres"  # PostgreSQL refuses to run as root; Debian's package makes this user
TEMPLATE = "insidetrack_template"


def _binary(name: str) -> str | None:
    """Find a server program: on PATH, else in Debian's versioned folder."""
    found = system_program(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def missing() -> str | None:
    """Say why PostgreSQL cannot run here, or None when it can."""
    if _binary("initdb") is None or _binary("pg_ctl") is None:
        return "PostgreSQL is not installed (apt-get install postgresql; make test does it)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(OWNER)
        except KeyError:
            return f"running as root needs the {OWNER} user (Debian's postgresql package)"
    return None


def _as_owner() -> dict[str, object]:
    """Run a server program as the unprivileged owner when we are root."""
    if os.geteuid() != 0:
        return {}
    user = pwd.getpwnam(OWNER)
    return {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}


class Server:
    """One running cluster; `new_database()` hands out empty, migrated databases."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="insidetrack-pg-"))
        self.root.chmod(0o755)
        self.data = self.root / "data"
        self.port = free_port()
        self._names = itertools.count(1)
        if os.geteuid() == 0:
            user = pwd.getpwnam(OWNER)
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self._run(_binary("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
                   " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run(_binary("pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", options, "-w", "-t", "60", "start")
        self.admin = self.url("postgres")
        self._make_template()

    def _run(self, *args: str | None) -> None:
        done = subprocess.run([str(a) for a in args], capture_output=True, text=True,
                              cwd=self.root, **_as_owner())  # type: ignore[call-overload]
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stdout}{done.stderr}")

    def url(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def _sql(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(statement)

    def _make_template(self) -> None:
        from insidetrack.storage.db import connect

        self._sql(f"CREATE DATABASE {TEMPLATE}")
        connect(self.url(TEMPLATE)).close()

    def new_database(self, *, migrated: bool = True) -> str:
        """Return the URL of a new database: empty, or with the schema already in place."""
        name = f"test_{next(self._names)}"
        template = TEMPLATE if migrated else "template0"
        self._sql(f"CREATE DATABASE {name} TEMPLATE {template}")
        return self.url(name)

    def stop(self) -> None:
        subprocess.run([str(_binary("pg_ctl")), "-D", str(self.data), "-m", "immediate", "stop"],
                       capture_output=True, cwd=self.root, **_as_owner())  # type: ignore[call-overload]
        shutil.rmtree(self.root, ignore_errors=True)
