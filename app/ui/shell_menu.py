"""The tray's menu, built afresh each time it opens: the state, dialling (the clipboard's number too), the
recent calls, the modes, "Dismiss all cards" while cards are up, the windows, quit.

Why rebuilt rather than kept up to date: the clipboard, the recent calls and the modes change without
telling anyone; reading them when the agent opens the menu costs one small query and keeps nothing
stale. The menu only reads state and calls the dial actions and the window keeper; what the shell itself
decides (the missed badge, the modes, quitting) goes out as signals. Texts keep the translation context
``Shell`` (where the .ts files have them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from app.core.models import CallStatus, Direction
from app.core.views import CallRow
from app.ui import formatting, icons, plain, theme
from app.ui.cards.card import status_word
from app.ui.cards.stack import CLICK_TO_CALL_ONLY, CardStack
from app.ui.shell_dial import DialActions
from app.ui.shell_windows import WindowKeeper

if TYPE_CHECKING:
    from app.runtime import Runtime

RECENT_IN_MENU = 8


class TrayMenu(QObject):
    """Fills the tray's :class:`QMenu` (:meth:`populate`, the tray's ``aboutToShow`` callback)."""

    recent_shown = Signal()  # the agent looked at the recent calls: the missed badge can be cleared
    do_not_disturb_toggled = Signal(bool)
    click_to_call_only_toggled = Signal(bool)
    quit_requested = Signal()

    def __init__(
        self,
        runtime: Runtime,
        stack: CardStack,
        dialing: DialActions,
        windows: WindowKeeper,
        headline: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.stack = stack
        self.dialing = dialing
        self.windows = windows
        self.headline = headline  # the tray's state in one line

    def populate(self, menu: QMenu) -> None:
        settings = self.runtime.context.settings
        header = menu.addAction(self.headline())
        header.setEnabled(False)
        menu.addSeparator()
        menu.addAction(
            icons.icon("dialpad", size=16),
            QCoreApplication.translate("Shell", "Call a number…"),
            _only(self.dialing.open_dialbox),
        )
        clipboard = self.dialing.clipboard_number()
        if clipboard:
            text = QCoreApplication.translate("Shell", "Call %1 (clipboard)").replace(
                "%1", plain.menu_text(formatting.phone_text(clipboard))
            )
            menu.addAction(icons.icon("call", size=16), text, _call(self.dialing, clipboard))
        self._add_recent(menu)
        menu.addAction(
            icons.icon("history", size=16),
            QCoreApplication.translate("Shell", "History…"),
            _only(self.windows.open_history),
        )
        menu.addSeparator()
        dnd = menu.addAction(QCoreApplication.translate("Shell", "Do not disturb (no cards)"))
        dnd.setCheckable(True)
        dnd.setChecked(self.stack.do_not_disturb)
        dnd.toggled.connect(self.do_not_disturb_toggled.emit)
        only = menu.addAction(QCoreApplication.translate("Shell", "Click-to-call only"))
        only.setCheckable(True)
        only.setChecked(settings.card.mode == CLICK_TO_CALL_ONLY)
        only.toggled.connect(self.click_to_call_only_toggled.emit)
        if self.stack.cards:
            dismiss = menu.addAction(
                icons.icon("close", size=16),
                self.tr("Dismiss all cards (%n)", "", len(self.stack.cards)),
                _only(self.stack.dismiss_all),
            )
            dismiss.setObjectName("dismissAll")
        if settings.card.position:
            menu.addAction(
                QCoreApplication.translate("Shell", "Put cards back in the corner"), self.stack.reset_position
            )
        menu.addAction(QCoreApplication.translate("Shell", "Settings…"), self.windows.open_settings)
        menu.addSeparator()
        menu.addAction(QCoreApplication.translate("Shell", "Quit Ringdesk"), self.quit_requested.emit)

    def _add_recent(self, menu: QMenu) -> None:
        rows = self.runtime.history.recent(RECENT_IN_MENU)
        if not rows:
            return
        recent = menu.addMenu(icons.icon("call-in", size=16), QCoreApplication.translate("Shell", "Recent calls"))
        recent.aboutToShow.connect(self.recent_shown.emit)
        region = self.runtime.context.settings.general.region
        missed = theme.colors().error  # the palette's error colour (≥ 4.5:1 on the menu, light or dark)
        for row in rows:
            # "&" is no mnemonic, and a right-to-left name leaves the time and the outcome after it in order.
            who = plain.isolate(plain.menu_text(row.contact_name or formatting.phone_text(row.phone, region)))
            label = f"{who}  ·  {formatting.relative_day_time(row.started_at)}  ·  {status_word(row.status)}"
            tint = missed if row.status is CallStatus.MISSED else None  # None: the palette's icon colour
            item = recent.addMenu(icons.icon(_glyph(row), tint, 16), label)
            item.addAction(
                QCoreApplication.translate("Shell", "Call back"), _call(self.dialing, row.phone, row.account)
            )
            item.addAction(QCoreApplication.translate("Shell", "Copy number"), _copy(row.phone))
            item.addAction(QCoreApplication.translate("Shell", "Show in history"), _show(self.windows, row.phone))


def _glyph(row: CallRow) -> str:
    if row.status is CallStatus.MISSED:
        return "call-missed"
    return "call-out" if row.direction is Direction.OUT else "call-in"


# Menu actions as closures: a lambda in a loop would see only the last row, and a slot with an optional
# parameter would receive the action's ``triggered(bool)`` argument in it.
def _only(action: Callable[[], object]) -> Callable[[], None]:
    def run() -> None:
        action()

    return run


def _call(dialing: DialActions, number: str, account: str = "") -> Callable[[], None]:
    def call() -> None:
        dialing.dial(number, account)

    return call


def _copy(number: str) -> Callable[[], None]:
    return lambda: QGuiApplication.clipboard().setText(number)


def _show(windows: WindowKeeper, number: str) -> Callable[[], None]:
    return lambda: windows.open_history(number)
