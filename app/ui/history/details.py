"""One call in full: who, when, how it ended, the notes about it and its number, and its recording.

Why notes for the number and not only for the call: an agent calling someone back wants what colleagues
wrote at every earlier call with that person, not just this one. A new note is attached to both the call
and the number, so the next incoming-call card for that number shows it too.

Safe keys: the window opens with the keyboard in the note field; "Call back" dials on a click or Ctrl+D only
(never Space or Enter, see :class:`~app.ui.dialbox.DialButton`).

Non-modal (``show()``, never ``exec()``): a nested event loop would stall the app's asyncio tasks, and an
agent may keep the details open while the next call rings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import Problem
from app.core.models import Note
from app.core.views import CallRow
from app.ui import formatting, plain, theme
from app.ui.dialbox import DialButton
from app.ui.history import icons, words
from app.ui.naming import named
from app.ui.player import RecordingPlayer, offer_call_recording
from app.ui.problems import problem_text

if TYPE_CHECKING:
    from app.runtime import Runtime


class CallDetailsDialog(QDialog):
    """Details of one call; emits :attr:`call_back_requested` with the row when the user asks to call back."""

    call_back_requested = Signal(object)
    note_added = Signal(object)

    def __init__(self, runtime: Runtime, row: CallRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callDetails")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.runtime = runtime
        self.settings = runtime.context.settings
        self.row = row
        self.region = self.settings.general.region
        self.setWindowTitle(self.tr("Call with %1").replace("%1", self._who()))
        self.resize(640, 660)
        self._build()
        self.reload_notes()

    def _who(self) -> str:
        return self.row.contact_name or formatting.phone_text(self.row.phone, self.region) or self.tr("Unknown")

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        row = self.row
        title = named(plain.label(self._who(), self), "detailsTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A live call whose end never arrived (no news for hours) reads "Outcome unknown", never "Ringing".
        self.outcome_unknown = unknown = self.runtime.history.outcome_unknown(row)
        self.status_icon = named(QLabel(self), "statusIcon")
        self.status_text = named(
            plain.label(
                f"{words.direction_text(row.direction)} · {words.status_text(row.status, unknown=unknown)}", self
            ),
            "statusText",
        )
        status_line = QHBoxLayout()
        status_line.addWidget(self.status_icon)
        status_line.addWidget(self.status_text)
        status_line.addStretch(1)

        facts = QFormLayout()
        facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        facts.setHorizontalSpacing(16)
        for label, value in self._facts():
            if value:
                shown = plain.label(value, self)  # numbers, names, ids: as the provider or a person wrote them
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                facts.addRow(named(QLabel(label, self), "factLabel"), shown)

        # Dials only on a click or Ctrl+D: never the default button, never focused (Space / Enter).
        self.call_button = named(DialButton(None, self.tr("Call back"), self), "callBack")
        self.call_button.add_shortcut(self, self.tr("Call this number back"))
        self.call_button.setEnabled(bool(row.phone))
        self.call_button.clicked.connect(lambda: self.call_back_requested.emit(self.row))
        copy = named(QPushButton(self.tr("Copy number"), self), "copyNumber")
        copy.clicked.connect(lambda: copy_number(self.row.phone, self.region))
        actions = QHBoxLayout()
        actions.addWidget(self.call_button)
        actions.addWidget(copy)
        actions.addStretch(1)

        self.player = RecordingPlayer(self)
        self.player.setVisible(bool(row.recording_url))
        if row.recording_url:
            offer_call_recording(self.player, self.runtime.recordings, row.account, row.call_id, row.recording_url)
            # Here Space types into the note: the hint names the play button only.
            self.player.show_message(self.tr("Press ▶ to play the recording."))

        self.notes = plain.plain_tips(named(QListWidget(self), "notes"))  # a note on hover: as written
        self.notes.setWordWrap(True)
        self.notes.setAlternatingRowColors(True)
        self.notes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.note_edit = named(QPlainTextEdit(self), "noteEdit")
        self.note_edit.setPlaceholderText(self.tr("Write a note about this call (Ctrl+Enter adds it)"))
        self.note_edit.setFixedHeight(72)
        self.add_button = named(QPushButton(self.tr("Add note"), self), "addNote")
        self.add_button.setAutoDefault(False)
        self.add_button.setEnabled(False)
        self.note_edit.textChanged.connect(
            lambda: self.add_button.setEnabled(bool(self.note_edit.toPlainText().strip()))
        )
        self.add_button.clicked.connect(self.add_note)
        QShortcut(QKeySequence("Ctrl+Return"), self.note_edit, self.add_note)
        self.note_error = named(plain.label("", self), "noteError")
        self.note_error.setWordWrap(True)
        self.note_error.hide()

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        notes_title = named(QLabel(self.tr("Notes"), self), "sectionTitle")
        bold = notes_title.font()
        bold.setBold(True)
        notes_title.setFont(bold)
        add_row = QHBoxLayout()
        add_row.addWidget(self.note_edit, 1)
        add_row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignBottom)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addLayout(status_line)
        layout.addLayout(facts)
        layout.addLayout(actions)
        layout.addWidget(self.player)
        layout.addWidget(line)
        layout.addWidget(notes_title)
        layout.addWidget(self.notes, 1)
        layout.addLayout(add_row)
        layout.addWidget(self.note_error)
        for button in self.findChildren(QPushButton):  # no button of a window that dials reacts to Enter
            button.setAutoDefault(False)
            button.setDefault(False)
        self.setFocusProxy(self.note_edit)  # opens with the keyboard in the note, never on a button
        self.note_edit.setFocus()
        self._apply_palette()

    def _apply_palette(self) -> None:
        """The status line's and the error's colours, from the palette (again when it changes)."""
        c = theme.colors(self)
        row = self.row
        self.status_icon.setPixmap(
            icons.direction_icon(row.direction, row.status, unknown=self.outcome_unknown, colors=c).pixmap(16, 16)
        )
        colour = icons.status_color(row.status, unknown=self.outcome_unknown, colors=c).name()
        self.status_text.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.note_error.setStyleSheet(theme.error_style(c))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the desktop switched to dark or back
            self._apply_palette()

    def _facts(self) -> list[tuple[str, str]]:
        row = self.row
        agent = row.agent
        if agent:
            name = self.runtime.history.agent_name(row.account, agent)
            agent = name if name == agent else f"{plain.isolate(name)} ({agent})"
        account = next((a.display_name for a in self.settings.accounts if a.id == row.account), row.account)
        return [
            (self.tr("Number"), formatting.phone_text(row.phone, self.region)),
            (self.tr("Time"), formatting.datetime_text(row.started_at)),
            (self.tr("Talk time"), formatting.duration_text(row.talk_s) if row.talk_s else ""),
            (self.tr("Waited"), formatting.duration_text(row.wait_s) if row.wait_s is not None else ""),
            (self.tr("Our line"), formatting.phone_text(row.line, self.region)),
            (self.tr("Agent"), agent),
            (self.tr("Account"), account),
            (self.tr("Call ID"), row.call_id),
        ]

    # -- notes ----------------------------------------------------------------------------------
    def reload_notes(self) -> None:
        """This call's notes first, then earlier notes about the number (newest first)."""
        notes = self.runtime.notes
        own = notes.for_call(self.row.account, self.row.call_id)
        seen = {n.id for n in own}
        earlier = [n for n in notes.for_number(self.row.phone, limit=20) if n.id not in seen] if self.row.phone else []
        self.notes.clear()
        for note in [*reversed(own), *earlier]:
            self._add_item(note, of_this_call=note.id in seen)
        if not own and not earlier:
            empty = QListWidgetItem(self.tr("No notes yet."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.notes.addItem(empty)

    def _add_item(self, note: Note, *, of_this_call: bool) -> None:
        when = formatting.datetime_text(note.created_at)
        who = f" · {plain.isolate(note.author)}" if note.author else ""
        where = "" if of_this_call else " · " + self.tr("earlier call")
        item = QListWidgetItem(f"{note.text}\n{when}{who}{where}")
        item.setToolTip(note.text)
        self.notes.addItem(item)

    def add_note(self) -> None:
        """Store the typed note (on this call and its number); on failure keep the text and say why."""
        text = self.note_edit.toPlainText().strip()
        if not text:
            return
        author = next((a.user for a in self.settings.accounts if a.id == self.row.account), "")
        note = Note(text=text, phone=self.row.phone, account=self.row.account, call_id=self.row.call_id, author=author)
        try:
            self.runtime.notes.add(note)
        except Problem as problem:
            self.note_error.setText(problem_text(problem))
            self.note_error.show()
            return
        self.note_error.hide()
        self.note_edit.clear()
        self.reload_notes()
        self.note_added.emit(note)


def copy_number(phone: str, region: str) -> None:
    """Put a number on the clipboard in international format (what pastes well anywhere)."""
    QGuiApplication.clipboard().setText(formatting.phone_text(phone, region))
