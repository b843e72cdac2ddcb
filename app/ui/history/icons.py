"""Small status and direction glyphs for the history list, painted once and cached.

Why painted instead of image files: they must follow the palette's sizes on every DPI and stay crisp
offscreen (screenshots, tests) with no resource compilation step. Colours carry meaning the way phone
apps use them: red for a missed call, green for answered, grey for the rest.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from app.core.models import CallStatus, Direction

MISSED = QColor("#d93025")
ANSWERED = QColor("#188038")
NEUTRAL = QColor("#80868b")
LIVE = QColor("#1a73e8")
ACCENT = QColor("#1a73e8")

_SIZE = 16


def status_color(status: CallStatus) -> QColor:
    """The colour an agent reads a call's outcome by."""
    if status is CallStatus.MISSED:
        return MISSED
    if status is CallStatus.ANSWERED:
        return ANSWERED
    if status.is_live:
        return LIVE
    return NEUTRAL


def _canvas() -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(_SIZE * 2, _SIZE * 2)  # drawn at 2x: sharp on HiDPI, scaled down on 1x
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


@cache
def direction_icon(direction: Direction | None, status: CallStatus) -> QIcon:
    """An arrow into the phone (incoming) or out of it (outgoing), coloured by outcome."""
    pixmap, painter = _canvas()
    pen = QPen(status_color(status), 1.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    if direction is Direction.INTERNAL or direction is None:
        painter.drawLine(QPointF(3, 8), QPointF(13, 8))
        painter.drawLine(QPointF(10, 5), QPointF(13, 8))
        painter.drawLine(QPointF(6, 11), QPointF(3, 8))
    else:
        tip, tail = (
            (QPointF(4.5, 11.5), QPointF(12, 4)) if direction is Direction.IN else (QPointF(12, 4), QPointF(4.5, 11.5))
        )
        painter.drawLine(tail, tip)
        dx = 1 if tip.x() > tail.x() else -1
        dy = 1 if tip.y() > tail.y() else -1
        path = QPainterPath(QPointF(tip.x() - dx * 5.5, tip.y()))
        path.lineTo(tip)
        path.lineTo(QPointF(tip.x(), tip.y() - dy * 5.5))
        painter.drawPath(path)
    painter.end()
    return QIcon(pixmap)


@cache
def dot_icon(color_name: str) -> QIcon:
    """A filled dot: the status column's marker."""
    pixmap, painter = _canvas()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color_name))
    painter.drawEllipse(QPointF(8, 8), 3.5, 3.5)
    painter.end()
    return QIcon(pixmap)


@cache
def recording_icon() -> QIcon:
    """A small play triangle in a circle: this call has a recording."""
    pixmap, painter = _canvas()
    painter.setPen(QPen(ACCENT, 1.3))
    painter.drawEllipse(QPointF(8, 8), 6, 6)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ACCENT)
    path = QPainterPath(QPointF(6.5, 5.2))
    path.lineTo(QPointF(11.2, 8))
    path.lineTo(QPointF(6.5, 10.8))
    path.closeSubpath()
    painter.drawPath(path)
    painter.end()
    return QIcon(pixmap)
