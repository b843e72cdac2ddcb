"""A provider account as the code that talks to the provider sees it, and where its secrets come from.

Why this lives in core: provider clients (:mod:`app.providers`) need to know which provider an account
is at, where it is and who the user is there, but they must not depend on how accounts are stored
(``config.toml``, the keyring). So the description of an account is a plain record here;
:class:`app.config.settings.AccountSettings` extends it with what only the configuration cares about,
and any ``AccountSettings`` can be handed to a client as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class Provider(StrEnum):
    """The telephony providers Ringdesk speaks to (the value is what ``config.toml`` says)."""

    CLOUDPBX = "cloudpbx"
    TELEDISCOUNT = "telediscount"
    TELECUBE = "telecube"
    SANDBOX = "sandbox"  # the bundled simulator; it speaks Cloud PBX to the desktop
    HUB = "hub"  # the team hub (``ringdesk serve``): a desktop joined to it holds only its user's token


class Role(StrEnum):
    """What a user sees: an agent their own calls (and the missed calls of their lines), a supervisor all."""

    AGENT = "agent"
    SUPERVISOR = "supervisor"


@dataclass(slots=True)
class Account:
    """One account at a provider: who we are there and how to reach it. Secrets are not part of it.

    Mutable on purpose: the configuration fills in defaults after parsing (a provider's usual
    ``base_url``) and the settings dialog edits accounts in place; a client only reads it.
    ``enabled`` and ``sync_interval_s`` are here, not in the configuration's subclass, because code that
    holds only a client (the history sync scheduler) reads them through ``client.account``.
    """

    id: str
    provider: Provider
    name: str = ""  # what the user calls the account ("" = its id)
    base_url: str = ""  # Cloud PBX https://<domain>; CCRM https://<name>.ccrm.pl; TeleDiscount; sandbox
    user: str = ""  # who I am: PBX user (Cloud PBX), SIP account (TeleDiscount), extension (TeleCube)
    caller_id: str = ""  # number to present on outgoing calls, where the provider lets us choose
    panel_url: str = ""  # TeleCube panel for click-to-call (https://panel.telecube.pl)
    login: str = ""  # TeleCube panel login
    enabled: bool = True
    sync_interval_s: int = 0  # 0 = the provider's sensible default

    @property
    def display_name(self) -> str:
        """The name to show people: the user's own name for the account, else its id."""
        return self.name or self.id


class SecretSource(Protocol):
    """Where a client's secrets (tokens, API keys) come from, named ``(account id, secret name)``.

    A protocol rather than a base class so that core does not depend on the keyring:
    :class:`app.config.secrets.SecretStore` (and its in-memory and test variants) satisfy it as they are.
    """

    def get(self, account: str, name: str) -> str | None:
        """The secret, or None if it is not set (optional secrets)."""
        ...

    def require(self, account: str, name: str) -> str:
        """The secret, or a :class:`~app.core.errors.SecretStoreError` that tells the user how to set it."""
        ...
