"""A damaged store found at start: kept untouched, replaced by a new one holding what could be read.

What a call centre's administrator needs from this (issue 15, point 8): the app and the hub go on receiving
calls — refusing to start would lose every call until someone repairs the file by hand — and nothing of the
damaged file is lost or altered, so it can still be examined or repaired later. So, before anything opens
the store for writing:

1. ``quick_check`` it (:mod:`app.store.integrity`); a sound store goes on as always. (A store exactly as
   Ringdesk's last clean close left it is trusted without the check: :mod:`app.store.seal`, decided by
   ``Database.open`` before it calls :func:`recover_if_damaged`.)
2. If damaged: under a lock of its own (processes starting together recover once), make sure no other
   process has it open (one that does would keep writing into it: then start is refused, saying why).
3. Copy what can be read into a new file, table by table (:mod:`app.store.salvage`).
4. Move the damaged file and its ``-wal``/``-shm`` aside to ``<name>.damaged-<UTC time>`` (a rename: its
   bytes stay as found, and nothing opens it again), and put the new file in its place.
5. Log an error, and hand the front ends a :class:`~app.core.errors.StorageError` to show
   (:attr:`Recovery.problem`): how many rows were saved and lost, and where the damaged file is.

If nothing can be read (the file's first page is garbage), the new store starts empty.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from app.core.errors import QT_TRANSLATE_NOOP, StorageError
from app.store import integrity, opening, salvage

log = logging.getLogger(__name__)

RECOVERY_WAIT_S = 900.0
"""How long a starting process waits while another one salvages a damaged store (a million calls and
contacts took 20–23 s on this project's 2-core machine: ``python -m bench.store_check``)."""

IN_USE_WAIT_S = 30.0
"""How long the store may stay open elsewhere before it is taken as in use: processes starting at the same
moment hold it open for as long as their own check takes (2.5 s at a million calls); a running app or hub
holds it for good."""

COMPANIONS = ("-wal", "-shm")  # SQLite's files beside a WAL store; they belong to it and move with it


@dataclass(frozen=True)
class Recovery:
    """What happened to a damaged store: where it was kept, what was found, what was saved from it."""

    store: Path
    damaged: Path
    finding: str
    tables: list[salvage.TableSalvage] = field(default_factory=list)  # empty: nothing could be read

    @property
    def saved(self) -> int:
        return sum(table.saved for table in self.tables)

    @property
    def lost(self) -> int | None:
        """Rows known to be lost; None when some table could not even be counted."""
        losses = [table.lost for table in self.tables]
        return None if not self.tables or None in losses else sum(loss or 0 for loss in losses)

    def rows(self, table: str) -> int:
        return sum(t.saved for t in self.tables if t.name == table)

    @property
    def problem(self) -> StorageError:
        """The notice the front ends show at start (``serve``, ``history``, ``doctor``, the desktop app): what
        an agent or administrator recognises (calls, contacts, notes), every table's figures being in the
        log."""
        hint = QT_TRANSLATE_NOOP(
            "Problem",
            "New calls are stored as usual. Keep the damaged file for your administrator: Ringdesk never writes to it.",
        )
        fields: dict[str, object] = {
            "damaged": str(self.damaged),
            "calls": self.rows("calls"),
            "contacts": self.rows("contacts"),
            "notes": self.rows("notes"),
            "lost": self.lost,
        }
        if not self.tables:
            message = QT_TRANSLATE_NOOP(
                "Problem",
                "The database was damaged beyond reading. Ringdesk kept it as {damaged} and started a new, empty one.",
            )
        elif self.lost == 0:
            message = QT_TRANSLATE_NOOP(
                "Problem",
                "The database was damaged. Ringdesk kept it as {damaged} and started a new one holding all it "
                "contained: {calls} calls, {contacts} contacts and {notes} notes.",
            )
        elif self.lost is None:
            message = QT_TRANSLATE_NOOP(
                "Problem",
                "The database was damaged. Ringdesk kept it as {damaged} and started a new one with what could "
                "still be read: {calls} calls, {contacts} contacts and {notes} notes; some records were lost.",
            )
        else:
            message = QT_TRANSLATE_NOOP(
                "Problem",
                "The database was damaged. Ringdesk kept it as {damaged} and started a new one with what could "
                "still be read: {calls} calls, {contacts} contacts and {notes} notes; {lost} records were lost.",
            )
        return StorageError(message, hint=hint, fields=fields)


def recover_if_damaged(path: Path) -> Recovery | None:
    """Check the store at ``path``; if it is damaged, set it aside and put a salvaged one in its place.
    None when it is sound (or does not exist yet)."""
    finding = integrity.damage(path, opening.deadline())
    if finding is None:
        return None
    log.warning("database %s looks damaged (%s); checking again before setting it aside", path, finding)
    with _recovering(path):
        finding = integrity.damage(path, opening.deadline())
        if finding is None:  # another process recovered it while this one waited
            return None
        if not _wait_until_unused(path, time.monotonic() + IN_USE_WAIT_S):
            raise in_use_error(path)
        recovery = _set_aside(path, finding)
    lost = "unknown" if recovery.lost is None else recovery.lost
    log.error(
        "database %s was damaged (%s): kept as %s; a new store holds %d rows saved from it (%s lost): %s",
        path,
        finding,
        recovery.damaged,
        recovery.saved,
        lost,
        ", ".join(f"{t.name} {t.saved}/{'?' if t.expected is None else t.expected}" for t in recovery.tables)
        or "nothing could be read",
    )
    return recovery


def in_use_error(path: Path) -> StorageError:
    return StorageError(
        QT_TRANSLATE_NOOP(
            "Problem", "The database {path} is damaged, and another program still has it open: it cannot be set aside."
        ),
        hint=QT_TRANSLATE_NOOP(
            "Problem",
            "Stop the other Ringdesk (or program) using it, then start again: Ringdesk will keep the damaged file "
            "and start a new one.",
        ),
        fields={"path": str(path)},
    )


def _set_aside(path: Path, finding: str) -> Recovery:
    building = path.with_name(path.name + ".salvaging")
    building.unlink(missing_ok=True)  # a salvage that was interrupted: start it again
    began = time.monotonic()
    try:
        tables = salvage.salvage(path, building)
    except salvage.Unreadable as exc:
        log.error("database %s: nothing can be read from it (%s)", path, exc)
        tables = []
    except Exception:  # salvaging is best effort: the store must open even if it fails for any reason
        log.exception("database %s: salvaging it failed; starting an empty store", path)
        tables = []
    if not tables:
        building.unlink(missing_ok=True)
    log.info("database %s: salvage took %.1f s", path, time.monotonic() - began)
    damaged = _aside_name(path)
    try:
        for suffix in COMPANIONS:  # first: a -wal left at the old name would be replayed into the new store
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                companion.replace(damaged.with_name(damaged.name + suffix))
        path.replace(damaged)
        if tables:
            building.replace(path)
    except OSError as exc:
        building.unlink(missing_ok=True)
        if isinstance(exc, PermissionError) and os.name == "nt":  # Windows: another process has it open
            raise in_use_error(path) from exc
        raise StorageError(f"The database {path} is damaged and could not be set aside: {exc}") from exc
    return Recovery(path, damaged, finding, tables)


def _aside_name(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while any(candidate.with_name(candidate.name + suffix).exists() for suffix in ("", *COMPANIONS)):
        number += 1
        candidate = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    return candidate


def _wait_until_unused(path: Path, until: float) -> bool:
    """Whether the store became free of other users before ``until``."""
    while _in_use(path):
        if time.monotonic() >= until:
            return False
        time.sleep(0.05)
    return True


def _in_use(path: Path) -> bool:
    """Whether any process (this one included) has the store open. In WAL mode every open connection holds
    a read lock on the file's shared-lock bytes for as long as it is open; an exclusive lock on them can be
    had only when nobody has. Probed with ``lockf`` where it exists (not on Windows, where renaming an open
    file fails instead, which :func:`_set_aside` reports the same way)."""
    if opening.open_here(path):
        return True
    try:
        import fcntl
    except ImportError:
        return False
    start, length = 0x40000000 + 2, 510  # SQLite's SHARED_FIRST and SHARED_SIZE (os_unix.c)
    descriptor = os.open(path, os.O_RDWR)
    try:
        try:
            fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB, length, start)
        except OSError:
            return True
        fcntl.lockf(descriptor, fcntl.LOCK_UN, length, start)
        return False
    finally:
        os.close(descriptor)


@contextmanager
def _recovering(path: Path) -> Iterator[None]:
    """One process at a time sets a damaged store aside: an exclusive transaction on a small lock database
    beside it (SQLite's own locking, on every platform; released if the process dies)."""
    lock = sqlite3.connect(path.with_name(path.name + ".recovery-lock"), isolation_level=None, timeout=0)
    try:
        until = time.monotonic() + RECOVERY_WAIT_S
        opening.patiently(lambda: lock.execute("BEGIN EXCLUSIVE"), path, until)
        try:
            yield
        finally:
            lock.execute("ROLLBACK")
    finally:
        lock.close()
