"""Which configured accounts the receiver serves, how their pushes are authenticated, and the exact URLs
to paste into each provider's cabinet.

- Cloud PBX: one URL per account; every push carries ``crm_token``, compared in constant time with the
  account's secret ``crm_token``.
- TeleDiscount: the provider signs nothing, so the URL itself is the secret: ``/hooks/<id>/<secret>/…``
  with the account's secret ``webhook_secret``, generated on first start when missing.
- ``sandbox`` accounts play both roles (the simulator speaks both providers' webhooks).

Unknown, disabled or wrong-provider accounts are treated alike ("not found"), so a scan learns nothing.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import socket
import time

from app.config.secrets import SecretStore, generate_secret
from app.config.settings import AccountSettings, Provider, ServerSettings, Settings
from app.core.errors import SecretStoreError

log = logging.getLogger(__name__)

CLOUDPBX_PROVIDERS = (Provider.CLOUDPBX, Provider.SANDBOX)
TELEDISCOUNT_PROVIDERS = (Provider.TELEDISCOUNT, Provider.SANDBOX)
TELEDISCOUNT_HOOKS = ("income", "call_finished")


class WebhookAccounts:
    """Looks accounts up at each request (edited settings apply at once) and their secrets through a
    short-lived cache: a keyring read can cost milliseconds (a D-Bus round trip to the Secret Service),
    which the PBX's ``contact`` question cannot afford. A changed secret applies within ``SECRET_TTL_S``,
    or at once after :meth:`forget_secrets`."""

    SECRET_TTL_S = 30.0

    def __init__(self, settings: Settings, secrets: SecretStore) -> None:
        self.settings = settings
        self.secrets = secrets
        self._cache: dict[tuple[str, str], tuple[str | None, float]] = {}

    def forget_secrets(self) -> None:
        """Read every secret afresh on its next use (the settings dialog calls this after a change)."""
        self._cache.clear()

    def secret(self, account_id: str, name: str) -> str | None:
        key = (account_id, name)
        cached = self._cache.get(key)
        now = time.monotonic()
        if cached is not None and now - cached[1] < self.SECRET_TTL_S:
            return cached[0]
        value = self.secrets.get(account_id, name)
        self._cache[key] = (value, now)
        return value

    def cloudpbx(self, account_id: str) -> AccountSettings | None:
        return self._find(account_id, CLOUDPBX_PROVIDERS)

    def telediscount(self, account_id: str) -> AccountSettings | None:
        return self._find(account_id, TELEDISCOUNT_PROVIDERS)

    def crm_token_ok(self, account: AccountSettings, presented: str | None) -> bool:
        """Whether ``presented`` is the account's ``crm_token`` (constant time; no token set → refuse)."""
        return _same(self.secret(account.id, "crm_token"), presented)

    def webhook_secret_ok(self, account: AccountSettings, presented: str) -> bool:
        return _same(self.secret(account.id, "webhook_secret"), presented)

    def _find(self, account_id: str, providers: tuple[Provider, ...]) -> AccountSettings | None:
        for account in self.settings.accounts:
            if account.id == account_id:
                return account if account.enabled and account.provider in providers else None
        return None


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
    """``http(s)://host:port`` the providers should call. A wildcard bind names this machine instead."""
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


def _same(expected: str | None, presented: str | None) -> bool:
    if not expected or presented is None:
        return False
    return hmac.compare_digest(
        expected.encode("utf-8", "surrogateescape"), presented.encode("utf-8", "surrogateescape")
    )


def _this_machine() -> str:
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"
