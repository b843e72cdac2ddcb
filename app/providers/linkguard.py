"""Where a recording link may lead: public addresses, and local ones only of the kind the account itself has.

Why: a Cloud PBX ``history`` push carries the recording ``link`` as data from outside, and the desktop (or
the team hub) fetches it when someone presses play. A link to ``http://127.0.0.1:<port>/admin/…`` or to
``169.254.169.254`` (the cloud metadata service) would make Ringdesk reach into its own machine or network
on an outsider's behalf (SSRF). So every address a link's host resolves to must be global — unless the
account's own API host is local in the same way (the sandbox on 127.0.0.1, a PBX in the office's private
network): then that kind (loopback, link-local or private) is allowed too, and no other. Unspecified and
multicast addresses are never allowed (``0.0.0.0`` connects to this machine on Linux).

Why a transport and not a check before the request: a name checked and then resolved again by the HTTP
library can answer differently the second time (DNS rebinding). :class:`GuardedTransport` resolves the host
once, checks *every* address, and sends the request to a checked address itself; the ``Host`` header and
TLS (SNI and certificate checks, through httpcore's ``sni_hostname`` extension) still use the name. Each
redirect hop is a request of its own, so each is checked the same way.

The classification is the standard library's :mod:`ipaddress` (IANA's special-purpose registries), not a
table of ours.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable

import httpx

from app.core.errors import QT_TRANSLATE_NOOP, InvalidRequest

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[IPAddress]]]

GLOBAL = "global"
NEVER = frozenset({"unspecified", "multicast"})
REFUSED = QT_TRANSLATE_NOOP(
    "Problem",
    "Refusing to download the recording from {host}: its address {address} is not on the public internet, "
    "and the account's own address is not of that kind.",
)
REFUSED_HINT = QT_TRANSLATE_NOOP(
    "Problem",
    "A recording link may lead into a local network only when the account's own address is in one "
    "(the sandbox, a PBX in the office). Check the link the provider sent.",
)


def address_kind(address: IPAddress) -> str:
    """``global``, ``loopback``, ``link-local``, ``private`` (every other non-global range: RFC 1918, CGNAT,
    documentation, reserved…), ``unspecified`` or ``multicast``. An IPv4-mapped IPv6 address is its IPv4."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_unspecified:
        return "unspecified"
    if address.is_multicast:
        return "multicast"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    return GLOBAL if address.is_global else "private"


def ip_literal(host: str) -> IPAddress | None:
    """``host`` as an address when it is written as one (``[::1]`` too), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


async def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to, in the resolver's order (``socket.gaierror`` if none)."""
    literal = ip_literal(host)
    if literal is not None:
        return [literal]
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    found: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in found:
            found.append(address)
    return found


class GuardedTransport(httpx.AsyncBaseTransport):
    """An httpx transport that sends a request only to checked addresses of its host (see the module)."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        home_host: str,
        *,
        account: str = "",
        resolve: Resolver | None = None,
    ) -> None:
        self._inner = inner
        self._home_host = home_host
        self._account = account
        self._resolve = resolve

    async def _addresses(self, host: str, port: int) -> list[IPAddress]:
        resolve = self._resolve or resolve_host
        try:
            found = await resolve(host, port)
        except (OSError, UnicodeError) as exc:  # gaierror is an OSError
            raise httpx.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not found:
            raise httpx.ConnectError(f"cannot resolve {host}: no address")
        return found

    async def allowed_kinds(self) -> frozenset[str]:
        """The kinds of address a link may lead to: global, plus the local kinds of the account's own host."""
        try:
            home = await (self._resolve or resolve_host)(self._home_host, 443)
        except (OSError, UnicodeError):
            home = []  # the account's host does not resolve now: only public addresses are safe
        return frozenset({GLOBAL} | {address_kind(a) for a in home}) - NEVER

    async def checked(self, host: str, port: int) -> list[IPAddress]:
        """The addresses of ``host``, all of them allowed; :class:`InvalidRequest` naming the first that is not."""
        addresses = await self._addresses(host, port)
        allowed = await self.allowed_kinds()
        for address in addresses:
            if address_kind(address) not in allowed:
                raise InvalidRequest(
                    REFUSED,
                    hint=REFUSED_HINT,
                    fields={"host": host, "address": str(address)},
                    account=self._account,
                )
        return addresses

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        port = request.url.port or (443 if request.url.scheme == "https" else 80)
        addresses = await self.checked(host, port)
        failure: httpx.ConnectError | None = None
        for address in addresses:  # in the resolver's order, as a client would try them
            pinned = httpx.Request(
                request.method,
                request.url.copy_with(host=str(address)),
                headers=request.headers,  # keeps ``Host: <name>``
                stream=request.stream,
                extensions={**request.extensions, "sni_hostname": host},
            )
            try:
                return await self._inner.handle_async_request(pinned)
            except httpx.ConnectError as exc:  # nothing was sent: the next address may answer
                failure = exc
        assert failure is not None
        raise failure

    async def aclose(self) -> None:
        await self._inner.aclose()
