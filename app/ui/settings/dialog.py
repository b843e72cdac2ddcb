"""The settings dialog: accounts, the webhook receiver, general, cards — saved together, or not at all.

The dialog only edits: validating, storing secrets, writing ``config.toml`` and everything a saved change
implies (account rows, webhook secrets, the receiver's cache, start at login, phone links) is the use case
:class:`app.services.settings_apply.SettingsService`, shared with the other front ends. A refusal (bad
address, duplicate account ID, no secure keyring) is shown above the buttons and nothing is changed.

Why every page scrolls: a 1080p screen at 200 % is 960×540 logical pixels, less the panel; a dialog taller
or wider than that cannot be moved or resized back into view. The dialog opens at :data:`PREFERRED` or the
screen's available area (less the window frame), whichever is smaller, and its minimum size always fits
that area: what does not fit scrolls inside its page.
"""

from __future__ import annotations

import copy
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
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

from app.config.settings import Settings
from app.core.errors import Problem
from app.desktop.integration import Status
from app.ui import plain, theme
from app.ui.naming import named
from app.ui.problems import problem_text, status_text
from app.ui.settings.accounts import AccountsPage
from app.ui.settings.general import CardsPage, GeneralPage
from app.ui.settings.receiver import ReceiverPage

if TYPE_CHECKING:
    from app.runtime import Runtime


PREFERRED = QSize(960, 640)
SMALLEST = QSize(520, 360)  # below this the forms are no use (still shrunk further on a smaller screen)
FRAME = QSize(16, 48)  # room left for the window manager's frame and title bar


def style(c: theme.Colors) -> str:
    """The dialog's style sheet in the palette's colours (:mod:`app.ui.theme`)."""
    return f"""
#settingsNav {{ border: none; background: palette(window); color: {c.text}; font-size: 11pt; }}
#settingsNav::item {{ padding: 8px 14px; border-radius: 4px; }}
#settingsNav::item:selected {{ background: {c.selection}; color: {c.selection_text}; }}
#pageTitle {{ font-size: 15pt; font-weight: 600; }}
#saveError {{ color: {c.error}; }}
"""


class Page(IntEnum):
    ACCOUNTS = 0
    RECEIVER = 1
    GENERAL = 2
    CARDS = 3


class SettingsDialog(QDialog):
    """Edit everything in the runtime's settings; :attr:`saved` is emitted after a successful save."""

    saved = Signal()

    def __init__(self, runtime: Runtime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Ringdesk settings"))
        self.setStyleSheet(style(theme.colors(self)))
        self.context = runtime.context
        self.runtime = runtime
        self.service = runtime.settings
        self._build()
        self.load()
        self.fit_to(available_geometry(parent))

    # -- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.accounts_page = AccountsPage(self.runtime, self)
        self.receiver_page = ReceiverPage(self.runtime, self)
        self.general_page = GeneralPage(self._autostart_detail, self, url_status=self._url_status)
        self.cards_page = CardsPage(self)
        self.accounts_page.accounts_changed.connect(self._refresh_urls)

        self.nav = named(QListWidget(self), "settingsNav")
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
            self.stack.addWidget(self._titled(titles[page], pages[page]))
        self.nav.currentRowChanged.connect(self._show_page)

        self.error = named(plain.label("", self), "saveError")  # quotes what was typed: as written
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

    def _titled(self, title: str, page: QWidget) -> QWidget:
        """The page under its title, in a scroll area (both ways: the page scrolls, never the dialog)."""
        holder = QWidget(self)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(16, 8, 8, 8)
        layout.addWidget(named(QLabel(title, holder), "pageTitle"))
        area = named(QScrollArea(holder), "pageScroll")
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidget(page)
        layout.addWidget(area, 1)
        return holder

    def fit_to(self, available: QRect) -> None:
        """Open at :data:`PREFERRED` or ``available`` less the frame, the smaller; never need more."""
        room = QSize(max(available.width() - FRAME.width(), 1), max(available.height() - FRAME.height(), 1))
        self.setMinimumSize(SMALLEST.boundedTo(room))
        self.resize(PREFERRED.boundedTo(room))

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
        return status_text(self.service.start_at_login().status())

    def _url_status(self) -> Status | None:
        return self.service.phone_links().status()

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
        links = self.general_page.url_handlers.isChecked() if self.general_page.url_handlers_changed else None
        try:
            if problems:
                raise Problem(" ".join(problems))
            applied = self.service.save(
                self.edited(),
                secrets=self.accounts_page.typed_secrets(),
                removed_accounts=tuple(self.accounts_page.removed),
                phone_links=links,
            )
        except Problem as problem:
            self._show_error(problem_text(problem))
            return False
        if applied.start_at_login is not None:
            self.general_page.autostart_detail.setText(status_text(applied.start_at_login))
        if applied.phone_links is not None and links is not None:
            self.general_page.show_url_status(applied.phone_links, wanted=links)
        self.error.hide()
        self.accounts_page.load(self.context.settings.accounts)
        self.saved.emit()
        return True

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _save_and_close(self) -> None:
        if self.save():
            self.accept()


_open_dialogs: list[SettingsDialog] = []


def available_geometry(near: QWidget | None = None) -> QRect:
    """The usable area (without panels) of the screen ``near`` is on, else of the primary screen."""
    screen = near.screen() if near is not None else QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, PREFERRED.width(), PREFERRED.height())


def open_settings(runtime: Runtime, page: Page = Page.ACCOUNTS, parent: QWidget | None = None) -> SettingsDialog:
    """Show the settings non-modally on ``page`` (the tray, the first-run screen and the fallback window)."""
    dialog = SettingsDialog(runtime, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_dialogs.append(dialog)  # a parentless dialog needs an owner until it closes
    dialog.destroyed.connect(lambda: _open_dialogs.remove(dialog) if dialog in _open_dialogs else None)
    dialog.open_page(page)
    dialog.show()
    dialog.raise_()
    return dialog
