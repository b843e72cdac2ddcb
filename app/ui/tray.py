"""The tray icon — or, where the desktop has no tray, a small window offering the same.

Why a fallback: offscreen, plain Xvfb and some desktops (GNOME without the AppIndicator extension) have
no system tray (``isSystemTrayAvailable()`` is False, and ``showMessage`` silently does nothing). An
agent there must still see the state, dial, and quit, so a compact window takes the tray's place and
shows messages in a banner instead of balloons.

The menu is rebuilt each time it opens (``aboutToShow``), by the shell's ``populate`` callback: recent
calls, the clipboard's number and the modes are then always current, and nothing polls.

Why messages go to the desktop's notifications when the app has them: on a StatusNotifier tray (Plasma,
GNOME's AppIndicator extension, most Linux panels) Qt's ``showMessage`` is a desktop notification that Qt
sends with the text unescaped, and daemons that read body markup (GNOME Shell, Plasma, dunst, mako) then
took a provider's "<b>…</b>" or "<a href>" in a message for markup. So once the missed-call notifier is
connected to the daemon (:meth:`Tray.use_notifications`), messages go through it, escaped where the daemon
reads markup; the balloon stays for every other case (no daemon, Windows, macOS, an XEmbed tray).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QFontMetricsF,
    QIcon,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QMenu,
    QPushButton,
    QSystemTrayIcon,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import icons, plain, tasks, theme
from app.ui.icons import TrayState
from app.ui.messages import Level, Message

Populate = Callable[[QMenu], None]
BANNER_SECONDS = 8

# The missed-calls badge: a pill along the bottom edge, right-aligned, so the state's mark (top right) and
# colour stay in sight; white on a dark red (6.5:1) in a bold font as tall as the pill allows.
BADGE_FILL = QColor("#b91c1c")
BADGE_TEXT = QColor("#ffffff")
BADGE_HEIGHT = 0.56  # of the icon's side


# A message's icon in the desktop's notification centre (freedesktop icon names, as Qt's D-Bus tray uses).
NOTIFICATION_ICONS = {Level.INFO: "dialog-information", Level.WARNING: "dialog-warning", Level.ERROR: "dialog-error"}


class Notifier(Protocol):
    """The desktop's notification centre as the tray uses it (:class:`app.ui.notify.MissedCallNotifier`)."""

    @property
    def native(self) -> bool: ...

    async def message(self, title: str, body: str, icon: str) -> bool: ...


def badge_text(missed: int) -> str:
    return str(missed) if missed < 10 else "9+"


def badge_geometry(size: int, text: str) -> tuple[QRectF, QFont]:
    """Where the badge goes on a ``size``-pixel icon and the font of its ``text`` (the font fills the pill's
    height; the pill widens to the text, up to the icon's width)."""
    height = max(9.0, round(size * BADGE_HEIGHT))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(8, round(height - 1)))
    font.setHintingPreference(QFont.HintingPreference.PreferFullHinting)
    metrics = QFontMetricsF(font)
    while font.pixelSize() > 7 and metrics.horizontalAdvance(text) > size - 2:
        font.setPixelSize(font.pixelSize() - 1)
        metrics = QFontMetricsF(font)
    width = min(float(size), max(height, metrics.horizontalAdvance(text) + height * 0.4))
    return QRectF(size - width, size - height, width, height), font


def tray_pixmap(state: TrayState, missed: int, size: int) -> QPixmap:
    """The state icon with, when calls were missed, the badge drawn over its lower edge."""
    base = icons.pixmap(f"tray-{state.value}", size, ratio=1.0)
    if missed <= 0:
        return base
    text = badge_text(missed)
    rect, font = badge_geometry(size, text)
    painter = QPainter(base)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(BADGE_TEXT, max(1.0, size / 32)))
    painter.setBrush(BADGE_FILL)
    radius = rect.height() / 2
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
    painter.setFont(font)
    painter.setPen(BADGE_TEXT)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return base


def tray_icon(state: TrayState, missed: int = 0) -> QIcon:
    result = QIcon()
    for size in icons.TRAY_SIZES:
        result.addPixmap(tray_pixmap(state, missed, size))
    return result


class Tray(QObject):
    """The app's presence on the desktop: icon (state + missed badge), menu, messages."""

    dial_requested = Signal()  # the dial box (left click, the window's button or shortcut)
    history_requested = Signal()
    quit_requested = Signal()

    def __init__(self, populate: Populate, *, use_tray: bool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.populate = populate
        self.state = TrayState.OFFLINE
        self.detail = ""
        self.missed = 0
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self._rebuild_menu)
        available = QSystemTrayIcon.isSystemTrayAvailable() if use_tray is None else use_tray
        self.icon: QSystemTrayIcon | None = None
        self.window: FallbackWindow | None = None
        self.notifier: Notifier | None = None
        if available:
            self.icon = QSystemTrayIcon(self)
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._on_activated)
        else:
            self.window = FallbackWindow(self.menu)
            self.window.dial_button.clicked.connect(self.dial_requested.emit)
            self.window.history_button.clicked.connect(self.history_requested.emit)
            self.window.quit_requested.connect(self.quit_requested.emit)
        self._refresh()

    def show(self) -> None:
        if self.icon is not None:
            self.icon.show()
        if self.window is not None:
            self.window.show()

    def hide(self) -> None:
        if self.icon is not None:
            self.icon.hide()
        if self.window is not None:
            self.window.hide()

    def set_state(self, state: TrayState, detail: str = "") -> None:
        """Connected / degraded / offline, with sentences saying why (the tooltip and the window's status).
        Unchanged state repaints nothing (the health poll sets it every few seconds)."""
        if (state, detail) == (self.state, self.detail):
            return
        self.state, self.detail = state, detail
        self._refresh()

    def set_missed(self, count: int) -> None:
        self.missed = max(count, 0)
        self._refresh()

    def geometry(self) -> QRect | None:
        """Where the tray icon is (cards go to the nearest corner); None if unknown."""
        if self.icon is not None:
            rect = self.icon.geometry()
            return rect if rect.isValid() and not rect.isEmpty() else None
        return None

    def use_notifications(self, notifier: Notifier | None) -> None:
        """Tell messages through ``notifier`` while it reaches the desktop's notification centre (else the
        balloon or the window's banner, as before)."""
        self.notifier = notifier

    def show_message(self, message: Message) -> None:
        """A message sink for :func:`app.ui.messages.bridge`."""
        if self.icon is not None and self.notifier is not None and self.notifier.native:
            tasks.run(self._notify(self.notifier, message))
        else:
            self._show_here(message)

    async def _notify(self, notifier: Notifier, message: Message) -> None:
        title = message.title or "Ringdesk"
        if not await notifier.message(title, message.text, NOTIFICATION_ICONS[message.level]):
            self._show_here(message)  # the daemon went away: the balloon, as without one

    def _show_here(self, message: Message) -> None:
        """The balloon by the tray icon, or the fallback window's banner."""
        if self.icon is not None and QSystemTrayIcon.supportsMessages():
            kind = {
                Level.INFO: QSystemTrayIcon.MessageIcon.Information,
                Level.WARNING: QSystemTrayIcon.MessageIcon.Warning,
                Level.ERROR: QSystemTrayIcon.MessageIcon.Critical,
            }[message.level]
            self.icon.showMessage(message.title or "Ringdesk", message.text, kind, BANNER_SECONDS * 1000)
        elif self.window is not None:
            self.window.show_banner(message)

    def tooltip(self) -> str:
        words = {
            TrayState.CONNECTED: self.tr("Connected"),
            TrayState.DEGRADED: self.tr("Some accounts have problems"),
            TrayState.OFFLINE: self.tr("Offline"),
        }
        lines = [f"Ringdesk — {words[self.state]}"]
        if self.detail:
            lines.append(self.detail)
        if self.missed:
            lines.append(self.tr("%n missed call(s)", "", self.missed))
        return "\n".join(lines)

    def _refresh(self) -> None:
        icon = tray_icon(self.state, self.missed)
        if self.icon is not None:
            self.icon.setIcon(icon)
            self.icon.setToolTip(plain.tooltip(self.tooltip()))  # account names and providers' words
        if self.window is not None:
            self.window.set_status(icon, self.tooltip())

    def _rebuild_menu(self) -> None:
        self.menu.clear()
        self.populate(self.menu)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.dial_requested.emit()


class FallbackWindow(QWidget):
    """Stands in for the tray: state and missed calls, Call / History buttons, the tray's menu, messages."""

    quit_requested = Signal()

    def __init__(self, menu: QMenu) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle("Ringdesk")
        self.setWindowIcon(icons.app_icon())
        self.setMinimumWidth(320)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        head = QHBoxLayout()
        self.state_icon = QLabel(self)
        self.status = plain.label("", self)  # the state's reasons: account names, providers' words
        self.status.setWordWrap(True)
        more = QToolButton(self)
        more.setText("⋯")
        more.setToolTip(self.tr("Menu"))
        more.setMenu(menu)
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        head.addWidget(self.state_icon)
        head.addWidget(self.status, 1)
        head.addWidget(more)
        layout.addLayout(head)
        self.banner = plain.label("", self)  # messages quote callers and providers
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout.addWidget(self.banner)
        buttons = QHBoxLayout()
        self.dial_button = QPushButton(self.tr("Call a number…"), self)
        self.dial_button.setToolTip(self.tr("Ctrl+D"))
        self.history_button = QPushButton(self.tr("History"), self)
        self.history_button.setToolTip(self.tr("Ctrl+H"))
        buttons.addWidget(self.dial_button)
        buttons.addWidget(self.history_button)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+D"), self).activated.connect(self.dial_button.click)
        QShortcut(QKeySequence("Ctrl+H"), self).activated.connect(self.history_button.click)
        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.timeout.connect(self._hide_banner)
        self._banner_level = Level.INFO
        self.quitting = False
        self._palette_watch = theme.PaletteWatch()
        self._apply_palette()

    def set_status(self, icon: QIcon, text: str) -> None:
        self.state_icon.setPixmap(icon.pixmap(32, 32))
        self.status.setText(text)
        self.setWindowIcon(icon)
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow (or shrink) to the wrapped text: the state's reasons are one to several lines long.
        Not before the first show, which sizes the window itself (a resize then would fix Qt's default width)."""
        if not self.isVisible():
            return
        layout = self.layout()
        if layout is None:
            return
        _invalidate(layout)  # the label's new text has not reached the (nested) layouts' cached sizes yet
        height = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        height = max(height, layout.totalMinimumSize().height())
        if height != self.height():
            self.resize(self.width(), height)

    def show_banner(self, message: Message) -> None:
        self._banner_level = message.level
        self._style_banner(theme.colors(self))
        self.banner.setText(message.text)
        self.banner.show()
        self._fit_height()
        self._banner_timer.start(BANNER_SECONDS * 1000 if message.level is Level.INFO else 30_000)

    def _style_banner(self, c: theme.Colors) -> None:
        background, text = banner_colours(c, self._banner_level)
        self.banner.setStyleSheet(f"background: {background}; color: {text}; border-radius: 6px; padding: 6px;")

    def _apply_palette(self) -> None:
        """The buttons' icons and the banner's colours from the palette (again when it changes)."""
        palette = self.palette()
        if not self._palette_watch.changed(palette):
            return
        c = theme.colors(palette)
        self.dial_button.setIcon(icons.icon("dialpad", c.icon, 16))
        self.history_button.setIcon(icons.icon("history", c.icon, 16))
        self._style_banner(c)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the desktop switched to dark or back
            self._apply_palette()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height()  # text measured before the first show used unpolished fonts

    def _hide_banner(self) -> None:
        self.banner.hide()
        self._fit_height()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window quits (it *is* the app here; there is no tray to keep running in)."""
        if not self.quitting:
            self.quit_requested.emit()
        super().closeEvent(event)


def banner_colours(c: theme.Colors, level: Level) -> tuple[str, str]:
    """(background, text) of a message of ``level`` in the fallback window, for the palette's colours ``c``."""
    if level is Level.WARNING:
        return c.warning_bg, c.warning_text
    if level is Level.ERROR:
        background = theme.mix(c.window, c.error, 0.12)
        return background, theme.readable(c.error, background)
    return c.selection, c.selection_text


def _invalidate(layout: QLayout) -> None:
    layout.invalidate()
    for index in range(layout.count()):
        item = layout.itemAt(index)
        child = item.layout() if item is not None else None
        if child is not None:
            _invalidate(child)
