"""What the history window lists: the query, the bounded count, the selected call, and live updates.

Why apart from the window: these are the rules that keep the list right and fast — the role's scope under
every query, a count that stops at :data:`COUNT_LIMIT` and runs after the first page is painted, the
selection kept across live inserts — and they read the call history, never a widget's layout.

Live: :meth:`HistoryResults.subscribe` listens to the runtime's call hub; a call that rings, ends or
changes is updated in place or inserted at the top, a sync batch reloads the loaded window in one query.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QTimer, Signal
from PySide6.QtWidgets import QTableView

from app.core.views import CallQuery, CallRow
from app.services.history import CallHistory
from app.services.hub import CallHub, CallUpdate, Change
from app.ui.history.filters import Filters
from app.ui.history.model import HistoryModel

COUNT_LIMIT = 10_000


class HistoryResults(QObject):
    """The calls ``table`` shows, from ``history``, and which one is selected."""

    state_changed = Signal()  # rows loaded or count known: the status line and the buttons follow
    current_changed = Signal(object)  # the selected CallRow, or None
    history_changed = Signal()  # a sync batch arrived: the filter menus are stale

    def __init__(
        self, history: CallHistory, model: HistoryModel, table: QTableView, region: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.history = history
        self.model = model
        self.table = table
        self.region = region
        self.base_query: CallQuery = history.scope()
        self.count: int | None = None  # bounded count of the current query (None: not known yet)
        model.agent_names = history.agent_names()
        model.loaded.connect(lambda _: self.state_changed.emit())
        model.modelReset.connect(self.state_changed.emit)
        table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._emit_current(current))

    def subscribe(self, hub: CallHub) -> None:
        """Follow live calls until this object is destroyed (with its window)."""
        unsubscribe = hub.subscribe(self.on_call_update)
        self.destroyed.connect(lambda: unsubscribe())

    # -- the query ---------------------------------------------------------------------------------
    def apply(self, filters: Filters) -> None:
        """Show the calls matching ``filters`` (within what the role allows): first page now, count later."""
        self.count = None
        self.model.set_query(filters.to_query(self.region, self.base_query, today=date.today()))
        self._count_later()
        if self.model.rowCount():
            self.table.selectRow(0)
            self.table.scrollToTop()
        else:
            self._emit_current(QModelIndex())

    def total(self) -> int | None:
        """How many calls match (capped just above :data:`COUNT_LIMIT`), or None while not known yet."""
        return self.model.rowCount() if self.model.exhausted else self.count

    def _count_later(self) -> None:
        """Count after this turn of the loop: the first page is painted before a count of many calls."""
        if not self.model.exhausted:
            QTimer.singleShot(0, self, self._count_current)

    def _count_current(self) -> None:
        if not self.model.exhausted:
            self.count = self.history.count_up_to(self.model.query, COUNT_LIMIT + 1)
            self.state_changed.emit()

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

    def _emit_current(self, current: QModelIndex) -> None:
        self.current_changed.emit(self.model.call_at(current.row()) if current.isValid() else None)

    # -- live updates ------------------------------------------------------------------------------
    def on_call_update(self, update: CallUpdate) -> None:
        """From the call hub: one call changed (update or insert it), or a batch did (reload the loaded rows)."""
        selected = self.current_row()
        if update.change is Change.HISTORY_CHANGED or update.call is None:
            self.model.refresh()
            self.count = None
            self._count_later()
            self.model.agent_names = self.history.agent_names()
            self.history_changed.emit()
        else:
            self.model.upsert_call(update.call.account, update.call.call_id)
            self._count_later()
        if selected is not None:
            self.select_call(selected.account, selected.call_id)
