"""Who is calling, and over what: the client's address and whether the request came over HTTPS.

Why believe ``X-Forwarded-For`` / ``X-Forwarded-Proto`` only from ``[server] trusted_proxies``: anyone
can send the headers; only a proxy we named terminates TLS in front of us and tells the truth about the
client. From anyone else the headers are ignored, so a client cannot claim to be loopback, claim HTTPS,
or dodge the failed-login limit by inventing addresses. A hop a proxy wrote with its port (``1.2.3.4:5678``,
``[::1]:80``) counts as its address; an IPv6 client is limited by its /64 (:func:`limit_key`).

The rule (docs/hub-protocol.md): beyond loopback the desktop API is served only over HTTPS — our own
(``tls_cert``) or a trusted proxy's. A token sent in plain text over a network is a token given away.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass

from aiohttp import web

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

PLAIN_HTTP_REFUSED = (
    "The hub's desktop API is served beyond this machine only over HTTPS. Set [server] tls_cert and "
    "tls_key in the hub's config.toml, or put the hub behind a TLS-terminating proxy listed in "
    "[server] trusted_proxies that sends X-Forwarded-Proto: https."
)


@dataclass(frozen=True, slots=True)
class Peer:
    """The client as we believe it: its address (what the rate limit is keyed by) and whether it used HTTPS."""

    address: str
    secure: bool

    @property
    def loopback(self) -> bool:
        parsed = _ip(self.address)
        return parsed is not None and parsed.is_loopback


def networks(cidrs: Sequence[str]) -> list[Network]:
    """The CIDRs as networks; a malformed one is skipped (the settings check reports it)."""
    found: list[Network] = []
    for cidr in cidrs:
        try:
            found.append(ipaddress.ip_network(cidr.strip(), strict=False))
        except ValueError:
            continue
    return found


def peer_of(request: web.BaseRequest, trusted: Sequence[Network]) -> Peer:
    """The client of ``request``: the TCP peer, or — when the peer is a trusted proxy — who it forwards."""
    remote = request.remote or ""
    secure = request.scheme == "https"  # our own TLS (aiohttp reads the socket, never a header)
    if not trusted or not _inside(remote, trusted):
        return Peer(remote, secure)
    client = remote
    hops = [host_of(h) for h in ",".join(request.headers.getall("X-Forwarded-For", [])).split(",") if h.strip()]
    for hop in reversed(hops):  # each proxy appends who called it: the first untrusted hop from the right
        client = hop
        if not _inside(hop, trusted):
            break
    protos = [p.strip().lower() for p in ",".join(request.headers.getall("X-Forwarded-Proto", [])).split(",")]
    forwarded_https = bool(protos) and protos[-1] == "https"  # the value our nearest proxy set
    return Peer(client, secure or forwarded_https)


def host_of(hop: str) -> str:
    """A forwarded hop without its port, if a proxy added one: ``1.2.3.4:5678`` → ``1.2.3.4``,
    ``[2001:db8::1]:80`` → ``2001:db8::1``; a bare IPv6 address stays whole."""
    hop = hop.strip()
    if hop.startswith("["):
        return hop[1:].partition("]")[0]
    if hop.count(":") == 1:
        return hop.partition(":")[0]
    return hop


def limit_key(address: str) -> str:
    """Whose failed logins ``address`` counts with: an IPv4 address alone, an IPv6 address by its /64 (one
    subscriber's network: a host picks any address in it, so per address would be no limit at all)."""
    parsed = _ip(address)
    if parsed is None:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _inside(text: str, nets: Sequence[Network]) -> bool:
    address = _ip(text)
    return address is not None and any(address in net for net in nets)
