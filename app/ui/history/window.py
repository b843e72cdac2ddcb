"""The history window: every call, searchable as you type, filterable, playable, exportable.

Layout, like a mail client's list: the filter bar on top (search, in / out / missed, period, agent, line),
a dense list of calls (missed ones in red and bold), the selected call's recording player under it, and a
status line with the count, the running export and messages.

Why it stays instant with a million calls: the model reads keyset pages as the user scrolls
(:mod:`app.ui.history.model`); the count in the status line is bounded (:data:`COUNT_LIMIT`, shown as
"10,000+") and computed after the first page is painted; filter menus fill when opened.

Who sees what follows the role (issue 5): a supervisor sees every call; an agent sees the calls of
their own PBX user / SIP account at each account (``accounts_agents``). An agent who has not said who
they are at any account sees every call, with a hint saying how to narrow it.

Live: the window subscribes to the runtime's call hub; a call that rings, ends or changes is updated in
place or inserted at the top, a sync batch reloads the loaded window in one query.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFontMetrics, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.config.settings import Role, Settings
from app.core.views import CallQuery, CallRow
from app.services.hub import CallUpdate, Change
from app.ui import formatting
from app.ui.history import icons
from app.ui.history.details import CallDetailsDialog, copy_number
from app.ui.history.export import CsvExport
from app.ui.history.filters import FilterBar, Filters
from app.ui.history.model import Column, HistoryModel
from app.ui.player import RecordingPlayer, offer_call_recording

if TYPE_CHECKING:
    from app.services.context import Context

COUNT_LIMIT = 10_000
_WIDTHS = {
    Column.TIME: 118,
    Column.DIRECTION: 30,
    Column.STATUS: 112,
    Column.NUMBER: 160,
    Column.NAME: 200,
    Column.LINE: 150,
    Column.AGENT: 120,
    Column.DURATION: 64,
    Column.WAIT: 56,
    Column.RECORDING: 30,
}

STYLE = """
#historyWindow QTableView { border: none; selection-background-color: #d2e3fc; selection-color: #202124; }
#historyWindow QHeaderView::section { border: none; border-bottom: 1px solid #dadce0; padding: 4px 6px;
    background: palette(window); color: #5f6368; font-weight: 600; }
#historyWindow QToolButton[segment="true"] { border: 1px solid #dadce0; padding: 4px 12px; background: palette(base); }
#historyWindow QToolButton[segment="true"]:checked { background: #e8f0fe; color: #1967d2; border-color: #aecbfa; }
#historyWindow #emptyState { color: #5f6368; }
#historyWindow #statusLine { color: #5f6368; }
#historyWindow #roleHint { background: #fef7e0; border: 1px solid #f9e3a1; border-radius: 4px; padding: 6px 10px; }
#historyWindow #recordingPlayer { border-top: 1px solid #dadce0; }
"""


def role_query(settings: Settings) -> CallQuery:
    """The calls this user may see: all for a supervisor, their own (per account) for an agent."""
    if settings.general.role is Role.SUPERVISOR:
        return CallQuery()
    pairs = tuple((account.id, account.user) for account in settings.accounts if account.user)
    return CallQuery(accounts_agents=pairs)


class HistoryWindow(QWidget):
    """The call history. ``runtime`` (optional) gives the call hub, the dialer and the recordings service."""

    def __init__(self, context: Context, runtime: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyWindow")
        self.setWindowTitle(self.tr("Call history — Ringdesk"))
        self.setStyleSheet(STYLE)
        self.resize(1180, 720)
        self.context = context
        self.runtime = runtime
        self.region = context.settings.general.region
        self.base_query = role_query(context.settings)
        self.model = HistoryModel(context.calls, self.region, parent=self)
        self.model.agent_names = self._agent_names()
        self._count: int | None = None  # bounded count of the current query (None: not known yet)
        self._export: CsvExport | None = None
        self._dialogs: list[CallDetailsDialog] = []
        self._build()
        self._connect()
        self._unsubscribe = runtime.hub.subscribe(self.on_call_update) if runtime is not None else None
        self.destroyed.connect(lambda: self._unsubscribe and self._unsubscribe())
        self.apply_filters(self.filter_bar.filters())

    # -- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.filter_bar = FilterBar(self._agent_choices, self._line_choices, self)
        self.role_hint = QLabel(self, objectName="roleHint")
        self.role_hint.setWordWrap(True)
        agent_without_identity = (
            self.context.settings.general.role is Role.AGENT
            and not self.base_query.accounts_agents
            and self.context.settings.accounts
        )
        self.role_hint.setText(
            self.tr(
                "Showing every call: tell Ringdesk who you are at each account "
                "(Settings › Accounts) to see only your own."
            )
        )
        self.role_hint.setVisible(bool(agent_without_identity))

        self.table = QTableView(self, objectName="historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        bold = self.table.font()
        bold.setBold(True)
        titles = QFontMetrics(bold)
        for column, width in _WIDTHS.items():  # never narrower than the (translated) title
            title = titles.horizontalAdvance(self.model.column_title(column)) + 16
            self.table.setColumnWidth(column, max(width, title))
        self.table.setColumnWidth(Column.TIME, self._time_width())
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (Column.DIRECTION, Column.RECORDING):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self.table.installEventFilter(self)

        self.empty = QLabel(self.table.viewport(), objectName="emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.linkActivated.connect(lambda _: self.filter_bar.reset())
        self.empty.hide()

        self.player = RecordingPlayer(self)
        self.player.clear(self.tr("Select a call with a recording to play it."))

        self.status_line = QLabel(self, objectName="statusLine")
        self.notice = QLabel(self, objectName="notice")
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cancel_export = QToolButton(self, text=self.tr("Cancel"))
        self.cancel_export.hide()
        self.call_button = QPushButton(self.tr("Call back"), self, objectName="callBack")
        self.call_button.setToolTip(self.tr("Call this number back (Ctrl+Enter)"))
        self.details_button = QPushButton(self.tr("Details"), self, objectName="details")
        self.details_button.setToolTip(self.tr("Details and notes (Enter)"))
        self.export_button = QPushButton(self.tr("Export CSV…"), self, objectName="export")
        self.export_button.setToolTip(self.tr("Save every call of the current view as CSV"))

        bottom = QHBoxLayout()
        bottom.setContentsMargins(12, 4, 12, 8)
        bottom.addWidget(self.status_line)
        bottom.addWidget(self.notice, 1)
        bottom.addWidget(self.cancel_export)
        bottom.addWidget(self.call_button)
        bottom.addWidget(self.details_button)
        bottom.addWidget(self.export_button)
        top = QVBoxLayout()
        top.setContentsMargins(12, 10, 12, 6)
        top.setSpacing(8)
        top.addWidget(self.filter_bar)
        top.addWidget(self.role_hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.player)
        layout.addLayout(bottom)
        self._update_actions()

    def _time_width(self) -> int:
        """Wide enough for the longest time the list shows ("yesterday 12:59 PM" in English)."""
        from datetime import datetime, timedelta

        sample = (datetime.now().astimezone() - timedelta(days=1)).replace(hour=12, minute=59)
        text = formatting.relative_day_time(sample)
        return max(_WIDTHS[Column.TIME], self.table.fontMetrics().horizontalAdvance(text) + 24)

    def _connect(self) -> None:
        self.filter_bar.changed.connect(self.apply_filters)
        self.model.loaded.connect(lambda _: self._show_state())
        self.model.modelReset.connect(self._show_state)
        self.table.doubleClicked.connect(lambda index: self.open_details(index.row()))
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.call_button.clicked.connect(self.call_back)
        self.details_button.clicked.connect(lambda: self.open_details(self.table.currentIndex().row()))
        self.export_button.clicked.connect(self.ask_export)
        self.cancel_export.clicked.connect(self._cancel_export)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_search)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.call_back)

    # -- filters -----------------------------------------------------------------------------------
    def apply_filters(self, filters: Filters) -> None:
        """Show the calls matching ``filters`` (within what the role allows): first page now, count later."""
        self.model.set_query(filters.to_query(self.region, self.base_query, today=date.today()))
        self._count = None
        if not self.model.exhausted:
            QTimer.singleShot(0, self._count_current)
        if self.model.rowCount():
            self.table.selectRow(0)
            self.table.scrollToTop()
        else:
            self._current_changed(QModelIndex(), QModelIndex())

    def _count_current(self) -> None:
        if not self.model.exhausted:
            self._count = self.context.calls.count_up_to(self.model.query, COUNT_LIMIT + 1)
            self._show_state()

    def show_number(self, phone: str) -> None:
        """Open the history of one number (from a card or the tray): every filter off, that number searched."""
        self.filter_bar.reset()
        self.filter_bar.set_text(formatting.phone_text(phone, self.region) or phone)
        self.show()
        self.raise_()
        self.activateWindow()

    def _agent_names(self) -> dict[tuple[str, str], str]:
        """Real names of the agents the providers listed (the list shows names, the tooltip the login)."""
        return {(agent.account, agent.login): agent.name for agent in self.context.agents.list() if agent.name}

    def _agent_choices(self) -> list[tuple[str, str]]:
        names = {agent.login: agent.name for agent in self.context.agents.list()}
        return [(f"{names[a]} ({a})" if names.get(a) else a, a) for a in self.context.calls.distinct_values("agent")]

    def _line_choices(self) -> list[tuple[str, str]]:
        return [(formatting.phone_text(line, self.region), line) for line in self.context.calls.distinct_values("line")]

    def _focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    # -- state shown -------------------------------------------------------------------------------
    def _show_state(self) -> None:
        rows = self.model.rowCount()
        if self.model.exhausted:
            total = rows
        elif self._count is not None:
            total = self._count
        else:
            total = None
        if total is None:
            text = self.tr("%1 calls loaded").replace("%1", formatting.number_text(rows))
        elif total > COUNT_LIMIT:
            text = self.tr("More than %1 calls").replace("%1", formatting.number_text(COUNT_LIMIT))
        elif total == 1:
            text = self.tr("1 call")
        else:
            text = self.tr("%1 calls").replace("%1", formatting.number_text(total))
        self.status_line.setText(text)
        self._show_empty_state(rows == 0)
        self._update_actions()

    def _show_empty_state(self, empty: bool) -> None:
        if not empty:
            self.empty.hide()
            return
        if self.filter_bar.filters().is_default:
            title, detail = self.tr("No calls yet"), self.tr("Calls appear here as they ring, and after each sync.")
        else:
            title = self.tr("No calls match")
            detail = '<a href="reset">' + self.tr("Clear the search and filters") + "</a>"
        self.empty.setText(f'<p style="font-size:15pt; font-weight:600">{title}</p><p>{detail}</p>')
        self.empty.setGeometry(self.table.viewport().rect())
        self.empty.show()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.empty.isVisible():
            self.empty.setGeometry(self.table.viewport().rect())

    def _update_actions(self) -> None:
        row = self.current_row()
        can_dial = self.runtime is not None and getattr(self.runtime, "dialer", None) is not None
        self.call_button.setEnabled(bool(row and row.phone and can_dial))
        self.details_button.setEnabled(row is not None)
        self.export_button.setEnabled(self._export is None and self.model.rowCount() > 0)

    def show_notice(self, text: str, error: bool = False) -> None:
        self.notice.setStyleSheet(f"color: {icons.MISSED.name()};" if error else "")
        self.notice.setText(text)

    # -- the selected call ---------------------------------------------------------------------------
    def current_row(self) -> CallRow | None:
        index = self.table.currentIndex()
        return self.model.call_at(index.row()) if index.isValid() else None

    def select_call(self, account: str, call_id: str) -> bool:
        row = self.model.row_of(account, call_id)
        if row is None:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.call_at(current.row()) if current.isValid() else None
        self._update_actions()
        if row is None:
            self.player.clear(self.tr("Select a call with a recording to play it."))
        elif not row.recording_url:
            self.player.clear(self.tr("This call has no recording."))
        elif self.player.source_key != (row.account, row.call_id):
            offer_call_recording(
                self.player, getattr(self.runtime, "recordings", None), row.account, row.call_id, row.recording_url
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keys on the list: Enter opens the details; Space, ← and → drive the player."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            key_event = event if isinstance(event, QKeyEvent) else None
            if key_event is not None:
                if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not key_event.modifiers():
                    self.open_details(self.table.currentIndex().row())
                    return True
                if self.player.handle_key(key_event):
                    return True
        return super().eventFilter(watched, event)

    def _context_menu(self, position: Any) -> None:
        index = self.table.indexAt(position)
        row = self.model.call_at(index.row()) if index.isValid() else None
        if row is None:
            return
        menu = QMenu(self)
        call = QAction(self.tr("Call back"), menu, enabled=self.call_button.isEnabled())
        call.triggered.connect(self.call_back)
        details = QAction(self.tr("Details and notes"), menu)
        details.triggered.connect(lambda: self.open_details(index.row()))
        copy = QAction(self.tr("Copy number"), menu)
        copy.triggered.connect(lambda: copy_number(row.phone, self.region))
        same = QAction(self.tr("All calls with this number"), menu)
        same.triggered.connect(lambda: self.show_number(row.phone))
        for action in (call, details, copy, same):
            menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    # -- actions ---------------------------------------------------------------------------------------
    def call_back(self, row: CallRow | None = None) -> None:
        """Dial the selected call's number through the account it came from; the outcome in the status line."""
        row = row if isinstance(row, CallRow) else self.current_row()
        dialer = getattr(self.runtime, "dialer", None)
        if row is None or not row.phone or dialer is None:
            return
        from app.ui import tasks

        number = formatting.phone_text(row.phone, self.region)
        self.show_notice(self.tr("Calling %1… your phone rings first.").replace("%1", number))
        tasks.run(
            dialer.call(row.phone, account=row.account),
            title=self.tr("Call back"),
            on_success=lambda outcome: self.show_notice(outcome.describe()),
        )

    def open_details(self, row_number: int) -> CallDetailsDialog | None:
        row = self.model.call_at(row_number)
        if row is None:
            return None
        dialog = CallDetailsDialog(self.context, self.runtime, row, self)
        dialog.setWindowFlag(Qt.WindowType.Window)
        dialog.call_back_requested.connect(self.call_back)
        self._dialogs.append(dialog)
        dialog.destroyed.connect(lambda: self._dialogs.remove(dialog) if dialog in self._dialogs else None)
        dialog.show()
        return dialog

    def ask_export(self) -> None:
        """Ask where to save (non-modal: no nested event loop), then export the current view."""
        dialog = QFileDialog(self, self.tr("Export the calls as CSV"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(f"ringdesk-calls-{date.today().isoformat()}.csv")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()

    def export_to(self, path: Path) -> CsvExport:
        """Write every call of the current view (all pages, not just those loaded) to ``path``, in slices."""
        export = CsvExport(self.context.calls, self.model.query, path, self)
        self._export = export
        export.progress.connect(
            lambda n: self.show_notice(self.tr("Exporting… %1 calls written").replace("%1", formatting.number_text(n)))
        )
        export.finished.connect(self._export_done)
        export.failed.connect(self._export_failed)
        self.cancel_export.show()
        self._update_actions()
        export.start()
        return export

    def _export_done(self, count: int, path: str) -> None:
        self._end_export()
        self.show_notice(
            self.tr("Exported %1 calls to %2").replace("%1", formatting.number_text(count)).replace("%2", path)
        )

    def _export_failed(self, text: str) -> None:
        self._end_export()
        self.show_notice(text, error=True)

    def _cancel_export(self) -> None:
        if self._export is not None:
            self._export.cancel()
        self._end_export()
        self.show_notice(self.tr("Export cancelled."))

    def _end_export(self) -> None:
        self._export = None
        self.cancel_export.hide()
        self._update_actions()

    # -- live updates ------------------------------------------------------------------------------
    def on_call_update(self, update: CallUpdate) -> None:
        """From the call hub: one call changed (update or insert it), or a batch did (reload the loaded rows)."""
        selected = self.current_row()
        if update.change is Change.HISTORY_CHANGED or update.call is None:
            self.model.refresh()
            self._count = None
            QTimer.singleShot(0, self._count_current)
            self.filter_bar.agent.invalidate()
            self.filter_bar.line.invalidate()
            self.model.agent_names = self._agent_names()
        else:
            self.model.upsert_call(update.call.account, update.call.call_id)
            if not self.model.exhausted:
                QTimer.singleShot(0, self._count_current)
        if selected is not None:
            self.select_call(selected.account, selected.call_id)

    def closeEvent(self, event: Any) -> None:
        self.player.pause()
        super().closeEvent(event)
