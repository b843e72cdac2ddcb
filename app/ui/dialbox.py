"""The dial box: type or paste a number, pick the account and the number to present, call.

Why a small window of its own: it is opened from the tray, a keyboard shortcut or "call the number in
the clipboard", by an agent who wants to type at once — so unlike a card it takes focus. It never waits
for the provider inside a nested loop: "Call" emits :attr:`DialBox.dial_requested` and the shell reports
back through :meth:`DialBox.finished_dialing` / :meth:`DialBox.failed`, keeping what was typed on failure.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.ui import icons


@dataclass(frozen=True, slots=True)
class DialChoice:
    """One entry of a combo box: what is shown, and the value passed to the dialer."""

    label: str
    value: str


class DialBox(QWidget):
    dial_requested = Signal(str, str, str)  # number, account id ("" = default), caller id ("" = default)
    account_changed = Signal(str)  # the shell reloads the caller-ID choices for this account

    def __init__(self, accounts: list[DialChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle(self.tr("Call a number"))
        self.setWindowIcon(icons.app_icon())
        self.setMinimumWidth(340)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 14, 14, 14)
        layout.setSpacing(8)
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("Number, e.g. +48 777 888 999"))
        self.number.setClearButtonEnabled(True)
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.number.setFont(font)
        layout.addWidget(self.number)

        self.account = QComboBox(self)
        for choice in accounts:
            self.account.addItem(choice.label, choice.value)
        self.account.setVisible(len(accounts) > 1)
        self.account.currentIndexChanged.connect(lambda _i: self.account_changed.emit(self.account_id()))
        self.caller_id = QComboBox(self)
        self.caller_id.setToolTip(self.tr("The number the client sees"))
        self.caller_id.hide()
        row = QHBoxLayout()
        row.addWidget(self.account, 1)
        row.addWidget(self.caller_id, 1)
        layout.addLayout(row)

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.hide()
        layout.addWidget(self.error)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.call_button = QPushButton(icons.icon("call", "#ffffff", 16), self.tr("Call"), self)
        self.call_button.setDefault(True)
        self.call_button.setStyleSheet(
            "QPushButton { background: #1d4ed8; color: white; border-radius: 6px; "
            "padding: 6px 16px; } QPushButton:disabled { background: #93a8d8; }"
        )
        self.call_button.clicked.connect(self._on_call)
        buttons.addWidget(self.call_button)
        layout.addLayout(buttons)
        self.number.returnPressed.connect(self._on_call)
        self.number.textChanged.connect(lambda _t: self.error.hide())
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.close)

    def account_id(self) -> str:
        return str(self.account.currentData() or "")

    def set_caller_ids(self, choices: list[DialChoice]) -> None:
        """Offer these numbers to present (hidden when the provider gives no choice)."""
        self.caller_id.clear()
        if choices:
            self.caller_id.addItem(self.tr("Default number"), "")
            for choice in choices:
                self.caller_id.addItem(choice.label, choice.value)
        self.caller_id.setVisible(bool(choices))

    def open_with(self, number: str = "") -> None:
        """Show, focused, with ``number`` filled in (from the clipboard or a link) or what was typed before."""
        if number:
            self.number.setText(number)
        self.error.hide()
        self.call_button.setEnabled(True)
        self.show()
        self.raise_()
        self.activateWindow()
        self.number.setFocus()
        self.number.selectAll()

    def finished_dialing(self) -> None:
        """The provider accepted the call: the agent's phone rings now."""
        self.call_button.setEnabled(True)
        self.number.clear()
        self.close()

    def failed(self, text: str) -> None:
        """Say why, keep the number so the agent can fix it."""
        self.call_button.setEnabled(True)
        self.error.setText(text)
        self.error.show()

    def _on_call(self) -> None:
        number = self.number.text().strip()
        if not number or not self.call_button.isEnabled():
            return
        self.call_button.setEnabled(False)
        self.dial_requested.emit(number, self.account_id(), str(self.caller_id.currentData() or ""))
