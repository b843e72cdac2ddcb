"""The two small windows a card opens: add a note, create a contact.

Why separate windows: the card never takes keyboard focus (the agent may be typing elsewhere when it
pops up), but typing a note needs focus — so the agent's click on "Note" opens a normal small window
that does take it, beside the card. Both save through their use case (the note book, the contact book),
which decides where notes and contacts live; a failure is shown as a message and the typed text stays in
the window, so nothing the agent wrote is lost.

Both open fully on the card's screen (clamped to its available geometry, frame included) and save from the
keyboard: Enter in a one-line field, Ctrl+Enter in the multi-line note (where Enter starts a new line, as
its placeholder says); Esc cancels.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.callstate import Call
from app.core.errors import Problem
from app.core.models import Contact, ContactPhone, Note
from app.services.contact_book import ContactBook
from app.services.notes import NoteBook
from app.ui import formatting, plain, theme
from app.ui.messages import bridge


class _QuickForm(QWidget):
    """A titled little window with fields, Save (Ctrl+Enter) and Cancel (Esc)."""

    saved = Signal()

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self.setMinimumWidth(340)
        self._screen_area = QRect()
        self._beside = QRect()
        layout = QVBoxLayout(self)
        header = plain.label(title, self)
        font = header.font()
        font.setBold(True)
        header.setFont(font)
        layout.addWidget(header)
        caller = plain.label(subtitle, self)  # a caller's number or name: never markup
        caller.setStyleSheet(theme.hint_style())  # secondary, ≥ 4.5:1 in light and dark
        layout.addWidget(caller)
        self.fields = QFormLayout()
        layout.addLayout(self.fields)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"), self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setDefault(True)
        cancel.clicked.connect(self.close)
        self.save_button.clicked.connect(self._on_save)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self._on_save)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.close)

    def show_near(self, widget: QWidget) -> None:
        """Open beside ``widget`` (the card), wholly inside that screen's available area, and take focus."""
        self.ensurePolished()
        for child in self.findChildren(QWidget):
            child.ensurePolished()  # measured with the fonts and margins it will show with
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.adjustSize()
        self._screen_area = widget.screen().availableGeometry()
        self._beside = widget.frameGeometry()
        self.move(self.place(self.frameGeometry().size()))
        self.show()
        self.activateWindow()
        self.raise_()
        # The window manager adds its frame only now: place again with the real frame.
        QTimer.singleShot(0, self._reclamp)

    def place(self, frame: QSize) -> QPoint:
        """Top-left (of the frame) beside the card, left of it if there is room, else right, clamped."""
        area, card = self._screen_area, self._beside
        x = card.left() - frame.width() - 8
        if x < area.left():
            x = card.right() + 1 + 8
        return clamp(QRect(QPoint(x, card.top()), frame), area).topLeft()

    def _reclamp(self) -> None:
        frame = self.frameGeometry()
        inside = clamp(frame, self._screen_area)
        if inside.topLeft() != frame.topLeft():
            self.move(inside.topLeft())

    def _on_save(self) -> None:
        try:
            if not self.save():
                return
        except Problem as problem:
            bridge().problem(problem)
            return
        self.saved.emit()
        self.close()

    def save(self) -> bool:
        """Store what was typed; False keeps the window open (nothing to save yet)."""
        raise NotImplementedError


def clamp(rect: QRect, area: QRect) -> QRect:
    """``rect`` moved (not resized) to lie inside ``area``; its top-left corner wins if it is larger."""
    x = max(min(rect.x(), area.right() + 1 - rect.width()), area.left())
    y = max(min(rect.y(), area.bottom() + 1 - rect.height()), area.top())
    return QRect(QPoint(x, y), rect.size())


class NoteForm(_QuickForm):
    """A note about the caller's number, tied to this call, shown on the next cards for the number."""

    def __init__(self, notes: NoteBook, call: Call, author: str, region: str) -> None:
        super().__init__(self.tr("Note"), formatting.phone_text(call.phone, region))
        self.notes = notes
        self.call = call
        self.author = author
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(self.tr("What was the call about? (Ctrl+Enter saves)"))
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(90)
        self.fields.addRow(self.text)
        self.text.setFocus()

    def save(self) -> bool:
        text = self.text.toPlainText().strip()
        if not text:
            return False
        self.notes.add(
            Note(
                text,
                phone=self.call.phone or "",
                account=self.call.account,
                call_id=self.call.call_id,
                author=self.author,
            )
        )
        return True


class ContactForm(_QuickForm):
    """A new local contact for an unknown caller's number."""

    def __init__(self, contacts: ContactBook, call: Call, region: str) -> None:
        super().__init__(self.tr("Create contact"), formatting.phone_text(call.phone, region))
        self.contacts = contacts
        self.call = call
        self.name = QLineEdit(self)
        self.company = QLineEdit(self)
        self.fields.addRow(self.tr("Name"), self.name)
        self.fields.addRow(self.tr("Company"), self.company)
        for field in (self.name, self.company):
            field.returnPressed.connect(self._on_save)  # Enter saves (a plain window has no default button)
        self.name.setFocus()

    def save(self) -> bool:
        name = self.name.text().strip()
        if not name:
            self.name.setPlaceholderText(self.tr("A name is needed"))
            return False
        phone = self.call.phone or ""
        self.contacts.save(Contact(name, [ContactPhone(phone, phone, "")], company=self.company.text().strip()))
        return True
