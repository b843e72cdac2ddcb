"""The app's windows other than cards and the dial box: the history, one call's details, the settings and
the first-run screen — opened (or raised, when already open) from the tray, a card, a notification.

Why a keeper: these windows have no parent (each is a window of its own on the agent's desktop), so
something must hold a reference while they are open, raise the existing one instead of opening a second,
and close them all on quit.

The history, details and settings modules are imported when first opened, not at start-up: each loads
QtMultimedia (the recordings player, the audio-device list), 70–90 ms here, which the tray does not need
in its first second and a desktop that never opens them need not pay for at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.core.views import CallRow
from app.ui.firstrun import FirstRunDialog

if TYPE_CHECKING:
    from app.runtime import Runtime
    from app.ui.history.details import CallDetailsDialog
    from app.ui.history.window import HistoryWindow
    from app.ui.settings.dialog import SettingsDialog


class WindowKeeper(QObject):
    """Opens and keeps the windows. Signals tell the shell what the agent has now seen or changed.

    Opening a window is not seeing calls: :attr:`calls_seen` names the calls the agent looked at (their
    details opened, or shown in History › Missed), :attr:`all_seen` is the history's "mark as seen".
    """

    history_opened = Signal()  # the history window is up (nothing is seen by that alone)
    calls_seen = Signal(list)  # [(account, call id)]: these calls were looked at
    all_seen = Signal()  # the agent marked every missed call as seen
    settings_closed = Signal()  # saved or not: the settings may have changed

    def __init__(self, runtime: Runtime, call_back: Callable[[str, str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.call_back = call_back  # (number, account): a call back asked for in a details dialog
        self.history: HistoryWindow | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.first_run: FirstRunDialog | None = None
        self.details: list[CallDetailsDialog] = []
        self.unseen = 0  # the badge's count, for the history's "mark as seen" button

    def open_history(self, number: str = "") -> None:
        """The history window (filtered on ``number`` when given). Opening it clears nothing by itself."""
        if self.history is None:
            from app.ui.history.window import HistoryWindow

            self.history = HistoryWindow(self.runtime)
            self.history.calls_seen.connect(self.calls_seen.emit)
            self.history.all_seen.connect(self.all_seen.emit)
            self.history.set_unseen(self.unseen)
        if number:
            self.history.show_number(number)
        _bring_up(self.history)
        self.history_opened.emit()

    def open_call(self, account: str, call_id: str) -> None:
        """A missed-call notification was clicked: that call's details (notes, call back), else the history."""
        row = self.runtime.history.row(account, call_id)
        if row is None:  # gone, or not this user's to see
            self.open_history()
            return
        self.open_details(row)

    def set_unseen(self, count: int) -> None:
        self.unseen = count
        if self.history is not None:
            self.history.set_unseen(count)

    def open_details(self, row: CallRow) -> None:
        """One call's details; the call counts as seen."""
        from app.ui.history.details import CallDetailsDialog

        dialog = CallDetailsDialog(self.runtime, row)
        self.calls_seen.emit([(row.account, row.call_id)])
        dialog.call_back_requested.connect(self._call_back)
        self.details.append(dialog)  # a parentless dialog needs an owner until it closes
        dialog.destroyed.connect(lambda: self.details.remove(dialog) if dialog in self.details else None)
        _bring_up(dialog)

    def _call_back(self, row: CallRow) -> None:
        self.call_back(row.phone, row.account)

    def open_settings(self) -> None:
        """The settings (raised if already open); :attr:`settings_closed` when they close."""
        if self.settings_dialog is not None:
            _bring_up(self.settings_dialog)
            return
        from app.ui.settings.dialog import Page, open_settings

        self.watch_settings(open_settings(self.runtime, Page.ACCOUNTS))

    def watch_settings(self, dialog: SettingsDialog) -> None:
        """Settings opened here or by the first-run screen: apply what they changed once they close."""
        self.settings_dialog = dialog
        dialog.finished.connect(lambda _result: self._settings_finished(dialog))

    def _settings_finished(self, dialog: SettingsDialog) -> None:
        if self.settings_dialog is dialog:
            self.settings_dialog = None  # it deletes itself on close
        self.settings_closed.emit()

    def open_first_run(self) -> None:
        """No account yet: connect a provider or try the demo."""
        self.first_run = FirstRunDialog(self.runtime)
        self.first_run.settings_opened.connect(self.watch_settings)
        self.first_run.open()

    def close_all(self) -> None:
        for dialog in list(self.details):
            dialog.close()
        for window in (self.history, self.settings_dialog, self.first_run):
            if window is not None:
                window.close()


def _bring_up(window: QWidget) -> None:
    """Show, raise and focus ``window`` (it may be behind others)."""
    window.show()
    window.raise_()
    window.activateWindow()
