"""The two small windows a card opens: add a note, create a contact.

Why separate windows: the card never takes keyboard focus (the agent may be typing elsewhere when it
pops up), but typing a note needs focus — so the agent's click on "Note" opens a normal small window
that does take it, beside the card. Both save through their use case (the note book, the contact book),
which decides where notes and contacts live; a failure is shown as a message and the typed text stays in
the window, so nothing the agent wrote is lost.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
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
from app.ui import formatting
from app.ui.messages import bridge


class _QuickForm(QWidget):
    """A titled little window with fields, Save (Ctrl+Enter) and Cancel (Esc)."""

    saved = Signal()

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self.setMinimumWidth(340)
        layout = QVBoxLayout(self)
        header = QLabel(f"<b>{title}</b><br><span style='color:#5b6b80'>{subtitle}</span>", self)
        layout.addWidget(header)
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
        QShortcut(QKeySequence("Ctrl+Return"), self, self._on_save)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

    def show_near(self, widget: QWidget) -> None:
        """Open beside ``widget`` (the card), inside the same screen, and take focus for typing."""
        self.adjustSize()
        screen = widget.screen().availableGeometry()
        x = widget.x() - self.width() - 8
        if x < screen.left():
            x = widget.x() + widget.width() + 8
        y = min(max(widget.y(), screen.top()), screen.bottom() - self.height())
        self.move(QPoint(x, y))
        self.show()
        self.activateWindow()
        self.raise_()

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


class NoteForm(_QuickForm):
    """A note about the caller's number, tied to this call, shown on the next cards for the number."""

    def __init__(self, notes: NoteBook, call: Call, author: str, region: str) -> None:
        super().__init__(self.tr("Note"), formatting.phone_text(call.phone, region))
        self.notes = notes
        self.call = call
        self.author = author
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(self.tr("What was the call about?"))
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
        self.name.setFocus()

    def save(self) -> bool:
        name = self.name.text().strip()
        if not name:
            self.name.setPlaceholderText(self.tr("A name is needed"))
            return False
        phone = self.call.phone or ""
        self.contacts.save(Contact(name, [ContactPhone(phone, phone, "")], company=self.company.text().strip()))
        return True
