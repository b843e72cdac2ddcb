"""The history window's building blocks that hold no state of their own: the call table's look and the
"nothing to show" overlay.

Why apart from the window: the window wires parts together; how wide a column is or what the empty list
says is layout detail that would otherwise bury that wiring.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from app.ui import formatting, theme
from app.ui.history.model import Column, HistoryModel
from app.ui.naming import named
from app.ui.plain import escape, plain_tips


def style(c: theme.Colors) -> str:
    """The window's style sheet for the colours ``c`` (one palette's, light or dark)."""
    return f"""
#historyWindow QTableView {{ border: none; selection-background-color: {c.selection};
    selection-color: {c.selection_text}; }}
#historyWindow QHeaderView::section {{ border: none; border-bottom: 1px solid {c.border}; padding: 4px 6px;
    background: palette(window); color: {c.header_text}; font-weight: 600; }}
#historyWindow QToolButton[segment="true"] {{ border: 1px solid {c.border}; padding: 4px 12px;
    background: palette(base); color: {c.text}; }}
#historyWindow QToolButton[segment="true"]:checked {{ background: {c.selection}; color: {c.selection_text};
    border-color: {c.accent}; }}
#historyWindow #emptyState {{ color: {c.muted}; }}
#historyWindow #statusLine {{ color: {c.muted}; }}
#historyWindow #roleHint {{ {theme.warning_style(c)} }}
#historyWindow #recordingPlayer {{ border-top: 1px solid {c.border}; }}
"""


WIDTHS = {
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


def call_table(model: HistoryModel, parent: QWidget) -> QTableView:
    """A dense, read-only list of calls, one selected row at a time, columns never narrower than their title."""
    table = plain_tips(named(QTableView(parent), "historyTable"))  # an agent's login on hover: as sent
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(28)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionsClickable(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    bold = table.font()
    bold.setBold(True)
    titles = QFontMetrics(bold)
    for column, width in WIDTHS.items():  # never narrower than the (translated) title
        title = titles.horizontalAdvance(model.column_title(column)) + 16
        table.setColumnWidth(column, max(width, title))
    table.setColumnWidth(Column.TIME, _time_width(table))
    header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
    for column in (Column.DIRECTION, Column.RECORDING):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
    header.setMinimumSectionSize(MIN_COLUMN)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    ColumnFitter(table)
    return table


MIN_COLUMN = 36
NAME_MIN = 80


class ColumnFitter(QObject):
    """Shrinks the columns when the list is narrower than their natural widths (their texts elide), and
    gives them back as it widens: the window never needs a horizontal scroll bar, nor forces its width."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.natural: dict[Column, int] = {c: table.columnWidth(c) for c in WIDTHS if c is not Column.NAME}
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)

    def fit(self, width: int) -> None:
        fixed: set[Column] = {Column.DIRECTION, Column.RECORDING}
        room = width - NAME_MIN - sum(self.natural[c] for c in fixed)
        flexible = {c: w for c, w in self.natural.items() if c not in fixed}
        share = min(1.0, max(0.0, room / sum(flexible.values())))
        for column, natural in flexible.items():
            self.table.setColumnWidth(column, max(MIN_COLUMN, int(natural * share)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Resize and isinstance(event, QResizeEvent):
            self.fit(event.size().width())
        return super().eventFilter(watched, event)


def _time_width(table: QTableView) -> int:
    """Wide enough for the longest time the list shows ("yesterday 12:59 PM" in English)."""
    sample = (datetime.now().astimezone() - timedelta(days=1)).replace(hour=12, minute=59)
    text = formatting.relative_day_time(sample)
    return max(WIDTHS[Column.TIME], table.fontMetrics().horizontalAdvance(text) + 24)


class EmptyState(QLabel):
    """Over an empty list: "No calls yet", or "No calls match" with a link that clears the filters.

    It covers the table's viewport and follows its size (an event filter, so the window needs no
    ``resizeEvent`` for it).
    """

    def __init__(self, table: QTableView) -> None:
        super().__init__(table.viewport())
        self.setObjectName("emptyState")
        self._viewport = table.viewport()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self._viewport.installEventFilter(self)
        self.hide()

    def show_for(self, empty: bool, filtered: bool) -> None:
        """Hide when there are calls; otherwise say why there are none (``filtered``: the user narrowed it)."""
        if not empty:
            self.hide()
            return
        # The window's words: they keep its translation context.
        if not filtered:
            title = QCoreApplication.translate("HistoryWindow", "No calls yet")
            words = QCoreApplication.translate("HistoryWindow", "Calls appear here as they ring, and after each sync.")
            detail = escape(words)
        else:
            title = QCoreApplication.translate("HistoryWindow", "No calls match")
            link = QCoreApplication.translate("HistoryWindow", "Clear the search and filters")
            detail = f'<a href="reset">{escape(link)}</a>'
        # Rich text for the size and the link; the words (a translator's) are escaped all the same.
        self.setText(f'<p style="font-size:15pt; font-weight:600">{escape(title)}</p><p>{detail}</p>')
        self.setGeometry(self._viewport.rect())
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self._viewport.rect())
        return super().eventFilter(watched, event)
