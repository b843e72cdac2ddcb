"""Where cards go: the screen corner nearest the tray, or where the user dragged them.

Why by the tray: that is where the agent's eye goes for notifications on every desktop (bottom-right on
Windows and KDE, top-right on GNOME and macOS), and on a multi-monitor desk the tray's screen is the one
the agent set up as "main". Geometry is in Qt's device-independent pixels, so HiDPI screens and mixed
scale factors need nothing special here.

Cards keep their order (oldest nearest the anchor): a card never jumps away from under the mouse when
another call arrives; when one closes, the later ones close the gap (the stack waits while the pointer is
over a card, see ``CardStack``).

Cards never overlap, on any screen: :func:`plan_stack` decides what is shown where. When the cards do not
fit one column, the oldest finished cards fold into one compact "N more calls" entry (nearest the anchor:
they are the oldest); if that is not enough, live cards leave out their last calls and notes (compact),
then further columns open towards the middle of the screen, then the stack gives up its margin at the
screen's edges, and only then do live cards fold, the ringing ones last.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from enum import Enum

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen

MARGIN = 12
GAP = 8


class Corner(Enum):
    TOP_LEFT = "top_left"
    TOP_RIGHT = "top_right"
    BOTTOM_LEFT = "bottom_left"
    BOTTOM_RIGHT = "bottom_right"

    @property
    def top(self) -> bool:
        return self in (Corner.TOP_LEFT, Corner.TOP_RIGHT)

    @property
    def left(self) -> bool:
        return self in (Corner.TOP_LEFT, Corner.BOTTOM_LEFT)


def corner_near(tray: QRect | None, area: QRect) -> Corner:
    """The corner of ``area`` closest to the tray icon; bottom-right when the tray's place is unknown."""
    if tray is None or not tray.isValid() or not area.intersects(tray):
        return Corner.BOTTOM_RIGHT
    centre = tray.center()
    top = centre.y() < area.center().y()
    left = centre.x() < area.center().x()
    return {
        (True, True): Corner.TOP_LEFT,
        (True, False): Corner.TOP_RIGHT,
        (False, True): Corner.BOTTOM_LEFT,
        (False, False): Corner.BOTTOM_RIGHT,
    }[(top, left)]


def screen_for(tray: QRect | None, anchor: QPoint | None) -> QScreen | None:
    """The screen holding the dragged anchor, else the tray's, else the primary one."""
    for point in (anchor, tray.center() if tray is not None and tray.isValid() else None):
        if point is not None:
            screen = QGuiApplication.screenAt(point)
            if screen is not None:
                return screen
    return QGuiApplication.primaryScreen()


class Kind(Enum):
    """What a card shows, for the order in which cards give way when the screen is full."""

    RINGING = "ringing"  # always shown (folded only when not even one column of ringing cards fits)
    LIVE = "live"  # talking
    FINISHED = "finished"  # folds first, the oldest first


@dataclass(frozen=True, slots=True)
class Entry:
    key: Hashable
    size: QSize  # full
    kind: Kind
    compact_height: int = 0  # without the last calls and notes (0: same as full)


@dataclass(slots=True)
class Plan:
    positions: dict[Hashable, QPoint] = field(default_factory=dict)  # shown cards' top-left points
    compact: set[Hashable] = field(default_factory=set)  # shown in compact form
    folded: list[Hashable] = field(default_factory=list)  # in the "more" entry, oldest first
    more: QPoint | None = None  # where the "more" entry goes (None: no entry)

    def rects(self, sizes: dict[Hashable, QSize]) -> list[QRect]:
        return [QRect(point, sizes[key]) for key, point in self.positions.items()]


def plan_stack(
    entries: list[Entry], more_size: QSize, area: QRect, corner: Corner, anchor: QPoint | None = None
) -> Plan:
    """Where each card of ``entries`` (oldest first) goes, which are folded into the "more" entry, and where
    that goes — never two of them overlapping, all inside ``area`` (unless one card alone is taller)."""
    if not entries:
        return Plan()
    width = max(max(e.size.width() for e in entries), more_size.width())
    anchored = anchor is not None and area.contains(anchor)
    if anchored:
        assert anchor is not None
        down = anchor.y() < area.center().y()
        x0 = min(max(anchor.x(), area.left()), area.right() + 1 - width)
    else:
        down = corner.top
        x0 = area.left() + MARGIN if corner.left else area.right() + 1 - MARGIN - width
    step = width + GAP if x0 + width / 2 < area.center().x() else -(width + GAP)
    columns = 1
    while area.left() <= x0 + columns * step and x0 + columns * step + width <= area.right() + 1:
        columns += 1
    top, bottom = area.top() + MARGIN, area.bottom() + 1 - MARGIN
    if bottom - top < min(e.size.height() for e in entries):  # a tiny screen: use it all
        top, bottom = area.top(), area.bottom() + 1
    room = bottom - top

    shown = list(entries)
    folded: list[Entry] = []
    compact = False
    allowed = 1

    def height(entry: Entry) -> int:
        full = entry.size.height()
        return min(full, entry.compact_height or full) if compact and entry.kind is not Kind.FINISHED else full

    def fill() -> list[list[tuple[Hashable, int]]] | None:
        """Items per column (key, height), or None if they need more than ``allowed`` columns."""
        items: list[tuple[Hashable, int]] = [(None, more_size.height())] if folded else []
        items += [(e.key, height(e)) for e in shown]
        result: list[list[tuple[Hashable, int]]] = [[]]
        used = 0
        for item in items:
            needed = item[1] + (GAP if result[-1] else 0)
            if used + needed > room and result[-1]:
                if len(result) == allowed:
                    return None
                result.append([])
                used, needed = 0, item[1]
            result[-1].append(item)
            used += needed
        return result

    while (layout := fill()) is None:
        finished = [e for e in shown if e.kind is Kind.FINISHED]
        live = [e for e in shown if e.kind is Kind.LIVE]
        if finished:
            folded.append(finished[0])
            shown.remove(finished[0])
        elif not compact and any((e.compact_height or e.size.height()) < e.size.height() for e in shown):
            compact = True
        elif allowed < columns:
            allowed += 1
        elif room < area.height():  # the screen's own edges before any live card folds
            top, bottom = area.top(), area.bottom() + 1
            room = bottom - top
        elif live:
            folded.append(live[0])
            shown.remove(live[0])
        elif len(shown) > 1:
            folded.append(shown[0])
            shown.remove(shown[0])
        else:  # one card taller than the screen: alone, from the edge
            folded_keys = [e.key for e in entries if e is not shown[0]]
            point = _clamp(QPoint(x0, top), shown[0].size, area)
            return Plan({shown[0].key: point}, set(), folded_keys, None)

    plan = Plan(compact={e.key for e in shown if compact and height(e) < e.size.height()})
    plan.folded = [e.key for e in entries if e in folded]
    for index, column in enumerate(layout):
        x = x0 + index * step
        total = sum(h for _, h in column) + GAP * (len(column) - 1)
        if anchored and index == 0:
            assert anchor is not None
            first = column[0][1]
            start = anchor.y() if down else anchor.y() + first - total
            start = min(max(start, top), bottom - total) if down else max(min(start, bottom - total), top)
        else:
            start = top if down else bottom - total
        # Down: the first item at the top; up: the first item at the bottom (nearest the corner).
        y = start if down else start + total
        for key, item_height in column:
            if down:
                point = QPoint(x, y)
                y += item_height + GAP
            else:
                y -= item_height
                point = QPoint(x, y)
                y -= GAP
            if key is None:
                plan.more = point
            else:
                plan.positions[key] = point
    return plan


def parse_position(text: str) -> QPoint | None:
    """``"x,y"`` from the settings (``""`` or garbage = no saved position)."""
    try:
        x, y = (int(part) for part in text.split(","))
    except ValueError:
        return None
    return QPoint(x, y)


def format_position(point: QPoint) -> str:
    return f"{point.x()},{point.y()}"


def _clamp(point: QPoint, size: QSize, area: QRect) -> QPoint:
    x = min(max(point.x(), area.left()), area.right() + 1 - size.width())
    y = min(max(point.y(), area.top()), area.bottom() + 1 - size.height())
    return QPoint(x, y)
