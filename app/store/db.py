"""The SQLite connection: pragmas, migrations with a backup first, and transactions.

Why synchronous calls on the event-loop thread: one event is a handful of indexed statements (tens of
microseconds); handing them to a thread would cost more in wake-ups than it saves, and would add latency
between a ringing webhook and its card. WAL lets readers (history window) run beside the writer.

Durability: ``journal_mode=WAL`` with ``synchronous=FULL``, so a transaction is on disk when
:meth:`Database.transaction` returns — the receiver answers 200 only after that. (Pulled history pages use
``transaction(flush=False)``: see there.)
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import gc
import logging
import sqlite3
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from app.core.errors import QT_TRANSLATE_NOOP, StorageError
from app.store import integrity, opening, seal
from app.store.checkpoint import SAFETY_NET_PAGES, Checkpointer
from app.store.recovery import Recovery, recover_if_damaged
from app.store.schema import LATEST, MIGRATIONS

log = logging.getLogger(__name__)

# FTS5's trigram tokenizer (search) came with 3.34, ALTER TABLE … DROP COLUMN (schema 3) with 3.35.
MIN_SQLITE = (3, 35, 0)
# How long a write waits for another process's write lock: off the event loop (the command line, migrations)
# as long as a big import may hold it; on the long-running app's event loop hardly at all, since the loop
# also answers the PBX's ``contact`` (~1.2 s budget) and every other request meanwhile. There, a write that
# finds the lock taken fails at once with :class:`StoreBusy`; the receiver's group commit tries again on a
# timer (``app.server.group_commit``), other writers report it.
BUSY_TIMEOUT_MS = 5000
LOOP_BUSY_TIMEOUT_MS = 10


def to_ms(moment: datetime | None) -> int | None:
    """A datetime as unix milliseconds (UTC); naive datetimes are taken as UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def from_ms(value: int | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value / 1000, UTC)


def now_ms() -> int:
    return int(time.time() * 1000)


class Database:
    """One SQLite connection with the app's pragmas and schema."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None) -> None:
        self.conn = connection
        self.path = path
        self._depth = 0
        self._checkpointer: Checkpointer | None = None
        self.flushes = True  # commits wait for the disk (synchronous=FULL), unless opened otherwise
        self._relaxed = False  # the connection is at synchronous=NORMAL for a flush=False transaction

    recovery: Recovery | None = None  # set by ``open`` when it found the store damaged and replaced it
    _verified_ns: int | None = None  # when a check last read the whole store (vouched for by its seal)
    _dropped: weakref.finalize[..., Database] | None = None  # notes a store dropped unclosed, to seal at exit

    @classmethod
    def open(
        cls, path: Path | str, *, durable: bool = True, check_same_thread: bool = True, verify: bool = False
    ) -> Database:
        """Open (creating if needed) and migrate the database at ``path`` (``":memory:"`` for tests).

        A damaged store is found here, before anything writes to it: it is set aside untouched and a new
        one holding what could be read takes its place (:mod:`app.store.recovery`; :attr:`recovery` says
        what happened, for the front ends to show). A store exactly as Ringdesk's last clean close left it
        is not checked again (:mod:`app.store.seal`) unless ``verify`` asks for it (the doctor). Other
        processes opening the same store at the same moment are waited for (:mod:`app.store.opening`).
        """
        if sqlite3.sqlite_version_info < MIN_SQLITE:
            raise StorageError(
                QT_TRANSLATE_NOOP("Problem", "Ringdesk needs SQLite {needed} or newer; this Python has {found}."),
                hint=QT_TRANSLATE_NOOP("Problem", "Install a newer Python (or its sqlite3 module)."),
                fields={"needed": ".".join(map(str, MIN_SQLITE)), "found": sqlite3.sqlite_version},
            )
        memory = str(path) == ":memory:"
        if not memory:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        recovery = None
        verified_ns = None
        try:
            if not memory:
                verified_ns, recovery = _check_unless_sealed(Path(path), verify)
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=check_same_thread)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not memory:
                opening.use_wal(conn, Path(path), opening.deadline())
            conn.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute("PRAGMA cache_size = -32000")
            conn.create_function("rd_contains", 2, contains_casefolded, deterministic=True)
        except sqlite3.Error as exc:
            raise StorageError(f"Cannot open the database {path}: {exc}") from exc
        db = cls(conn, None if memory else Path(path))
        db.flushes = durable
        db.recovery = recovery
        db._verified_ns = verified_ns
        opening.track(db)
        try:
            db.migrate()
        except BaseException:
            conn.close()
            raise
        if db.path is not None:  # sealed when closed, or at exit (see _close_left_open)
            _open_stores.add(db)
            db._dropped = weakref.finalize(db, _dropped.__setitem__, db.path, verified_ns)
            db._dropped.atexit = False
        return db

    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self, target: int = LATEST) -> None:
        """Bring the schema to ``target``: under the write lock, read the version again, back the file up
        and apply the missing migrations in that one transaction.

        Why under the lock: several processes open a store at once (the app, ``history``, ``serve``), and a
        version read before the lock may be stale by the time it is held — each would then create the same
        tables. Why one transaction: the file is either at its old schema (with nothing half-done) or at the
        new one. A store already at ``target`` takes no lock at all (the version only ever grows).
        """
        until = opening.deadline()
        if _checked_version(opening.read_version(self.conn, self.path, until)) >= target:
            return
        with opening.write_lock(self.conn, self.path, until):
            current = _checked_version(self.version)
            if current >= target:
                return  # another process migrated it while this one waited for the lock
            if current > 0 and self.path is not None:
                self.backup(self.path.with_name(f"{self.path.name}.v{current}.bak"))
            for version in range(current + 1, target + 1):
                log.info("migrating database to schema %d", version)
                for statement in _statements(MIGRATIONS[version - 1]):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {version}")

    def backup(self, destination: Path) -> None:
        """A consistent copy of the database (SQLite's online backup), e.g. before a migration.

        Read through a connection of its own: this one may hold the write lock (a migration backs up under
        it), and SQLite's backup never finishes from a connection that is writing. The copy is made under a
        temporary name and renamed when complete, so ``destination`` is never a half-written file.
        """
        partial = destination.with_name(destination.name + ".part")
        try:
            source = opening.reader(self.path) if self.path is not None else self.conn
            try:
                target = sqlite3.connect(str(partial))
                try:
                    source.backup(target)
                finally:
                    target.close()
            finally:
                if source is not self.conn:
                    source.close()
            partial.replace(destination)
        except (sqlite3.Error, OSError) as exc:
            partial.unlink(missing_ok=True)
            raise StorageError(f"Cannot back the database up to {destination}: {exc}") from exc

    def take_seqs(self, count: int = 1) -> int:
        """Reserve ``count`` numbers of the hub-wide change sequence; returns the first of them.

        Inside a transaction only: the numbers are taken in the transaction that writes the changes they
        number, so a reader that sees number N also sees every change numbered before it (one writer).
        """
        assert self._depth, "take_seqs outside a transaction"
        rows = self.conn.execute(
            "UPDATE sequence SET value = value + ? WHERE name = 'changes' RETURNING value", (count,)
        ).fetchall()
        return int(rows[0][0]) - count + 1

    def hub_id(self) -> str:
        """This store's identity (random, made with schema 5): a desktop that sees it change knows the hub's
        numbers started again (a replaced database) and fetches afresh."""
        row = self.conn.execute("SELECT value FROM sequence WHERE name = 'hub_id'").fetchone()
        return format(int(row[0]), "x") if row is not None else ""

    def last_seq(self) -> int:
        """The newest number of the change sequence (0 on a fresh store)."""
        row = self.conn.execute("SELECT value FROM sequence WHERE name = 'changes'").fetchone()
        return int(row[0]) if row is not None else 0

    @contextmanager
    def transaction(self, *, flush: bool = True) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back on error); nested uses join the outer one.

        ``flush=False`` is for data that can be fetched again — a pulled history page: the commit does not
        wait for the disk (``synchronous=NORMAL`` for this transaction only). A power cut may lose it, never
        corrupt the database, and the next flushed commit (the sync's watermark, a webhook) puts it on disk
        too, as the WAL is written in order. Measured: 0.2–0.4 s of a 100,000-record gap fill stored in
        5,000-record transactions on this machine's disk. The level is set before ``BEGIN`` of every
        outermost transaction (SQLite refuses to change it inside one), so a flushed commit is flushed even
        if resetting after a relaxed one failed; a nested transaction takes the outer one's level.

        Failures of the environment — a full disk, an I/O error, a read-only file, another process's write
        lock — raise :class:`StorageError` with a sentence (:class:`StoreBusy` for the lock), wherever they
        happen: at ``BEGIN``, in a statement, at ``COMMIT``; a mistake in SQL or a broken constraint stays
        the ``sqlite3`` error it is (a bug). Nothing of a failed transaction is kept. On the long-running
        app's event loop the lock is not waited for (:data:`LOOP_BUSY_TIMEOUT_MS`).
        """
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        relaxed = self.flushes and not flush
        try:
            try:
                self._prepare(relaxed)
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise _storage_error(exc) from exc
            self._depth = 1
            try:
                yield self.conn
            except BaseException as exc:
                self._depth = 0
                self._rollback()
                if isinstance(exc, sqlite3.Error) and _of_the_environment(exc):
                    raise _storage_error(exc) from exc
                raise
            self._depth = 0
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise _storage_error(exc) from exc
            if self.path is not None:
                _written.add(self.path)
        finally:
            if relaxed:  # back at once (a webhook's 200 waits for the disk); if this fails, the next BEGIN does it
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("PRAGMA synchronous = FULL")
                    self._relaxed = False
        if self._checkpointer is not None:
            self._checkpointer.poke()

    _lock_wait_ms = BUSY_TIMEOUT_MS  # the connection's busy_timeout now (``open`` sets it)
    _left_open = False  # a ROLLBACK of ours failed: the transaction may still be open

    def _prepare(self, relaxed: bool) -> None:
        """Before an outermost ``BEGIN``: no transaction left open by a failed rollback, the flush level, and
        how long to wait for another process's write lock here."""
        if self._left_open:
            self._rollback()
        if relaxed != self._relaxed:
            self.conn.execute(f"PRAGMA synchronous = {'NORMAL' if relaxed else 'FULL'}")
            self._relaxed = relaxed
        wait = LOOP_BUSY_TIMEOUT_MS if self._writes_on_loop() else BUSY_TIMEOUT_MS
        if wait != self._lock_wait_ms:
            self.conn.execute(f"PRAGMA busy_timeout = {wait}")
            self._lock_wait_ms = wait

    def _writes_on_loop(self) -> bool:
        """Whether this is the long-running app's connection, written from its event loop: it checkpoints in
        the background (:meth:`checkpoint_in_background`, called by the runtime once it serves) and an asyncio
        loop runs on this thread. Migrations at start and the command line wait for a lock as before."""
        return self._checkpointer is not None and asyncio._get_running_loop() is not None

    def _rollback(self) -> None:
        """Undo the open transaction — if there still is one: after a failed ``COMMIT`` on a full disk (and
        after some failed statements) SQLite has rolled back by itself, and a ``ROLLBACK`` then raised "no
        transaction is active", hiding the real failure."""
        self._left_open = False
        if not self.conn.in_transaction:
            return
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error as exc:  # the disk failed again: the next BEGIN tries once more (_prepare)
            self._left_open = True
            log.warning("database rollback failed: %s", exc)

    def checkpoint_in_background(self) -> None:
        """Run WAL checkpoints on a thread of their own from now on (see :mod:`app.store.checkpoint`): for
        the long-running app, whose writer is the event loop. Stopped by :meth:`close`."""
        if self._checkpointer is not None or self.path is None:
            return
        self._checkpointer = Checkpointer(self.path)
        self._checkpointer.start()
        self.conn.execute(f"PRAGMA wal_autocheckpoint = {SAFETY_NET_PAGES}")

    def ensure_account(self, account_id: str, provider: str, name: str = "") -> None:
        """Make sure the account row exists (calls reference it). Written only when it differs: every open of
        the store ensures every account, and a command that only reads must not count as one that wrote
        (a store that was written is checked before it is sealed)."""
        row = self.conn.execute("SELECT provider, name FROM accounts WHERE id = ?", (account_id,)).fetchone()
        if row is not None and (row[0], row[1]) == (provider, name):
            return
        with self.transaction():
            self.conn.execute(
                "INSERT INTO accounts (id, provider, name) VALUES (?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET provider = excluded.provider, name = excluded.name",
                (account_id, provider, name),
            )

    def close(self) -> None:
        """Close the connection; if it was the store's last one anywhere (SQLite then copies the WAL into
        the file and deletes it), seal the store so the next start need not check it (:mod:`app.store.seal`)."""
        _open_stores.discard(self)
        if self._dropped is not None:
            self._dropped.detach()
        if self._checkpointer is not None:  # closed first: the last connection to close tidies the WAL away
            self._checkpointer.stop()
            self._checkpointer = None
        self.conn.close()
        if self.path is not None and self._verified_ns is not None and not opening.open_here(self.path):
            _seal_if_sound(self.path, self._verified_ns)


def _seal_if_sound(path: Path, verified_ns: int) -> None:
    """Seal the store this process has just closed for the last time — after checking it again if this
    process wrote to it. Damage done while it was open (a failing disk, another program writing into the
    file) would otherwise be vouched for by the seal and trusted at the next start. Costs the check at the
    close of a process that wrote (the app, the hub: 1–2.5 s at a million calls, at quit), never at a start.
    A damaged store is left unsealed, so the next start checks it, sets it aside and salvages it."""
    if path in _written:
        _written.discard(path)
        began, now = time.monotonic(), time.time_ns()
        try:
            finding = integrity.damage(path, opening.deadline(), tidy=True)
        except (sqlite3.Error, OSError, StorageError) as exc:  # cannot tell: leave it to the next start
            log.warning("database %s: not sealed, the check at close failed (%s)", path, exc)
            return
        if finding is not None:
            log.error(
                "database %s was damaged while open (%s): not sealed; the next start sets it aside", path, finding
            )
            return
        log.info("database %s checked at close in %.2f s", path, time.monotonic() - began)
        verified_ns = now
    seal.seal(path, verified_ns)


def _check_unless_sealed(path: Path, verify: bool) -> tuple[int, Recovery | None]:
    """Before the store is opened for writing: trust it if its seal vouches for it, else check it (and
    recover it if damaged); then remove the seal, as this process may write. Returns when a check last read
    the whole store, and what recovery did."""
    verdict = seal.Verdict(None, "asked to check it") if verify else seal.verdict(path)
    if verdict.verified_ns is not None:
        log.info("database %s: not checked: %s", path, verdict.reason)
        recovery = None
        verified_ns = verdict.verified_ns
    else:
        began = time.monotonic()
        verified_ns = time.time_ns()
        recovery = recover_if_damaged(path)
        if path.exists():
            log.info("database %s checked in %.2f s (%s)", path, time.monotonic() - began, verdict.reason)
    seal.unseal(path)
    return verified_ns, recovery


_open_stores: weakref.WeakSet[Database] = weakref.WeakSet()
_written: set[Path] = set()  # stores this process committed to since it last sealed them
_dropped: dict[Path, int] = {}  # stores whose Database was collected unclosed (its connection closed then)


@atexit.register
def _close_left_open() -> None:
    """At exit, close the stores a command left open and seal those it dropped unclosed (``history`` never
    closes its own): the end of the process is a clean close all the same. A dropped store's connection is
    freed only by the cycle collector (it and its statement cache refer to each other), so that runs first;
    a connection something still holds stays open, its WAL stays there, and that store is not sealed."""
    for db in list(_open_stores):
        try:
            db.close()
        except Exception as exc:  # at exit nothing can be done about it but say so
            log.debug("database %s: not closed at exit (%s)", db.path, exc)
    if _dropped:
        gc.collect()
    for path, verified_ns in list(_dropped.items()):
        if not opening.open_here(path):
            _seal_if_sound(path, verified_ns)


def contains_casefolded(haystack: str | None, needle: str | None) -> bool:
    """SQL ``rd_contains(a, b)``: ``b`` in ``a`` ignoring case in every script (SQLite's LIKE folds ASCII only,
    and agents search Cyrillic and Polish names)."""
    return bool(haystack and needle) and needle.casefold() in haystack.casefold()  # type: ignore[union-attr]


class StoreBusy(StorageError):
    """Another process holds the database's write lock: the same write may well succeed in a moment."""


# SQLite's primary result codes that mean "the environment failed", not "our SQL is wrong".
_ENVIRONMENT_CODES = frozenset(
    {
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
        sqlite3.SQLITE_NOMEM,
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_CORRUPT,
        sqlite3.SQLITE_FULL,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_PROTOCOL,
        sqlite3.SQLITE_NOTADB,
        sqlite3.SQLITE_PERM,
    }
)


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def _of_the_environment(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` is a failure of the disk, the file or another process (not a bug of ours)."""
    return _primary_code(exc) in _ENVIRONMENT_CODES


def _storage_error(exc: sqlite3.Error) -> StorageError:
    """The sentence for a failed write, by SQLite's result code (the text varies between versions)."""
    code = _primary_code(exc)
    if code == sqlite3.SQLITE_FULL:
        return StorageError(
            QT_TRANSLATE_NOOP("Problem", "The disk is full: Ringdesk cannot save calls."),
            hint=QT_TRANSLATE_NOOP("Problem", "Free some disk space."),
        )
    if code == sqlite3.SQLITE_IOERR:
        return StorageError(
            QT_TRANSLATE_NOOP("Problem", "The disk failed to write (I/O error): Ringdesk cannot save calls."),
            hint=QT_TRANSLATE_NOOP("Problem", "Check the disk's free space and health; the system log may say more."),
        )
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN):
        return StorageError(
            QT_TRANSLATE_NOOP("Problem", "The database is read-only or not writable: Ringdesk cannot save calls."),
            hint=QT_TRANSLATE_NOOP("Problem", "Check that this user may write to Ringdesk's data folder."),
        )
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreBusy(
            QT_TRANSLATE_NOOP("Problem", "The database is busy (another Ringdesk may be running)."),
            hint=QT_TRANSLATE_NOOP("Problem", "Try again in a moment."),
        )
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return StorageError(
            QT_TRANSLATE_NOOP("Problem", "The database is damaged: Ringdesk cannot save calls."),
            hint=QT_TRANSLATE_NOOP("Problem", "Restore it from a backup, or move it aside to start afresh."),
        )
    return StorageError(f"Database error: {exc}")


def _checked_version(version: int) -> int:
    """``version``, unless a newer Ringdesk wrote the store: its schema is refused rather than guessed at."""
    if version > LATEST:
        raise StorageError(
            QT_TRANSLATE_NOOP(
                "Problem",
                "The database was written by a newer Ringdesk (schema {schema}, this one knows {latest}).",
            ),
            hint=QT_TRANSLATE_NOOP("Problem", "Update Ringdesk, or move the database aside to start afresh."),
            fields={"schema": version, "latest": LATEST},
        )
    return version


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (``sqlite3.complete_statement`` knows about triggers)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
