"""The dial box: type or paste a number — or part of a contact's name — pick the account and the number to
present, call. Also the words every dialling window shares: the button that dials, the confirmation, and a
refusal as a sentence.

Why a small window of its own: it is opened from the tray, a keyboard shortcut or "call the number in
the clipboard", by an agent who wants to type at once — so unlike a card it takes focus. It never waits
for the provider inside a nested loop: "Call" emits :attr:`DialBox.dial_requested` and the shell reports
back through :meth:`DialBox.finished_dialing` / :meth:`DialBox.failed`, keeping what was typed on failure.

Why letters search the contacts: agents remember names, not numbers. Typing letters lists the matching
contacts with their numbers under the field; choosing one (click, or ↓ and Enter) fills the number and
dials nothing — the agent still presses Call (or Enter in the number field, with a number in it).

Why :class:`DialButton`: a button that places a call must never be reached by Space or Enter by accident —
no default button, no initial focus, and under a GTK theme (whose focused buttons click on Enter too) no
focus at all. It dials on a click or on its own shortcut (Ctrl+D), which its tooltip names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import AuthError, InvalidRequest, Problem, RateLimited, Unavailable
from app.core.models import utcnow
from app.ui import formatting, icons, plain, theme
from app.ui.naming import named
from app.ui.problems import problem_text

if TYPE_CHECKING:
    from app.services.dialer import DialOutcome

DIAL_SHORTCUT = "Ctrl+D"
# Keys that click a focused button on some platform theme (GTK: Space, Enter, Return and Select).
_PRESS_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select)
SEARCH_MIN_LETTERS = 2
CONTACTS_SHOWN = 8


@dataclass(frozen=True, slots=True)
class DialChoice:
    """One entry of a combo box: what is shown, and the value passed to the dialer."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class ContactNumber:
    """One number of a contact the dial box offers: ``name`` (and ``company``) and ``number`` (normal form)."""

    name: str
    number: str
    company: str = ""


ContactSearch = Callable[[str], list[ContactNumber]]


class DialButton(QPushButton):
    """A push button that places a call: clicked with the mouse or through :meth:`add_shortcut`, never by Space
    or Enter (it is never a dialog's default button and never holds the keyboard focus)."""

    def __init__(self, icon: QIcon | None, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        if icon is not None:
            self.setIcon(icon)
        self.setAutoDefault(False)
        self.setDefault(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def add_shortcut(self, window: QWidget, tip: str) -> QShortcut:
        """Dial on Ctrl+D anywhere in ``window`` (when the button is enabled); the tooltip says so."""
        self.setToolTip(
            QCoreApplication.translate("DialBox", "%1 (%2)")
            .replace("%1", tip)
            .replace("%2", QKeySequence(DIAL_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText))
        )
        shortcut = QShortcut(QKeySequence(DIAL_SHORTCUT), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(lambda: self.click() if self.isEnabled() and self.isVisible() else None)
        return shortcut

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _PRESS_KEYS:
            event.accept()  # swallowed: neither this button nor the dialog's default button reacts
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() in _PRESS_KEYS:
            event.accept()
            return
        super().keyReleaseEvent(event)


def outcome_text(outcome: DialOutcome, region: str = "") -> str:
    """The confirmation after a call was placed, for people: the number, the account, presenting which number.
    Never the provider's call id, a port or an identity string (those go to the log)."""
    number = formatting.phone_text(outcome.result.number.value, *([region] if region else []))
    account = plain.isolate(outcome.account.display_name)  # a name written right to left reorders nothing
    if outcome.result.caller_id:
        presented = formatting.phone_text(outcome.result.caller_id, *([region] if region else []))
        text = QCoreApplication.translate("DialBox", "Calling %1 through %2, presenting %3: your phone rings first.")
        return text.replace("%1", number).replace("%2", account).replace("%3", presented)
    text = QCoreApplication.translate("DialBox", "Calling %1 through %2: your phone rings first.")
    return text.replace("%1", number).replace("%2", account)


def dial_problem_text(problem: Problem, account_name: str = "") -> str:
    """Why a call was not placed, as sentences in the user's language.

    A provider's refusal (HTTP status, its own words such as "Invalid parameters") says nothing an agent can
    act on: it is told by its kind instead. Problems Ringdesk itself worded (a number it cannot dial, no
    account, no user to ring first) keep their own sentence."""
    where = account_name or QCoreApplication.translate("DialBox", "The provider")
    if isinstance(problem, AuthError):
        text = QCoreApplication.translate(
            "DialBox",
            "%1 did not accept the account's key or password, so no call was placed. "
            "Check them in Settings › Accounts.",
        )
    elif isinstance(problem, RateLimited):
        if problem.retry_after:
            resume = utcnow() + timedelta(seconds=problem.retry_after)
            text = QCoreApplication.translate(
                "DialBox", "%1 has reached its request limit, so no call was placed. Try again after %2."
            ).replace("%2", formatting.relative_day_time(resume))
        else:
            text = QCoreApplication.translate(
                "DialBox", "%1 has reached its request limit, so no call was placed. Try again later."
            )
    elif isinstance(problem, Unavailable):
        text = QCoreApplication.translate(
            "DialBox", "%1 could not be reached, so no call was placed. Try again in a minute."
        )
    elif isinstance(problem, InvalidRequest) and problem.status is not None:
        text = QCoreApplication.translate(
            "DialBox",
            "%1 refused this call, so no call was placed. Check the number; if it is right, check your "
            "user at this account in Settings › Accounts.",
        )
    else:
        return problem_text(problem)
    return text.replace("%1", where)


class DialBox(QWidget):
    dial_requested = Signal(str, str, str)  # number, account id ("" = default), caller id ("" = default)
    account_changed = Signal(str)  # the shell reloads the caller-ID choices for this account

    def __init__(
        self, accounts: list[DialChoice], parent: QWidget | None = None, *, search: ContactSearch | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("dialBox")
        self.setWindowTitle(self.tr("Call a number"))
        self.setWindowIcon(icons.app_icon())
        self.setMinimumWidth(340)
        self.search = search
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 14, 14, 14)
        layout.setSpacing(8)
        self.number = named(QLineEdit(self), "dialNumber")
        self.number.setPlaceholderText(
            self.tr("Number or name, e.g. +48 777 888 999") if search else self.tr("Number, e.g. +48 777 888 999")
        )
        self.number.setClearButtonEnabled(True)
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.number.setFont(font)
        self.number.installEventFilter(self)
        layout.addWidget(self.number)

        self.contacts = plain.plain_tips(named(QListWidget(self), "dialContacts"))  # names on hover: as written
        self.contacts.setUniformItemSizes(True)
        self.contacts.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.contacts.itemActivated.connect(self._choose)
        self.contacts.itemClicked.connect(self._choose)
        self.contacts.hide()
        layout.addWidget(self.contacts)

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

        self.error = named(plain.label("", self), "dialError")  # a provider's words are never markup
        self.error.setWordWrap(True)
        self.error.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.error.hide()
        layout.addWidget(self.error)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.call_button = DialButton(None, self.tr("Call"), self)
        self.call_button.add_shortcut(self, self.tr("Call the number"))
        self.call_button.clicked.connect(self._on_call)
        buttons.addWidget(self.call_button)
        layout.addLayout(buttons)
        self.number.returnPressed.connect(self._on_return)
        self.number.textChanged.connect(self._text_changed)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.close)
        # Colours follow the palette (light or dark): applied now and again when it changes.
        self._palette_watch = theme.PaletteWatch()
        self._apply_palette()

    def _apply_palette(self) -> None:
        """The error's and the call button's colours from the palette; nothing to do when it is unchanged."""
        palette = self.palette()
        if not self._palette_watch.changed(palette):
            return
        c = theme.colors(palette)
        self.error.setStyleSheet(theme.error_style(c))
        self.call_button.setIcon(icons.icon("call", c.on_accent, 16))
        disabled = theme.mix(c.accent_fill, c.window, 0.5)
        self.call_button.setStyleSheet(
            f"QPushButton {{ background: {c.accent_fill}; color: {c.on_accent}; border-radius: 6px; "
            f"padding: 6px 16px; }} QPushButton:disabled {{ background: {disabled}; }}"
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the desktop switched to dark or back
            self._apply_palette()

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
        self._hide_error()
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
        """Say why (plain text, wrapped, the window grows to show all of it); keep the number to fix it."""
        self.call_button.setEnabled(True)
        self.error.setText(text)
        self.error.show()
        self._fit()

    # -- contacts ----------------------------------------------------------------------------------------
    def matches(self) -> list[ContactNumber]:
        return [self.contacts.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.contacts.count())]

    def _text_changed(self, text: str) -> None:
        self._hide_error()
        found = self._search(text)
        self.contacts.clear()
        for match in found:
            # Isolated: a right-to-left name cannot reorder the number beside it.
            name, number = plain.isolate(match.name), formatting.phone_text(match.number)
            label = f"{name} — {number}"
            if match.company:
                label = f"{name} ({plain.isolate(match.company)}) — {number}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, match)
            item.setToolTip(label)
            self.contacts.addItem(item)
        self.contacts.setVisible(bool(found))
        if found:
            rows = min(len(found), CONTACTS_SHOWN)
            self.contacts.setFixedHeight(rows * self.contacts.sizeHintForRow(0) + 2 * self.contacts.frameWidth())
        self._fit()

    def _search(self, text: str) -> list[ContactNumber]:
        text = text.strip()
        if self.search is None or sum(ch.isalpha() for ch in text) < SEARCH_MIN_LETTERS:
            return []
        return self.search(text)[: CONTACTS_SHOWN * 3]

    def _choose(self, item: QListWidgetItem) -> None:
        """A contact was chosen: its number goes into the field (nothing is dialled)."""
        match: ContactNumber = item.data(Qt.ItemDataRole.UserRole)
        self.number.blockSignals(True)
        self.number.setText(formatting.phone_text(match.number))
        self.number.blockSignals(False)
        self.contacts.clear()
        self.contacts.hide()
        self.number.setFocus()
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↓ in the number field moves into the contacts found."""
        if (
            watched is self.number
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.contacts.isVisible()
        ):
            self.contacts.setFocus()
            self.contacts.setCurrentRow(0)
            return True
        return super().eventFilter(watched, event)

    # -- dialling ------------------------------------------------------------------------------------------
    def _on_return(self) -> None:
        """Enter in the field: with contacts listed, take the first one's number; with a number, call it."""
        if self.contacts.isVisible() and self.contacts.count():
            self._choose(self.contacts.item(0))
            return
        self._on_call()

    def _on_call(self) -> None:
        number = self.number.text().strip()
        if not number or not self.call_button.isEnabled():
            return
        self.call_button.setEnabled(False)
        self.dial_requested.emit(number, self.account_id(), str(self.caller_id.currentData() or ""))

    def _hide_error(self) -> None:
        if self.error.isVisible():
            self.error.hide()
            self._fit()

    def _fit(self) -> None:
        """Grow or shrink to what is shown (a wrapped error, the contacts list); never below the user's width."""
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        layout.activate()
        height = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        height = max(height, layout.totalMinimumSize().height())
        self.resize(self.width(), height)
