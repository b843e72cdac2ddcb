"""The global dial shortcut as the running app keeps it: registered from ``general.dial_hotkey``, again when
the setting changes, and released on quit.

Why apart from :mod:`app.ui.hotkey`: that module grabs one key combination on one platform; this keeper
decides *whether* to grab (the setting, the platform's :func:`~app.ui.hotkey.availability`) and tells the
agent why it cannot, once per change rather than at every settings save. Texts keep the translation
context ``Shell`` (where the .ts files have them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.config.settings import GeneralSettings
from app.ui.messages import bridge

if TYPE_CHECKING:
    from app.ui.hotkey import GlobalDialShortcut


class HotkeyKeeper(QObject):
    """Owns the registered shortcut; :attr:`text_marked` carries the selected (or clipboard) text."""

    text_marked = Signal(str)

    def __init__(self, general: GeneralSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.general = general
        self.shortcut: GlobalDialShortcut | None = None
        self._text = ""

    def apply(self) -> None:
        """Register ``general.dial_hotkey`` (again if it changed); say why when it cannot work here."""
        wanted = self.general.dial_hotkey.strip()
        if wanted == self._text and (self.shortcut is not None or not wanted):
            return
        # Imported only when a shortcut is wanted: most desktops never set one, and it loads libX11 (ctypes).
        from app.ui.hotkey import GlobalDialShortcut, ShortcutError, availability

        self.release()
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

    def release(self) -> None:
        if self.shortcut is not None:
            self.shortcut.unregister()
            self.shortcut.deleteLater()
            self.shortcut = None
