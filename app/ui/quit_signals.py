"""Ctrl+C and SIGTERM quit the desktop app cleanly (the receiver stops, the store closes, the tray goes).

Why not ``signal.signal`` alone: Python runs its signal handlers only when the interpreter gets control,
and a Qt event loop waiting in C++ never gives it back — so Ctrl+C did nothing, even twice. The C-level
handler still writes the signal's number to the file descriptor given to :func:`signal.set_wakeup_fd`; a
:class:`QSocketNotifier` on the other end of a socket pair wakes Qt, and the slot tells the app to quit.
A second signal while quitting ends the process at once (something hangs: the user asked twice).
"""

from __future__ import annotations

import logging
import os
import signal
import socket
from collections.abc import Iterable

from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)

QUIT_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class QuitSignals(QObject):
    """Emits :attr:`quit_requested` on SIGINT / SIGTERM; :meth:`close` puts the previous handlers back."""

    quit_requested = Signal(int)  # the signal's number

    def __init__(self, signals: Iterable[signal.Signals] = QUIT_SIGNALS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {number: signal.signal(number, _ignore_here) for number in signals}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self.received = 0

    def _drain(self) -> None:
        try:
            numbers = self._reader.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        for number in numbers:
            self.received += 1
            if self.received > 1:
                log.warning("signal %d again while quitting: exiting now", number)
                os._exit(128 + number)
            log.info("signal %d: quitting", number)
            self.quit_requested.emit(number)

    def close(self) -> None:
        self._notifier.setEnabled(False)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()


def _ignore_here(signum: int, frame: object) -> None:
    """The Python-level handler: nothing (the wake-up byte does the work; KeyboardInterrupt must not be
    raised inside a Qt slot)."""
