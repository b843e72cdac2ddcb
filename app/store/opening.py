"""Opening a store that other processes may be opening at the same moment.

Why: the desktop app, ``ringdesk history`` and ``ringdesk serve`` often start together (login, a script, a
service), and on a new home each used to read the schema version, then migrate — so two of them created the
same tables and one died "(a bug)" with ``table accounts already exists``. Here every step that can meet
another process's lock waits for it, and migrating happens only under the write lock, after reading the
version again inside it.

Why waiting is allowed here and nowhere else: this runs once at start, before the event loop serves
anything, and a start that waits a second for another process's migration is better than one that fails.
The wait is bounded by :data:`OPEN_WAIT_S`, then ends with a message saying another program holds the
store. It does not rest on the connection's ``busy_timeout``, which the app shortens on its event loop
(the loop must never wait on a lock) and which SQLite does not apply to every busy case (see
:func:`use_wal`).
"""

from __future__ import annotations

import logging
import sqlite3
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, TypeVar

from app.core.errors import QT_TRANSLATE_NOOP, StorageError

log = logging.getLogger(__name__)

OPEN_WAIT_S = 60.0
"""How long a starting process waits for another one holding the store's lock (a migration of a large
store, a backup, another program's long transaction) before it gives up with a clear message."""

_BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_T = TypeVar("_T")


def deadline() -> float:
    """The moment (``time.monotonic()``) until which opening may wait for other processes."""
    return time.monotonic() + OPEN_WAIT_S


def is_busy(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` only says that another connection holds a lock (trying again later can succeed)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _BUSY_CODES
    text = str(exc)
    return "locked" in text or "busy" in text


def patiently(action: Callable[[], _T], path: Path | None, until: float) -> _T:
    """``action()``, tried again while another process holds a lock, until ``until``; then a
    :class:`StorageError` that names the store. Any other error is raised as it is."""
    pause = 0.002
    waited = False
    began = time.monotonic()
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            left = until - time.monotonic()
            if left <= 0:
                raise locked_error(path, time.monotonic() - began) from exc
            if not waited:
                log.info("database %s: another process holds its lock; waiting up to %.0f s", path, left)
                waited = True
            time.sleep(min(pause, left))
            pause = min(pause * 2, 0.1)


def locked_error(path: Path | None, waited: float) -> StorageError:
    return StorageError(
        QT_TRANSLATE_NOOP(
            "Problem", "Another program kept the database {path} locked for {seconds} s: Ringdesk could not open it."
        ),
        hint=QT_TRANSLATE_NOOP("Problem", "Close the other program or Ringdesk using it, then start Ringdesk again."),
        fields={"path": str(path), "seconds": round(waited)},
    )


def reader(path: Path) -> sqlite3.Connection:
    """A read-only connection to the store at ``path``: it can neither write the file nor checkpoint its
    WAL into it when it closes (both matter for a damaged store, which must stay as it was found)."""
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)


class _Store(Protocol):
    conn: sqlite3.Connection
    path: Path | None


_open_here: weakref.WeakSet[Any] = weakref.WeakSet()


def track(store: _Store) -> None:
    """Remember that this process has ``store`` open (see :func:`open_here`)."""
    _open_here.add(store)


def open_here(path: Path) -> bool:
    """Whether this process still has the store at ``path`` open. Another process's use shows in the locks
    SQLite holds on the file; this process's own use does not (POSIX locks never conflict within a process),
    so it is remembered here."""
    target = path.resolve()
    for store in list(_open_here):
        if store.path is not None and store.path.resolve() == target and _is_open(store.conn):
            return True
    return False


def _is_open(conn: sqlite3.Connection) -> bool:
    try:
        conn.total_changes  # noqa: B018 — raises on a closed connection, and reads nothing
    except sqlite3.ProgrammingError:
        return False
    return True


def use_wal(conn: sqlite3.Connection, path: Path | None, until: float) -> None:
    """Put the store in WAL mode (a no-op when it already is). Switching needs an exclusive lock for a
    moment, and two processes creating the store together meet here: while another connection holds the
    write lock, SQLite answers "database is locked" at once, whatever ``busy_timeout`` says (measured with
    SQLite 3.40: 0.00 s with a 3 s busy_timeout) — waiting would deadlock, as the switch holds a read lock."""
    mode = patiently(lambda: conn.execute("PRAGMA journal_mode").fetchone()[0], path, until)
    if str(mode).lower() != "wal":
        patiently(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone(), path, until)


def read_version(conn: sqlite3.Connection, path: Path | None, until: float) -> int:
    return int(patiently(lambda: conn.execute("PRAGMA user_version").fetchone()[0], path, until))


@contextmanager
def write_lock(conn: sqlite3.Connection, path: Path | None, until: float) -> Iterator[None]:
    """One transaction holding the store's write lock (``BEGIN IMMEDIATE``, waited for), committed when
    the block ends and rolled back if it raises: no other process can change the store meanwhile."""
    patiently(lambda: conn.execute("BEGIN IMMEDIATE"), path, until)
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        patiently(lambda: conn.execute("COMMIT"), path, until)
    except sqlite3.Error as exc:
        if conn.in_transaction:  # a failed COMMIT may already have rolled back
            conn.execute("ROLLBACK")
        raise StorageError(f"Cannot update the database {path}: {exc}") from exc
