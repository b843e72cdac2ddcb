"""One QMediaPlayer session: what is loaded, whether the user wants it playing, and what went wrong.

Why a QObject of its own, without widgets: the rules of driving QtMultimedia from Python are subtle enough
to keep in one place, away from buttons and downloads:

- ``stop``/``setSource`` run as queued slots (:mod:`app.ui.media`: a direct call can deadlock against
  FFmpeg's thread), so for a moment the player still shows the previous source. Every status and error is
  checked against the source last asked for and dropped when it belongs to an older one.
- The user's wish to play (:attr:`wants_play`) is kept apart from the player's state: pressing ▶ while a
  source loads, or while a partial download is being swapped for the next, is honoured once it can be.
  Only a pause, the end of a complete recording or a real failure drops it.
- A *partial* source (a download still running) that cannot be opened or runs dry is not a failure: the
  file may not have enough data yet, or may just have been renamed to its final name. It is reported as
  :attr:`partial_unreadable` / :attr:`ran_dry` for the download follower to act on, and the wish to play
  stays.
- A watchdog: without some system libraries QtMultimedia fails silently (no error signal, the media stays
  "loading" for ever, docs/pitfalls §5), so after :data:`LOAD_TIMEOUT_MS` :attr:`unavailable` is emitted.

The QMediaPlayer is created on first use: a history window that never plays never loads FFmpeg. Where Qt
Multimedia cannot load at all (:func:`app.ui.media.audio_available`: a missing ``libpulse0``), it is never
created: :meth:`MediaSession.load` emits :attr:`unavailable` instead, and nothing else happens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from app.ui import media

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

LOAD_TIMEOUT_MS = 10_000


def _player_class() -> type[QMediaPlayer]:
    """QMediaPlayer, for its enums: only asked where a player exists, so Qt Multimedia has loaded."""
    from PySide6.QtMultimedia import QMediaPlayer

    return QMediaPlayer


class MediaSession(QObject):
    """Loads sources into a QMediaPlayer and plays them when the user wants it; no widgets, no words."""

    position_changed = Signal(int)
    duration_changed = Signal(int)
    playing_changed = Signal(bool)
    loaded = Signal()  # the source last asked for is ready to play
    failed = Signal(str)  # a complete source cannot be played (Qt's description); the wish to play is dropped
    partial_unreadable = Signal()  # a partial source could not be opened (not enough data yet, or renamed)
    ran_dry = Signal()  # playback reached the end of a partial source; the wish to play stays
    unavailable = Signal()  # loading never finished: no working multimedia backend here

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player: QMediaPlayer | None = None
        self._audio: QAudioOutput | None = None
        self._expected = QUrl()  # the source last asked for (set_source is queued: see app.ui.media)
        self._partial = False  # the expected source is a download still running
        self._loading = False  # the expected source has not reported "loaded" yet
        self._wants_play = False
        self._pending_position: int | None = None  # where to continue once the expected source is loaded
        self._rate, self._volume, self._muted = 1.0, 0.8, False
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.setInterval(LOAD_TIMEOUT_MS)
        self._watchdog.timeout.connect(self._load_timed_out)

    @property
    def player(self) -> QMediaPlayer:
        """The QMediaPlayer, created (with its audio output and settings) on first use; ``ImportError`` where
        Qt Multimedia cannot load (callers check :attr:`available` first)."""
        if self._player is None:
            media.require_audio()
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

            self._player = QMediaPlayer(self)
            self._audio = QAudioOutput(self)
            self._player.setAudioOutput(self._audio)
            self._player.positionChanged.connect(self.position_changed.emit)  # qint64: no signal-to-signal
            self._player.durationChanged.connect(self.duration_changed.emit)
            self._player.playbackStateChanged.connect(self._on_playback_state)
            self._player.mediaStatusChanged.connect(self._on_media_status)
            self._player.errorOccurred.connect(self._on_error)
            self._apply_output()
        return self._player

    @property
    def available(self) -> bool:
        """Whether anything can play here (Qt Multimedia loads)."""
        return media.audio_available()

    # -- sources --------------------------------------------------------------------------------------
    def load(self, url: QUrl, *, play: bool | None = None, position: int | None = None, partial: bool = False) -> None:
        """Load ``url``; ``play`` None keeps the current wish to play. ``position`` is applied once loaded.
        Without Qt Multimedia: :attr:`unavailable` at once, nothing loaded."""
        if not self.available:
            self._wants_play = False
            self.unavailable.emit()
            return
        if play is not None:
            self._wants_play = play
        self._pending_position = position or 0  # until loaded, not the previous source's position
        self._partial, self._loading = partial, True
        if url == self._expected:
            media.set_source(self.player, QUrl())  # QMediaPlayer ignores a setSource to the source it has
        self._expected = url
        media.set_source(self.player, url)
        self._watchdog.start()

    def unload(self) -> None:
        """Nothing loaded, nothing wanted."""
        self._wants_play, self._pending_position, self._partial, self._loading = False, None, False, False
        self._expected = QUrl()
        self._watchdog.stop()
        if self._player is not None:
            media.stop(self._player)
            media.set_source(self._player, QUrl())

    # -- commands -------------------------------------------------------------------------------------
    def play(self) -> None:
        """Play now if the source allows, else as soon as it does (loaded, or the download went on)."""
        self._wants_play = True
        if self._player is None or not self._is_current():
            return
        status, statuses = self._player.mediaStatus(), _player_class().MediaStatus
        if status in (statuses.NoMedia, statuses.InvalidMedia, statuses.LoadingMedia):
            return
        if status == statuses.EndOfMedia:
            if self._partial:
                return  # caught up with the download: the follower goes on when there is more
            self._player.setPosition(0)
        self._player.play()

    def pause(self) -> None:
        self._wants_play = False
        if self._player is not None:
            self._player.pause()

    def seek(self, position: int) -> None:
        """Go to ``position`` now, or as soon as the source being loaded is ready."""
        if self._loading:
            self._pending_position = max(0, position)
        elif self._player is not None:
            self._player.setPosition(max(0, position))

    def set_rate(self, rate: float) -> None:
        self._rate = rate
        self._apply_output()

    def set_volume(self, volume: float, muted: bool) -> None:
        self._volume, self._muted = volume, muted
        self._apply_output()

    # -- state ----------------------------------------------------------------------------------------
    @property
    def wants_play(self) -> bool:
        return self._wants_play

    @property
    def is_playing(self) -> bool:
        if self._player is None:
            return False
        return self._player.playbackState() == _player_class().PlaybackState.PlayingState

    @property
    def position(self) -> int:
        """Where playback is, or where it will continue once the source being loaded is ready."""
        if self._pending_position is not None:
            return self._pending_position
        if self._player is None or self._expected.isEmpty():
            return 0
        return self._player.position()

    @property
    def duration(self) -> int:
        return self._player.duration() if self._player is not None else 0

    @property
    def source(self) -> QUrl:
        """The source last asked for (the player may still be switching to it)."""
        return self._expected

    # -- QMediaPlayer's signals -----------------------------------------------------------------------
    def _is_current(self) -> bool:
        return self._player is not None and not self._expected.isEmpty() and self._player.source() == self._expected

    def _apply_output(self) -> None:
        if self._player is None or self._audio is None:
            return
        self._player.setPlaybackRate(self._rate)
        self._audio.setVolume(self._volume)
        self._audio.setMuted(self._muted)

    def _on_playback_state(self, state: QMediaPlayer.PlaybackState) -> None:
        self.playing_changed.emit(state == _player_class().PlaybackState.PlayingState)

    def _on_media_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if not self._is_current():
            return  # the previous source, still winding down before the queued set_source runs
        statuses = _player_class().MediaStatus
        if status in (statuses.LoadedMedia, statuses.BufferedMedia, statuses.BufferingMedia) and self._loading:
            self._loading = False
            self._watchdog.stop()
            position, self._pending_position = self._pending_position, None
            if position:  # never seek to 0 on load: with Qt 6.11's FFmpeg backend, playback then stalls
                self.player.setPosition(position)
            if self._wants_play:
                self.player.play()
            self.loaded.emit()
        elif status == statuses.EndOfMedia:
            if self._partial:
                self.ran_dry.emit()
            else:
                self._wants_play = False
        elif status == statuses.InvalidMedia:
            self._loading = False
            self._watchdog.stop()
            if self._partial:
                self.partial_unreadable.emit()  # may come with an error too: the follower takes either

    def _on_error(self, error: QMediaPlayer.Error, text: str) -> None:
        if error == _player_class().Error.NoError or not self._is_current():
            return
        self._loading = False
        self._watchdog.stop()
        if self._partial:
            self.partial_unreadable.emit()
            return
        self._wants_play = False
        self.failed.emit(text or error.name)

    def _load_timed_out(self) -> None:
        if self._player is not None and self._player.mediaStatus() == _player_class().MediaStatus.LoadingMedia:
            self._wants_play = False
            self.unavailable.emit()
