"""The team hub's users: inviting, resetting and removing them, and recognising their tokens.

Why tokens of our own and not the provider's: a desktop joined to a hub must never hold a provider's
account-wide API token (with it, anyone reads every call of the company and dials as anyone). A user's
token opens only what that user may see and do, and the hub keeps only its SHA-256: a token is 32 random
bytes, so a plain hash is as good as a slow one and costs microseconds per request.

A token reads ``rd1.<login>.<secret>``: the login in it finds the user's hash with one indexed look-up,
and the comparison is constant-time whether or not the login exists.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from app.config.settings import Provider, Role, Settings
from app.core.errors import ConfigError
from app.core.users import LOGIN, HubUser
from app.services.webhook_urls import base_url
from app.store.users import UserStore

TOKEN_PREFIX = "rd1"
_NOBODY = hashlib.sha256(b"no such user").hexdigest()  # compared against when the login is unknown


@dataclass(frozen=True, slots=True)
class Invite:
    """What a new or reset user is given once: the token, and the link a desktop pastes to join."""

    login: str
    token: str
    join_url: str

    def to_json(self) -> dict[str, str]:
        return {"login": self.login, "token": self.token, "join_url": self.join_url}


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


def login_of(token: str) -> str | None:
    """The login a well-formed token names, or None."""
    prefix, _, rest = token.partition(".")
    login, _, secret = rest.rpartition(".")
    if prefix != TOKEN_PREFIX or not secret or not LOGIN.match(login):
        return None
    return login


def join_url(hub_url: str, token: str) -> str:
    """``https://hub:8765/join#<token>``: the fragment never reaches a server's log if opened in a browser."""
    return f"{hub_url.rstrip('/')}/join#{token}"


def parse_join(text: str) -> tuple[str, str] | None:
    """(hub URL, token) from a pasted join link, or None if it is not one."""
    link = text.strip()
    head, sep, token = link.partition("#")
    if not sep or not head.endswith("/join") or login_of(token) is None:
        return None
    hub = head[: -len("/join")]
    if not hub.startswith(("https://", "http://")) or len(hub.split("://", 1)[1]) == 0:
        return None
    return hub, token


class TeamUsers:
    """The users of this hub (in its store) and their tokens."""

    def __init__(self, users: UserStore, settings: Settings) -> None:
        self._users = users
        self._settings = settings

    def hub_url(self) -> str:
        """Where desktops reach this hub: ``[server] public_url``, else the listening address."""
        return base_url(self._settings.server)

    # -- administration (``ringdesk users …``) ---------------------------------------------------------
    def add(self, login: str, role: Role, *, name: str = "", identities: Mapping[str, str] | None = None) -> Invite:
        """Create a user; raises :class:`ConfigError` for a bad login, a taken one or an unknown account."""
        if not LOGIN.match(login):
            raise ConfigError(f"login {login!r} must be 1–32 lower-case letters, digits, - or _")
        user = HubUser(login, role, name.strip(), self._checked(identities or {}))
        token = _new_token(login)
        if not self._users.add(user, hash_token(token)):
            raise ConfigError(f"user {login!r} exists already", hint="Use 'ringdesk users reset' for a new token.")
        return Invite(login, token, join_url(self.hub_url(), token))

    def reset(self, login: str) -> Invite:
        """A new token for ``login``; the old one stops working at once."""
        token = _new_token(login)
        if not self._users.set_token_hash(login, hash_token(token)):
            raise ConfigError(f"no user {login!r}")
        return Invite(login, token, join_url(self.hub_url(), token))

    def remove(self, login: str) -> None:
        if not self._users.remove(login):
            raise ConfigError(f"no user {login!r}")

    def list(self) -> list[HubUser]:
        return self._users.list()

    def get(self, login: str) -> HubUser | None:
        return self._users.get(login)

    # -- authentication --------------------------------------------------------------------------------
    def authenticate(self, token: str | None) -> HubUser | None:
        """The user ``token`` belongs to, or None (compared in constant time; unknown logins too)."""
        login = login_of(token or "")
        stored = (self._users.token_hash(login) if login else None) or _NOBODY
        if not hmac.compare_digest(hash_token(token or ""), stored) or login is None:
            return None
        return self._users.get(login)

    def still_valid(self, login: str, token: str) -> bool:
        """Whether ``token`` is still ``login``'s (not reset, user not removed)."""
        stored = self._users.token_hash(login) or _NOBODY
        return hmac.compare_digest(hash_token(token), stored)

    def _checked(self, identities: Mapping[str, str]) -> dict[str, str]:
        accounts = {a.id: a for a in self._settings.accounts}
        checked: dict[str, str] = {}
        for account, who in identities.items():
            found = accounts.get(account)
            if found is None or found.provider is Provider.HUB:
                known = ", ".join(sorted(a for a, s in accounts.items() if s.provider is not Provider.HUB))
                raise ConfigError(
                    f"identity {account}={who}: no provider account {account!r} in config.toml",
                    hint=f"Accounts here: {known or 'none yet'}.",
                )
            if not who.strip():
                raise ConfigError(f"identity {account}=: say who the user is at {account!r}")
            checked[account] = who.strip()
        return checked


def _new_token(login: str) -> str:
    return f"{TOKEN_PREFIX}.{login}.{secrets.token_urlsafe(32)}"
