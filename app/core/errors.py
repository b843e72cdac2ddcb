"""One error hierarchy for the whole app.

Why two branches: an agent must be able to tell "the world is wrong" (disk full, provider down, bad token,
broken config) from "Ringdesk is wrong" (a bug). The first kind is a :class:`Problem`: it carries a
sentence for the user and is shown as a message, never as a crash. Anything else that escapes is a bug
and goes to ``sys.excepthook`` (crash dialog in the desktop app, traceback in the log).

::

    RingdeskError
    └── Problem                     shown to the user as a message
        ├── ConfigError             config.toml unreadable or invalid (names key and line)
        ├── SecretStoreError        no secure keyring, or it refused
        ├── StorageError            database or disk (full, locked, corrupt)
        ├── InvalidNumber           a number we refuse to dial
        ├── NotPermitted            role or capability forbids the action
        └── ProviderError           a provider answered badly or not at all
            ├── AuthError           bad token / key, IP not allowed, API service off
            ├── RateLimited         request limit reached (retry_after seconds, if known)
            ├── InvalidRequest      provider rejected our parameters
            └── Unavailable         network down, time-out, 5xx, malformed answer
"""

from __future__ import annotations


class RingdeskError(Exception):
    """Base of every error Ringdesk raises on purpose."""


class Problem(RingdeskError):
    """An error of the environment, not of the code: show ``message`` (and ``hint``) to the user."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def user_text(self) -> str:
        """The message as one readable paragraph."""
        return f"{self.message} {self.hint}".strip()


class ConfigError(Problem):
    """``config.toml`` cannot be read or holds an invalid value."""


class SecretStoreError(Problem):
    """Secrets cannot be stored or read safely."""


class StorageError(Problem):
    """The local database or disk failed (full, read-only, corrupt)."""


class InvalidNumber(Problem):
    """A phone number that cannot be dialled as typed."""


class NotPermitted(Problem):
    """The user's role or the account's capabilities forbid the action."""


class ProviderError(Problem):
    """A provider call failed. ``account`` names the account; ``body`` keeps the provider's answer."""

    def __init__(self, message: str, *, hint: str = "", account: str = "", status: int | None = None,
                 body: str = "") -> None:
        super().__init__(message, hint=hint)
        self.account = account
        self.status = status
        self.body = body


class AuthError(ProviderError):
    """The provider refused our credentials (or our IP address)."""


class RateLimited(ProviderError):
    """The provider's request limit is spent; ``retry_after`` seconds until it may work again."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
        self.retry_after = retry_after


class InvalidRequest(ProviderError):
    """The provider rejected our parameters; retrying the same request will not help."""


class Unavailable(ProviderError):
    """The provider could not be reached or answered garbage; retrying later may help."""
