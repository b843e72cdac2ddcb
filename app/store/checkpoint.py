"""WAL checkpoints on a thread of their own, so the writer — the event loop — never runs one.

Why: in WAL mode every commit appends to the ``-wal`` file, and a *checkpoint* copies those pages back into
the database file and flushes it to disk. SQLite's default runs it inside the commit that crosses 1,000
pages, on the writer's thread: a webhook's answer or a ringing card then waits for megabytes to be copied
and flushed, and a gap fill stored in 5,000-record transactions pays it twenty times (measured: 0.1–0.3 s
of a 100,000-record sync). WAL allows a ``PASSIVE`` checkpoint from another connection beside the writer
and its readers, and the ``sqlite3`` module releases the GIL while SQLite works — so here it costs the
event loop nothing.

Policy: after a commit the writer pokes the checkpointer; :data:`SETTLE_S` after the first poke it
checkpoints once, whatever was committed meanwhile (at most one checkpoint a second while writes go on).
SQLite's own automatic checkpoint stays as a safety net at :data:`SAFETY_NET_PAGES` (~80 MB), should this
thread ever stop.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)

SETTLE_S = 1.0
SAFETY_NET_PAGES = 20_000


class Checkpointer:
    """One background thread with its own connection to ``path``; :meth:`poke` after commits."""

    def __init__(self, path: Path, settle_s: float = SETTLE_S) -> None:
        self.path = path
        self.settle_s = settle_s
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ringdesk-wal-checkpoint", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def poke(self) -> None:
        """Something was committed: checkpoint once the writes settle."""
        self._wake.set()

    def stop(self, timeout_s: float = 10.0) -> None:
        """Finish (one last checkpoint if anything is pending) and end the thread."""
        self._stopping.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(str(self.path), isolation_level=None)
        except sqlite3.Error as exc:
            log.warning("background checkpoints are off (%s); SQLite's own take over", exc)
            return
        try:
            while True:
                self._wake.wait()
                self._stopping.wait(self.settle_s)  # gather what else gets committed (at once when stopping)
                self._wake.clear()
                self._checkpoint(conn)
                if self._stopping.is_set():
                    return
        finally:
            conn.close()

    def _checkpoint(self, conn: sqlite3.Connection) -> None:
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error as exc:  # a busy or failing disk: the next poke tries again
            log.warning("WAL checkpoint failed: %s", exc)
