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
from dataclasses import dataclass

from app.config.logs import redact_value
from app.core.errors import QT_TRANSLATE_NOOP, SecretStoreError

SERVICE = "ringdesk"
ENV_PREFIX = "RINGDESK_SECRET_"
_UNSAFE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")

# The secrets each provider needs, with the sentence that explains each in the settings dialog.
SECRET_NAMES: dict[str, tuple[str, ...]] = {
    "cloudpbx": ("token", "crm_token"),
    "telediscount": ("api_key", "webhook_secret"),
    "telecube": ("api_key", "panel_api_key"),
    "sandbox": (),
    "hub": ("token",),  # the user's own token for the team hub; a joined desktop holds no provider secret
}


@dataclass(frozen=True, slots=True)
class BackendStatus:
    name: str
    secure: bool
    advice: str


def env_name(account: str, name: str) -> str:
    """``office``, ``crm_token`` → ``RINGDESK_SECRET_OFFICE_CRM_TOKEN``."""
    return ENV_PREFIX + re.sub(r"[^A-Za-z0-9]", "_", f"{account}_{name}").upper()


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
