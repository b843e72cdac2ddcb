"""The one door to Qt Multimedia: whether it loads here (and why not), and driving QMediaPlayer safely.

Why one probe, imported lazily: Qt Multimedia links system audio libraries that a bare machine may lack.
Without ``libpulse0``, ``import PySide6.QtMultimedia`` raises ``ImportError: libpulse.so.0: cannot open
shared object file``, and a module importing it at its top took the whole app down with "an unexpected
error happened (a bug)" — cards, history and click-to-call included, which need no sound at all. So no
module imports Qt Multimedia at its top: they ask :func:`audio_available` (or :func:`require_audio`)
first and import it inside the function that needs it. Without it the recordings player shows
:func:`unavailable_text` instead of its controls, the ring sound is skipped, and Settings and
``ringdesk doctor`` name the missing package.
The import is tried once per process (:func:`audio_stack` is cached): a library installed meanwhile
needs a restart, as any shared library does.

Why queued (:func:`stop`, :func:`set_source`): ``stop()`` and ``setSource()`` wait for FFmpeg's worker
threads to wind down, and PySide6 keeps the GIL while Python calls them. A worker that is destroying an
object with a Python wrapper needs the GIL (shiboken's destructor hook), so a direct call can deadlock the
whole app — caught in CI, with the main thread in ``QMediaPlayer::stop`` and the worker in
``Shiboken::GilState::acquire``. Invoked as queued slots they run from Qt's event loop, where the GIL is
released, and the worker can finish.
"""

from __future__ import annotations

import functools
import importlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Q_ARG, QCoreApplication, QMetaObject, Qt, QUrl

from app.desktop.system_packages import MissingLibrary, missing_library
from app.ui.qt_log_rules import quiet_multimedia

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QMediaPlayer

log = logging.getLogger(__name__)
MODULE = "PySide6.QtMultimedia"


@dataclass(frozen=True, slots=True)
class AudioStack:
    """What the probe found: ``error`` is the import's error text, empty when Qt Multimedia loaded."""

    error: str = ""
    missing: MissingLibrary | None = None

    @property
    def available(self) -> bool:
        return not self.error


@functools.cache
def audio_stack() -> AudioStack:
    """Try to import Qt Multimedia, once; never raises. Its probes for optional libraries (PipeWire, VA-API)
    are quietened first (:mod:`app.ui.qt_log_rules`): the import happens whenever sound is first needed,
    e.g. in the middle of a test whose Qt warnings fail it, not only at start."""
    quiet_multimedia()
    try:
        importlib.import_module(MODULE)
    except ImportError as exc:  # a missing shared library is an ImportError (dlopen failed)
        stack = AudioStack(str(exc) or type(exc).__name__, missing_library(str(exc)))
        log.warning("sound is off: Qt Multimedia cannot be loaded (%s)", stack.error)
        return stack
    return AudioStack()


def audio_available() -> bool:
    """Whether recordings and the ring sound can play here at all."""
    return audio_stack().available


def require_audio() -> None:
    """``ImportError`` (with the loader's words) where Qt Multimedia cannot load; else nothing."""
    stack = audio_stack()
    if not stack.available:
        raise ImportError(stack.error, name=MODULE)


def unavailable_text() -> str:
    """Why nothing can play here, and what to install, in the user's language ("" when sound works)."""
    stack = audio_stack()
    if stack.available:
        return ""
    missing = stack.missing
    if missing is not None and missing.packages:
        return (
            QCoreApplication.translate(
                "Audio",
                "Recordings cannot be played and the ring sound is off: the system library %1 is missing. "
                "Install %2 and start Ringdesk again.",
            )
            .replace("%1", missing.name)
            .replace("%2", missing.packages_text())
        )
    if missing is not None:
        return QCoreApplication.translate(
            "Audio",
            "Recordings cannot be played and the ring sound is off: the system library %1 is missing. "
            "Install the package that provides it and start Ringdesk again.",
        ).replace("%1", missing.name)
    return QCoreApplication.translate(
        "Audio", "Recordings cannot be played and the ring sound is off: Qt Multimedia cannot be loaded (%1)."
    ).replace("%1", stack.error)


def stop(player: QMediaPlayer) -> None:
    """Stop playback (on the next turn of the event loop)."""
    QMetaObject.invokeMethod(player, "stop", Qt.ConnectionType.QueuedConnection)


def set_source(player: QMediaPlayer, url: QUrl) -> None:
    """Load ``url`` (an empty URL unloads), after any queued ``stop``."""
    QMetaObject.invokeMethod(player, "setSource", Qt.ConnectionType.QueuedConnection, Q_ARG(QUrl, url))
