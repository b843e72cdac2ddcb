"""The history window: every call, searchable as you type, filterable, playable, exportable.

Layout, like a mail client's list: the filter bar on top (search, in / out / missed, period, agent, line),
a dense list of calls (missed ones in red and bold), the selected call's recording player under it, and a
status line with the count, the running export and messages.

This module only lays the window out and wires its parts, each with one job:
:mod:`~app.ui.history.results` (the query, the bounded count, the selection, live updates from the hub),
:mod:`~app.ui.history.actions` (dial, details, play, export), :mod:`~app.ui.history.filters` (the bar),
:mod:`~app.ui.history.widgets` (the table's look, the empty state). Everything is read through the
runtime's use cases (the call history, the notes), never the stores.

Why it stays instant with a million calls: the model reads keyset pages as the user scrolls
(:mod:`app.ui.history.model`); the count in the status line is bounded (:data:`COUNT_LIMIT`, shown as
"10,000+") and computed after the first page is painted; filter menus fill when opened.

Who sees what follows the role (issue 5), applied by :class:`~app.services.history.CallHistory`: a
supervisor sees every call; an agent the calls of their own PBX user / SIP account at each account. An
agent who has not said who they are at any account sees every call, with a hint saying how to narrow it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from app.core.models import CallStatus
from app.core.views import CallRow
from app.services.hub import CallUpdate
from app.ui import formatting, plain, theme
from app.ui.dialbox import DialButton
from app.ui.history.actions import HistoryActions
from app.ui.history.anchor import ScrollAnchor
from app.ui.history.details import CallDetailsDialog, copy_number
from app.ui.history.export import CsvExport
from app.ui.history.filters import FilterBar, Filters, Kind
from app.ui.history.model import HistoryModel
from app.ui.history.results import COUNT_LIMIT, HistoryResults
from app.ui.history.widgets import EmptyState, call_table, style
from app.ui.naming import named
from app.ui.player import RecordingPlayer

if TYPE_CHECKING:
    from app.runtime import Runtime

__all__ = ["COUNT_LIMIT", "HistoryWindow"]

DEFAULT_SIZE = QSize(1180, 720)
SCREEN_SHARE = 0.9  # of the available screen, at most, when the default size does not fit
CallKey = tuple[str, str]  # (account, call id)


class HistoryWindow(QWidget):
    """The call history, read through ``runtime.history``; live through ``runtime.hub``.

    :attr:`calls_seen` names the missed calls the agent has now seen — shown in History › Missed while the
    window is up, or opened in details; :attr:`all_seen` is "mark as seen". The shell keeps the badge's
    count; the window only reports what was looked at, never "the window opened".
    """

    calls_seen = Signal(list)  # [(account, call id)] of missed calls now seen
    all_seen = Signal()  # the agent pressed "Mark missed calls as seen"

    def __init__(self, runtime: Runtime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyWindow")
        self.setWindowTitle(self.tr("Call history — Ringdesk"))
        self.runtime = runtime
        # Colours follow the palette (light or dark): the sheet is applied now and again when it changes.
        self._palette_watch = theme.PaletteWatch()
        self._notice_error = False
        self._apply_palette()
        self.region = runtime.context.settings.general.region
        self.model = HistoryModel(runtime.history, self.region, parent=self)
        self._build()
        self.results = HistoryResults(runtime.history, self.model, self.table, self.region, self)
        self.history_actions = HistoryActions(runtime, self.region, self)
        self._connect()
        self.results.subscribe(runtime.hub)
        self.apply_filters(self.filter_bar.filters())
        self.fit_to_screen()

    # -- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        history = self.runtime.history
        self.filter_bar = FilterBar(history.agent_choices, self._line_choices, self)
        self.role_hint = named(QLabel(self), "roleHint")
        self.role_hint.setWordWrap(True)
        self.role_hint.setText(
            self.tr(
                "Showing every call: tell Ringdesk who you are at each account "
                "(Settings › Accounts) to see only your own."
            )
        )
        self.role_hint.setVisible(history.agent_without_identity() and bool(self.runtime.context.settings.accounts))
        self.table = call_table(self.model, self)
        self.table.installEventFilter(self)
        self.anchor = ScrollAnchor(self.table, self.model)
        self.new_calls = named(QPushButton(self), "newCalls")  # "3 new calls ↑": back to the top
        self.new_calls.setAutoDefault(False)
        self.new_calls.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.new_calls.hide()
        self.empty = EmptyState(self.table)
        self.player = RecordingPlayer(self)
        self.player.clear(self.tr("Select a call with a recording to play it."))

        self.status_line = named(QLabel(self), "statusLine")
        self.notice = named(plain.label("", self), "notice")  # paths and the system's words, as written
        self.notice.setWordWrap(True)  # a long sentence wraps; it never widens the window
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cancel_export = QToolButton(self)
        self.cancel_export.setText(self.tr("Cancel"))
        self.cancel_export.hide()
        # Dials on a click or Ctrl+D only: never focused, never a default button (Space and Enter stay
        # on the list, where Enter opens the details and Space plays the recording).
        self.call_button = named(DialButton(None, self.tr("Call back"), self), "callBack")
        self.call_button.add_shortcut(self, self.tr("Call this number back"))
        self.details_button = named(QPushButton(self.tr("Details"), self), "details")
        self.details_button.setToolTip(self.tr("Details and notes (Enter)"))
        self.export_button = named(QPushButton(self.tr("Export CSV…"), self), "export")
        self.export_button.setToolTip(self.tr("Save every call of the current view as CSV"))
        self.mark_seen_button = named(QPushButton(self.tr("Mark missed calls as seen"), self), "markSeen")
        self.mark_seen_button.setToolTip(self.tr("Clear the missed-calls badge of the tray"))
        self.mark_seen_button.hide()
        for button in (self.details_button, self.export_button, self.mark_seen_button):
            button.setAutoDefault(False)
            button.setDefault(False)

        bottom = QHBoxLayout()
        bottom.setContentsMargins(12, 4, 12, 8)
        for widget, stretch in ((self.status_line, 0), (self.notice, 1), (self.cancel_export, 0)):
            bottom.addWidget(widget, stretch)
        for button in (self.mark_seen_button, self.call_button, self.details_button, self.export_button):
            bottom.addWidget(button)
        top = QVBoxLayout()
        top.setContentsMargins(12, 10, 12, 6)
        top.setSpacing(8)
        top.addWidget(self.filter_bar)
        top.addWidget(self.role_hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.new_calls)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.player)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        results, actions = self.results, self.history_actions
        self.filter_bar.changed.connect(self.apply_filters)
        self.empty.linkActivated.connect(lambda _: self.filter_bar.reset())
        results.state_changed.connect(self._show_state)
        results.current_changed.connect(self._current_changed)
        results.history_changed.connect(self.filter_bar.agent.invalidate)
        results.history_changed.connect(self.filter_bar.line.invalidate)
        actions.notice.connect(self.show_notice)
        actions.exporting_changed.connect(self._exporting_changed)
        self.table.doubleClicked.connect(lambda index: self.open_details(index.row()))
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.call_button.clicked.connect(lambda: self.call_back())
        self.details_button.clicked.connect(lambda: self.open_details(self.table.currentIndex().row()))
        self.export_button.clicked.connect(lambda: actions.ask_export(self.model.query))
        self.cancel_export.clicked.connect(actions.cancel_export)
        self.mark_seen_button.clicked.connect(self.all_seen.emit)
        self.new_calls.clicked.connect(self.anchor.show_top)
        self.anchor.held_changed.connect(self._show_held)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        # What the agent sees changes: the missed calls shown may now count as seen (checked once per turn).
        self._seen_check = QTimer(self)
        self._seen_check.setSingleShot(True)
        self._seen_check.setInterval(0)
        self._seen_check.timeout.connect(self.report_seen)
        self.table.verticalScrollBar().valueChanged.connect(lambda _: self._seen_check.start())
        self.model.rowsInserted.connect(lambda *_: self._seen_check.start())
        self.model.modelReset.connect(self._seen_check.start)
        self.model.dataChanged.connect(lambda *_: self._seen_check.start())

    def _line_choices(self) -> list[tuple[str, str]]:
        return [(formatting.phone_text(line, self.region), line) for line in self.runtime.history.lines()]

    # -- what is shown -----------------------------------------------------------------------------
    def apply_filters(self, filters: Filters) -> None:
        """Show the calls matching ``filters`` (within what the role allows): first page now, count later."""
        self.results.apply(filters)
        self._seen_check.start()

    def show_number(self, phone: str) -> None:
        """Open the history of one number (from a card or the tray): every filter off, that number searched."""
        self.filter_bar.reset()
        self.filter_bar.set_text(formatting.phone_text(phone, self.region) or phone)
        self.show()
        self.raise_()
        self.activateWindow()

    def _focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def _show_state(self) -> None:
        rows = self.model.rowCount()
        total = self.results.total()
        if total is None:
            text = self.tr("%1 calls loaded").replace("%1", formatting.number_text(rows))
        elif total > COUNT_LIMIT:
            text = self.tr("More than %1 calls").replace("%1", formatting.number_text(COUNT_LIMIT))
        elif total == 1:
            text = self.tr("1 call")
        else:
            text = self.tr("%1 calls").replace("%1", formatting.number_text(total))
        self.status_line.setText(text)
        self.empty.show_for(rows == 0, filtered=not self.filter_bar.filters().is_default)
        self._update_actions()

    def _update_actions(self) -> None:
        row = self.current_row()
        self.call_button.setEnabled(self.history_actions.can_call_back(row))
        self.details_button.setEnabled(row is not None)
        self.export_button.setEnabled(self.history_actions.export is None and self.model.rowCount() > 0)

    def show_notice(self, text: str, error: bool = False) -> None:
        self._notice_error = error
        self.notice.setStyleSheet(theme.error_style(theme.colors(self)) if error else "")
        self.notice.setText(text)

    # -- colours ------------------------------------------------------------------------------------
    def _apply_palette(self) -> None:
        """Style the window for its palette; nothing to do when that palette is the one already applied."""
        palette = self.palette()
        if not self._palette_watch.changed(palette):
            return
        c = theme.colors(palette)
        self.setStyleSheet(style(c))
        notice = getattr(self, "notice", None)
        if notice is not None and self._notice_error:
            notice.setStyleSheet(theme.error_style(c))
        model = getattr(self, "model", None)
        if model is not None and model.rowCount():  # the status colours and icons are read from the palette
            model.dataChanged.emit(model.index(0, 0), model.index(model.rowCount() - 1, model.columnCount() - 1))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the desktop switched to dark or back
            self._apply_palette()

    def _exporting_changed(self, running: bool) -> None:
        self.cancel_export.setVisible(running)
        self._update_actions()

    # -- size ---------------------------------------------------------------------------------------
    def fit_to_screen(self, available: QRect | None = None) -> None:
        """The default size, or less where the screen is smaller (a 1080p screen at 2× is 960×540): the
        window and its minimum always fit the available geometry; the columns shrink instead."""
        if available is None:
            screen = self.screen() or QGuiApplication.primaryScreen()
            available = screen.availableGeometry() if screen is not None else QRect(0, 0, 1180, 720)
        room = QSize(round(available.width() * SCREEN_SHARE), round(available.height() * SCREEN_SHARE))
        least = self.minimumSizeHint().boundedTo(room)
        self.setMinimumSize(least)
        self.resize(DEFAULT_SIZE.boundedTo(room).expandedTo(least))

    # -- what the agent has seen ----------------------------------------------------------------------
    def set_unseen(self, count: int) -> None:
        """How many missed calls the badge counts (the shell's number): "Mark as seen" shows while any."""
        self.mark_seen_button.setVisible(count > 0)

    def missed_in_view(self) -> list[CallKey]:
        """The missed calls whose rows are on screen now (any part of them)."""
        viewport = self.table.viewport()
        first = self.table.rowAt(0)
        if first < 0:
            return []
        last = self.table.rowAt(viewport.height() - 1)
        last = self.model.rowCount() - 1 if last < 0 else last
        rows = (self.model.call_at(r) for r in range(first, last + 1))
        return [(r.account, r.call_id) for r in rows if r is not None and r.status is CallStatus.MISSED]

    def report_seen(self) -> None:
        """In History › Missed, with the window up, the missed calls on screen have been seen."""
        if not self.isVisible() or self.isMinimized() or self.filter_bar.filters().kind is not Kind.MISSED:
            return
        keys = self.missed_in_view()
        if keys:
            self.calls_seen.emit(keys)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._seen_check.start()

    def _show_held(self, count: int) -> None:
        self.new_calls.setText(self.tr("%n new call(s) above — show", "", count))
        self.new_calls.setVisible(count > 0)

    # -- the selected call -------------------------------------------------------------------------
    def current_row(self) -> CallRow | None:
        return self.results.current_row()

    def select_call(self, account: str, call_id: str) -> bool:
        return self.results.select_call(account, call_id)

    def _current_changed(self, row: CallRow | None) -> None:
        self._update_actions()
        self.history_actions.play(self.player, row)

    def on_call_update(self, update: CallUpdate) -> None:
        """From the call hub (the results follow it themselves; kept for callers that forward updates)."""
        self.results.on_call_update(update)

    # -- actions -----------------------------------------------------------------------------------
    def call_back(self, row: CallRow | None = None) -> None:
        """Dial ``row`` (default: the selected call) through the account it came from."""
        self.history_actions.call_back(row if isinstance(row, CallRow) else self.current_row())

    def open_details(self, row_number: int) -> CallDetailsDialog | None:
        row = self.model.call_at(row_number)
        if row is None:
            return None
        dialog = self.history_actions.open_details(row)
        if row.status is CallStatus.MISSED:
            self.calls_seen.emit([(row.account, row.call_id)])
        return dialog

    def export_to(self, path: Path) -> CsvExport:
        """Write every call of the current view (all pages, not just those loaded) to ``path``, in slices."""
        return self.history_actions.export_to(path, self.model.query)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keys on the list: Enter opens the details; Space, ← and → drive the player."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                self.open_details(self.table.currentIndex().row())
                return True
            if self.player.handle_key(event):
                return True
        return super().eventFilter(watched, event)

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        row = self.model.call_at(index.row()) if index.isValid() else None
        if row is None:
            return
        menu = QMenu(self)
        entries = (
            (self.tr("Call back"), lambda: self.call_back(), self.call_button.isEnabled()),
            (self.tr("Details and notes"), lambda: self.open_details(index.row()), True),
            (self.tr("Copy number"), lambda: copy_number(row.phone, self.region), True),
            (self.tr("All calls with this number"), lambda: self.show_number(row.phone), True),
        )
        for text, slot, enabled in entries:
            action = QAction(text, menu)
            action.setEnabled(enabled)
            action.triggered.connect(slot)
            menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.player.pause()
        super().closeEvent(event)
