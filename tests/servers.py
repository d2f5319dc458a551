"""Real servers for the tests: Dovecot (IMAP) started with a throwaway configuration, and
aiosmtpd (SMTP) with a handler that keeps what it accepts."""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

MAIL_USER = "insidetrack-mail"  # Dovecot will not serve mail as root
PASSWORD = "secret"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = {uid}
default_internal_user = dovecot
default_login_user = dovenull
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen[bytes], what: str,
                  seconds: float = 30) -> None:
    """Wait until a server we started listens on a loopback port, or fail saying why."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                raise RuntimeError(f"{what} did not start: {err}") from None
            time.sleep(0.2)


SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def system_program(name: str) -> str | None:
    """Find a program on PATH or where Debian puts system programs (/usr/sbin is not always on PATH)."""
    return shutil.which(name) or shutil.which(name, path=SYSTEM_PATH)


def dovecot_missing() -> str | None:
    """Say why Dovecot cannot run here, or None when it can."""
    if system_program("dovecot") is None:
        return "Dovecot is not installed (apt-get install dovecot-imapd; make test does it)"
    if os.geteuid() != 0:
        return "starting Dovecot needs root (it drops to its own users)"
    return None


def _mail_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(MAIL_USER)
    except KeyError:
        useradd = system_program("useradd")
        if useradd is None:
            raise RuntimeError("useradd is not installed (Debian's passwd package has it)") from None
        subprocess.run([useradd, "--system", "--no-create-home", "--shell",
                        "/usr/sbin/nologin", MAIL_USER], check=True)
        return pwd.getpwnam(MAIL_USER)


@contextmanager
def dovecot(config: str = CONFIG, files: dict[str, str] | None = None) -> Iterator[int]:
    """Run Dovecot on a free loopback port (with extra files in its folder); yield the port."""
    user = _mail_user()
    root = Path(tempfile.mkdtemp(prefix="insidetrack-dovecot-"))
    root.chmod(0o755)
    for sub in ("mail", "home"):
        (root / sub).mkdir()
        os.chown(root / sub, user.pw_uid, user.pw_gid)
    port = free_port()
    conf = root / "dovecot.conf"
    fields = {"root": root, "uid": user.pw_uid, "gid": user.pw_gid, "port": port,
              "password": PASSWORD}
    conf.write_text(config.format(**fields))
    for name, text in (files or {}).items():
        (root / name).write_text(text.format(**fields))
    binary = system_program("dovecot")
    assert binary is not None, dovecot_missing()
    proc = subprocess.Popen([binary, "-F", "-c", str(conf)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        wait_for_port(port, proc, f"Dovecot (log: {root / 'dovecot.log'})")
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        shutil.rmtree(root, ignore_errors=True)


class Recorder:
    """An SMTP handler that keeps what it accepts, or answers as told.

    Like a strict server (Postfix with smtpd_forbid_bare_newline = reject, Exchange
    Online), it refuses a message with a bare LF; aiosmtpd itself refuses a "line" over
    1,000 bytes, which is what a whole message without CRLF is.
    """

    def __init__(self) -> None:
        self.received: list[bytes] = []
        self.answer: str | None = None
        self.kill_pid: int | None = None
        self.unknown: set[str] = set()  # addresses refused at RCPT, as Postfix says it

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.unknown:
            return (f"550 5.1.1 <{address}>: Recipient address rejected: User unknown in "
                    "local recipient table")
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self.answer:
            return self.answer
        content = envelope.original_content or envelope.content
        if re.search(rb"(?<!\r)\n", content):
            return "550 5.5.2 Error: bare <LF> received"
        self.received.append(content)
        if self.kill_pid:
            os.kill(self.kill_pid, signal.SIGKILL)  # the sender dies before hearing "250"
        return "250 Message accepted for delivery"


@contextmanager
def aiosmtpd_server() -> Iterator[tuple[object, Recorder]]:
    """Run aiosmtpd on a free loopback port; yield its controller and handler."""
    from aiosmtpd.controller import Controller

    handler = Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


@contextmanager
def fresh_mailbox(run: Any, port: int, monkeypatch: Any, user: str) -> Iterator[Any]:
    """Point the CLI at a new Dovecot mailbox `user`, with its Sent folder; yield an
    IMAPClient logged in to it, as the sender of the mail it is to read."""
    from imapclient import IMAPClient

    monkeypatch.setenv("INSIDETRACK_IMAP_PASSWORD", PASSWORD)
    for key, value in (("imap.host", "127.0.0.1"), ("imap.port", str(port)),
                       ("imap.security", "none"), ("imap.user", user)):
        run.ok("config", "set", key, value)
    client = IMAPClient("127.0.0.1", port=port, ssl=False)
    client.login(user, PASSWORD)
    client.create_folder("Sent")
    try:
        yield client
    finally:
        client.logout()

