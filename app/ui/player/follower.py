"""Following a recording that is still downloading: which file the media session reads, and when.

Why this is its own part: the recordings service streams into a partial file that exists only once the
first bytes are written, and vanishes — renamed to its final name — the moment the download completes
(:mod:`app.services.recordings`). The player used to be pointed at the partial file as soon as it had bytes;
when the download finished before FFmpeg's thread got round to opening it, FFmpeg found no file ("Could not
open media … No such file or directory"), that error dropped the user's wish to play, and the final file
was then loaded paused: ▶ on a recording not yet downloaded sometimes did nothing.

The rules here:

- The partial file is loaded only once it holds data (the fetch's listener says when; no polling).
- A partial file that cannot be opened is a "not yet", never a failure: the wish to play stays, and the
  file is tried again once it holds twice as many bytes (too little to probe a format) — or, when it was
  renamed away, the completion that caused it follows at once and loads the final file.
- When playback catches up with the download (the decoder ran dry), it waits for the completion.
- On completion the final file is loaded at the same position, playing if the user wants it to;
  on failure :attr:`failed` carries the error for the player to say.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from app.ui.player.session import MediaSession

if TYPE_CHECKING:
    from app.core.models import Recording
    from app.services.recordings import RecordingFetch

PROGRESS_INTERVAL_MS = 200


class DownloadFollower(QObject):
    """Feeds a :class:`MediaSession` from a :class:`RecordingFetch`: partial file first, then the final one."""

    progress = Signal()  # the download moved on (at most every PROGRESS_INTERVAL_MS) or playback caught up
    completed = Signal(Path)  # the final file, now being loaded into the session
    failed = Signal(object)  # the error that stopped the download (None: cancelled)

    def __init__(self, session: MediaSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._fetch: RecordingFetch | None = None
        self._unlisten: Callable[[], None] | None = None
        self._waiting = True  # no readable partial file is loaded: load one when there is data
        self._tried_at = 0  # bytes the partial file held when it was last loaded
        self._caught_up = False
        self._timer = QTimer(self)
        self._timer.setInterval(PROGRESS_INTERVAL_MS)
        self._timer.timeout.connect(self.progress)
        session.partial_unreadable.connect(self._partial_unreadable)
        session.ran_dry.connect(self._ran_dry)

    def follow(self, fetch: RecordingFetch) -> None:
        """Start following ``fetch`` (its outcome, even one already there, arrives through ``done``)."""
        self.stop()
        self._fetch = fetch
        self._unlisten = fetch.listen(self._fetch_changed)
        fetch.done.add_done_callback(self._fetch_done)
        self._timer.start()
        self._fetch_changed()

    def stop(self) -> None:
        """Follow nothing (the session is left as it is)."""
        self._timer.stop()
        fetch, self._fetch = self._fetch, None
        if fetch is not None:
            fetch.done.remove_done_callback(self._fetch_done)
        if self._unlisten is not None:
            self._unlisten()
            self._unlisten = None
        self._waiting, self._tried_at, self._caught_up = True, 0, False

    @property
    def fetch(self) -> RecordingFetch | None:
        """The download being followed, until it ends."""
        return self._fetch

    @property
    def caught_up(self) -> bool:
        """Playback reached the end of the partial file and waits for the rest."""
        return self._caught_up

    def _alive(self) -> bool:
        """False once Qt deleted this object or its session (a closed window): the fetch may outlive both."""
        return shiboken6.isValid(self) and shiboken6.isValid(self._session)

    def _fetch_changed(self) -> None:
        fetch = self._fetch
        if fetch is None or fetch.done.done() or not self._alive():
            return  # the outcome arrives through _fetch_done
        if fetch.received < self._tried_at:
            self._tried_at = 0  # a retry started the file again
        if self._waiting and fetch.received > 0 and fetch.received >= 2 * self._tried_at:
            self._waiting, self._tried_at = False, fetch.received
            url = QUrl.fromLocalFile(str(fetch.partial_path))
            self._session.load(url, position=self._session.position, partial=True)

    def _partial_unreadable(self) -> None:
        fetch = self._fetch
        if fetch is None or fetch.done.done():
            return  # renamed away (or deleted) because the fetch ended: _fetch_done is on its way
        self._waiting = True
        self._tried_at = max(self._tried_at, fetch.received)

    def _ran_dry(self) -> None:
        if self._fetch is not None:
            self._caught_up = True
            self.progress.emit()

    def _fetch_done(self, done: asyncio.Future[Recording]) -> None:
        fetch = self._fetch
        if fetch is None or done is not fetch.done or not self._alive():
            return
        position = self._session.position
        self.stop()
        if done.cancelled():
            self.failed.emit(None)
        elif done.exception() is not None:
            self.failed.emit(done.exception())
        else:
            final = Path(done.result().path)
            self._session.load(QUrl.fromLocalFile(str(final)), position=position)
            self.completed.emit(final)
