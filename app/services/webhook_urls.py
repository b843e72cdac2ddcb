"""The webhook URLs to paste into each provider's cabinet, and the secrets they carry.

Why a service and not the receiver's: the settings dialog, ``ringdesk serve`` and the desktop's first run
all show these URLs, and the settings dialog creates missing secrets when an account is saved — none of
them should have to import the HTTP server for that. The receiver checks pushes against the same rules
(:mod:`app.server.accounts`).

- Cloud PBX: one URL per account; every push carries ``crm_token`` (the account's secret ``crm_token``).
- TeleDiscount: the provider signs nothing, so the URL itself is the secret: ``/hooks/<id>/<secret>/…``
  with the account's secret ``webhook_secret``, generated when missing.
- ``sandbox`` accounts play both roles (the simulator speaks both providers' webhooks).
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from urllib.parse import quote

from app.config.secrets import SecretStore, generate_secret
from app.config.settings import Provider, ServerSettings, Settings
from app.core.errors import SecretStoreError

log = logging.getLogger(__name__)

CLOUDPBX_PROVIDERS = (Provider.CLOUDPBX, Provider.SANDBOX)
TELEDISCOUNT_PROVIDERS = (Provider.TELEDISCOUNT, Provider.SANDBOX)
TELEDISCOUNT_HOOKS = ("income", "call_finished")


def ensure_webhook_secrets(settings: Settings, secrets: SecretStore) -> list[str]:
    """Give every TeleDiscount account without a ``webhook_secret`` a fresh one; returns the accounts done.

    An account whose secret cannot be stored (no secure keyring) keeps none, and its TeleDiscount URLs
    answer 404 until one is provided: a secret that changed at every start would break the cabinet's URLs.
    """
    created: list[str] = []
    for account in settings.accounts:
        if account.provider is not Provider.TELEDISCOUNT or secrets.get(account.id, "webhook_secret"):
            continue
        try:
            secrets.set(account.id, "webhook_secret", generate_secret())
        except SecretStoreError as exc:
            log.warning(
                "account %s: no webhook secret, its TeleDiscount webhooks are off: %s", account.id, exc.user_text()
            )
            continue
        created.append(account.id)
    return created


PLACEHOLDER_HOST = "<this machine's address>"
WILDCARDS = ("", "0.0.0.0", "::")
# Where a UDP socket is "connected" to learn which local address routes out (nothing is sent): the
# documentation networks (RFC 5737, RFC 3849), so no real host is named.
_ROUTE_PROBES = ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1"))


def base_url(server: ServerSettings, port: int | None = None) -> str:
    """``http(s)://host:port`` the providers (and a hub's desktops) should call: ``[server] public_url`` when
    set (a reverse proxy's address), else the listening address; a wildcard bind names this machine by its
    first network address (loopback when it has none)."""
    bases = reachable_bases(server, port)
    return bases[0] if PLACEHOLDER_HOST not in bases[0] else _base(server, "127.0.0.1", port)


def reachable_bases(server: ServerSettings, port: int | None = None) -> list[str]:
    """Every ``http(s)://host:port`` a provider could be given, best first.

    ``public_url`` wins. A wildcard bind (``0.0.0.0``, ``::``) is reachable at each non-loopback address
    of this machine; with none found, the one base holds :data:`PLACEHOLDER_HOST` for the reader to
    replace. A specific address is itself (loopback included: the caller says who can reach that).
    """
    if server.public_url:
        return [server.public_url.rstrip("/")]
    if server.host not in WILDCARDS:
        return [_base(server, server.host, port)]
    found = host_addresses(ipv6=server.host != "0.0.0.0")
    return [_base(server, host, port) for host in found] or [_base(server, PLACEHOLDER_HOST, port)]


def host_addresses(*, ipv6: bool = True) -> list[str]:
    """This machine's non-loopback, non-link-local addresses, IPv4 first: the addresses others may reach a
    wildcard listener at. From the standard library only: the source address of the route out (a UDP
    socket's ``connect`` sends nothing) and what the host name resolves to. Private addresses are kept —
    the caller tells the reader to use ``public_url`` when a provider comes through NAT or a proxy."""
    candidates: list[str] = []
    for family, probe in _ROUTE_PROBES:
        if family == socket.AF_INET6 and not ipv6:
            continue
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as udp:
                udp.connect((probe, 9))
                candidates.append(str(udp.getsockname()[0]))
        except OSError:
            continue  # no route of that family
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, 0, socket.SOCK_STREAM)
    except OSError:
        infos = []
    candidates += [str(info[4][0]) for info in infos]
    found: list[str] = []
    for text in candidates:
        try:
            address = ipaddress.ip_address(text.split("%", 1)[0])
        except ValueError:
            continue
        if address.is_loopback or address.is_link_local or address.is_unspecified:
            continue
        if address.version == 6 and not ipv6:
            continue
        if str(address) not in found:
            found.append(str(address))
    return sorted(found, key=lambda a: ipaddress.ip_address(a).version)


def _base(server: ServerSettings, host: str, port: int | None) -> str:
    if ":" in host:
        host = f"[{host}]"
    scheme = "https" if server.tls_cert else "http"
    return f"{scheme}://{host}:{port if port is not None else server.port}"


def webhook_urls(settings: Settings, secrets: SecretStore, base: str) -> dict[str, list[str]]:
    """For each account, the exact URL(s) to paste into the provider's cabinet (none for TeleCube)."""
    urls: dict[str, list[str]] = {}
    for account in settings.accounts:
        found: list[str] = []
        if account.provider in CLOUDPBX_PROVIDERS:
            found.append(f"{base}/hooks/{account.id}")
        secret = secrets.get(account.id, "webhook_secret")
        if account.provider in TELEDISCOUNT_PROVIDERS and secret:
            # Quoted: a secret made with ``openssl rand -base64`` holds "/", "+" and "=", and a raw "/" in the
            # path would make every push a 404 (the route matches the quoted form and decodes it).
            segment = quote(secret, safe="")
            found += [f"{base}/hooks/{account.id}/{segment}/{hook}" for hook in TELEDISCOUNT_HOOKS]
        urls[account.id] = found
    return urls


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` keeps the receiver private to this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
