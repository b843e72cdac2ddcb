"""Saving settings and everything a saved change implies beyond ``config.toml``.

Why one use case: the settings dialog, the first-run screen, the command line and (next) the hub's admin
commands all change settings, and each change has consequences that must never be forgotten by one of
them — the new account's row in the store, a TeleDiscount account's webhook secret, the receiver's cache
of secrets, the start-at-login entry and the phone-link handlers. Validation goes through the
configuration's own parser (a scratch file read back), so the file a user may edit by hand and every
front end agree on what is valid.

Why the settings are updated in place: the receiver and the services hold the same :class:`Settings`
object and look accounts up at each request, so a saved change applies without a restart.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from app.config import settings as settings_module
from app.config.secrets import SECRET_NAMES, env_name
from app.config.settings import AccountSettings, Provider, Settings
from app.core.errors import QT_TRANSLATE_NOOP, ConfigError, Problem, SecretStoreError
from app.desktop import autostart, url_handlers
from app.desktop.integration import Integration, Status, apply
from app.services.budget import BudgetStatus, RequestBudget
from app.services.context import Context
from app.services.team_users import login_of, parse_join
from app.services.webhook_urls import ensure_webhook_secrets

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Joined:
    """A hub joined: the account written, and whether the token comes from the environment instead of the
    keyring (and differs from the link's: the variable wins)."""

    account: AccountSettings
    token_from_environment: bool = False
    environment_differs: bool = False


@dataclass(frozen=True, slots=True)
class Applied:
    """What saving changed on the desktop: the new statuses of the integrations it touched (None: untouched)."""

    start_at_login: Status | None = None
    phone_links: Status | None = None


class SettingsService:
    """Validate and save settings, then bring the store, the keyring and the desktop in line with them."""

    def __init__(self, context: Context) -> None:
        self._context = context
        self._listeners: list[Callable[[], None]] = []
        self._autostart: Integration | None = None
        self._links: Integration | None = None

    @property
    def current(self) -> Settings:
        return self._context.settings

    def on_saved(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after every save (e.g. the receiver forgets the secrets it cached)."""
        self._listeners.append(listener)

    # -- the OS integrations ---------------------------------------------------------------------------
    def use_integrations(
        self, *, start_at_login: Integration | None = None, phone_links: Integration | None = None
    ) -> None:
        """Use these writers instead of the running OS's own (tests; a packaging that registers elsewhere)."""
        self._autostart = start_at_login or self._autostart
        self._links = phone_links or self._links

    def start_at_login(self) -> Integration:
        if self._autostart is None:
            self._autostart = autostart.for_this_platform()
        return self._autostart

    def phone_links(self) -> Integration:
        if self._links is None:
            self._links = url_handlers.for_this_platform()
        return self._links

    def request_budget(self, account: AccountSettings) -> BudgetStatus:
        """A TeleCube account's requests used today and this period (counted by every Ringdesk on this
        database), so its limits can be set with the real traffic in view."""
        return RequestBudget(
            self._context.state,
            account.id,
            daily_limit=account.daily_request_limit,
            period_limit=account.period_request_limit,
        ).status()

    # -- joining a team hub ------------------------------------------------------------------------------
    def join_hub(self, link: str, account_id: str | None = None) -> Joined:
        """Make this desktop a member of the hub an invite ``link`` names: a ``hub`` account with the user's
        login, and the token in the keyring (never in ``config.toml``). Joining the same hub again replaces
        the token in the same account; ``account_id`` None: ``team``, else ``team-2``, ….

        When ``RINGDESK_SECRET_<ID>_TOKEN`` is set (a headless machine) the token is not stored: that
        variable is what the desktop will use. Raises :class:`ConfigError` when ``link`` is not an invite,
        and the keyring's problem when the token cannot be stored safely (nothing is changed then).
        """
        parsed = parse_join(link)
        if parsed is None:
            raise ConfigError(
                QT_TRANSLATE_NOOP("Problem", "This is not a Ringdesk invite link."),
                hint=QT_TRANSLATE_NOOP(
                    "Problem", "Paste the whole link your administrator sent, e.g. https://hub.example.com/join#rd1.…"
                ),
            )
        hub_url, token = parsed
        from app.providers.hub.client import refuse_plain_http

        refuse_plain_http(hub_url)  # the token would cross the network in clear
        settings = self._context.settings
        chosen = account_id or _hub_account_id(settings, hub_url)
        existing = next((a for a in settings.accounts if a.id == chosen), None)
        if existing is not None and existing.provider is not Provider.HUB:
            raise ConfigError(f"Account {chosen!r} exists already (a {existing.provider.value} account).")
        from_environment = os.environ.get(env_name(chosen, "token"))
        if from_environment is None and not self._context.secrets.status().secure:
            raise SecretStoreError(
                QT_TRANSLATE_NOOP("Problem", "Cannot keep the hub's token safely on this computer: no secure keyring."),
                hint=QT_TRANSLATE_NOOP(
                    "Problem",
                    "Install and unlock a Secret Service (GNOME Keyring or KWallet), or set {variable} to the "
                    "token and join again.",
                ),
                fields={"variable": env_name(chosen, "token")},
            )
        edited = copy.deepcopy(settings)
        account = AccountSettings(chosen, Provider.HUB, name="Team hub", base_url=hub_url, user=login_of(token) or "")
        edited.accounts = [a for a in edited.accounts if a.id != chosen] + [account]
        typed = {} if from_environment is not None else {chosen: {"token": token}}
        self.save(edited, secrets=typed)
        from app.store.hub_cache import HubCache

        # A shared computer joined again as someone else: the previous user's copy goes now, not at the hello.
        HubCache(self._context.db, chosen).meet("", account.user)
        return Joined(settings.account(chosen), from_environment is not None, from_environment not in (None, token))

    # -- saving -------------------------------------------------------------------------------------------
    def validated(self, edited: Settings) -> Settings:
        """``edited`` as the configuration parser reads it back (raises ConfigError naming the key)."""
        folder = self._context.paths.config_file.parent
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix="config-check-", suffix=".toml", dir=folder)
        os.close(handle)
        scratch = Path(name)
        try:
            settings_module.save(edited, scratch)
            return settings_module.load(scratch)
        except ConfigError as error:  # name the file the user knows, not the scratch copy
            raise ConfigError(
                error.message.replace(str(scratch), self._context.paths.config_file.name), hint=error.hint
            ) from None
        finally:
            scratch.unlink(missing_ok=True)

    def save(
        self,
        edited: Settings,
        *,
        secrets: Mapping[str, Mapping[str, str]] | None = None,
        removed_accounts: tuple[str, ...] = (),
        phone_links: bool | None = None,
    ) -> Applied:
        """Validate ``edited``, store the typed ``secrets``, drop removed accounts' secrets, write the file,
        then apply what follows from it. ``phone_links``: switch the link handlers on/off (None: leave them).

        Raises :class:`Problem` (ConfigError, no secure keyring, …) before anything is changed.
        """
        checked = self.validated(edited)
        self._store_secrets(checked, secrets or {}, removed_accounts)
        settings = self._context.settings
        login_changed = settings.general.start_at_login != checked.general.start_at_login
        _update_in_place(settings, checked)
        self._context.save_settings()
        return self._after_save(start_at_login_changed=login_changed, phone_links=phone_links)

    def _store_secrets(
        self, checked: Settings, typed: Mapping[str, Mapping[str, str]], removed: tuple[str, ...]
    ) -> None:
        secrets = self._context.secrets
        for account_id, values in typed.items():
            for name, value in values.items():
                secrets.set(account_id, name, value)
        kept = {account.id for account in checked.accounts}
        providers = {account.id: account.provider.value for account in self._context.settings.accounts}
        for account_id in removed:
            if account_id in kept:
                continue
            for name in SECRET_NAMES.get(providers.get(account_id, ""), ()):
                with contextlib.suppress(Problem):
                    secrets.delete(account_id, name)

    def _after_save(self, *, start_at_login_changed: bool, phone_links: bool | None) -> Applied:
        settings = self._context.settings
        self._context.ensure_account_rows()
        ensure_webhook_secrets(settings, self._context.secrets)
        for listener in self._listeners:
            listener()
        login = None
        if start_at_login_changed:
            login = _apply(self.start_at_login(), settings.general.start_at_login, "start at login")
        links = None if phone_links is None else _apply(self.phone_links(), phone_links, "phone links")
        return Applied(login, links)


def _apply(integration: Integration, wanted: bool, what: str) -> Status:
    """Make the OS match the setting; a refusal (read-only folder, registry denied) becomes the status shown."""
    try:
        return apply(integration, wanted)
    except OSError as exc:
        log.warning("%s: %s", what, exc)
        return Status(False, str(exc))


def _update_in_place(target: Settings, source: Settings) -> None:
    """Copy ``source`` into ``target`` keeping its section objects (services hold references to them)."""
    for name in ("general", "server", "card", "recordings"):
        into, out_of = getattr(target, name), getattr(source, name)
        for field in fields(into):
            setattr(into, field.name, getattr(out_of, field.name))
    target.accounts[:] = source.accounts


def _hub_account_id(settings: Settings, hub_url: str) -> str:
    """The hub account already pointing at ``hub_url`` (joining again), else ``team``, ``team-2``, …"""
    for account in settings.accounts:
        if account.provider is Provider.HUB and account.base_url == hub_url:
            return account.id
    taken = {account.id for account in settings.accounts}
    candidate, n = "team", 1
    while candidate in taken:
        n += 1
        candidate = f"team-{n}"
    return candidate
