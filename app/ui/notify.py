"""Missed-call notifications and the ring sound.

Why a native notification besides the card: the card closes after a few seconds and an agent away from
the desk misses it; the desktop's notification centre keeps the missed call until it is seen, and a
click on it opens that call in the history. On Linux it goes over D-Bus
(:mod:`app.desktop.notifications`); elsewhere, or with no notification daemon, through the tray icon's
balloon (``QSystemTrayIcon.showMessage``; offscreen and plain Xvfb have no tray, so nothing shows
there — the card and the history still do). Once connected, the notifier carries the tray's other
messages too (:meth:`MissedCallNotifier.message`; why: :mod:`app.ui.tray`).

The ring sound uses ``QMediaPlayer`` + ``QAudioOutput`` on a chosen output device (e.g. the headset),
not ``QSoundEffect``, which fails without a sound card (pitfalls §6). Where Qt Multimedia cannot load at
all (:mod:`app.ui.media`: a missing ``libpulse0``), a :class:`RingPlayer` stays silent and says why once in
the log; cards and notifications are unchanged.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from app.desktop.notifications import DesktopNotifications
from app.ui import media, plain

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioDevice, QAudioOutput, QMediaPlayer

log = logging.getLogger(__name__)
BALLOON_MS = 15_000


@dataclass(frozen=True, slots=True)
class AudioReport:
    backend: bool  # QtMultimedia found a backend (False without libxrandr2 / libpulse0: playback is silent)
    devices: list[str]  # output device descriptions
    default: str


def audio_report() -> AudioReport:
    """What can play sound here (used by ``ringdesk doctor`` and the settings' device list).
    ``ImportError`` with the loader's words where Qt Multimedia cannot load (:func:`app.ui.media.require_audio`)."""
    media.require_audio()
    from PySide6.QtMultimedia import QMediaDevices, QMediaPlayer

    _ = QCoreApplication.instance() or QCoreApplication([])
    devices = [device.description() for device in QMediaDevices.audioOutputs()]
    default = QMediaDevices.defaultAudioOutput()
    return AudioReport(QMediaPlayer().isAvailable(), devices, "" if default.isNull() else default.description())


def output_device(device_id: str) -> QAudioDevice:
    """The output whose id is ``device_id`` (bytes as hex), else the system default (Qt Multimedia loaded)."""
    from PySide6.QtMultimedia import QMediaDevices

    for device in QMediaDevices.audioOutputs():
        if bytes(device.id().data()).hex() == device_id:
            return device
    return QMediaDevices.defaultAudioOutput()


class RingPlayer(QObject):
    """Loops a ring sound on one output device until :meth:`stop` (answer, hang-up or card closed).

    Without Qt Multimedia (:attr:`available` False) every method does nothing: the ring is skipped."""

    playing_changed = Signal(bool)  # the media loads asynchronously: playing starts a moment after play()

    def __init__(self, sound: Path, device_id: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._output: QAudioOutput | None = None
        self._player: QMediaPlayer | None = None
        if not media.audio_available():
            log.warning("the ring sound is skipped: %s", media.audio_stack().error)
            return
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

        self._output = QAudioOutput(output_device(device_id), self)
        self._player = QMediaPlayer(self)
        self._player.playbackStateChanged.connect(
            lambda state: self.playing_changed.emit(state is QMediaPlayer.PlaybackState.PlayingState)
        )
        self._player.setAudioOutput(self._output)
        self._player.setLoops(QMediaPlayer.Loops.Infinite)
        self._player.setSource(QUrl.fromLocalFile(str(sound)))

    @property
    def available(self) -> bool:
        """Whether this player can make a sound at all."""
        return self._player is not None

    def set_device(self, device_id: str) -> None:
        if self._output is not None:
            self._output.setDevice(output_device(device_id))

    def play(self) -> None:
        if self._player is not None:
            self._player.play()

    def stop(self) -> None:
        if self._player is not None:
            media.stop(self._player)

    @property
    def playing(self) -> bool:
        if self._player is None:
            return False
        from PySide6.QtMultimedia import QMediaPlayer

        return self._player.playbackState() is QMediaPlayer.PlaybackState.PlayingState


class MissedCallNotifier(QObject):
    """Announces missed calls natively; ``open_call`` carries the call id the user clicked on."""

    open_call = Signal(str)

    def __init__(self, tray: QSystemTrayIcon | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tray = tray
        self._desktop: DesktopNotifications | None = None
        self._balloon_call = ""
        if tray is not None:
            tray.messageClicked.connect(self._on_balloon_clicked)

    async def start(self) -> None:
        """Connect to the desktop's notification daemon where there is one (Linux and other Unixes)."""
        if sys.platform.startswith("linux") or "bsd" in sys.platform:
            self._desktop = await DesktopNotifications.connect(self.open_call.emit)
        log.info(
            "missed-call notifications via %s",
            f"D-Bus ({self._desktop.server})" if self._desktop else "the tray balloon",
        )

    @property
    def native(self) -> bool:
        """Whether notifications reach the desktop's notification centre (else the tray balloon)."""
        return self._desktop is not None

    async def missed(self, call_id: str, number: str, name: str = "") -> None:
        """Tell the user a call was missed; a click opens ``call_id``."""
        title = self.tr("Missed call")
        # Plain text (the notifier escapes it for a daemon that reads markup); the name isolated, so that one
        # written right to left leaves the number after it in order.
        body = f"{plain.isolate(name)} · {number}" if name else number
        if self._desktop is not None:
            try:
                await self._desktop.notify(title, body, tag=call_id, open_label=self.tr("Open"))
                return
            except (OSError, RuntimeError, TimeoutError) as error:  # daemon went away: fall back for good
                log.warning("desktop notification failed, using the tray from now on: %s", error)
                await self.close()
        if self._tray is not None and QSystemTrayIcon.isSystemTrayAvailable():
            self._balloon_call = call_id
            self._tray.showMessage(title, body, QIcon.fromTheme("ringdesk", self._tray.icon()), BALLOON_MS)

    async def message(self, title: str, body: str, icon: str) -> bool:
        """Show a message (nothing to open) in the desktop's notification centre; ``body`` is plain text.

        False where that is not possible (no daemon, or it just went away): the caller shows it itself."""
        if self._desktop is None:
            return False
        try:
            await self._desktop.notify(title, body, icon=icon)
        except (OSError, RuntimeError, TimeoutError) as error:  # daemon went away: fall back for good
            log.warning("desktop notification failed, using the tray from now on: %s", error)
            await self.close()
            return False
        return True

    async def close(self) -> None:
        if self._desktop is not None:
            desktop, self._desktop = self._desktop, None
            await desktop.close()

    def _on_balloon_clicked(self) -> None:
        if self._balloon_call:
            self.open_call.emit(self._balloon_call)
