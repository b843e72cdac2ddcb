"""The recording player's widget: a compact strip for the history window and the call details.

Why these controls: supervisors listen to recordings to review calls, often many in a row and at speed.
Play/pause, a seek bar that jumps where it is clicked, ±10 s, 0.75×–2× speed, volume and "save as",
with the keyboard doing the same (space, ←, →) so a reviewer keeps a hand on the notes.

Where Qt Multimedia cannot load (a missing ``libpulse0``: :mod:`app.ui.media`), the player shows one
sentence saying so and what to install, instead of its controls, and every way of loading a source does
nothing: the history and its details work as before, only without sound.

What it does not do itself: QMediaPlayer is driven by :class:`~app.ui.player.session.MediaSession`
(queued source changes, the wish to play, the load watchdog) and a recording still downloading is fed to
it by :class:`~app.ui.player.follower.DownloadFollower`. This class turns their signals into controls and
words — every user-visible string of the player lives here, under the ``RecordingPlayer`` translation
context.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import Problem
from app.ui import formatting, media, plain
from app.ui.naming import named
from app.ui.player.follower import DownloadFollower
from app.ui.player.session import MediaSession
from app.ui.player.slider import SeekSlider
from app.ui.problems import problem_text

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QMediaPlayer

    from app.services.recordings import RecordingFetch

SKIP_MS = 10_000
SPEEDS = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0)


class RecordingPlayer(QWidget):
    """Plays one recording at a time from a local file, a download still running, or a URL."""

    playing_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordingPlayer")
        self.session = MediaSession(self)
        self.follower = DownloadFollower(self.session, self)
        self._file: Path | None = None  # the local file being played (or the partial one), when it is one
        self._offer: Callable[[], None] | None = None  # loads the offered recording on the first "play"
        self.source_key: object = None  # what the current (or offered) recording belongs to, e.g. a call
        self.playable = media.audio_available()  # False: a sentence instead of the controls, nothing loads
        self._build()
        self._connect()
        self.clear()
        if not self.playable:
            for widget in self._controls():
                widget.hide()

    # -- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        style = self.style()
        play_icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        self.play_button = named(self._tool(play_icon, self.tr("Play (Space)")), "playButton")
        self.back_button = self._tool(None, self.tr("Back 10 seconds (←)"), self.tr("−10 s"))
        self.forward_button = self._tool(None, self.tr("Forward 10 seconds (→)"), self.tr("+10 s"))
        self.position_label = named(QLabel(self), "playerTime")
        self.duration_label = named(QLabel(self), "playerTime")
        for label in (self.position_label, self.duration_label):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance("00:00:00"))
        self.seek = SeekSlider(self)
        self.seek.setToolTip(self.tr("Position"))
        self.seek.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.seek.setMinimumWidth(160)
        self.speed = QComboBox(self)
        self.speed.setToolTip(self.tr("Playback speed"))
        for rate in SPEEDS:
            self.speed.addItem(self.speed_text(rate), rate)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.mute_button = self._tool(style.standardIcon(QStyle.StandardPixmap.SP_MediaVolume), self.tr("Mute"))
        self.mute_button.setCheckable(True)
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setRange(0, 100)
        self.volume.setValue(80)
        self.volume.setFixedWidth(80)
        self.volume.setToolTip(self.tr("Volume"))
        self.save_button = self._tool(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton), self.tr("Save the recording as…")
        )
        # Quotes providers (an error body), FFmpeg (a file name, a URL) and paths: shown as written, never markup.
        self.status = named(plain.label("", self), "playerStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setWordWrap(True)
        font = self.status.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.status.setFont(font)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for widget in self._controls():
            row.addWidget(widget)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 6)
        outer.setSpacing(2)
        outer.addLayout(row)
        outer.addWidget(self.status)

    def _controls(self) -> tuple[QWidget, ...]:
        """The strip of controls, left to right (hidden as a whole where nothing can play)."""
        return (
            self.play_button,
            self.back_button,
            self.forward_button,
            self.position_label,
            self.seek,
            self.duration_label,
            self.speed,
            self.mute_button,
            self.volume,
            self.save_button,
        )

    def _tool(self, icon: QIcon | None, tip: str, text: str = "") -> QToolButton:
        button = QToolButton(self)
        if icon is not None:
            button.setIcon(icon)
        if text:
            button.setText(text)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    def _connect(self) -> None:
        self.play_button.clicked.connect(self.toggle)
        self.back_button.clicked.connect(lambda: self.skip(-SKIP_MS))
        self.forward_button.clicked.connect(lambda: self.skip(SKIP_MS))
        self.seek.sliderReleased.connect(lambda: self.session.seek(self.seek.value()))
        self.seek.sliderMoved.connect(self._show_position)
        self.speed.currentIndexChanged.connect(lambda _: self.session.set_rate(float(self.speed.currentData())))
        self.volume.valueChanged.connect(self.set_volume)
        self.mute_button.toggled.connect(lambda _: self._apply_volume())
        self.save_button.clicked.connect(self.ask_save_as)
        for key, slot in (
            (Qt.Key.Key_Space, self.toggle),
            (Qt.Key.Key_Left, lambda: self.skip(-SKIP_MS)),
            (Qt.Key.Key_Right, lambda: self.skip(SKIP_MS)),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        session = self.session
        session.position_changed.connect(self._on_position)
        session.duration_changed.connect(self._on_duration)
        session.playing_changed.connect(self._on_playing)
        session.loaded.connect(self._on_loaded)
        session.failed.connect(self._on_failed)
        session.unavailable.connect(self._on_unavailable)
        self.follower.progress.connect(self._show_download_progress)
        self.follower.completed.connect(self._download_completed)
        self.follower.failed.connect(self._download_failed)
        self._apply_volume()

    @property
    def player(self) -> QMediaPlayer:
        """The media player, created on first use (a history window that never plays never loads FFmpeg)."""
        return self.session.player

    def speed_text(self, rate: float) -> str:
        """``0.75×``, ``1×``, ``1,5×`` — the locale's decimal separator."""
        return self.tr("%1×").replace("%1", QLocale().toString(rate, "g", 3))

    # -- sources -----------------------------------------------------------------------------------
    def clear(self, message: str = "") -> None:
        """No recording: controls disabled, ``message`` (why) shown instead."""
        self.follower.stop()
        self.session.unload()
        self._offer = None
        self.source_key = None
        self._file = None
        self._on_duration(0)
        self._on_position(0)
        self._set_enabled(False)
        self.save_button.setEnabled(False)
        self.show_message(message)

    def offer(self, key: object, load: Callable[[], None], message: str = "") -> None:
        """A recording exists but is not fetched yet: "play" (button or Space) calls ``load`` first.

        Why not fetch at once: an agent arrowing through the history would download every recording passed.
        """
        self.clear(message)
        self.source_key = key
        if not self.playable:
            return
        self._offer = load
        self.play_button.setEnabled(True)

    def set_file(self, path: Path | str, *, autoplay: bool = False) -> None:
        """Play a complete local file."""
        if not self.playable:
            return
        self._file = Path(path)
        self._load(QUrl.fromLocalFile(str(self._file)), autoplay)
        self.save_button.setEnabled(True)

    def set_url(self, url: str, *, autoplay: bool = False) -> None:
        """Play straight from a URL (when no recordings service is available); nothing is cached."""
        if not self.playable:
            return
        self._file = None
        self._load(QUrl(url), autoplay)
        self.save_button.setEnabled(False)

    def follow(self, fetch: RecordingFetch, *, autoplay: bool = False) -> None:
        """Play a recording the recordings service is fetching: from its partial file once that has data,
        then from the final file at the same position. Safe to call before the first byte arrived."""
        if not self.playable:
            return
        done = fetch.done
        if done.done() and not done.cancelled() and done.exception() is None:
            self.set_file(done.result().path, autoplay=autoplay)
            return
        self.follower.stop()
        self.session.unload()
        if autoplay:
            self.session.play()  # nothing loaded yet: remembered until the partial file can be played
        self._offer = None
        self._file = fetch.partial_path
        self._set_enabled(True)
        self.save_button.setEnabled(False)
        self.follower.follow(fetch)
        self._show_download_progress()

    def _load(self, url: QUrl, autoplay: bool) -> None:
        self.follower.stop()
        self._offer = None
        self.show_message(self.tr("Loading…"))
        self._set_enabled(True)
        self.session.load(url, play=autoplay)

    def _download_completed(self, final: Path) -> None:
        self._file = final
        self.save_button.setEnabled(True)
        self.show_message(self.tr("Loading…"))

    def _download_failed(self, error: BaseException | None) -> None:
        self.session.unload()
        self._file = None
        self._set_enabled(False)
        self.show_message(self.failure_text(error))

    # -- commands ---------------------------------------------------------------------------------
    def play(self) -> None:
        if not self.playable:
            return
        if self._offer is not None:
            load, self._offer = self._offer, None
            load()
            return
        if self.session.source.isEmpty() and self.follower.fetch is None:
            return
        self.session.play()

    def pause(self) -> None:
        self.session.pause()

    def toggle(self) -> None:
        if self.is_playing or self.session.wants_play:
            self.pause()
        else:
            self.play()

    def skip(self, delta_ms: int) -> None:
        """Jump ``delta_ms`` (negative: back), kept inside the recording."""
        if self.session.source.isEmpty():
            return
        duration = self.session.duration
        target = max(0, self.session.position + delta_ms)
        if duration > 0:
            target = min(target, duration)
        self.session.seek(target)
        self._on_position(target)

    def set_rate(self, rate: float) -> None:
        """Playback speed, snapped to the offered steps (0.75× … 2×)."""
        nearest = min(SPEEDS, key=lambda s: abs(s - rate))
        self.speed.setCurrentIndex(SPEEDS.index(nearest))

    def set_volume(self, percent: int) -> None:
        if self.volume.value() != percent:
            self.volume.setValue(max(0, min(100, percent)))
        self._apply_volume()

    def _apply_volume(self) -> None:
        self.session.set_volume(self.volume.value() / 100, self.mute_button.isChecked())

    def ask_save_as(self) -> None:
        """Ask where to save (non-modal dialog: a nested event loop would stall the app's asyncio tasks)."""
        if self._file is None or self.follower.fetch is not None:
            return
        dialog = QFileDialog(self, self.tr("Save the recording"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(self._file.name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.save_to)
        dialog.open()

    def save_to(self, destination: str | Path) -> bool:
        """Copy the recording to ``destination``; a failure is said in the player, never raised."""
        if self._file is None:
            return False
        target = Path(destination)
        if not target.suffix and self._file.suffix:
            target = target.with_suffix(self._file.suffix)
        try:
            shutil.copyfile(self._file, target)
        except OSError as exc:
            self.show_message(self.tr("Could not save the recording: %1").replace("%1", exc.strerror or str(exc)))
            return False
        self.show_message(self.tr("Saved to %1").replace("%1", str(target)))
        return True

    def failure_text(self, error: BaseException | None) -> str:
        """Why a recording could not be fetched, in the user's words when the error has them."""
        return problem_text(error) if isinstance(error, Problem) else self.tr("The recording could not be fetched.")

    def show_message(self, text: str) -> None:
        """A line under the controls (loading, failures, where a file was saved); where nothing can play,
        always the sentence saying why."""
        if not self.playable:
            text = media.unavailable_text()
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def handle_key(self, event: QKeyEvent) -> bool:
        """Space / ← / → from a host widget (e.g. the history list); True when the key was used."""
        if not self.play_button.isEnabled() or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        actions = {
            Qt.Key.Key_Space: self.toggle,
            Qt.Key.Key_Left: lambda: self.skip(-SKIP_MS),
            Qt.Key.Key_Right: lambda: self.skip(SKIP_MS),
        }
        action = actions.get(Qt.Key(event.key()))
        if action is None:
            return False
        action()
        return True

    # -- state ------------------------------------------------------------------------------------
    @property
    def is_playing(self) -> bool:
        return self.session.is_playing

    @property
    def position_ms(self) -> int:
        return self.session.position

    @property
    def duration_ms(self) -> int:
        return self.session.duration

    @property
    def source_file(self) -> Path | None:
        return self._file

    def _set_enabled(self, enabled: bool) -> None:
        enabled = enabled and self.playable
        for widget in (self.play_button, self.back_button, self.forward_button, self.seek, self.speed):
            widget.setEnabled(enabled)

    def _on_position(self, position: int) -> None:
        if not self.seek.isSliderDown():
            self.seek.setValue(position)
            self._show_position(position)

    def _show_position(self, position: int) -> None:
        self.position_label.setText(formatting.duration_text(position / 1000))

    def _on_duration(self, duration: int) -> None:
        self.seek.setRange(0, max(0, duration))
        self.duration_label.setText(formatting.duration_text(duration / 1000) if duration > 0 else "")

    def _on_playing(self, playing: bool) -> None:
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setToolTip(self.tr("Pause (Space)") if playing else self.tr("Play (Space)"))
        self.playing_changed.emit(playing)

    def _on_loaded(self) -> None:
        if self.follower.fetch is None:
            self.show_message("")

    def _on_failed(self, text: str) -> None:
        self.show_message(self.tr("Cannot play this recording: %1").replace("%1", text))

    def _on_unavailable(self) -> None:
        self.show_message(
            self.tr(
                "Playback is not available on this system (the audio libraries may be "
                "missing). You can still save the recording."
            )
        )

    def _show_download_progress(self) -> None:
        fetch = self.follower.fetch
        if fetch is None:
            return
        progress = fetch.progress
        if fetch.received == 0:
            text = self.tr("Fetching the recording…")
        elif progress is None:
            text = self.tr("Downloading… %1 received").replace("%1", QLocale().formattedDataSize(fetch.received))
        else:
            text = self.tr("Downloading… %1 %").replace("%1", formatting.number_text(int(progress * 100)))
        if self.follower.caught_up:
            text = self.tr("Waiting for the rest of the recording…") + " " + text
        self.show_message(text)
