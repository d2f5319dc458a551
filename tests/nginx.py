"""A real nginx for the tests: it terminates TLS (a throwaway self-signed certificate) in
front of app servers, round robin, as a career center puts it in front of insidetrack.

It runs as the current user, in the foreground, with its pid file, logs and temporary files
in a folder of the test's; its access log names the server that answered each request.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from servers import wait_for_port

# What README's "For career centers" shows: the one part a center writes for insidetrack.
# X-Forwarded-For is the address nginx saw, not appended to: a browser's own header is
# never believed.
LOCATION = """\
location / {
    proxy_pass http://insidetrack;
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Forwarded-For $remote_addr;
}
"""
CONFIG = """\
{user}worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 64; }}
http {{
    log_format answered '$upstream_addr $status "$request"';
    access_log {root}/access.log answered;
{temp}
    upstream insidetrack {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port} ssl;
        server_name localhost;
        ssl_certificate {root}/cert.pem;
        ssl_certificate_key {root}/key.pem;
{location}    }}
}}
"""
TEMP = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def nginx_binary() -> str | None:
    """Find nginx: on PATH, else where Debian puts it."""
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found if os.access(found, os.X_OK) else None


def self_signed(root: Path) -> Path:
    """Write a throwaway certificate for localhost and its key; return the certificate."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    (root / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    (root / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return root / "cert.pem"


def config(root: Path, port: int, backends: tuple[str, ...]) -> str:
    """Return nginx's configuration: TLS on `port`, round robin over the backends."""
    for kind in TEMP:
        (root / kind).mkdir(exist_ok=True)
    # As root, nginx's workers would switch to nobody, who cannot write in the test's folder.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    return CONFIG.format(
        user=user, root=root, port=port, location=textwrap.indent(LOCATION, " " * 8),
        temp="\n".join(f"    {kind}_temp_path {root}/{kind};" for kind in TEMP),
        servers="\n".join(f"        server {b};" for b in backends))


@contextmanager
def nginx(root: Path, port: int, backends: tuple[str, ...]) -> Iterator[Path]:
    """Run nginx on a loopback port in front of the backends; yield its access log."""
    binary = nginx_binary()
    assert binary is not None
    self_signed(root)
    conf = root / "nginx.conf"
    conf.write_text(config(root, port, backends))
    proc = subprocess.Popen([binary, "-c", str(conf), "-p", str(root), "-e", str(root / "error.log"),
                             "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(port, proc, "nginx")
        yield root / "access.log"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def answered_by(log: Path, since: int = 0) -> list[tuple[str, str, str]]:
    """Read the access log from line `since`: (server, status, request line) per request."""
    lines = log.read_text().splitlines()[since:]
    return [(server, status, request.strip('"'))
            for server, status, request in (line.split(" ", 2) for line in lines)]
