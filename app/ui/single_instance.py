"""One Ringdesk per user and home: a second start hands its request to the first and exits.

Why: ``tel:``/``callto:``/``sip:`` links on the desktop start ``ringdesk call URI`` — a new process each
click. It must not open a second tray, receiver and database; it forwards the link to the running app,
which dials it. Per pitfalls §9: the newcomer tries :func:`forward` (connect, 300 ms); if nobody answers
it takes a :class:`QLockFile` and listens on a :class:`QLocalServer` (per-user, user-only access;
``removeServer()`` clears what a crashed instance left behind).

The protocol is one UTF-8 line per connection: a link or number to dial, or ``show`` to bring up the
running app. The server name includes a hash of the data folder, so ``ringdesk demo`` (its own folder),
tests (a folder each) and the real app never answer for one another.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import re
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app.config import paths as paths_module

log = logging.getLogger(__name__)

SHOW = "show"
MAX_MESSAGE = 4096


def server_name(data_dir: Path | None = None) -> str:
    """The local-socket name for this user and data folder (short: some platforms cap socket paths)."""
    folder = data_dir or paths_module.resolve().data_dir
    digest = hashlib.sha1(str(Path(folder).resolve()).encode()).hexdigest()[:12]
    user = re.sub(r"[^A-Za-z0-9_-]", "_", _user())[:24]
    return f"ringdesk-{user}-{digest}"


def dial_target(message: str) -> str | None:
    """The number a forwarded message asks to dial (links read by :func:`app.services.dialer.number_from_uri`),
    or None when it is not a dial request (empty, or ``show``). Validating the number is the dialer's job."""
    from app.services.dialer import number_from_uri  # not at import: ``forward()`` must stay light

    text = message.strip()
    if not text or text.lower() == SHOW:
        return None
    return number_from_uri(text) or None


def forward(message: str, timeout_ms: int = 300, data_dir: Path | None = None) -> bool:
    """Hand ``message`` to the running instance; False if none answered within ``timeout_ms``.

    Blocking and loop-free on purpose: it runs in a short-lived CLI process before any event loop.
    ``data_dir`` selects the instance (default: the one of ``RINGDESK_HOME`` / the platform's folders).
    """
    data = message.strip().encode("utf-8")[:MAX_MESSAGE] + b"\n"
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(data)
    delivered = socket.waitForBytesWritten(timeout_ms)
    # Wait for the server's acknowledgement ("ok"), so "forwarded" means "the app has it".
    acknowledged = delivered and socket.waitForReadyRead(max(timeout_ms, 1000))
    socket.disconnectFromServer()
    return bool(acknowledged)


class InstanceServer(QObject):
    """The running instance's end: emits :attr:`message_received` for each forwarded message."""

    message_received = Signal(str)

    def __init__(self, data_dir: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        folder = data_dir or paths_module.resolve().data_dir
        self.name = server_name(folder)
        self._lock = QLockFile(str(Path(folder) / "ringdesk.lock"))
        self._lock.setStaleLockTime(0)  # the lock lives as long as the process; stale = owner is dead
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Become the instance; False if another process holds the lock (it is running or starting)."""
        if not self._lock.tryLock(100):
            return False
        if not self._server.listen(self.name):
            QLocalServer.removeServer(self.name)  # a crashed instance's socket file
            if not self._server.listen(self.name):
                log.warning("single-instance server could not listen on %s: %s", self.name, self._server.errorString())
                self._lock.unlock()
                return False
        return True

    def close(self) -> None:
        self._server.close()
        self._lock.unlock()

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if b"\n" not in data and len(data) < MAX_MESSAGE:
            self._buffers[socket] = data
            return
        line = data.split(b"\n", 1)[0][:MAX_MESSAGE]
        self._buffers[socket] = b""
        socket.write(b"ok\n")
        socket.flush()
        self.message_received.emit(line.decode("utf-8", errors="replace").strip())

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers: the home folder still separates users
        return str(Path.home().name or "user")
