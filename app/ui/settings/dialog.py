"""The settings dialog: accounts, the webhook receiver, general, cards — saved together, or not at all.

Why validate through the configuration's own parser: the file a user may later edit by hand and the
dialog must agree on what is valid. The edited settings are written to a scratch file and read back with
:func:`app.config.settings.load`; only if that succeeds are secrets stored and ``config.toml`` replaced.
A refusal (bad address, duplicate account ID, no secure keyring) is shown above the buttons and
nothing is changed.

Why the settings are updated in place: the receiver and services hold the same :class:`Settings` objects
and look accounts up at each request, so a saved change applies without a restart.
"""

from __future__ import annotations

import contextlib
import copy
import importlib
import logging
import os
import tempfile
from dataclasses import fields
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import settings as settings_module
from app.config.secrets import SECRET_NAMES
from app.config.settings import Settings
from app.core.errors import ConfigError, Problem
from app.desktop.integration import Status
from app.ui.problems import problem_text
from app.ui.settings.accounts import AccountsPage
from app.ui.settings.general import CardsPage, GeneralPage
from app.ui.settings.receiver import ReceiverPage

if TYPE_CHECKING:
    from app.desktop.integration import Integration
    from app.services.context import Context

log = logging.getLogger(__name__)

STYLE = """
#settingsNav { border: none; background: palette(window); font-size: 11pt; }
#settingsNav::item { padding: 8px 14px; border-radius: 4px; }
#settingsNav::item:selected { background: #e8f0fe; color: #1967d2; }
#pageTitle { font-size: 15pt; font-weight: 600; }
#saveError { color: #d93025; }
"""


class Page(IntEnum):
    ACCOUNTS = 0
    RECEIVER = 1
    GENERAL = 2
    CARDS = 3


class SettingsDialog(QDialog):
    """Edit everything in ``context.settings``; :attr:`saved` is emitted after a successful save."""

    saved = Signal()

    def __init__(
        self,
        context: Context,
        runtime: Any = None,
        parent: QWidget | None = None,
        *,
        autostart: Integration | None = None,
        url_handlers: Integration | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Ringdesk settings"))
        self.setStyleSheet(STYLE)
        self.resize(900, 640)
        self.context = context
        self.runtime = runtime
        self._autostart = autostart
        self._url_handlers = url_handlers
        self._build()
        self.load()

    # -- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.accounts_page = AccountsPage(self.context, self)
        self.receiver_page = ReceiverPage(self.context, self.runtime, self)
        self.general_page = GeneralPage(self._autostart_detail, self, url_status=self._url_status)
        self.cards_page = CardsPage(self)
        self.accounts_page.accounts_changed.connect(self._refresh_urls)

        self.nav = QListWidget(self, objectName="settingsNav")
        self.nav.setFixedWidth(190)
        self.stack = QStackedWidget(self)
        titles = {
            Page.ACCOUNTS: self.tr("Accounts"),
            Page.RECEIVER: self.tr("Webhooks"),
            Page.GENERAL: self.tr("General"),
            Page.CARDS: self.tr("Call cards"),
        }
        pages = {
            Page.ACCOUNTS: self.accounts_page,
            Page.RECEIVER: self.receiver_page,
            Page.GENERAL: self.general_page,
            Page.CARDS: self.cards_page,
        }
        for page in Page:
            self.nav.addItem(titles[page])
            self.stack.addWidget(self._titled(titles[page], pages[page], scroll=page is not Page.ACCOUNTS))
        self.nav.currentRowChanged.connect(self._show_page)

        self.error = QLabel(self, objectName="saveError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._save_and_close)
        self.buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _titled(self, title: str, page: QWidget, *, scroll: bool) -> QWidget:
        holder = QWidget(self)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(16, 8, 8, 8)
        layout.addWidget(QLabel(title, holder, objectName="pageTitle"))
        if scroll:
            area = QScrollArea(holder)
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            area.setWidget(page)
            layout.addWidget(area, 1)
        else:
            layout.addWidget(page, 1)
        return holder

    def _show_page(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        if row == Page.RECEIVER:
            self._refresh_urls()

    def open_page(self, page: Page) -> None:
        self.nav.setCurrentRow(page)

    def _refresh_urls(self) -> None:
        self.accounts_page.commit()
        self.receiver_page.show_urls(self.accounts_page.working)

    # -- settings in -----------------------------------------------------------------------------
    def load(self) -> None:
        settings = self.context.settings
        self.accounts_page.load(settings.accounts)
        self.receiver_page.load(settings.server)
        self.general_page.load(settings.general, settings.recordings)
        self.cards_page.load(settings.card)
        self.open_page(Page.ACCOUNTS)

    def _autostart_detail(self) -> str:
        integration = self._integration()
        return integration.status().detail if integration is not None else ""

    def _url_status(self) -> Status | None:
        integration = self._url_integration()
        return integration.status() if integration is not None else None

    def _integration(self) -> Integration | None:
        if self._autostart is None:
            self._autostart = _for_this_platform("app.desktop.autostart")
        return self._autostart

    def _url_integration(self) -> Integration | None:
        if self._url_handlers is None:
            self._url_handlers = _for_this_platform("app.desktop.url_handlers")
        return self._url_handlers

    # -- settings out ----------------------------------------------------------------------------
    def edited(self) -> Settings:
        """The settings as edited in the pages (not validated, not saved)."""
        edited = copy.deepcopy(self.context.settings)
        self.accounts_page.commit()
        edited.accounts = [copy.copy(a) for a in self.accounts_page.working]
        self.receiver_page.store(edited.server)
        self.general_page.store(edited.general, edited.recordings)
        self.cards_page.store(edited.card)
        return edited

    def save(self) -> bool:
        """Validate, store the typed secrets in the keyring, then write ``config.toml``. False: nothing changed."""
        problems = self.accounts_page.problems() + self.general_page.problems()
        try:
            if problems:
                raise Problem(" ".join(problems))
            checked = self._validated(self.edited())
            self._store_secrets(checked)
        except Problem as problem:
            self._show_error(problem_text(problem))
            return False
        old_login = self.context.settings.general.start_at_login
        _update_in_place(self.context.settings, checked)
        self.context.save_settings()
        self._after_save(start_at_login_changed=old_login != checked.general.start_at_login)
        self.error.hide()
        self.accounts_page.load(self.context.settings.accounts)
        self.saved.emit()
        return True

    def _validated(self, edited: Settings) -> Settings:
        """``edited`` as the configuration parser reads it back (raises ConfigError naming the key)."""
        folder = self.context.paths.config_file.parent
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix="config-check-", suffix=".toml", dir=folder)
        os.close(handle)
        scratch = Path(name)
        try:
            settings_module.save(edited, scratch)
            return settings_module.load(scratch)
        except ConfigError as error:  # name the file the user knows, not the scratch copy
            raise ConfigError(
                error.message.replace(str(scratch), self.context.paths.config_file.name), hint=error.hint
            ) from None
        finally:
            scratch.unlink(missing_ok=True)

    def _store_secrets(self, checked: Settings) -> None:
        secrets = self.context.secrets
        for account_id, values in self.accounts_page.typed_secrets().items():
            for name, value in values.items():
                secrets.set(account_id, name, value)
        kept = {a.id for a in checked.accounts}
        providers = {a.id: a.provider.value for a in self.context.settings.accounts}
        for account_id in self.accounts_page.removed:
            if account_id in kept:
                continue
            for name in SECRET_NAMES.get(providers.get(account_id, ""), ()):
                with contextlib.suppress(Problem):
                    secrets.delete(account_id, name)

    def _after_save(self, *, start_at_login_changed: bool) -> None:
        """What a saved change implies beyond the file: account rows, webhook secrets, login entry."""
        settings = self.context.settings
        if "db" in self.context.__dict__:
            for account in settings.accounts:
                self.context.db.ensure_account(account.id, account.provider.value, account.name)
        from app.server.accounts import ensure_webhook_secrets

        ensure_webhook_secrets(settings, self.context.secrets)
        webhook_accounts = getattr(self.runtime, "webhook_accounts", None)
        if webhook_accounts is not None:
            webhook_accounts.forget_secrets()  # the receiver caches secrets: read the new ones at once
        integration = self._integration() if start_at_login_changed else None
        if integration is not None:
            status = _apply(integration, settings.general.start_at_login, "start at login")
            self.general_page.autostart_detail.setText(status.detail)
        links = self._url_integration() if self.general_page.url_handlers_changed else None
        if links is not None:
            wanted = self.general_page.url_handlers.isChecked()
            self.general_page.show_url_status(_apply(links, wanted, "phone links"), wanted=wanted)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _save_and_close(self) -> None:
        if self.save():
            self.accept()


def _for_this_platform(module: str) -> Integration | None:
    """The OS writer of ``module`` (``app.desktop.autostart`` / ``.url_handlers``); None if not shipped."""
    try:
        return importlib.import_module(module).for_this_platform()  # type: ignore[no-any-return]
    except ImportError:  # the desktop integration is optional
        return None


def _apply(integration: Integration, wanted: bool, what: str) -> Status:
    """Make the OS match the setting; a refusal (read-only folder, registry denied) becomes the status shown."""
    from app.desktop.integration import apply

    try:
        return apply(integration, wanted)
    except OSError as exc:
        log.warning("%s: %s", what, exc)
        return Status(False, str(exc))


def _update_in_place(target: Settings, source: Settings) -> None:
    """Copy ``source`` into ``target`` keeping its section objects (services hold references to them)."""
    for section in ("general", "server", "card", "recordings"):
        into, out_of = getattr(target, section), getattr(source, section)
        for field in fields(into):
            setattr(into, field.name, getattr(out_of, field.name))
    target.accounts[:] = source.accounts


_open_dialogs: list[SettingsDialog] = []


def open_settings(
    context: Context, runtime: Any = None, page: Page = Page.ACCOUNTS, parent: QWidget | None = None
) -> SettingsDialog:
    """Show the settings non-modally on ``page`` (the tray, the first-run screen and the fallback window)."""
    dialog = SettingsDialog(context, runtime, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_dialogs.append(dialog)  # a parentless dialog needs an owner until it closes
    dialog.destroyed.connect(lambda: _open_dialogs.remove(dialog) if dialog in _open_dialogs else None)
    dialog.open_page(page)
    dialog.show()
    dialog.raise_()
    return dialog
