"""The recording player: a compact strip for the history window and the call details.

Why these controls: supervisors listen to recordings to review calls, often many in a row and at speed.
Play/pause, a seek bar that jumps where it is clicked, ±10 s, 0.75×–2× speed, volume and "save as",
with the keyboard doing the same (space, ←, →) so a reviewer keeps a hand on the notes.

Why it follows a download instead of waiting for it: the recordings service streams a recording into a
partial file; playback starts as soon as its first bytes are there. If playback catches up with the
download (the decoder sees the end of the partial file before the real end), the player waits and goes
on from the same position once the file is complete; when the download finishes the player moves to the
final file at the same position, so a long recording on a slow link never has to be waited for.

Why a watchdog: without some system libraries QtMultimedia fails silently (no error signal, the media
stays "loading" for ever, see docs/pitfalls §5). After :data:`LOAD_TIMEOUT_MS` the player says it cannot
play here instead of spinning. With no audio device it still plays against the wall clock (§6).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import Problem
from app.ui import formatting, media
from app.ui.problems import problem_text

if TYPE_CHECKING:
    from app.services.recordings import RecordingFetch, RecordingService

SKIP_MS = 10_000
SPEEDS = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
LOAD_TIMEOUT_MS = 10_000
PROGRESS_INTERVAL_MS = 200


class SeekSlider(QSlider):
    """A horizontal slider that jumps to where it is clicked (the style's default pages by a step)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.maximum() > self.minimum():
            option = QStyleOptionSlider()
            self.initStyleOption(option)
            handle = self.style().subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
            )
            if not handle.contains(event.position().toPoint()):
                span = max(1, self.width() - handle.width())
                x = int(event.position().x()) - handle.width() // 2
                value = QStyle.sliderValueFromPosition(self.minimum(), self.maximum(), x, span)
                self.setValue(value)
                self.sliderMoved.emit(value)
                self.sliderReleased.emit()
        super().mousePressEvent(event)


class RecordingPlayer(QWidget):
    """Plays one recording at a time from a local file, a partial download, or a URL."""

    playing_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordingPlayer")
        self._expected_source = QUrl()  # what the last _load asked for (loads are queued: see app.ui.media)
        self._media: QMediaPlayer | None = None  # created on first use: loading FFmpeg costs time and memory
        self._audio: QAudioOutput | None = None
        self._file: Path | None = None  # the local file being played, when it is one
        self._fetch: RecordingFetch | None = None  # the download being followed, while it runs
        self._pending_position: int | None = None  # where to continue once the (new) source is loaded
        self._pending_play = False
        self._stalled = False  # playback reached the end of a partial file: wait for the download
        self._offer: Callable[[], None] | None = None  # loads the offered recording on the first "play"
        self.source_key: object = None  # what the current (or offered) recording belongs to, e.g. a call
        self._watchdog = QTimer(self, singleShot=True, interval=LOAD_TIMEOUT_MS, timeout=self._load_timed_out)
        self._progress = QTimer(self, interval=PROGRESS_INTERVAL_MS, timeout=self._show_download_progress)
        self._build()
        self._connect()
        self.clear()

    # -- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        style = self.style()
        self.play_button = self._tool(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay), self.tr("Play (Space)"))
        self.play_button.setObjectName("playButton")
        self.back_button = self._tool(None, self.tr("Back 10 seconds (←)"), self.tr("−10 s"))
        self.forward_button = self._tool(None, self.tr("Forward 10 seconds (→)"), self.tr("+10 s"))
        self.position_label = QLabel(objectName="playerTime")
        self.duration_label = QLabel(objectName="playerTime")
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
        self.status = QLabel(self, objectName="playerStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setWordWrap(True)
        font = self.status.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.status.setFont(font)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for widget in (
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
        ):
            row.addWidget(widget)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 6)
        outer.setSpacing(2)
        outer.addLayout(row)
        outer.addWidget(self.status)

    def _tool(self, icon: Any, tip: str, text: str = "") -> QToolButton:
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
        self.seek.sliderReleased.connect(lambda: self.player.setPosition(self.seek.value()))
        self.seek.sliderMoved.connect(self._show_position)
        self.speed.currentIndexChanged.connect(lambda _: self._apply_output_settings())
        self.volume.valueChanged.connect(self.set_volume)
        self.mute_button.toggled.connect(lambda _: self._apply_output_settings())
        self.save_button.clicked.connect(self.ask_save_as)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in (
            (Qt.Key.Key_Space, self.toggle),
            (Qt.Key.Key_Left, lambda: self.skip(-SKIP_MS)),
            (Qt.Key.Key_Right, lambda: self.skip(SKIP_MS)),
        ):
            shortcut = QShortcut(QKeySequence(key), self, context=context)
            shortcut.activated.connect(slot)

    @property
    def player(self) -> QMediaPlayer:
        """The media player, created on first use (a history window that never plays never loads FFmpeg)."""
        if self._media is None:
            self._media = QMediaPlayer(self)
            self._audio = QAudioOutput(self)
            self._media.setAudioOutput(self._audio)
            self._media.positionChanged.connect(self._on_position)
            self._media.durationChanged.connect(self._on_duration)
            self._media.playbackStateChanged.connect(self._on_playback_state)
            self._media.mediaStatusChanged.connect(self._on_media_status)
            self._media.errorOccurred.connect(self._on_error)
            self._apply_output_settings()
        return self._media

    def _apply_output_settings(self) -> None:
        """Speed, volume and mute as the controls show them (kept in the widgets until a player exists)."""
        if self._media is None or self._audio is None:
            return
        self._media.setPlaybackRate(float(self.speed.currentData()))
        self._audio.setVolume(self.volume.value() / 100)
        self._audio.setMuted(self.mute_button.isChecked())

    def speed_text(self, rate: float) -> str:
        """``0.75×``, ``1×``, ``1,5×`` — the locale's decimal separator."""
        return self.tr("%1×").replace("%1", QLocale().toString(rate, "g", 3))

    # -- sources -----------------------------------------------------------------------------------
    def clear(self, message: str = "") -> None:
        """No recording: controls disabled, ``message`` (why) shown instead."""
        self._stop_following()
        self._offer = None
        self.source_key = None
        self._file = None
        if self._media is not None:
            media.stop(self._media)
            media.set_source(self._media, QUrl())
        self._pending_position, self._pending_play, self._stalled = None, False, False
        self._on_duration(0)
        self._on_position(0)
        self._set_enabled(False)
        self.save_button.setEnabled(False)
        self.status.setText(message)
        self.status.setVisible(bool(message))

    def offer(self, key: object, load: Callable[[], None], message: str = "") -> None:
        """A recording exists but is not fetched yet: "play" (button or Space) calls ``load`` first.

        Why not fetch at once: an agent arrowing through the history would download every recording passed.
        """
        self.clear(message)
        self.source_key = key
        self._offer = load
        self.play_button.setEnabled(True)

    def set_file(self, path: Path | str, *, autoplay: bool = False) -> None:
        """Play a complete local file."""
        self._stop_following()
        self._offer = None
        self._file = Path(path)
        self._load(QUrl.fromLocalFile(str(self._file)), autoplay=autoplay)
        self.save_button.setEnabled(True)

    def set_url(self, url: str, *, autoplay: bool = False) -> None:
        """Play straight from a URL (when no recordings service is available); nothing is cached."""
        self._stop_following()
        self._offer = None
        self._file = None
        self._load(QUrl(url), autoplay=autoplay)
        self.save_button.setEnabled(False)

    def follow(self, fetch: RecordingFetch, *, autoplay: bool = False) -> None:
        """Play a recording the recordings service is fetching: from the partial file, then the final one.

        Call once ``fetch.ready`` is set (the partial file has its first bytes) or the fetch is done.
        """
        self._stop_following()
        self._offer = None
        if fetch.done.done() and not fetch.done.cancelled() and fetch.done.exception() is None:
            self.set_file(fetch.done.result().path, autoplay=autoplay)
            return
        self._fetch = fetch
        self._file = fetch.partial_path
        self._load(QUrl.fromLocalFile(str(fetch.partial_path)), autoplay=autoplay)
        self.save_button.setEnabled(False)
        self._progress.start()
        self._show_download_progress()
        fetch.done.add_done_callback(self._download_finished)

    def _stop_following(self) -> None:
        self._progress.stop()
        if self._fetch is not None:
            self._fetch.done.remove_done_callback(self._download_finished)
            self._fetch = None

    def _load(self, url: QUrl, *, autoplay: bool, position: int | None = None) -> None:
        self._pending_play = autoplay
        self._pending_position = position
        self._stalled = False
        self._expected_source = url
        self.status.setText(self.tr("Loading…"))
        self.status.setVisible(True)
        self._set_enabled(True)
        media.set_source(self.player, url)
        self._watchdog.start()

    def _download_finished(self, done: Any) -> None:
        """The download ended: continue from the final file at the same place, or say why it failed."""
        fetch, self._fetch = self._fetch, None
        self._progress.stop()
        if fetch is None or done.cancelled():
            return
        error = done.exception()
        if error is not None:
            media.stop(self.player)
            self._set_enabled(False)
            self.show_message(self.failure_text(error))
            return
        resume = self._stalled or self.is_playing or self._pending_play
        position = self.player.position()
        self._file = Path(done.result().path)
        self._load(QUrl.fromLocalFile(str(self._file)), autoplay=resume, position=position)
        self.save_button.setEnabled(True)

    # -- commands ---------------------------------------------------------------------------------
    def play(self) -> None:
        if self._offer is not None:
            load, self._offer = self._offer, None
            load()
            return
        if self._media is None:
            return
        if self.player.mediaStatus() in (QMediaPlayer.MediaStatus.NoMedia, QMediaPlayer.MediaStatus.InvalidMedia):
            return
        if self.player.mediaStatus() == QMediaPlayer.MediaStatus.LoadingMedia:
            self._pending_play = True
            return
        if self.player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia and not self._stalled:
            self.player.setPosition(0)
        self.player.play()

    def pause(self) -> None:
        self._pending_play = False
        if self._media is not None:
            self._media.pause()

    def toggle(self) -> None:
        if self.is_playing or self._pending_play:
            self.pause()
        else:
            self.play()

    def skip(self, delta_ms: int) -> None:
        """Jump ``delta_ms`` (negative: back), kept inside the recording."""
        if self._media is None:
            return
        duration = self.player.duration()
        target = max(0, self.player.position() + delta_ms)
        if duration > 0:
            target = min(target, duration)
        self.player.setPosition(target)
        self._show_position(target)

    def set_rate(self, rate: float) -> None:
        """Playback speed, snapped to the offered steps (0.75× … 2×)."""
        nearest = min(SPEEDS, key=lambda s: abs(s - rate))
        self.speed.setCurrentIndex(SPEEDS.index(nearest))

    def set_volume(self, percent: int) -> None:
        if self.volume.value() != percent:
            self.volume.setValue(max(0, min(100, percent)))
        self._apply_output_settings()

    def ask_save_as(self) -> None:
        """Ask where to save (non-modal dialog: a nested event loop would stall the app's asyncio tasks)."""
        if self._file is None or self._fetch is not None:
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
            self.status.setText(self.tr("Could not save the recording: %1").replace("%1", exc.strerror or str(exc)))
            self.status.setVisible(True)
            return False
        self.status.setText(self.tr("Saved to %1").replace("%1", str(target)))
        self.status.setVisible(True)
        return True

    def failure_text(self, error: BaseException | None) -> str:
        """Why a recording could not be fetched, in the user's words when the error has them."""
        return problem_text(error) if isinstance(error, Problem) else self.tr("The recording could not be fetched.")

    def show_message(self, text: str) -> None:
        """A line under the controls (loading, failures, where a file was saved)."""
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
        return self._media is not None and self._media.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    @property
    def position_ms(self) -> int:
        return self._media.position() if self._media is not None else 0

    @property
    def duration_ms(self) -> int:
        return self._media.duration() if self._media is not None else 0

    @property
    def source_file(self) -> Path | None:
        return self._file

    def _set_enabled(self, enabled: bool) -> None:
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

    def _on_playback_state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setToolTip(self.tr("Pause (Space)") if playing else self.tr("Play (Space)"))
        self.playing_changed.emit(playing)

    def _on_media_status(self, status: QMediaPlayer.MediaStatus) -> None:
        loaded = (
            QMediaPlayer.MediaStatus.LoadedMedia,
            QMediaPlayer.MediaStatus.BufferedMedia,
            QMediaPlayer.MediaStatus.BufferingMedia,
        )
        if status in loaded:
            if self.player.source() != self._expected_source:
                return  # the previous source, still winding down before the queued set_source runs
            self._watchdog.stop()
            if self._fetch is None and not self._stalled:
                self.status.setVisible(False)
            position, self._pending_position = self._pending_position, None
            if position:  # never seek to 0 on load: with Qt 6.11's FFmpeg backend, playback then stalls
                self.player.setPosition(position)
            if self._pending_play:
                self._pending_play = False
                self.player.play()
        elif status == QMediaPlayer.MediaStatus.EndOfMedia and self._fetch is not None:
            self._stalled = True  # caught up with the download: go on when it completes
            self.status.setText(self.tr("Waiting for the rest of the recording…"))
            self.status.setVisible(True)
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._watchdog.stop()

    def _on_error(self, error: QMediaPlayer.Error, text: str) -> None:
        if error == QMediaPlayer.Error.NoError:
            return
        self._watchdog.stop()
        self._pending_play = False
        self.status.setText(self.tr("Cannot play this recording: %1").replace("%1", text or error.name))
        self.status.setVisible(True)

    def _load_timed_out(self) -> None:
        if self.player.mediaStatus() == QMediaPlayer.MediaStatus.LoadingMedia:
            self._pending_play = False
            self.status.setText(
                self.tr(
                    "Playback is not available on this system (the audio libraries may be "
                    "missing). You can still save the recording."
                )
            )
            self.status.setVisible(True)

    def _show_download_progress(self) -> None:
        fetch = self._fetch
        if fetch is None:
            return
        progress = fetch.progress
        if progress is None:
            text = self.tr("Downloading… %1 received").replace("%1", _size_text(fetch.received))
        else:
            text = self.tr("Downloading… %1 %").replace("%1", formatting.number_text(int(progress * 100)))
        if self._stalled:
            text = self.tr("Waiting for the rest of the recording…") + " " + text
        self.status.setText(text)
        self.status.setVisible(True)


def _size_text(size: int) -> str:
    return QLocale().formattedDataSize(size)


def offer_call_recording(
    player: RecordingPlayer, recordings: RecordingService | None, account: str, call_id: str, url: str
) -> None:
    """Prepare ``player`` for a call's recording, fetched (through the cache) when the user presses play.

    With the recordings service the file is cached and played while it downloads; without one (no runtime,
    e.g. screenshots) the player streams the provider's link directly.
    """
    key = (account, call_id)

    def load() -> None:
        if recordings is None:
            player.set_url(url, autoplay=True)
            return
        try:
            fetch = recordings.fetch(account, call_id)
        except Problem as problem:
            player.clear(problem_text(problem))
            return
        player.show_message(QCoreApplication.translate("RecordingPlayer", "Fetching the recording…"))
        from app.ui import tasks

        tasks.run(_play_when_ready(player, key, fetch))

    player.offer(key, load, QCoreApplication.translate("RecordingPlayer", "Press Space or ▶ to play the recording."))


async def _play_when_ready(player: RecordingPlayer, key: object, fetch: RecordingFetch) -> None:
    """Start playback once the partial file has bytes (or the fetch ended), unless the user moved on."""
    import asyncio

    ready = asyncio.ensure_future(fetch.ready.wait())
    await asyncio.wait({ready, fetch.done}, return_when=asyncio.FIRST_COMPLETED)
    ready.cancel()
    if player.source_key != key:
        return
    failed = fetch.done.done() and (fetch.done.cancelled() or fetch.done.exception() is not None)
    if failed:
        player.clear(player.failure_text(None if fetch.done.cancelled() else fetch.done.exception()))
        return
    player.follow(fetch, autoplay=True)
