"""Where a host name leads: inside a network of one's own, or out on the internet."""

from __future__ import annotations

import ipaddress
import socket


def inside_network(host: str) -> bool:
    """Say whether any address the host has is loopback, private, link-local or otherwise
    not on the public internet (a name that does not resolve: False, the connection will
    say why it fails)."""
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    for *_, address in found:
        ip = ipaddress.ip_address(str(address[0]).split("%")[0])
        if not ip.is_global or ip.is_multicast:
            return True
    return False
