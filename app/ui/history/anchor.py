"""Keeps the history rows still while calls arrive: the row under the pointer stays under it.

Why: calls are inserted at the top as they ring. With the list at its top and the pointer elsewhere that
is what the agent wants to see; but a row moving away under the pointer as the agent is about to
double-click it opens (or calls back) the wrong call. So while the pointer is over the list, or the list
is scrolled away from the top, each change of the rows (insert, remove, reload) is followed by a scroll
by the same height: the call that was under the pointer (else the first row shown) keeps its place on
screen, and :attr:`ScrollAnchor.held` counts the calls that arrived above, for the "N new calls" bar.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QTableView

from app.ui.history.model import HistoryModel

ModelIndex = QModelIndex | QPersistentModelIndex


class ScrollAnchor(QObject):
    """Follows ``table``'s model and scroll bar; :attr:`held_changed` with how many new calls are above."""

    held_changed = Signal(int)

    def __init__(self, table: QTableView, model: HistoryModel) -> None:
        super().__init__(table)
        self.table = table
        self.model = model
        self.hovered = False  # the pointer is over the rows (Enter / Leave of the viewport)
        self.held = 0  # calls inserted above the rows shown since the agent last saw the top
        self._anchor: tuple[tuple[str, str], int] | None = None  # (account, call id), its top on screen
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)
        model.rowsAboutToBeInserted.connect(lambda *_: self._remember())
        model.rowsAboutToBeRemoved.connect(lambda *_: self._remember())
        model.modelAboutToBeReset.connect(self._remember)
        model.rowsInserted.connect(self._inserted)
        model.rowsRemoved.connect(lambda *_: self._restore())
        model.modelReset.connect(self._restore)
        table.verticalScrollBar().valueChanged.connect(self._scrolled)

    def holding(self) -> bool:
        """Whether rows must stay put: the pointer is over them, or the agent scrolled down to read."""
        return self.hovered or self.table.verticalScrollBar().value() > 0

    def show_top(self) -> None:
        """The agent asked for the new calls: scroll to the top (the "N new calls" bar's click)."""
        self.table.scrollToTop()
        self._set_held(0)

    # -- the anchor ----------------------------------------------------------------------------------
    def _remember(self) -> None:
        if self._anchor is not None or not self.holding():
            return
        viewport = self.table.viewport()
        pointer = viewport.mapFromGlobal(QCursor.pos())
        y = pointer.y() if self.hovered and viewport.rect().contains(pointer) else 0
        row = self.table.rowAt(y)
        if row < 0:
            row = self.table.rowAt(0)
        call = self.model.call_at(row)
        if call is not None:
            self._anchor = ((call.account, call.call_id), self.table.rowViewportPosition(row))

    def _inserted(self, parent: ModelIndex, first: int, last: int) -> None:
        if self._anchor is not None:
            at = self.model.row_of(*self._anchor[0])
            if at is not None and at > last:  # new calls above the rows shown
                self._set_held(self.held + last - first + 1)
        self._restore()

    def _restore(self) -> None:
        anchor, self._anchor = self._anchor, None
        if anchor is None:
            return
        (account, call_id), top = anchor
        row = self.model.row_of(account, call_id)
        if row is None:
            return
        bar = self.table.verticalScrollBar()
        shift = self.table.rowViewportPosition(row) - top
        if not shift:
            return
        target = bar.value() + shift
        if target > bar.maximum():  # the view lays its new rows out later: make room now
            content = self.table.verticalHeader().length()
            bar.setMaximum(max(target, content - self.table.viewport().height()))
        bar.setValue(max(0, target))

    def _scrolled(self, value: int) -> None:
        if value == 0 and self.held:
            self._set_held(0)

    def _set_held(self, count: int) -> None:
        if count != self.held:
            self.held = count
            self.held_changed.emit(count)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport:
            if event.type() == QEvent.Type.Enter:
                self.hovered = True
            elif event.type() == QEvent.Type.Leave:
                self.hovered = False
        return super().eventFilter(watched, event)
