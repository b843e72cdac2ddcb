"""Secrets (tokens, API keys, webhook secrets) in the OS keyring — never in config files or logs.

Keyring entries: service ``ringdesk``, user name ``<account id>/<secret name>``.
For headless servers, ``RINGDESK_SECRET_<ACCOUNT>_<NAME>`` (upper case, other characters as ``_``)
overrides the keyring.

Why we refuse insecure backends: with no Secret Service, keyring may pick a backend that fails, or — if
``keyrings.alt`` is installed — a base64 "encrypted" file. We never fall back to plaintext silently:
:meth:`SecretStore.status` says what backend is in use and whether it is safe, and storing into an
unsafe one raises :class:`~app.core.errors.SecretStoreError` with the fix.
"""

from __future__ import annotations

import os
import re
import secrets as _random
from collections.abc import Iterable
from dataclasses import dataclass

from app.config.logs import redact_value
from app.core.accounts import Account
from app.core.errors import QT_TRANSLATE_NOOP, SecretStoreError

SERVICE = "ringdesk"
ENV_PREFIX = "RINGDESK_SECRET_"
_UNSAFE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


@dataclass(frozen=True, slots=True)
class SecretSpec:
    """One secret an account of a provider uses, described for the people who must supply it.

    Why here and in these words: ``ringdesk serve``, ``ringdesk doctor``, the settings dialog and the
    README all name a secret the same way — its name in capitals as in ``RINGDESK_SECRET_<ACCOUNT>_<NAME>``
    (``CRM_TOKEN``) — so a missing one can be looked up wherever it is reported.
    """

    name: str  # the keyring name under ``<account id>/``; upper-cased in the environment variable
    what: str  # what it is
    where: str  # where the provider's cabinet shows it, or that Ringdesk makes it
    without: str  # what stops working while it is missing
    needed: bool = True  # False: an optional feature is off without it (a warning, not a failure)
    incoming: bool = False  # True: the provider presents it to us (a push's key); False: we call its API with it

    @property
    def label(self) -> str:
        """``CRM_TOKEN``: the name as the variable and every message spell it."""
        return self.name.upper()


SECRETS: dict[str, tuple[SecretSpec, ...]] = {
    "cloudpbx": (
        SecretSpec(
            "token",
            "the key Ringdesk calls the PBX's API with (token)",
            "the PBX web cabinet, CRM integration page (the API key)",
            "click-to-call, the history pull and the list of PBX users do not work",
        ),
        SecretSpec(
            "crm_token",
            "the key the PBX sends with every push (crm_token)",
            "you choose it (any long random string) and enter it in the PBX web cabinet beside the webhook URL",
            "every push from the PBX is refused with 401",
            incoming=True,
        ),
    ),
    "telediscount": (
        SecretSpec(
            "api_key",
            "the account key Ringdesk calls the API with (abonent_api_key)",
            "the TeleDiscount cabinet, under “КЛЮЧ ДЛЯ ИНТЕГРАЦИИ С CRM”",
            "click-to-call, the history pull and recordings do not work",
        ),
        SecretSpec(
            "webhook_secret",
            "the secret part of the two webhook URLs, as TeleDiscount signs nothing",
            "Ringdesk makes it when a secure keyring can keep it; on a server, set any long random string",
            "the TeleDiscount webhook URLs answer 404, so no live calls arrive",
            incoming=True,
        ),
    ),
    "telecube": (
        SecretSpec(
            "api_key",
            "the CCRM API key (sent as Authorization: Bearer)",
            "the CCRM web app, its API settings page",
            "the history and contacts sync do not work",
        ),
        SecretSpec(
            "panel_api_key",
            "the TeleCube panel's API key (web_call)",
            "the TeleCube panel: Rozbudowa Centrali › Integracja API",
            "click-to-call does not work",
            needed=False,
        ),
    ),
    "sandbox": (),
    "hub": (
        SecretSpec(
            "token",
            "the user's own token for the team hub; a joined desktop holds no provider secret",
            "the invite: the part after # in the join link; 'ringdesk join' stores it",
            "this desktop cannot connect to the hub",
        ),
    ),
}

# The secrets each provider needs, by keyring name (the settings dialog's fields follow this order).
SECRET_NAMES: dict[str, tuple[str, ...]] = {
    provider: tuple(s.name for s in found) for provider, found in SECRETS.items()
}


@dataclass(frozen=True, slots=True)
class BackendStatus:
    name: str
    secure: bool
    advice: str


def env_name(account: str, name: str) -> str:
    """``office``, ``crm_token`` → ``RINGDESK_SECRET_OFFICE_CRM_TOKEN``."""
    return ENV_PREFIX + re.sub(r"[^A-Za-z0-9]", "_", f"{account}_{name}").upper()


def keyring_entry(account: str, name: str) -> str:
    """``office``, ``crm_token`` → ``ringdesk office/crm_token`` (service and user name, as the ``keyring``
    command takes them: ``keyring set ringdesk office/crm_token``)."""
    return f"{SERVICE} {account}/{name}"


def where_to_set(account: str, name: str) -> str:
    """One sentence naming both places a secret may come from, for the command line and the logs."""
    return (
        f"set the environment variable {env_name(account, name)}, or the keyring entry "
        f"{keyring_entry(account, name)} ('keyring set {keyring_entry(account, name)}')"
    )


def missing_secrets(store: SecretStore, accounts: Iterable[Account]) -> list[tuple[str, SecretSpec]]:
    """(account id, secret) for every secret an enabled account uses and neither the environment nor the
    keyring holds, in the order of the accounts. A generated secret (``webhook_secret``) counts as missing
    until it is stored."""
    return [
        (account.id, spec)
        for account in accounts
        if account.enabled
        for spec in SECRETS.get(account.provider.value, ())
        if not store.get(account.id, spec.name)
    ]


def generate_secret() -> str:
    """A fresh random secret (URL-safe, 32 bytes), e.g. for a TeleDiscount webhook path."""
    return _random.token_urlsafe(32)


class SecretStore:
    """Reads and writes secrets through ``keyring`` (or the environment override)."""

    def status(self) -> BackendStatus:
        import keyring

        backend = keyring.get_keyring()
        module = type(backend).__module__
        name = f"{module}.{type(backend).__name__}"
        priority = getattr(backend, "priority", 0)
        try:
            priority = float(priority)
        except (TypeError, ValueError):
            priority = 0.0
        secure = priority >= 1 and not module.startswith(_UNSAFE_MODULES)
        advice = (
            ""
            if secure
            else (
                "No secure keyring was found. Install and unlock a Secret Service (GNOME Keyring or KWallet), "
                "or provide secrets as RINGDESK_SECRET_<ACCOUNT>_<NAME> environment variables."
            )
        )
        return BackendStatus(name, secure, advice)

    def get(self, account: str, name: str) -> str | None:
        """The secret, or None if unset. Never raises for a missing keyring: the caller reports absence."""
        value = os.environ.get(env_name(account, name))
        if value is None:
            value = self._keyring_get(account, name)
        if value:
            redact_value(value)
        return value or None

    def set(self, account: str, name: str, value: str) -> None:
        """Store a secret in the keyring; refuses an insecure backend."""
        status = self.status()
        if not status.secure:
            raise SecretStoreError(f"Cannot store the secret '{name}' safely.", hint=status.advice)
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(SERVICE, f"{account}/{name}", value)
        except KeyringError as exc:
            raise SecretStoreError(f"The keyring refused to store '{name}': {exc}") from exc
        redact_value(value)

    def delete(self, account: str, name: str) -> None:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            keyring.delete_password(SERVICE, f"{account}/{name}")
        except PasswordDeleteError:
            pass
        except KeyringError as exc:
            raise SecretStoreError(f"The keyring refused to delete '{name}': {exc}") from exc

    def require(self, account: str, name: str) -> str:
        """The secret, or a :class:`SecretStoreError` telling how to set it."""
        value = self.get(account, name)
        if not value:
            raise SecretStoreError(
                QT_TRANSLATE_NOOP("Problem", "Account '{account}' has no '{name}' secret."),
                hint=QT_TRANSLATE_NOOP(
                    "Problem", "Set it in Settings › Accounts, or as the environment variable {variable}."
                ),
                fields={"account": account, "name": name, "variable": env_name(account, name)},
            )
        return value

    def _keyring_get(self, account: str, name: str) -> str | None:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(SERVICE, f"{account}/{name}")
        except KeyringError:
            return None


class MemorySecretStore(SecretStore):
    """Secrets held in memory only: the demo (sandbox tokens must not reach the user's keyring) and tests."""

    def __init__(self, values: dict[tuple[str, str], str] | None = None) -> None:
        self.values: dict[tuple[str, str], str] = dict(values or {})

    def status(self) -> BackendStatus:
        return BackendStatus("memory", True, "")

    def get(self, account: str, name: str) -> str | None:
        value = self.values.get((account, name))
        if value:
            redact_value(value)
        return value or None

    def set(self, account: str, name: str, value: str) -> None:
        self.values[(account, name)] = value
        redact_value(value)

    def delete(self, account: str, name: str) -> None:
        self.values.pop((account, name), None)
