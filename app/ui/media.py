"""Driving QMediaPlayer safely from Python.

Why queued: ``stop()`` and ``setSource()`` wait for FFmpeg's worker threads to wind down, and PySide6 keeps
the GIL while Python calls them. A worker that is destroying an object with a Python wrapper needs the GIL
(shiboken's destructor hook), so a direct call can deadlock the whole app — caught in CI, with the main thread
in ``QMediaPlayer::stop`` and the worker in ``Shiboken::GilState::acquire``. Invoked as queued slots they run
from Qt's event loop, where the GIL is released, and the worker can finish.
"""

from __future__ import annotations

from PySide6.QtCore import Q_ARG, QMetaObject, Qt, QUrl
from PySide6.QtMultimedia import QMediaPlayer


def stop(player: QMediaPlayer) -> None:
    """Stop playback (on the next turn of the event loop)."""
    QMetaObject.invokeMethod(player, "stop", Qt.ConnectionType.QueuedConnection)


def set_source(player: QMediaPlayer, url: QUrl) -> None:
    """Load ``url`` (an empty URL unloads), after any queued ``stop``."""
    QMetaObject.invokeMethod(player, "setSource", Qt.ConnectionType.QueuedConnection, Q_ARG(QUrl, url))
