"""One path for everything the app tells the user, and the crash dialog for everything it should not.

Why one path (the qutebrowser way): a message can be raised anywhere — a provider refusing a call, the
keyring missing, a failed download — often before any window exists or while no tray is available.
:func:`bridge` queues messages until the shell attaches a sink (the tray's balloon or the fallback
window's banner), so nothing is lost and no layer needs to know how messages are shown.

Environment problems (:class:`~app.core.errors.Problem`: bad token, provider down, disk full) are
messages. Anything else is a bug: :func:`install_excepthook` logs it with its traceback and shows a
non-modal crash dialog (never ``exec()``: a nested event loop would stall the asyncio tasks).
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import TracebackType

from app.core.errors import Problem
from app.ui.problems import problem_text

log = logging.getLogger(__name__)


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Message:
    level: Level
    text: str
    title: str = ""


Sink = Callable[[Message], None]


class MessageBridge:
    """Delivers messages to the attached sink, or keeps them until one is attached."""

    def __init__(self) -> None:
        self._sink: Sink | None = None
        self.pending: list[Message] = []

    def attach(self, sink: Sink) -> None:
        """Show messages through ``sink`` from now on, starting with those that waited."""
        self._sink = sink
        waiting, self.pending = self.pending, []
        for message in waiting:
            self._deliver(message)

    def detach(self) -> None:
        self._sink = None

    def show(self, message: Message) -> None:
        log.log(logging.WARNING if message.level is Level.ERROR else logging.INFO, "message: %s", message.text)
        if self._sink is None:
            self.pending.append(message)
        else:
            self._deliver(message)

    def info(self, text: str, title: str = "") -> None:
        self.show(Message(Level.INFO, text, title))

    def warning(self, text: str, title: str = "") -> None:
        self.show(Message(Level.WARNING, text, title))

    def error(self, text: str, title: str = "") -> None:
        self.show(Message(Level.ERROR, text, title))

    def problem(self, problem: Problem, title: str = "") -> None:
        """An environment problem, in the words its class chose for the user."""
        self.error(problem_text(problem), title)

    def _deliver(self, message: Message) -> None:
        assert self._sink is not None
        try:
            self._sink(message)
        except Exception:  # a broken sink must not turn a message into a crash loop
            log.exception("could not show message %r", message.text)


_bridge = MessageBridge()


def bridge() -> MessageBridge:
    """The application's message bridge."""
    return _bridge


# --- bugs ---------------------------------------------------------------------------------------------
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def install_excepthook(log_file: Path | None = None) -> ExceptHook:
    """Route uncaught exceptions: problems become messages, bugs get logged and a crash dialog.

    Returns the previous hook so tests (and shutdown) can restore it.
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, Problem):
            bridge().problem(exc)
            return
        if isinstance(exc, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        log.critical("unexpected error", exc_info=(kind, exc, tb))
        details = "".join(traceback.format_exception(kind, exc, tb))
        if not show_crash_dialog(details, log_file):
            previous(kind, exc, tb)

    sys.excepthook = hook
    return previous


_open_dialogs: list[object] = []  # crash dialogs alive until closed (no parent keeps them)


def show_crash_dialog(details: str, log_file: Path | None = None) -> bool:
    """Show a non-modal crash report; False when no widget application exists to show it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    if not isinstance(QApplication.instance(), QApplication):
        return False
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QApplication.translate("messages", "Ringdesk: unexpected error"),
        QApplication.translate(
            "messages", "Something went wrong inside Ringdesk. Your calls and history are safe; the app keeps running."
        ),
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # also the informative text: a path is shown as written
    where = str(log_file) if log_file else ""
    if where:
        box.setInformativeText(QApplication.translate("messages", "Details were written to %1").replace("%1", where))
    box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    _open_dialogs.append(box)
    box.finished.connect(lambda _result: _open_dialogs.remove(box) if box in _open_dialogs else None)
    box.open()
    return True
