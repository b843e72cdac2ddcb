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

from collections.abc import Mapping

PROBLEM_CONTEXT = "Problem"  # the translation context of every marked problem text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name Qt's lupdate looks for
    """Mark ``text`` for translation without translating it here (no Qt below the UI): ``lupdate`` collects it
    into the ``.ts`` files, and the UI translates it when it shows the problem (``app.ui.problems``)."""
    return text


# Shared by the dialer and every provider's click-to-call.
NOT_DIALLABLE = QT_TRANSLATE_NOOP("Problem", "“{number}” is not a phone number Ringdesk can dial.")


class RingdeskError(Exception):
    """Base of every error Ringdesk raises on purpose."""


class Problem(RingdeskError):
    """An error of the environment, not of the code: show ``message`` (and ``hint``) to the user.

    ``message`` and ``hint`` may be templates with ``{named}`` fields, filled from ``fields``: the English
    text (logs, the command line) is formatted here, and the UI formats the *translated* template with the
    same fields. A template is translated when it was marked with :func:`QT_TRANSLATE_NOOP`
    (context ``"Problem"``); any other text is shown as written.
    """

    def __init__(self, message: str, *, hint: str = "", fields: Mapping[str, object] | None = None) -> None:
        self.template = message
        self.hint_template = hint
        self.fields = dict(fields or {})
        self.message = _fill(message, self.fields)
        self.hint = _fill(hint, self.fields)
        super().__init__(self.message)

    def user_text(self) -> str:
        """The message as one readable paragraph."""
        return f"{self.message} {self.hint}".strip()


def _fill(template: str, fields: Mapping[str, object]) -> str:
    """``template`` with its fields (a text without fields is taken as written: its braces are text)."""
    if not fields:
        return template
    try:
        return template.format_map(fields)
    except Exception:  # a broken template (a missing field, a bad format spec) must not hide the problem itself
        return f"{template} {fields}"


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

    def __init__(
        self,
        message: str,
        *,
        hint: str = "",
        fields: Mapping[str, object] | None = None,
        account: str = "",
        status: int | None = None,
        body: str = "",
    ) -> None:
        super().__init__(message, hint=hint, fields=fields)
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
