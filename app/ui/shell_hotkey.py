"""The global shortcuts as the running app keeps them: the dial shortcut (``general.dial_hotkey``) and the
card shortcut (``card.focus_hotkey``, default :data:`DEFAULT_CARD_HOTKEY`), which brings keyboard focus to
the newest call card — on request only, never on its own. Registered from the settings, again when they
change, and released on quit.

Why apart from :mod:`app.ui.hotkey`: that module grabs one key combination on one platform; this keeper
decides *whether* to grab (the setting, the platform's :func:`~app.ui.hotkey.availability`) and tells the
agent why it cannot, once per change rather than at every settings save. Texts keep the translation
context ``Shell`` (where the .ts files have them).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.config.settings import CardSettings, GeneralSettings
from app.ui.messages import bridge

if TYPE_CHECKING:
    from app.ui.hotkey import GlobalDialShortcut

log = logging.getLogger(__name__)
DEFAULT_CARD_HOTKEY = "Ctrl+Alt+C"


def card_hotkey(card: CardSettings | None) -> str:
    """The card shortcut from ``[card] focus_hotkey`` ("" = off), the default where the setting is absent."""
    value = card.focus_hotkey if card is not None else None
    return DEFAULT_CARD_HOTKEY if value is None else str(value).strip()


class HotkeyKeeper(QObject):
    """Owns the registered shortcuts; :attr:`text_marked` carries the selected (or clipboard) text,
    :attr:`card_focus_requested` says the agent pressed the card shortcut."""

    text_marked = Signal(str)
    card_focus_requested = Signal()

    def __init__(
        self, general: GeneralSettings, parent: QObject | None = None, *, card: CardSettings | None = None
    ) -> None:
        super().__init__(parent)
        self.general = general
        self.card = card
        self.shortcut: GlobalDialShortcut | None = None
        self.card_shortcut: GlobalDialShortcut | None = None
        self._text = ""
        self._card_text = ""

    def apply(self) -> None:
        """Register both shortcuts (again if they changed); say why when one cannot work here."""
        self._apply_dial()
        self._apply_card()

    def _apply_dial(self) -> None:
        wanted = self.general.dial_hotkey.strip()
        if wanted == self._text and (self.shortcut is not None or not wanted):
            return
        # Imported only when a shortcut is wanted: most desktops never set one, and it loads libX11 (ctypes).
        from app.ui.hotkey import GlobalDialShortcut, ShortcutError, availability

        self._release_dial()
        self._text = wanted
        if not wanted:
            return
        possible = availability()
        title = QCoreApplication.translate("Shell", "Dial shortcut %1").replace("%1", wanted)
        if not possible.available:
            bridge().warning(possible.reason, title)
            return
        shortcut = GlobalDialShortcut(wanted, self)
        try:
            shortcut.register()
        except ShortcutError as error:
            bridge().warning(str(error), title)
            return
        shortcut.dial_requested.connect(self.text_marked.emit)
        self.shortcut = shortcut

    def _apply_card(self) -> None:
        """The card shortcut: off without a ``card`` section to read (nothing asked for it), else the setting
        or its default. A default that cannot be had (no X11, keys taken) is only logged: the agent chose
        nothing; a shortcut they chose is explained like the dial shortcut."""
        wanted = card_hotkey(self.card) if self.card is not None else ""
        if wanted == self._card_text and (self.card_shortcut is not None or not wanted):
            return
        from app.ui.hotkey import GlobalDialShortcut, ShortcutError, availability

        self._release_card()
        self._card_text = wanted
        if not wanted:
            return
        chosen = self.card is not None and wanted != DEFAULT_CARD_HOTKEY
        title = QCoreApplication.translate("Shell", "Card shortcut %1").replace("%1", wanted)
        possible = availability()
        if not possible.available:
            if chosen:
                bridge().warning(possible.reason, title)
            log.info("card shortcut %s not available: %s", wanted, possible.reason)
            return
        shortcut = GlobalDialShortcut(wanted, self)
        try:
            shortcut.register()
        except ShortcutError as error:
            if chosen:
                bridge().warning(str(error), title)
            log.info("card shortcut %s not registered: %s", wanted, error)
            return
        shortcut.pressed.connect(self.card_focus_requested.emit)
        self.card_shortcut = shortcut

    def release(self) -> None:
        self._release_dial()
        self._release_card()
        self._text = self._card_text = ""

    def _release_dial(self) -> None:
        if self.shortcut is not None:
            self.shortcut.unregister()
            self.shortcut.deleteLater()
            self.shortcut = None

    def _release_card(self) -> None:
        if self.card_shortcut is not None:
            self.card_shortcut.unregister()
            self.card_shortcut.deleteLater()
            self.card_shortcut = None
