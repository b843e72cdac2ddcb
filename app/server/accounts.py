"""Which configured accounts the receiver serves, and how their pushes are authenticated (the URLs to paste
into each provider's cabinet are :mod:`app.services.webhook_urls`).

- Cloud PBX: one URL per account; every push carries ``crm_token``, compared in constant time with the
  account's secret ``crm_token``.
- TeleDiscount: the provider signs nothing, so the URL itself is the secret: ``/hooks/<id>/<secret>/…``
  with the account's secret ``webhook_secret``, generated on first start when missing.
- ``sandbox`` accounts play both roles (the simulator speaks both providers' webhooks).

Unknown, disabled or wrong-provider accounts are treated alike ("not found"), so a scan learns nothing.

A Cloud PBX account whose ``crm_token`` this receiver does not hold refuses every push with 401 too, but
that is our side's fault, not the PBX's: it is logged as such, naming the variable and keyring entry that
provide the secret, at most once a minute per account (a PBX retries every push).
"""

from __future__ import annotations

import hmac
import logging
import time

from app.config.secrets import SecretStore, where_to_set
from app.config.settings import AccountSettings, Provider, Settings
from app.services.webhook_urls import CLOUDPBX_PROVIDERS, TELEDISCOUNT_PROVIDERS

log = logging.getLogger(__name__)


class WebhookAccounts:
    """Looks accounts up at each request (edited settings apply at once) and their secrets through a
    short-lived cache: a keyring read can cost milliseconds (a D-Bus round trip to the Secret Service),
    which the PBX's ``contact`` question cannot afford. A changed secret applies within ``SECRET_TTL_S``,
    or at once after :meth:`forget_secrets`."""

    SECRET_TTL_S = 30.0
    MISSING_LOG_EVERY_S = 60.0

    def __init__(self, settings: Settings, secrets: SecretStore) -> None:
        self.settings = settings
        self.secrets = secrets
        self._cache: dict[tuple[str, str], tuple[str | None, float]] = {}
        self._missing_logged: dict[str, tuple[float, int]] = {}  # account → (last logged, refusals since)

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
        """Whether ``presented`` is the account's ``crm_token`` (constant time; no token set → refuse, and
        say in the log that this receiver lacks it)."""
        expected = self.secret(account.id, "crm_token")
        if not expected:
            self._log_missing_crm_token(account.id)
        return _same(expected, presented)

    def _log_missing_crm_token(self, account_id: str) -> None:
        now = time.monotonic()
        last, refused = self._missing_logged.get(account_id, (None, 0))
        refused += 1
        if last is not None and now - last < self.MISSING_LOG_EVERY_S:
            self._missing_logged[account_id] = (last, refused)
            return
        self._missing_logged[account_id] = (now, 0)
        log.warning(
            "cloudpbx %s: refused a push (401): this receiver has no CRM_TOKEN secret for the account, so no "
            "crm_token the PBX sends can match (%d refused since the last such line); %s",
            account_id,
            refused,
            where_to_set(account_id, "crm_token"),
        )

    def webhook_secret_ok(self, account: AccountSettings, presented: str) -> bool:
        return _same(self.secret(account.id, "webhook_secret"), presented)

    def _find(self, account_id: str, providers: tuple[Provider, ...]) -> AccountSettings | None:
        for account in self.settings.accounts:
            if account.id == account_id:
                return account if account.enabled and account.provider in providers else None
        return None


def _same(expected: str | None, presented: str | None) -> bool:
    if not expected or presented is None:
        return False
    return hmac.compare_digest(
        expected.encode("utf-8", "surrogateescape"), presented.encode("utf-8", "surrogateescape")
    )
