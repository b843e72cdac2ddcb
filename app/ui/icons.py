"""The app's icons: drawn as SVG in ``resources/icons``, tinted and composed here.

Why SVG and code: one drawing serves 16 px tray icons and 256 px window icons on HiDPI screens alike;
line icons are drawn in black and tinted to the palette at run time, so the same file fits light and
dark themes (an icon given no colour takes the palette's icon foreground, :attr:`app.ui.theme.Colors.icon`,
so a menu icon reads on a dark menu as well as on a light one); the missed-call badge carries a live
count, so it is painted over the state icon.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

ICONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"
TRAY_SIZES = (16, 22, 24, 32, 48, 64)


class TrayState(StrEnum):
    """How well Ringdesk hears the providers: every account fine / some failing / none reachable."""

    CONNECTED = "connected"
    DEGRADED = "degraded"
    OFFLINE = "offline"


@cache
def _renderer(name: str) -> QSvgRenderer:
    data = (ICONS_DIR / f"{name}.svg").read_bytes()
    return QSvgRenderer(QByteArray(data))


def _ratio() -> float:
    screen = QGuiApplication.primaryScreen() if QGuiApplication.instance() else None
    return screen.devicePixelRatio() if screen is not None else 1.0


def pixmap(name: str, size: int, color: QColor | str | None = None, ratio: float | None = None) -> QPixmap:
    """``name``.svg at ``size`` device-independent pixels, sharp at the screen's pixel ratio, optionally tinted.

    Cached: a card uses a dozen icons and must appear within milliseconds of the ring.
    """
    tint = QColor(color).name(QColor.NameFormat.HexArgb) if color is not None else ""
    return QPixmap(_pixmap(name, size, tint, ratio or _ratio()))


@cache
def _pixmap(name: str, size: int, tint: str, ratio: float) -> QPixmap:
    image = QPixmap(round(size * ratio), round(size * ratio))
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _renderer(name).render(painter, QRectF(0, 0, image.width(), image.height()))
    if tint:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(image.rect(), QColor(tint))
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image


def foreground() -> str:
    """The line icons' colour in the application's palette now (≥ 3:1 on windows, menus and cards)."""
    from app.ui import theme

    return theme.colors().icon


def icon(name: str, color: QColor | str | None = None, size: int = 20) -> QIcon:
    """A :class:`QIcon` of ``name`` (tinted line icons for buttons and menus).

    ``color`` None: the palette's icon foreground (:func:`foreground`), read now — build menus and buttons
    after the palette is set, and again when it changes."""
    result = QIcon()
    result.addPixmap(pixmap(name, size, color if color is not None else foreground()))
    return result


def app_icon() -> QIcon:
    """The application's icon (window title bars, task switcher, about box)."""
    result = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        result.addPixmap(pixmap("app", size, ratio=1.0))
    return result
