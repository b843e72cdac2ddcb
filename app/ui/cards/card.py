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

No call without an explicit choice: a ringing or live card offers no dial action at all (answering is the
phone's job; "Call back" on a ringing card dialled the person ringing in). Call back appears on missed and
ended cards only, and no key reaches a card until the agent asks for it with the card shortcut
(:meth:`CallCard.take_focus`): then Tab walks the actions, their mnemonics work, and Esc closes the card.

Text that fits: names, companies and the responsible agent wrap to two lines, then end in "…" with the
full text in a tooltip (:func:`fit_lines`); the dialled line gives up its "to" before a single digit of
the number, and the status word gives way before the number does (:meth:`CallCard._fit_band`). Every text
from a provider or a caller is shown as plain text, never as markup.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from app.core.callstate import Call
from app.core.models import CallStatus, Direction, utcnow
from app.core.views import CallRow
from app.services.caller_facts import CardFacts
from app.ui import formatting, icons, plain, theme
from app.ui.cards.facts import CardState, CardStatus
from app.ui.history.words import status_text as status_word  # one translated word list for the app

WIDTH = 380
RADIUS = 12

_style_sheets: dict[int, str] = {}  # by palette cache key: a card built for a palette reuses its sheet


def style(c: theme.Colors) -> str:
    """The card's style sheet for the colours ``c`` (one palette's, light or dark)."""
    # No rule for the card itself (#card): a background there would rewrite the card's own palette, which
    # the colours are read from. The dialled line sits on the state's band, not on the card: its muted
    # colour is checked against every band (a dark band is lighter than the dark card).
    line = theme.readable(c.card_muted, *(c.state(state).band for state in theme.STATES))
    return f"""
QLabel {{ color: {c.card_text}; background: transparent; }}
QLabel#status {{ font-weight: 600; letter-spacing: 0.3px; }}
QLabel#meta, QLabel#section, QLabel#recent, QLabel#note {{ color: {c.card_muted}; }}
QLabel#line {{ color: {line}; }}
QLabel#section {{ font-weight: 600; letter-spacing: 0.6px; }}
QToolButton {{ border: 1px solid transparent; border-radius: 7px; padding: 5px 8px; color: {c.card_text};
               background: transparent; }}
QToolButton:hover {{ background: {c.hover}; border-color: {c.card_border}; }}
QToolButton:pressed {{ background: {c.pressed}; }}
QToolButton#primary {{ background: {c.accent_fill}; color: {c.on_accent}; }}
QToolButton#primary:hover {{ background: {c.accent_fill_hover}; }}
QToolButton#link {{ color: {c.accent}; padding: 2px 4px; font-weight: 600; }}
QToolButton#close {{ padding: 3px; border-radius: 6px; }}
QFrame#rule {{ background: {c.rule}; border: none; }}
""" + "".join(
        # One rule set per state, selected by a dynamic property: changing state re-polishes three widgets
        # instead of parsing three new style sheets (a ring must paint in milliseconds).
        f"""QWidget#band[state="{state}"] {{ background: {c.state(state).band};
        border-top-left-radius: {RADIUS - 1}px; border-top-right-radius: {RADIUS - 1}px; }}
    QLabel#status[state="{state}"] {{ color: {c.state(state).accent}; }}
    QLabel#dot[state="{state}"] {{ background: {c.state(state).accent}; border-radius: 5px; }}
    """
        for state in theme.STATES
    )


def style_for(palette: QPalette) -> tuple[theme.Colors, str]:
    """The colours and the card's style sheet for ``palette`` (the sheet built once per palette)."""
    c = theme.colors(palette)
    key = palette.cacheKey()
    sheet = _style_sheets.get(key)
    if sheet is None:
        if len(_style_sheets) > 16:
            _style_sheets.clear()
        sheet = _style_sheets[key] = style(c)
    return c, sheet


CONTENT_WIDTH = WIDTH - 2 - 32  # the body's width: the card's 1 px frame and 16 px margins each side
NAME_LINES = 2
CALL_BACK_STATES = frozenset({CardState.MISSED, CardState.ENDED})


class CallCard(QWidget):
    """One call's card. The stack owns it; it only reports what the agent asks for through signals."""

    call_back_requested = Signal(str, str)  # number, account
    history_requested = Signal(str)  # number
    copy_requested = Signal(str)  # number
    crm_requested = Signal()
    note_requested = Signal()
    contact_requested = Signal()
    dismissed = Signal()  # the agent closed it (×, Esc) or it closed itself
    dragged = Signal(QPoint)  # new top-left after a drag
    touched = Signal()  # the agent used it (a click): the stack restarts its countdown
    first_painted = Signal()
    pointer_left = Signal()  # the pointer left the card (a close or a move waiting for it may go ahead)
    focus_returned = Signal()  # the card had keyboard focus on request and gave it back

    def __init__(
        self,
        call: Call | None = None,
        facts: CardFacts | None = None,
        status: CardStatus | None = None,
        *,
        region: str = "PL",
        offered_actions: frozenset[str] = frozenset(),
        names: Callable[[str, str], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Build the card's widgets; with a call, also show it (else :meth:`present` fills it later).

        Why the two steps: building the widget tree is most of a card's cost, so the stack builds a spare
        card while idle and only fills it when a call rings (see ``CardStack``). ``names(account, login)``
        turns an agent's login into their name (the history's directory), for "answered by" and notes.
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
        # Colours follow the palette (light or dark): the style sheet is applied here, once per card — the
        # stack builds the card in advance as a spare, so a ring never parses a style sheet — and again
        # only when the palette changes (changeEvent).
        self._palette_watch = theme.PaletteWatch()
        self._tinted: list[tuple[QToolButton, str, str]] = []  # (button, glyph, colour role) to re-tint
        self._recent_icons: list[tuple[QLabel, str, bool]] = []  # (label, glyph, missed) in the last calls
        self.colors = theme.colors(self)
        self._apply_palette()
        self.setFixedWidth(WIDTH)
        self.region = region
        self.names: Callable[[str, str], str] = names or (lambda _account, login: login)
        # Which optional actions exist: "history", "crm", "contact", "call" (not ``actions``: that is
        # QWidget.actions(), the widget's QAction list).
        self.offered_actions = offered_actions
        self.facts = facts or CardFacts(number="")
        self.painted = False
        self.compact = False
        self.keyboard = False  # the agent brought keyboard focus here with the card shortcut
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

    @property
    def offers_call_back(self) -> bool:
        """Whether "Call back" is on the card: a finished call (missed or ended) with a number to dial."""
        status = getattr(self, "status", None)
        return (
            status is not None
            and status.state in CALL_BACK_STATES
            and "call" in self.offered_actions
            and bool(self.number)
        )

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
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.line_label = LineLabel(self.band)
        self.line_label.setObjectName("line")
        _scale_font(self.line_label, 0.92)
        self.close_button = self._button(self.tr("Close"), "close", "", self._on_close, name="close")
        self.close_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        band.addWidget(self.dot)
        band.addWidget(self.status_label, 1)
        band.addWidget(self.line_label)
        band.addWidget(self.close_button)
        outer.addWidget(self.band)

        body = QVBoxLayout()
        body.setContentsMargins(16, 12, 16, 6)
        body.setSpacing(2)
        self.title = FittedLabel(NAME_LINES, self)
        self.title.setObjectName("title")
        _scale_font(self.title, 1.5, QFont.Weight.DemiBold)
        self.subtitle = _label("subtitle", self, scale=1.2, weight=QFont.Weight.Medium)
        self.company = FittedLabel(NAME_LINES, self)
        self.company.setObjectName("meta")
        self.responsible = FittedLabel(NAME_LINES, self)
        self.responsible.setObjectName("meta")
        body.addWidget(self.title)
        body.addWidget(self.subtitle)
        body.addWidget(self.company)
        body.addWidget(self.responsible)
        self.create_contact = self._button(
            self.tr("Create &contact"), "contact-add", "", self.contact_requested.emit, name="link", tint="accent"
        )
        body.addWidget(self.create_contact, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addLayout(body)

        self.history_panel = QWidget(self)
        self.history_box = QVBoxLayout(self.history_panel)
        self.history_box.setContentsMargins(16, 6, 16, 4)
        self.history_box.setSpacing(3)
        outer.addWidget(self.history_panel)

        rule = QFrame(self)
        rule.setObjectName("rule")
        rule.setFixedHeight(1)
        outer.addSpacing(6)
        outer.addWidget(rule)

        bar = QHBoxLayout()
        bar.setContentsMargins(10, 8, 10, 10)
        bar.setSpacing(4)
        self.call_button = self._button(
            self.tr("Call &back"), "call", "", self._on_call_back, name="primary", tint="on_accent"
        )
        self.call_button.hide()  # only a finished call offers it (set_status)
        # History, Note, Copy and CRM show icons with tooltips (with "Call back" in Polish or Russian, text
        # buttons do not fit the card's width); their texts still carry the mnemonics and name them for
        # screen readers.
        self.history_button = self._icon_button(
            self.tr("&History"), "history", self.tr("All calls with this number"), self._on_history
        )
        self.note_button = self._icon_button(self.tr("&Note"), "note", self.tr("Add a note"), self.note_requested.emit)
        self.copy_button = self._icon_button(
            self.tr("Co&py"), "copy", self.tr("Copy number"), lambda: self.copy_requested.emit(self.number)
        )
        self.crm_button = self._icon_button(self.tr("C&RM"), "crm", self.tr("Open in CRM"), self.crm_requested.emit)
        for button in (self.call_button, self.history_button, self.note_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.copy_button)
        bar.addWidget(self.crm_button)
        outer.addLayout(bar)
        # Tab order when the agent brought the keyboard here: the caller's actions, then closing.
        for first, second in itertools.pairwise(self.buttons()):
            QWidget.setTabOrder(first, second)

    def buttons(self) -> list[QToolButton]:
        """Every action button, in Tab order (visible or not)."""
        return [
            self.create_contact,
            self.call_button,
            self.history_button,
            self.note_button,
            self.copy_button,
            self.crm_button,
            self.close_button,
        ]

    def set_facts(self, facts: CardFacts) -> None:
        """Show new facts about the caller (after the agent added a note or created the contact)."""
        self.facts = facts
        self._fill_caller()
        self._fill_history()
        self.adjustSize()

    def set_compact(self, compact: bool) -> None:
        """Leave out the last calls and notes (the stack asks for it when the screen is short)."""
        self.compact = compact
        self.history_panel.setVisible(not compact and self.history_box.count() > 0)

    def heights(self) -> tuple[int, int]:
        """The card's height in full and compact form (the stack plans with both)."""
        layout = self.layout()
        assert layout is not None
        shown = self.history_panel.isVisibleTo(self) if self.isVisible() else not self.history_panel.isHidden()
        self.history_panel.setVisible(self.history_box.count() > 0)
        full = _height(layout)
        self.history_panel.setVisible(False)
        compact = _height(layout)
        self.history_panel.setVisible(shown)
        return full, compact

    def _fill_caller(self) -> None:
        self.ensurePolished()
        self.create_contact.setVisible(
            "contact" in self.offered_actions and self.facts.contact is None and bool(self.facts.number)
        )
        number = formatting.phone_text(self.facts.number or self.call.phone, self.region)
        contact = self.facts.contact
        if contact is not None and contact.name:
            self.title.set_text(contact.name, CONTENT_WIDTH)
            self.subtitle.setText(number)
        elif number:
            self.title.set_text(number, CONTENT_WIDTH)
            self.subtitle.setText(self.tr("Unknown caller"))
        else:
            self.title.set_text(self.tr("Hidden number"), CONTENT_WIDTH)
            self.subtitle.setText("")
        self.subtitle.setVisible(bool(self.subtitle.text()))
        company = contact.company if contact is not None else ""
        self.company.set_text(company, CONTENT_WIDTH)
        self.company.setVisible(bool(company))
        responsible = self.facts.responsible_name
        text = self.tr("Responsible: %1").replace("%1", plain.isolate(responsible)) if responsible else ""
        self.responsible.set_text(text, CONTENT_WIDTH)
        self.responsible.setVisible(bool(text))

    @property
    def meta_text(self) -> str:
        """Company and responsible agent as shown (their full texts), one per line."""
        return "\n".join(label.full_text() for label in (self.company, self.responsible) if label.full_text())

    def _fill_history(self) -> None:
        self._recent_icons.clear()
        while self.history_box.count():
            item = self.history_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        panel = self.history_panel
        if self.facts.recent:
            self.history_box.addWidget(_label("section", panel, text=self.tr("LAST CALLS"), scale=0.8))
            for row in self.facts.recent:
                self.history_box.addWidget(self._recent_row(row))
        if self.facts.notes:
            self.history_box.addSpacing(4)
            self.history_box.addWidget(_label("section", panel, text=self.tr("NOTES"), scale=0.8))
            for note in self.facts.notes:
                text = note.text if len(note.text) <= 140 else note.text[:139] + "…"
                label = _label("note", panel, text=text)
                label.setWordWrap(True)
                self.history_box.addWidget(label)
                author = plain.isolate(self.names(note.account, note.author)) if note.author else ""
                who = " — ".join(part for part in (author, formatting.relative_day_time(note.created_at)) if part)
                if who:
                    byline = _label("recent", panel, text=who, scale=0.9)
                    byline.setAlignment(Qt.AlignmentFlag.AlignRight)
                    byline.setWordWrap(True)  # a long name wraps instead of pushing past the card's edge
                    self.history_box.addWidget(byline)
        panel.setVisible(self.history_box.count() > 0 and not self.compact)

    def _who(self) -> str:
        """The colleague's name in the status line, looked up once per colleague: a talking card redraws its
        clock every second, and the directory's look-up reads every agent and user. Isolated: a
        right-to-left name leaves the clock after it in order."""
        key = (self.call.account, self.status.who)
        if self._who_of is None or self._who_of[0] != key:
            login = self.status.who
            self._who_of = (key, plain.isolate(self.names(self.call.account, login)) if login else "")
        return self._who_of[1]

    def _recent_row(self, row: CallRow) -> QWidget:
        line = QWidget(self.history_panel)
        layout = QHBoxLayout(line)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        glyph = (
            "call-missed"
            if row.status is CallStatus.MISSED
            else ("call-out" if row.direction is Direction.OUT else "call-in")
        )
        missed = row.status is CallStatus.MISSED
        icon = QLabel(line)
        icon.setPixmap(icons.pixmap(glyph, 14, self._recent_tint(missed)))
        self._recent_icons.append((icon, glyph, missed))
        when = _label("recent", line, text=formatting.relative_day_time(row.started_at))
        outcome = _label("recent", line, text=status_word(row.status))
        # The talk (the whole call less the wait), as the history's Talk column shows it.
        duration = _label("recent", line, text=formatting.duration_text(row.talk_s) if row.talk_s else "")
        duration.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(icon)
        layout.addWidget(when, 3)
        layout.addWidget(outcome, 3)
        layout.addWidget(duration, 1)
        return line

    def _button(
        self, text: str, glyph: str, tip: str, slot: Callable[[], object], *, name: str = "", tint: str = "icon"
    ) -> QToolButton:
        """An action button; ``tint`` names its icon's colour in :class:`theme.Colors` (icon, accent, on_accent)."""
        button = QToolButton(self)
        if name:
            button.setObjectName(name)
        button.setText(text)
        button.setIcon(icons.icon(glyph, getattr(self.colors, tint), 16))
        self._tinted.append((button, glyph, tint))
        button.setToolTip(tip or text.replace("&", ""))
        # Tab only: a click never focuses (the card window refuses focus unless the agent asked for it).
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon if text else Qt.ToolButtonStyle.ToolButtonIconOnly
        )
        button.clicked.connect(self.touched.emit)
        button.clicked.connect(slot)
        return button

    def _icon_button(self, text: str, glyph: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        button = self._button(text, glyph, tip, slot)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        return button

    # --- colours --------------------------------------------------------------------------------------
    def _apply_palette(self) -> None:
        """Style the card for its palette now; nothing to do when the palette is the one already applied."""
        palette = self.palette()
        if not self._palette_watch.changed(palette):
            return
        self.colors, sheet = style_for(palette)
        self.setStyleSheet(sheet)
        for button, glyph, tint in self._tinted:
            button.setIcon(icons.icon(glyph, getattr(self.colors, tint), 16))
        for label, glyph, missed in self._recent_icons:
            label.setPixmap(icons.pixmap(glyph, 14, self._recent_tint(missed)))
        self.update()

    def _recent_tint(self, missed: bool) -> str:
        return self.colors.error if missed else self.colors.card_muted

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the desktop switched to dark or back
            self._apply_palette()

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
        offered = self.offers_call_back
        self.call_button.setVisible(offered)
        self.call_button.setEnabled(offered)
        if status.state is CardState.TALKING:
            self._timer.start()
        else:
            self._timer.stop()
        self._refresh_status()
        self.update()

    _who_of: tuple[tuple[str, str | None], str] | None = None  # (account, login) → the name shown

    def status_text(self) -> str:
        state = self.status.state
        who = self._who()
        if state is CardState.RINGING:
            return self.tr("Incoming call")
        if state is CardState.TALKING:
            since = self.status.since or utcnow()
            clock = formatting.clock_text((utcnow() - since).total_seconds())
            if who:
                return self.tr("%1 talking · %2").replace("%1", who).replace("%2", clock)
            return self.tr("Talking · %1").replace("%1", clock)
        if state is CardState.MISSED:
            return self.tr("Missed call")
        if state is CardState.ANSWERED_ELSEWHERE:
            return self.tr("Answered by %1").replace("%1", who or self.tr("a colleague"))
        talk = self.call.talk_seconds
        if self.status.outcome in (None, CallStatus.ANSWERED) and talk:
            return self.tr("Call ended · %1").replace("%1", formatting.duration_text(talk))
        return status_word(self.status.outcome) if self.status.outcome else self.tr("Call ended")

    def _refresh_status(self) -> None:
        self._fit_band(self.status_text().upper())

    def _fit_band(self, status: str) -> None:
        """Share the band between the status and the dialled line: the number is never cut.

        What gives way, in order: the "to" before the number (shortened, then dropped), then the status
        (ends in "…", its full text in the tooltip). Measured with the band's own fonts at the card's fixed
        width, so a live card, a test and a screenshot lay it out alike.
        """
        self.ensurePolished()
        for widget in (self.status_label, self.line_label, self.close_button):
            widget.ensurePolished()
        band = self.band.layout()
        assert band is not None
        margins = band.contentsMargins()
        room = (
            WIDTH
            - 2
            - margins.left()
            - margins.right()
            - self.dot.width()
            - self.close_button.sizeHint().width()
            - 3 * band.spacing()
        )
        line = formatting.phone_text(self.call.line, self.region) if self.call.line else ""
        template = self.tr("to %1")
        prefix, _, suffix = template.partition("%1")
        status_metrics = QFontMetrics(self.status_label.font())
        line_metrics = QFontMetrics(self.line_label.font())
        status_width = status_metrics.horizontalAdvance(status)
        number_width = line_metrics.horizontalAdvance(line + suffix) + 2 if line else 0
        full = template.replace("%1", line) if line else ""
        full_width = line_metrics.horizontalAdvance(full) + 2 if line else 0
        if not line or status_width + full_width <= room:
            shown = full
        elif status_width + number_width + line_metrics.horizontalAdvance("… ") <= room:
            space = room - status_width - number_width
            shown = line_metrics.elidedText(prefix, Qt.TextElideMode.ElideLeft, space) + line + suffix
        else:
            shown = line + suffix  # the number alone; the status gives way below
        self.line_label.show_text(shown, full, line_metrics.horizontalAdvance(shown) + 2 if shown else 0)
        status_room = max(room - self.line_label.minimumWidth(), 0)
        elided = status_metrics.elidedText(status, Qt.TextElideMode.ElideRight, status_room)
        self.status_label.setText(elided)
        self.status_label.setToolTip(plain.tooltip(status) if elided != status else "")

    # --- keyboard, on request -------------------------------------------------------------------------
    def take_focus(self) -> None:
        """Take keyboard focus because the agent asked (the card shortcut): Tab, mnemonics and Esc work."""
        handle = self.windowHandle()
        if handle is not None:
            handle.setFlag(Qt.WindowType.WindowDoesNotAcceptFocus, False)
        self.keyboard = True
        self.raise_()
        self.activateWindow()
        first = next((b for b in self.buttons() if b.isVisibleTo(self) and b.isEnabled()), self.close_button)
        first.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def give_back_focus(self) -> None:
        """Refuse focus again (the agent went back to their work)."""
        if not self.keyboard:
            return
        self.keyboard = False
        handle = self.windowHandle()
        if handle is not None:
            handle.setFlag(Qt.WindowType.WindowDoesNotAcceptFocus, True)
        self.focus_returned.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._on_close()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowDeactivate:
            self.give_back_focus()
        return super().event(event)

    # --- interaction ----------------------------------------------------------------------------------
    def _on_close(self) -> None:
        self.dismissed.emit()

    def _on_call_back(self) -> None:
        if self.offers_call_back:  # never from a ringing or live card, whatever reached the button
            self.call_back_requested.emit(self.number, self.call.account)

    def _on_history(self) -> None:
        self.history_requested.emit(self.number)

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self.pointer_left.emit()

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
        painter.fillPath(path, QColor(self.colors.card))
        painter.setPen(QPen(QColor(self.colors.card_border), 1))
        painter.drawPath(path)
        painter.end()
        if not self.painted:
            self.painted = True
            self.first_painted.emit()


def fit_lines(text: str, font: QFont, width: int, max_lines: int) -> tuple[str, bool]:
    """``text`` broken into at most ``max_lines`` lines of ``width`` pixels, the last ending in "…" if cut.

    Returns the lines joined by newlines, and whether anything was left out. Words are kept whole where
    they fit a line, and a single word longer than a line (a long Polish company name) is broken anywhere.
    """
    text = " ".join(text.split())
    if not text or width <= 0:
        return text, False
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    spans: list[tuple[int, int]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    if len(spans) <= max_lines:
        return "\n".join(text[start : start + length].strip() for start, length in spans), False
    head = [text[start : start + length].strip() for start, length in spans[: max_lines - 1]]
    rest = text[spans[max_lines - 1][0] :]
    last = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return "\n".join([*head, last]), True


class FittedLabel(QLabel):
    """Plain text on at most ``max_lines`` lines of a known width; when cut, the full text is the tooltip."""

    def __init__(self, max_lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_lines = max_lines
        self._full = ""
        self.elided = False
        plain.plain(self)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

    def set_text(self, text: str, width: int) -> None:
        self._full = text
        self.ensurePolished()
        shown, self.elided = fit_lines(text, self.font(), width, self.max_lines)
        self.setText(shown)
        self.setToolTip(plain.tooltip(text) if self.elided else "")

    def full_text(self) -> str:
        return self._full

    def line_count(self) -> int:
        return self.text().count("\n") + 1 if self.text() else 0


class LineLabel(QLabel):
    """The dialled line ("to +48 22 …"): as wide as what it shows, which the card decides (``_fit_band``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        plain.plain(self)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def show_text(self, shown: str, full: str, width: int) -> None:
        self._full = full
        self.setText(shown)
        self.setToolTip(plain.tooltip(full) if shown != full else "")
        self.setFixedWidth(width)

    def full_text(self) -> str:
        return self._full


def _height(layout: QVBoxLayout | object) -> int:
    from PySide6.QtWidgets import QLayout

    assert isinstance(layout, QLayout)
    layout.invalidate()
    layout.activate()
    if layout.hasHeightForWidth():
        return layout.totalHeightForWidth(WIDTH)
    return layout.totalSizeHint().height()


def _label(
    name: str, parent: QWidget, *, text: str = "", scale: float = 1.0, weight: QFont.Weight | None = None
) -> QLabel:
    label = plain.label(text, parent)  # callers' and providers' texts are never markup
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
