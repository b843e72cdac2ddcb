"""Where cards go: the screen corner nearest the tray, or where the user dragged them.

Why by the tray: that is where the agent's eye goes for notifications on every desktop (bottom-right on
Windows and KDE, top-right on GNOME and macOS), and on a multi-monitor desk the tray's screen is the one
the agent set up as "main". Geometry is in Qt's device-independent pixels, so HiDPI screens and mixed
scale factors need nothing special here.

Cards keep their order (oldest nearest the anchor): a card never jumps away from under the mouse when
another call arrives; when one closes, the later ones close the gap.
"""

from __future__ import annotations

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


def stack_positions(sizes: list[QSize], area: QRect, corner: Corner, anchor: QPoint | None = None) -> list[QPoint]:
    """Top-left points for cards of ``sizes`` (oldest first) stacked from the corner, or from ``anchor``.

    From an anchor the cards go down if the first one's top half is on the upper half of the screen,
    else up. Every card is kept inside ``area`` (a stack taller than the screen overlaps at the edge).
    """
    if anchor is not None and area.contains(anchor):
        down = anchor.y() < area.center().y()
        x = anchor.x()
        y = anchor.y()
        first_offset = 0 if down or not sizes else sizes[0].height()
        y += first_offset
    else:
        down = corner.top
        x = 0
        y = area.top() + MARGIN if down else area.bottom() + 1 - MARGIN
    positions: list[QPoint] = []
    for size in sizes:
        if anchor is None or not area.contains(anchor):
            x = area.left() + MARGIN if corner.left else area.right() + 1 - MARGIN - size.width()
        top = y if down else y - size.height()
        positions.append(_clamp(QPoint(x, top), size, area))
        y = top + size.height() + GAP if down else top - GAP
    return positions


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
