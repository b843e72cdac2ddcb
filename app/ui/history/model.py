"""The history list: a table model over :class:`~app.services.history.CallHistory` that loads keyset pages
lazily (within what the user may see: the use case applies the role to every page).

Why keyset pages and ``canFetchMore``/``fetchMore``: with a million calls the view must never ask for all
rows, nor for their count. The scroll bar only needs the rows loaded so far; when the user scrolls to the
end, the view asks for more and the next page starts strictly after the last loaded row's cursor
(``started_at``, ``id``), which costs the same on page 1 and page 5,000.

Live updates arrive one call at a time (:meth:`HistoryModel.upsert_call`): a call already loaded is
changed in place; a new one is inserted where it belongs if it matches the filter — at the top, in
practice — without reloading what is loaded. A sync batch (:meth:`HistoryModel.refresh`) reloads the
loaded window in one query.
"""

from __future__ import annotations

import bisect
import time
from datetime import date, datetime
from enum import IntEnum
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from app.core.models import CallStatus
from app.core.views import CallQuery, CallRow, Cursor
from app.services.history import CallHistory
from app.ui import formatting, theme
from app.ui.history import icons, words

ModelIndex = QModelIndex | QPersistentModelIndex
CALL_ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # data(index, CALL_ROW_ROLE) → the CallRow of that line


class Column(IntEnum):
    TIME = 0
    DIRECTION = 1
    STATUS = 2
    NUMBER = 3
    NAME = 4
    LINE = 5
    AGENT = 6
    DURATION = 7
    WAIT = 8
    RECORDING = 9


_COLUMNS = tuple(Column)
UNKNOWN_RECHECK_S = 30.0  # how long a live row's "outcome unknown" answer is reused (one store read per row)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


@lru_cache(maxsize=8192)
def _phone(value: str, region: str) -> str:
    """International display form, remembered: the view asks for every visible cell on every repaint, and
    formatting one number costs tens of microseconds (milliseconds the first time per country)."""
    return formatting.phone_text(value, region)


@lru_cache(maxsize=8192)
def _when(started_at: datetime, today: date, language: str) -> str:
    """ "14:05" / "yesterday 14:05" / date and time; ``today`` and the UI language are in the key so the words
    roll over at midnight and follow a change of language."""
    return formatting.relative_day_time(started_at)


def _sort_key(row: CallRow) -> tuple[int, int]:
    """Ascending key for newest-first order (negated cursor), so ``bisect`` finds a row's place."""
    cursor = row.cursor
    return (-cursor.started_at_ms, -cursor.id)


class HistoryModel(QAbstractTableModel):
    """Calls matching one :class:`CallQuery`, newest first, loaded a page at a time."""

    loaded = Signal(int)  # rows loaded so far, after every page / change

    def __init__(self, history: CallHistory, region: str = "PL", page_size: int = 200, parent: Any = None) -> None:
        super().__init__(parent)
        self.history = history
        self.region = region
        self.page_size = page_size
        self._query = CallQuery()
        self._rows: list[CallRow] = []
        self._keys: list[tuple[int, int]] = []  # _sort_key of each row, for bisect
        self._key_of: dict[tuple[str, str], tuple[int, int]] = {}  # (account, call_id) → its _sort_key
        self._exhausted = False
        self.agent_names: dict[tuple[str, str], str] = {}  # (account, login) → the agent's real name
        self.pages_fetched = 0  # how many pages were read since the last reset (tests, bench)
        # (account, call_id) → (the row asked about, when, its answer): live rows only, see outcome_unknown
        self._unknown: dict[tuple[str, str], tuple[CallRow, float, bool]] = {}

    # -- the query -------------------------------------------------------------------------------
    @property
    def query(self) -> CallQuery:
        return self._query

    @property
    def exhausted(self) -> bool:
        """True when every matching call is loaded (then ``rowCount`` is the exact total)."""
        return self._exhausted

    def set_query(self, query: CallQuery) -> None:
        """Show the calls matching ``query``: drop what is loaded and read the first page."""
        self._query = query
        self._reload(self.page_size)

    def refresh(self) -> None:
        """Reload what is loaded (after a sync batch), in one query, keeping the loaded window's size."""
        self._reload(max(self.page_size, len(self._rows)))

    def _reload(self, limit: int) -> None:
        self.beginResetModel()
        self.pages_fetched = 0
        rows = self._read(None, limit)
        self._rows = rows
        self._keys = [_sort_key(r) for r in rows]
        self._key_of = {(r.account, r.call_id): k for r, k in zip(rows, self._keys, strict=True)}
        self._exhausted = len(rows) < limit
        self._unknown.clear()
        self.endResetModel()
        self.loaded.emit(len(self._rows))

    def _read(self, after: Cursor | None, limit: int) -> list[CallRow]:
        self.pages_fetched += 1
        return self.history.page(self._query, after=after, limit=limit)

    # -- lazy loading ----------------------------------------------------------------------------
    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008 (Qt signature)
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        after = self._rows[-1].cursor if self._rows else None
        page = self._read(after, self.page_size)
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            for row in page:
                key = _sort_key(row)
                self._rows.append(row)
                self._keys.append(key)
                self._key_of[(row.account, row.call_id)] = key
            self.endInsertRows()
        self._exhausted = len(page) < self.page_size
        self.loaded.emit(len(self._rows))

    # -- live updates ----------------------------------------------------------------------------
    def upsert_call(self, account: str, call_id: str) -> None:
        """A call changed (webhook, our dialer): update its line, insert it, or drop it from this view."""
        row = self.history.row(account, call_id)
        where = self._find(account, call_id)
        keep = row is not None and self._matches(row)
        if where is not None and row is not None and keep and _sort_key(row) == self._keys[where]:
            self._rows[where] = row  # same place: change in place, so selection and scrolling stay put
            self.dataChanged.emit(self.index(where, 0), self.index(where, len(Column) - 1))
        else:
            if where is not None:
                self._remove(where)
            if row is not None and keep:
                self._insert(row)
        self.loaded.emit(len(self._rows))

    def _find(self, account: str, call_id: str) -> int | None:
        key = self._key_of.get((account, call_id))
        return None if key is None else bisect.bisect_left(self._keys, key)

    def _matches(self, row: CallRow) -> bool:
        """Whether ``row`` passes the current filter: the history's own answer (search, role, dates alike).

        The keyset page that starts just above the row returns the row itself iff it matches.
        """
        probe = Cursor(row.cursor.started_at_ms, row.id + 1)
        found = self.history.page(self._query, after=probe, limit=1)
        return bool(found) and found[0].id == row.id

    def _insert(self, row: CallRow) -> None:
        key = _sort_key(row)
        at = bisect.bisect_left(self._keys, key)
        if at == len(self._rows) and not self._exhausted:
            return  # older than everything loaded: it will come with a later page
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, row)
        self._keys.insert(at, key)
        self._key_of[(row.account, row.call_id)] = key
        self.endInsertRows()

    def _remove(self, at: int) -> None:
        self.beginRemoveRows(QModelIndex(), at, at)
        gone = self._rows[at]
        self._key_of.pop((gone.account, gone.call_id), None)
        del self._rows[at]
        del self._keys[at]
        self.endRemoveRows()

    # -- reading ---------------------------------------------------------------------------------
    def outcome_unknown(self, row: CallRow) -> bool:
        """Whether ``row`` is a live call whose end never arrived (shown "Outcome unknown", never "Ringing").

        Asked for every painted cell of the row: the store's answer is reused for :data:`UNKNOWN_RECHECK_S`
        (and until the row changes); rows that are not live never ask."""
        if not row.status.is_live:
            return False
        key = (row.account, row.call_id)
        now = time.monotonic()
        known = self._unknown.get(key)
        if known is not None and known[0] is row and now - known[1] < UNKNOWN_RECHECK_S:
            return known[2]
        if len(self._unknown) > 1024:
            self._unknown.clear()
        answer = self.history.outcome_unknown(row)
        self._unknown[key] = (row, now, answer)
        return answer

    def call_at(self, row: int) -> CallRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, account: str, call_id: str) -> int | None:
        return self._find(account, call_id)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is not Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.column_title(Column(section))
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (Column.DURATION, Column.WAIT):
            return _RIGHT
        return None

    def column_title(self, column: Column) -> str:
        titles = {
            Column.TIME: self.tr("Time"),
            Column.DIRECTION: "",
            Column.STATUS: self.tr("Status"),
            Column.NUMBER: self.tr("Number"),
            Column.NAME: self.tr("Name"),
            Column.LINE: self.tr("Line"),
            Column.AGENT: self.tr("Agent"),
            Column.DURATION: self.tr("Talk"),
            Column.WAIT: self.tr("Wait"),
            Column.RECORDING: "",
        }
        return titles[column]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = _COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == CALL_ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and row.status is CallStatus.MISSED
            and column in (Column.STATUS, Column.NUMBER, Column.NAME)
        ):
            return QColor(theme.colors().error)
        if role == Qt.ItemDataRole.FontRole and row.status is CallStatus.MISSED and column is Column.NUMBER:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (Column.DURATION, Column.WAIT):
                return _RIGHT
            if column in (Column.DIRECTION, Column.RECORDING):
                return _CENTER
        return None

    def _display(self, row: CallRow, column: Column) -> str:
        if column is Column.TIME:
            return _when(row.started_at, date.today(), QLocale().name())
        if column is Column.STATUS:
            return words.status_text(row.status, unknown=self.outcome_unknown(row))
        if column is Column.NUMBER:
            return _phone(row.phone, self.region)
        if column is Column.NAME:
            return row.contact_name
        if column is Column.LINE:
            return _phone(row.line, self.region)
        if column is Column.AGENT:
            return self.agent_names.get((row.account, row.agent), row.agent)
        if column is Column.DURATION:  # the "Talk" column: the call's duration less its wait (core's rule)
            talk = row.talk_s
            return formatting.duration_text(talk) if talk else ""
        if column is Column.WAIT:
            return formatting.duration_text(row.wait_s) if row.wait_s is not None else ""
        return ""

    def _decoration(self, row: CallRow, column: Column) -> Any:
        if column is Column.DIRECTION:
            return icons.direction_icon(row.direction, row.status, unknown=self.outcome_unknown(row))
        if column is Column.STATUS:
            return icons.dot_icon(icons.status_color(row.status, unknown=self.outcome_unknown(row)).name())
        if column is Column.RECORDING and row.recording_url:
            return icons.recording_icon()
        return None

    def _tooltip(self, row: CallRow, column: Column) -> str | None:
        if column is Column.DIRECTION:
            return words.direction_text(row.direction)
        if column is Column.TIME:
            return formatting.datetime_text(row.started_at)
        if column is Column.RECORDING and row.recording_url:
            return self.tr("Has a recording")
        if column is Column.AGENT:
            return row.agent or None
        return None
