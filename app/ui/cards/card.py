"""The incoming-call card: who is calling and what we know about them, live, without taking focus.

Why these window flags: the agent is typing in a CRM or a chat when a call arrives. ``Tool`` keeps the
card off the task bar, ``WindowStaysOnTopHint`` keeps it visible over full-screen work, and
``WA_ShowWithoutActivating`` + ``WindowDoesNotAcceptFocus`` mean a card never steals a keystroke —
which is also why adding a note opens a separate small window (typing needs focus, and the agent asked
for it by clicking).

Layout, top to bottom: a status band in the state's colour (what is happening, and which of our lines
was dialled), the caller (name large, number in international format), what we know (company,
responsible agent), the last calls and notes, and the actions. The card paints its own rounded frame,
so it looks the same on every desktop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QEnterEvent,
    QFont,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from app.core.callstate import Call
from app.core.models import CallStatus, Direction, utcnow
from app.core.views import CallRow
from app.services.caller_facts import CardFacts
from app.ui import formatting, icons
from app.ui.cards.facts import CardState, CardStatus
from app.ui.history.words import status_text as status_word  # one translated word list for the app

WIDTH = 380
RADIUS = 12

# State → (accent, band background). Colours chosen for contrast ≥ 4.5:1 of the accent on its band.
PALETTE: dict[CardState, tuple[str, str]] = {
    CardState.RINGING: ("#1d4ed8", "#eaf1ff"),
    CardState.TALKING: ("#15803d", "#e9f8ee"),
    CardState.MISSED: ("#b91c1c", "#fdecec"),
    CardState.ANSWERED_ELSEWHERE: ("#475569", "#f1f4f8"),
    CardState.ENDED: ("#475569", "#f1f4f8"),
}
TEXT = "#0f172a"
MUTED = "#5b6b80"
BORDER = "#d5dce6"
ICON = "#334155"

STYLE = f"""
QWidget#card {{ background: transparent; }}
QLabel {{ color: {TEXT}; background: transparent; }}
QLabel#status {{ font-weight: 600; letter-spacing: 0.3px; }}
QLabel#line, QLabel#meta, QLabel#section, QLabel#recent, QLabel#note {{ color: {MUTED}; }}
QLabel#section {{ font-weight: 600; letter-spacing: 0.6px; }}
QToolButton {{ border: 1px solid transparent; border-radius: 7px; padding: 5px 8px; color: {TEXT};
               background: transparent; }}
QToolButton:hover {{ background: #eef2f7; border-color: {BORDER}; }}
QToolButton:pressed {{ background: #e2e8f0; }}
QToolButton#primary {{ background: #1d4ed8; color: white; }}
QToolButton#primary:hover {{ background: #1e40af; }}
QToolButton#link {{ color: #1d4ed8; padding: 2px 4px; font-weight: 600; }}
QToolButton#close {{ padding: 3px; border-radius: 6px; }}
QFrame#rule {{ background: #e6ebf2; border: none; }}
""" + "".join(
    # One rule set per state, selected by a dynamic property: changing state re-polishes three widgets
    # instead of parsing three new style sheets (a ring must paint in milliseconds).
    f"""QWidget#band[state="{state.value}"] {{ background: {band}; border-top-left-radius: {RADIUS - 1}px;
        border-top-right-radius: {RADIUS - 1}px; }}
    QLabel#status[state="{state.value}"] {{ color: {accent}; }}
    QLabel#dot[state="{state.value}"] {{ background: {accent}; border-radius: 5px; }}
    """
    for state, (accent, band) in PALETTE.items()
)


class CallCard(QWidget):
    """One call's card. The stack owns it; it only reports what the agent asks for through signals."""

    call_back_requested = Signal(str, str)  # number, account
    history_requested = Signal(str)  # number
    copy_requested = Signal(str)  # number
    crm_requested = Signal()
    note_requested = Signal()
    contact_requested = Signal()
    dismissed = Signal()  # the agent closed it (×) or it closed itself
    dragged = Signal(QPoint)  # new top-left after a drag
    touched = Signal()  # the agent interacted: keep it open
    first_painted = Signal()

    def __init__(
        self,
        call: Call | None = None,
        facts: CardFacts | None = None,
        status: CardStatus | None = None,
        *,
        region: str = "PL",
        offered_actions: frozenset[str] = frozenset(),
        parent: QWidget | None = None,
    ) -> None:
        """Build the card's widgets; with a call, also show it (else :meth:`present` fills it later).

        Why the two steps: building the widget tree is most of a card's cost, so the stack builds a spare
        card while idle and only fills it when a call rings (see ``CardStack``).
        """
        super().__init__(
            parent,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setObjectName("card")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet(STYLE)
        self.setFixedWidth(WIDTH)
        self.region = region
        # Which optional actions exist: "history", "crm", "contact", "call" (not ``actions``: that is
        # QWidget.actions(), the widget's QAction list).
        self.offered_actions = offered_actions
        self.facts = facts or CardFacts(number="")
        self.painted = False
        self._drag_from: QPoint | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._refresh_status)
        self._build()
        if call is not None and status is not None:
            self.present(call, self.facts, status, offered_actions)

    def present(self, call: Call, facts: CardFacts, status: CardStatus, offered_actions: frozenset[str]) -> None:
        """Fill the card with a call: caller, what we know, available actions, live status."""
        self.call = call
        self.facts = facts
        self.offered_actions = offered_actions
        self.painted = False  # a spare card was rendered once while warming up; its first real paint is next
        number = self.number
        self.call_button.setVisible("call" in offered_actions and bool(number))
        self.history_button.setVisible("history" in offered_actions and bool(number))
        self.crm_button.setVisible("crm" in offered_actions)
        self.copy_button.setVisible(bool(number))
        self.note_button.setVisible(bool(number))
        self._fill_caller()
        self._fill_history()
        self.set_status(call, status)

    @property
    def number(self) -> str:
        """The caller's number (normalised), or "" when hidden."""
        return self.facts.number or (self.call.phone or "")

    # --- building -------------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(1, 1, 1, 1)
        outer.setSpacing(0)

        self.band = QWidget(self)
        self.band.setObjectName("band")
        band = QHBoxLayout(self.band)
        band.setContentsMargins(16, 9, 8, 9)
        band.setSpacing(8)
        self.dot = QLabel(self.band)
        self.dot.setObjectName("dot")
        self.dot.setFixedSize(10, 10)
        self.status_label = _label("status", self.band, scale=0.92)
        self.line_label = ElidedLabel(self.band)
        self.line_label.setObjectName("line")
        _scale_font(self.line_label, 0.92)
        close = self._button("", "close", self.tr("Close"), self._on_close, name="close")
        band.addWidget(self.dot)
        band.addWidget(self.status_label)
        band.addWidget(self.line_label, 1)
        band.addWidget(close)
        outer.addWidget(self.band)

        body = QVBoxLayout()
        body.setContentsMargins(16, 12, 16, 6)
        body.setSpacing(2)
        self.title = _label("title", self, scale=1.5, weight=QFont.Weight.DemiBold)
        self.title.setWordWrap(True)
        self.subtitle = _label("subtitle", self, scale=1.2, weight=QFont.Weight.Medium)
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.meta = _label("meta", self)
        self.meta.setWordWrap(True)
        body.addWidget(self.title)
        body.addWidget(self.subtitle)
        body.addWidget(self.meta)
        self.create_contact = self._button(
            self.tr("Create contact"), "contact-add", "", self.contact_requested.emit, name="link", color="#1d4ed8"
        )
        body.addWidget(self.create_contact, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addLayout(body)

        self.history_box = QVBoxLayout()
        self.history_box.setContentsMargins(16, 6, 16, 4)
        self.history_box.setSpacing(3)
        outer.addLayout(self.history_box)

        rule = QFrame(self)
        rule.setObjectName("rule")
        rule.setFixedHeight(1)
        outer.addSpacing(6)
        outer.addWidget(rule)

        bar = QHBoxLayout()
        bar.setContentsMargins(10, 8, 10, 10)
        bar.setSpacing(4)
        self.call_button = self._button(
            self.tr("Call back"),
            "call",
            "",
            lambda: self.call_back_requested.emit(self.number, self.call.account),
            name="primary",
            color="#ffffff",
        )
        # History and Note are icons with tooltips: with "Call back" in Polish or Russian, three text buttons
        # do not fit the card's width.
        self.history_button = self._button(
            "", "history", self.tr("All calls with this number"), lambda: self.history_requested.emit(self.number)
        )
        self.note_button = self._button("", "note", self.tr("Add a note"), self.note_requested.emit)
        self.copy_button = self._button(
            "", "copy", self.tr("Copy number"), lambda: self.copy_requested.emit(self.number)
        )
        self.crm_button = self._button("", "crm", self.tr("Open in CRM"), self.crm_requested.emit)
        for button in (self.call_button, self.history_button, self.note_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.copy_button)
        bar.addWidget(self.crm_button)
        outer.addLayout(bar)

    def set_facts(self, facts: CardFacts) -> None:
        """Show new facts about the caller (after the agent added a note or created the contact)."""
        self.facts = facts
        self._fill_caller()
        self._fill_history()
        self.adjustSize()

    def _fill_caller(self) -> None:
        self.create_contact.setVisible(
            "contact" in self.offered_actions and self.facts.contact is None and bool(self.facts.number)
        )
        number = formatting.phone_text(self.facts.number or self.call.phone, self.region)
        contact = self.facts.contact
        if contact is not None and contact.name:
            self.title.setText(contact.name)
            self.subtitle.setText(number)
        elif number:
            self.title.setText(number)
            self.subtitle.setText(self.tr("Unknown caller"))
        else:
            self.title.setText(self.tr("Hidden number"))
            self.subtitle.setText("")
        meta: list[str] = []
        if contact is not None and contact.company:
            meta.append(contact.company)
        if self.facts.responsible_name:
            meta.append(self.tr("Responsible: %1").replace("%1", self.facts.responsible_name))
        self.meta.setText("\n".join(meta))
        self.meta.setVisible(bool(meta))

    def _fill_history(self) -> None:
        while self.history_box.count():
            item = self.history_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        if self.facts.recent:
            self.history_box.addWidget(_label("section", self, text=self.tr("LAST CALLS"), scale=0.8))
            for row in self.facts.recent:
                self.history_box.addWidget(self._recent_row(row))
        if self.facts.notes:
            self.history_box.addSpacing(4)
            self.history_box.addWidget(_label("section", self, text=self.tr("NOTES"), scale=0.8))
            for note in self.facts.notes:
                text = note.text if len(note.text) <= 140 else note.text[:139] + "…"
                who = " — ".join(part for part in (note.author, formatting.relative_day_time(note.created_at)) if part)
                label = _label(
                    "note", self, text=f"{text}  <span style='color:#8a97a8'>{_escape(who)}</span>" if who else text
                )
                label.setTextFormat(Qt.TextFormat.RichText if who else Qt.TextFormat.PlainText)
                label.setWordWrap(True)
                self.history_box.addWidget(label)

    def _recent_row(self, row: CallRow) -> QWidget:
        line = QWidget(self)
        layout = QHBoxLayout(line)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        glyph = (
            "call-missed"
            if row.status is CallStatus.MISSED
            else ("call-out" if row.direction is Direction.OUT else "call-in")
        )
        tint = "#b91c1c" if row.status is CallStatus.MISSED else MUTED
        icon = QLabel(line)
        icon.setPixmap(icons.pixmap(glyph, 14, tint))
        when = _label("recent", line, text=formatting.relative_day_time(row.started_at))
        outcome = _label("recent", line, text=status_word(row.status))
        duration = _label("recent", line, text=formatting.duration_text(row.duration_s) if row.duration_s else "")
        duration.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(icon)
        layout.addWidget(when, 3)
        layout.addWidget(outcome, 3)
        layout.addWidget(duration, 1)
        return line

    def _button(
        self, text: str, glyph: str, tip: str, slot: Callable[[], object], *, name: str = "", color: str = ICON
    ) -> QToolButton:
        button = QToolButton(self)
        if name:
            button.setObjectName(name)
        button.setText(text)
        button.setIcon(icons.icon(glyph, color, 16))
        button.setToolTip(tip or text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon if text else Qt.ToolButtonStyle.ToolButtonIconOnly
        )
        button.clicked.connect(self.touched.emit)
        button.clicked.connect(slot)
        return button

    # --- live state -----------------------------------------------------------------------------------
    def set_status(self, call: Call, status: CardStatus) -> None:
        """Show the call's new state (the stack calls this on every update of the call)."""
        self.call = call
        self.status = status
        for widget in (self.band, self.status_label, self.dot):
            if widget.property("state") != status.state.value:
                widget.setProperty("state", status.state.value)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        line = formatting.phone_text(call.line, self.region) if call.line else ""
        self.line_label.setText(self.tr("to %1").replace("%1", line) if line else "")
        self.call_button.setObjectName("primary" if status.state.is_over else "")
        self.call_button.setIcon(icons.icon("call", "#ffffff" if status.state.is_over else ICON, 16))
        self.call_button.style().unpolish(self.call_button)  # the object name selects the style
        self.call_button.style().polish(self.call_button)
        self.call_button.updateGeometry()
        if status.state is CardState.TALKING:
            self._timer.start()
        else:
            self._timer.stop()
        self._refresh_status()
        self.update()

    def status_text(self) -> str:
        state = self.status.state
        if state is CardState.RINGING:
            return self.tr("Incoming call")
        if state is CardState.TALKING:
            since = self.status.since or utcnow()
            clock = formatting.clock_text((utcnow() - since).total_seconds())
            if self.status.who:
                return self.tr("%1 talking · %2").replace("%1", self.status.who).replace("%2", clock)
            return self.tr("Talking · %1").replace("%1", clock)
        if state is CardState.MISSED:
            return self.tr("Missed call")
        if state is CardState.ANSWERED_ELSEWHERE:
            return self.tr("Answered by %1").replace("%1", self.status.who or self.tr("a colleague"))
        talk = self.call.talk_seconds
        if self.status.outcome in (None, CallStatus.ANSWERED) and talk:
            return self.tr("Call ended · %1").replace("%1", formatting.duration_text(talk))
        return status_word(self.status.outcome) if self.status.outcome else self.tr("Call ended")

    def _refresh_status(self) -> None:
        self.status_label.setText(self.status_text().upper())

    # --- interaction ----------------------------------------------------------------------------------
    def _on_close(self) -> None:
        self.dismissed.emit()

    def enterEvent(self, event: QEnterEvent) -> None:
        self.touched.emit()
        super().enterEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.LeftButton:
            self._drag_from = event.globalPosition().toPoint() - self.frameGeometry().topLeft()
            self.touched.emit()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self.move(event.globalPosition().toPoint() - self._drag_from)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self._drag_from = None
            self.dragged.emit(self.pos())
        super().mouseReleaseEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)
        painter.fillPath(path, QColor("#ffffff"))
        painter.setPen(QPen(QColor(BORDER), 1))
        painter.drawPath(path)
        painter.end()
        if not self.painted:
            self.painted = True
            self.first_painted.emit()


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" instead of pushing the layout wider."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.width(), 0)
        super().setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideLeft, width))


def _label(
    name: str, parent: QWidget, *, text: str = "", scale: float = 1.0, weight: QFont.Weight | None = None
) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    _scale_font(label, scale, weight)
    return label


def _scale_font(widget: QWidget, scale: float, weight: QFont.Weight | None = None) -> None:
    if scale == 1.0 and weight is None:
        return
    font = QFont(widget.font())
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    if weight is not None:
        font.setWeight(weight)
    widget.setFont(font)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
