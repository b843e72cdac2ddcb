"""Small status and direction glyphs for the history list, painted once and cached.

Why painted instead of image files: they must follow the palette's sizes on every DPI and stay crisp
offscreen (screenshots, tests) with no resource compilation step. Colours carry meaning the way phone
apps use them: red for a missed call, green for answered, the accent for a live call, grey for the rest
(a call whose end never arrived included). They come from the active palette (:func:`app.ui.theme.colors`)
and each painted icon is cached by its colour's name, so a switch to dark paints new ones.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from app.core.models import CallStatus, Direction
from app.ui import theme

_SIZE = 16


def status_color(status: CallStatus, *, unknown: bool = False, colors: theme.Colors | None = None) -> QColor:
    """The colour an agent reads a call's outcome by, in the active palette (or ``colors``).

    ``unknown``: a live call whose end never arrived (:meth:`CallHistory.outcome_unknown`) — grey, not live."""
    c = colors or theme.colors()
    if status is CallStatus.MISSED:
        return QColor(c.error)
    if status is CallStatus.ANSWERED:
        return QColor(c.success)
    if status.is_live and not unknown:
        return QColor(c.accent)
    return QColor(c.muted)


def _canvas() -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(_SIZE * 2, _SIZE * 2)  # drawn at 2x: sharp on HiDPI, scaled down on 1x
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def direction_icon(
    direction: Direction | None, status: CallStatus, *, unknown: bool = False, colors: theme.Colors | None = None
) -> QIcon:
    """An arrow into the phone (incoming) or out of it (outgoing), coloured by outcome (see :func:`status_color`)."""
    return _direction_icon(direction, status_color(status, unknown=unknown, colors=colors).name())


@cache
def _direction_icon(direction: Direction | None, color_name: str) -> QIcon:
    pixmap, painter = _canvas()
    pen = QPen(QColor(color_name), 1.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
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


def recording_icon() -> QIcon:
    """A small play triangle in a circle, in the palette's accent: this call has a recording."""
    return _recording_icon(theme.colors().accent)


@cache
def _recording_icon(color_name: str) -> QIcon:
    accent = QColor(color_name)
    pixmap, painter = _canvas()
    painter.setPen(QPen(accent, 1.3))
    painter.drawEllipse(QPointF(8, 8), 6, 6)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(accent)
    path = QPainterPath(QPointF(6.5, 5.2))
    path.lineTo(QPointF(11.2, 8))
    path.lineTo(QPointF(6.5, 10.8))
    path.closeSubpath()
    painter.drawPath(path)
    painter.end()
    return QIcon(pixmap)
