"""A store Ringdesk closed cleanly and nobody has touched since is not checked again at start.

Why: the start-up check (:mod:`app.store.integrity`) reads the whole file — 1–2.5 s at a million calls —
on every start of the app, the hub and every command. The damage it is there for is done to the file
outside a clean run: garbage written into it while Ringdesk was not running, a process killed while it
wrote, a disk failing. None of that can have happened to a file that is exactly as Ringdesk's last clean
close left it, so such a file is trusted.

How: when the last connection to the store closes (SQLite has then copied the WAL into the file, flushed
it and deleted the WAL), :func:`seal` writes ``<store>.sealed`` beside it with the file's size, inode,
device, mtime and **ctime**. At the next start :func:`verdict` trusts the store only if all of them are
unchanged and no WAL holds anything (a crashed writer leaves its WAL; a writer that checkpointed changed
the file). The first thing a start does after that decision, before it writes anything, is to remove the
seal (:func:`unseal`): from then on only the next clean close can vouch for the file again.

Why ctime: every write to the file sets it to the current time, and so does every change of its times —
``touch -d`` can put the mtime back, never the ctime (only a changed system clock or writing the disk
device itself can, which needs root). Why the probe in :func:`seal`: file times advance in ticks (4 ms
here), so a write in the same tick as the close would leave the times as they were; the seal is written
only once the file system's clock has moved past the file's ctime, so any later write shows.

What it cannot see: a disk returning different bytes without anything writing the file (silent
corruption) changes no time at all. The trust is therefore carried from start to start for at most
:data:`RECHECK_AFTER_NS` after the last real check; then a start checks again. Where the platform has no
change time (Windows' ``st_ctime`` is the creation time) nothing is sealed and every start checks.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger(__name__)

SUFFIX = ".sealed"
RECHECK_AFTER_NS = 7 * 24 * 3600 * 10**9
"""How long a check vouches for a store that is opened and closed cleanly in between: after a week, the
next start checks it again (one slow start a week instead of every start), for what no file time shows."""

SUPPORTED = os.name == "posix"  # st_ctime is the change time (Linux, macOS, the BSDs)
_TICK_S = 0.002
_PROBE_FOR_S = 0.1  # the file system's clock moves on within 10 ms (HZ=100) where it is coarse; else: no seal


@dataclass(frozen=True)
class Seal:
    """The store file as the last clean close left it, and when a check last read it all."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    device: int
    verified_ns: int


@dataclass(frozen=True)
class Verdict:
    """Whether the store may skip the check (``verified_ns`` of the check that vouches for it) and why."""

    verified_ns: int | None
    reason: str


def seal_path(store: Path) -> Path:
    return store.with_name(store.name + SUFFIX)


def verdict(store: Path) -> Verdict:
    """Is the store at ``store`` exactly as its last clean close left it, checked less than a week ago?"""
    if not SUPPORTED:
        return Verdict(None, "file change times are not available here")
    try:
        record = json.loads(seal_path(store).read_text("utf-8"))
        sealed = Seal(**{name: int(record[name]) for name in Seal.__dataclass_fields__})
    except FileNotFoundError:
        return Verdict(None, "it was not closed cleanly, or was opened since")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return Verdict(None, f"its seal cannot be read ({exc})")
    try:
        now = store.stat()
    except OSError as exc:
        return Verdict(None, f"it cannot be examined ({exc})")
    if _fingerprint(now, sealed.verified_ns) != sealed:
        return Verdict(None, "the file changed since its last clean close")
    if _wal_written(store):
        return Verdict(None, "its WAL holds changes")
    age = time.time_ns() - sealed.verified_ns
    if not 0 <= age < RECHECK_AFTER_NS:
        return Verdict(None, f"it was last checked {max(age, 0) / 86400e9:.0f} days ago")
    return Verdict(sealed.verified_ns, "unchanged since its last clean close")


def unseal(store: Path) -> None:
    """The store is about to be written: remove its seal first, and make the removal durable (a power cut
    must not bring back a seal for a file that has since been written)."""
    try:
        seal_path(store).unlink()
    except FileNotFoundError:
        return
    except OSError as exc:  # then it cannot vouch either: its fingerprint no longer matches after a write
        log.warning("database %s: cannot remove its seal (%s)", store, exc)
        return
    _sync_folder(store.parent)


def seal(store: Path, verified_ns: int) -> bool:
    """Record the store as closed cleanly — called once this process's last connection has closed.
    Returns whether it sealed it: not when the WAL is still there (SQLite deletes it when the store's last
    connection closes, so another process has it open), nor when the file system's clock did not move past
    the file's last change within :data:`_PROBE_FOR_S`."""
    if not SUPPORTED:
        return False
    target = seal_path(store)
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    give_up = time.monotonic() + _PROBE_FOR_S
    try:
        while True:
            descriptor, probe_ns = _clock_probe(partial)
            try:
                state = store.stat()  # after the probe: a write after this has a ctime >= probe_ns
                if store.with_name(store.name + "-wal").exists():  # another connection is open
                    return False
                if state.st_ctime_ns < probe_ns:
                    record = asdict(_fingerprint(state, verified_ns))
                    os.write(descriptor, json.dumps(record).encode())
                    break
            finally:
                os.close(descriptor)
            if time.monotonic() > give_up:
                log.info("database %s: not sealed (the file system's clock did not move on)", store)
                return False
            time.sleep(_TICK_S)
        os.replace(partial, target)
        return True
    except OSError as exc:
        log.info("database %s: not sealed (%s)", store, exc)
        return False
    finally:
        partial.unlink(missing_ok=True)


def _clock_probe(partial: Path) -> tuple[int, int]:
    """A new file beside the store, and its mtime: the file system's clock now, as the store's times read it."""
    partial.unlink(missing_ok=True)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return descriptor, os.fstat(descriptor).st_mtime_ns


def _fingerprint(state: os.stat_result, verified_ns: int) -> Seal:
    return Seal(state.st_size, state.st_mtime_ns, state.st_ctime_ns, state.st_ino, state.st_dev, verified_ns)


def _wal_written(store: Path) -> bool:
    """Whether the store's WAL holds frames (a process wrote and has not closed cleanly, or crashed). An
    empty WAL is what a reader leaves behind, or a process that opened the store and wrote nothing yet."""
    try:
        return store.with_name(store.name + "-wal").stat().st_size > 0
    except FileNotFoundError:
        return False


def _sync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
