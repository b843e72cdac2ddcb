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


def base_url(server: ServerSettings, port: int | None = None) -> str:
    """``http(s)://host:port`` the providers (and a hub's desktops) should call: ``[server] public_url`` when
    set (a reverse proxy's address), else the listening address; a wildcard bind names this machine."""
    if server.public_url:
        return server.public_url.rstrip("/")
    host = server.host
    if host in ("", "0.0.0.0", "::"):
        host = _this_machine()
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
            found += [f"{base}/hooks/{account.id}/{secret}/{hook}" for hook in TELEDISCOUNT_HOOKS]
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


def _this_machine() -> str:
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"
