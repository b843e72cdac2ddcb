"""The history's filter bar: search as you type, in / out / missed, agent, line, date range.

Why debounced search: every keystroke would otherwise run a query over a million calls; 250 ms after the
last keystroke is below what a typist notices and spares the intermediate queries. Enter applies at once.

Why the agent and line menus fill when opened: listing the distinct agents and lines walks an index of
every call, which the window must not pay for when it opens (it has to be instant).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from PySide6.QtCore import QDate, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.models import CallStatus, Direction
from app.core.phone import normalize
from app.core.views import CallQuery

SEARCH_DELAY_MS = 250
_EVERY_CALL = CallQuery()


class Kind(StrEnum):
    ALL = "all"
    INCOMING = "in"
    OUTGOING = "out"
    MISSED = "missed"


class Period(StrEnum):
    ANY = "any"
    TODAY = "today"
    YESTERDAY = "yesterday"
    WEEK = "week"
    MONTH = "month"
    CUSTOM = "custom"


@dataclass(frozen=True, slots=True)
class Filters:
    """What the user chose in the bar (before it becomes a :class:`CallQuery`)."""

    text: str = ""
    kind: Kind = Kind.ALL
    agent: str = ""
    line: str = ""
    period: Period = Period.ANY
    first_day: date | None = None  # CUSTOM only, inclusive, local days
    last_day: date | None = None

    @property
    def is_default(self) -> bool:
        return self == Filters()

    def to_query(self, region: str, base: CallQuery = _EVERY_CALL, today: date | None = None) -> CallQuery:
        """The store query: ``base`` (e.g. the role's restriction) narrowed by these filters.

        A complete, valid number searches that exact number (any written form: ``8 910…``, ``+48 777…``);
        anything else searches as a fragment of numbers and names.
        """
        text = self.text.strip()
        phone = ""
        number = normalize(text, region) if text else None
        if number is not None and number.is_valid and not number.is_extension:
            phone, text = number.value, ""
        direction = {Kind.INCOMING: Direction.IN, Kind.OUTGOING: Direction.OUT}.get(self.kind)
        statuses = (CallStatus.MISSED,) if self.kind is Kind.MISSED else ()
        since, until = self.bounds(today)
        return CallQuery(
            text=text,
            phone=phone,
            direction=direction,
            statuses=statuses,
            agent=self.agent,
            line=self.line,
            account=base.account,
            since=since,
            until=until,
            accounts_agents=base.accounts_agents,
        )

    def bounds(self, today: date | None = None) -> tuple[datetime | None, datetime | None]:
        """The period as [since, until) in local midnights (aware datetimes)."""
        today = today or date.today()
        first, last = {
            Period.TODAY: (today, today),
            Period.YESTERDAY: (today - timedelta(days=1), today - timedelta(days=1)),
            Period.WEEK: (today - timedelta(days=6), today),
            Period.MONTH: (today - timedelta(days=29), today),
            Period.CUSTOM: (self.first_day, self.last_day),
        }.get(self.period, (None, None))
        if first is not None and last is not None and first > last:
            first, last = last, first
        return _midnight(first), _midnight(last + timedelta(days=1) if last else None)


def _midnight(day: date | None) -> datetime | None:
    return None if day is None else datetime.combine(day, time()).astimezone()


class LazyComboBox(QComboBox):
    """A combo box whose entries are read when its menu is first opened (and on each opening after a reset)."""

    def __init__(self, all_text: str, loader: Callable[[], list[tuple[str, str]]], parent: QWidget | None = None):
        super().__init__(parent)
        self._all_text = all_text
        self._loader = loader
        self._loaded = False
        self.addItem(all_text, "")
        # Long agent names or lines are elided in the box (the menu shows them whole): the bar never outgrows
        # the window.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)

    def showPopup(self) -> None:
        self.ensure_loaded()
        super().showPopup()

    def ensure_loaded(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        current = self.currentData()
        self.blockSignals(True)
        for text, value in self._loader():
            if self.findData(value) < 0:
                self.addItem(text, value)
        self.setCurrentIndex(max(0, self.findData(current)))
        self.blockSignals(False)

    def invalidate(self) -> None:
        """Read the entries again next time the menu opens (new agents or lines appeared)."""
        self._loaded = False


class FilterBar(QWidget):
    """Emits :attr:`changed` with the new :class:`Filters` whenever the user changes one (search debounced)."""

    changed = Signal(object)

    def __init__(
        self,
        agents: Callable[[], list[tuple[str, str]]],
        lines: Callable[[], list[tuple[str, str]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("historySearch")
        self.search.setPlaceholderText(self.tr("Search a number or a name  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._emit)
        self.search.textEdited.connect(lambda _: self._debounce.start())
        self.search.returnPressed.connect(self._emit_now)

        self.kinds = QButtonGroup(self)
        self.kinds.setExclusive(True)
        self._kind_buttons: dict[Kind, QToolButton] = {}
        segment = QHBoxLayout()
        segment.setSpacing(0)
        labels = {
            Kind.ALL: self.tr("All"),
            Kind.INCOMING: self.tr("Incoming"),
            Kind.OUTGOING: self.tr("Outgoing"),
            Kind.MISSED: self.tr("Missed"),
        }
        for kind, label in labels.items():
            button = QToolButton(self)
            button.setText(label)
            button.setCheckable(True)
            button.setObjectName(f"kind_{kind.value}")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setProperty("segment", True)
            self.kinds.addButton(button)
            self._kind_buttons[kind] = button
            segment.addWidget(button)
        self._kind_buttons[Kind.ALL].setChecked(True)
        self.kinds.buttonToggled.connect(lambda _button, checked: self._emit_now() if checked else None)

        self.period = QComboBox(self)
        self.period.setObjectName("period")
        for period, label in (
            (Period.ANY, self.tr("Any time")),
            (Period.TODAY, self.tr("Today")),
            (Period.YESTERDAY, self.tr("Yesterday")),
            (Period.WEEK, self.tr("Last 7 days")),
            (Period.MONTH, self.tr("Last 30 days")),
            (Period.CUSTOM, self.tr("Dates…")),
        ):
            self.period.addItem(label, period.value)
        self.first_day = self._date_edit(self.tr("From"))
        self.last_day = self._date_edit(self.tr("To"))
        self.period.currentIndexChanged.connect(self._period_changed)

        self.agent = LazyComboBox(self.tr("All agents"), agents, self)
        self.agent.setObjectName("agentFilter")
        self.line = LazyComboBox(self.tr("All lines"), lines, self)
        self.line.setObjectName("lineFilter")
        for combo in (self.agent, self.line):
            combo.currentIndexChanged.connect(lambda _: self._emit_now())

        # Two rows when the window is narrow (a 1080p screen at 2× is 960 logical pixels wide): the search and
        # the kinds first, the period, agent and line under them.
        self.more = QWidget(self)
        more = QHBoxLayout(self.more)
        more.setContentsMargins(0, 0, 0, 0)
        more.setSpacing(8)
        for widget in (self.period, self.first_day, self.last_day, self.agent, self.line):
            more.addWidget(widget)
        self.first_row = QHBoxLayout()
        self.first_row.setSpacing(8)
        self.first_row.addWidget(self.search, 3)
        self.first_row.addLayout(segment)
        self.first_row.addWidget(self.more)
        self.second_row = QHBoxLayout()
        self.second_row.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(self.first_row)
        layout.addLayout(self.second_row)
        self._segment = segment
        self._period_changed()

    def one_row_width(self) -> int:
        """The width the bar needs on one line."""
        search = max(self.search.minimumWidth(), self.search.minimumSizeHint().width())
        return search + self._segment.sizeHint().width() + self.more.sizeHint().width() + 16

    def wrapped(self) -> bool:
        return self.second_row.indexOf(self.more) >= 0

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def minimumSizeHint(self) -> QSize:
        """Narrow enough for two rows (the window may be narrower than the bar on one line)."""
        first = self.search.minimumWidth() + self._segment.sizeHint().width() + 8
        width = max(first, self.more.minimumSizeHint().width())
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), width), hint.height())

    def _arrange(self, width: int) -> None:
        wrap = width < self.one_row_width()
        if wrap == self.wrapped():
            return
        (self.first_row if self.wrapped() else self.second_row).removeWidget(self.more)
        if wrap:
            self.second_row.addWidget(self.more)
            self.second_row.addStretch(1)
        else:
            while self.second_row.count():
                self.second_row.takeAt(0)
            self.first_row.addWidget(self.more)

    def _date_edit(self, tip: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDate(QDate.currentDate())
        edit.setToolTip(tip)
        edit.dateChanged.connect(lambda _: self._emit_now())
        return edit

    def _period_changed(self) -> None:
        custom = self.period.currentData() == Period.CUSTOM.value
        self.first_day.setVisible(custom)
        self.last_day.setVisible(custom)
        self._emit_now()

    # -- reading and setting -----------------------------------------------------------------------
    def filters(self) -> Filters:
        kind = next((k for k, b in self._kind_buttons.items() if b.isChecked()), Kind.ALL)
        period = Period(self.period.currentData())
        custom = period is Period.CUSTOM
        return Filters(
            text=self.search.text(),
            kind=kind,
            agent=self.agent.currentData() or "",
            line=self.line.currentData() or "",
            period=period,
            first_day=self.first_day.date().toPython() if custom else None,  # type: ignore[arg-type]
            last_day=self.last_day.date().toPython() if custom else None,  # type: ignore[arg-type]
        )

    def set_kind(self, kind: Kind) -> None:
        self._kind_buttons[kind].setChecked(True)

    def set_text(self, text: str) -> None:
        """Put ``text`` in the search field and apply it at once (no debounce)."""
        self.search.setText(text)
        self._emit_now()

    def reset(self) -> None:
        """Back to every call: clears the search and every filter, emitting one change."""
        self.blockSignals(True)
        self.search.clear()
        self.set_kind(Kind.ALL)
        self.period.setCurrentIndex(0)
        self.agent.setCurrentIndex(0)
        self.line.setCurrentIndex(0)
        self.blockSignals(False)
        self._emit_now()

    def _emit_now(self) -> None:
        self._debounce.stop()
        self._emit()

    def _emit(self) -> None:
        self.changed.emit(self.filters())
