"""The names and addresses this machine answers to, for the Host check in LAN mode."""

from __future__ import annotations

import socket
from collections.abc import Iterable, Iterator

WILDCARDS = ("0.0.0.0", "::", "")
# Documentation addresses (RFC 5737, RFC 3849): connecting a UDP socket sends nothing,
# it only asks the system which of its addresses it would use toward the network.
PROBES = ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1"))


def machine_hosts(bind_host: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """Return the Host names (without port) that name this machine, lowercased."""
    names = {n for n in (socket.gethostname(), socket.getfqdn()) if n}
    addresses = set(_resolved(names)) | set(_outbound())
    if bind_host not in WILDCARDS:
        addresses.add(bind_host)
    found = {n.casefold() for n in names} | {host_form(a) for a in addresses}
    return frozenset(found | {host_form(e.strip()) for e in extra if e.strip()})


def host_form(address: str) -> str:
    """Spell a name or an address as a Host header does: IPv6 in brackets, no zone."""
    address = address.split("%", 1)[0].casefold()
    return f"[{address}]" if ":" in address and not address.startswith("[") else address


def _resolved(names: Iterable[str]) -> Iterator[str]:
    for name in names:
        try:
            infos = socket.getaddrinfo(name, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            continue
        yield from (str(info[4][0]) for info in infos)


def _outbound() -> Iterator[str]:
    for family, probe in PROBES:
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as s:
                s.connect((probe, 9))
                yield str(s.getsockname()[0])
        except OSError:
            continue


def without_port(host: str) -> str:
    """Return a Host header's name or address without its port ("[::1]:8443" -> "[::1]")."""
    name, colon, port = host.rpartition(":")
    return name if colon and port.isdigit() and not host.endswith("]") else host


def trusted_proxies(given: str) -> tuple[str, ...]:
    """Read `serve --proxy`: addresses or networks (comma-separated), as uvicorn takes them."""
    import ipaddress

    from insidetrack.domain.errors import InputError

    found: list[str] = []
    for item in (i.strip() for i in given.split(",")):
        try:
            found.append(str(ipaddress.ip_network(item, strict=False) if "/" in item
                             else ipaddress.ip_address(item)))
        except ValueError:
            raise InputError("proxy", f"{item!r} is not an IP address or network: give the "
                             "address the proxy connects from, e.g. 127.0.0.1 or "
                             "10.0.0.0/24") from None
    return tuple(found)
