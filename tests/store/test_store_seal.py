"""A store closed cleanly and untouched since opens without the start-up check; any other store is checked.

Why: ``quick_check`` reads the whole file on every start (1–2.5 s at a million calls), yet most of the
damage it is there for — garbage written into the file while Ringdesk was not running, a crash — cannot
have happened to a file nobody touched since Ringdesk's last clean close (a failing disk can: the trust runs
out a week after the last real check). Whether the check ran is seen here
as what the user pays for it: the bytes the process reads while opening the store (Linux' ``rchar``, page
cache included), the whole file when it checks, a few pages when it does not. The damage is real garbage
written over the file's pages by another process or by this test, and crashes are real SIGKILLs of
processes that wrote.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.models import CallEvent, EventKind
from app.store.calls import CallStore
from app.store.db import Database
from tests.store.test_damaged_store import T0, build_store, kept_files, write_garbage

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="reads Linux' per-process I/O counters")


def _rchar() -> int:
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")


def open_measured(path: Path, **options: bool) -> tuple[Database, int]:
    """The store opened as every start opens it, and how many bytes this process read meanwhile."""
    before = _rchar()
    db = Database.open(path, **options)
    return db, _rchar() - before


def checked(read: int, path: Path) -> bool:
    """Whether an open that read ``read`` bytes walked the store (quick_check reads every page in use)."""
    return read >= path.stat().st_size // 2


def reopen_checks(path: Path) -> bool:
    """Open and close the store; whether that open checked it. The store must be sound."""
    db, read = open_measured(path)
    try:
        assert db.recovery is None
    finally:
        db.close()
    return checked(read, path)


def test_an_untouched_cleanly_closed_store_opens_without_reading_it_all(ringdesk_home: Path) -> None:
    path, total = build_store(ringdesk_home)  # closed cleanly by the app's own code
    size = path.stat().st_size
    assert size > 2_000_000

    db, read = open_measured(path)
    try:
        assert read < size // 20, f"opening read {read:,} of {size:,} bytes: the store was checked"
        assert CallStore(db).count() == total
        CallStore(db).ingest(CallEvent("office", "NEW-1", EventKind.RINGING, T0, phone="+48600111222"))
    finally:
        db.close()
    # Written and closed cleanly again: trusted again, with the new call in it.
    db, read = open_measured(path)
    try:
        assert read < size // 20
        assert CallStore(db).get("office", "NEW-1") is not None
    finally:
        db.close()


def test_garbage_written_right_after_a_clean_close_is_found(ringdesk_home: Path) -> None:
    path, _total = build_store(ringdesk_home)
    damaged = write_garbage(path)  # at once: within the same tick of the file system's clock as the close

    db = Database.open(path)
    try:
        assert db.recovery is not None
        [kept] = kept_files(path)
        assert kept.read_bytes() == damaged
    finally:
        db.close()


def test_garbage_with_the_file_times_put_back_is_found(ringdesk_home: Path) -> None:
    """The harness writes garbage, then restores the file's times as ``touch -d`` would."""
    path, _total = build_store(ringdesk_home)
    before = path.stat()
    damaged = write_garbage(path)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_size == before.st_size

    db = Database.open(path)
    try:
        assert db.recovery is not None
        [kept] = kept_files(path)
        assert kept.read_bytes() == damaged
    finally:
        db.close()


def test_the_doctor_can_ask_for_the_check_of_a_sealed_store(ringdesk_home: Path) -> None:
    path, _total = build_store(ringdesk_home)
    db, read = open_measured(path, verify=True)
    db.close()
    assert checked(read, path)


def test_a_store_trusted_for_a_week_is_checked_again(ringdesk_home: Path) -> None:
    """A failing disk changes no file time: the trust carried from start to start runs out after a week."""
    path, _total = build_store(ringdesk_home)
    assert not reopen_checks(path)
    seal = path.with_name(path.name + ".sealed")
    record = json.loads(seal.read_text())
    record["verified_ns"] -= 8 * 24 * 3600 * 10**9
    seal.write_text(json.dumps(record))
    assert reopen_checks(path)
    assert not reopen_checks(path)  # checked just now: trusted again


# A process of the app's: opens the store as a start does, then writes calls or closes when told.
WRITER = r"""
import sys
from datetime import datetime, UTC
from app.core.models import CallEvent, EventKind
from app.store.calls import CallStore
from app.store.db import Database
db = Database.open(sys.argv[1])
calls = CallStore(db)
print("open", flush=True)
for n, line in enumerate(sys.stdin):
    command = line.strip()
    if command == "write":
        for i in range(50):
            calls.ingest(CallEvent("office", f"W{n}-{i}", EventKind.RINGING, datetime(2026, 11, 24, tzinfo=UTC),
                                   phone="+48600111222"))
    elif command == "checkpoint":
        db.conn.execute("PRAGMA wal_checkpoint(FULL)").fetchone()
    elif command == "close":
        db.close()
    print("done", command, flush=True)
"""


class Writer:
    """A real process with the store open (see :data:`WRITER`)."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.read() == "open"

    def read(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def do(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        assert self.read() == f"done {command}"

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)

    def finish(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        assert self.process.wait(30) == 0


@pytest.mark.parametrize("state", ["written to the WAL", "checkpointed into the file"])
def test_a_process_killed_after_writing_leaves_a_store_the_next_start_checks(ringdesk_home: Path, state: str) -> None:
    path, _total = build_store(ringdesk_home)
    writer = Writer(path)  # trusted the seal: did not check
    try:
        writer.do("write")
        if state == "checkpointed into the file":
            writer.do("checkpoint")
    finally:
        writer.kill()

    db, read = open_measured(path)
    try:
        assert checked(read, path)
        assert db.recovery is None and CallStore(db).get("office", "W0-49") is not None
    finally:
        db.close()
    assert not reopen_checks(path)  # closed cleanly after the check: trusted again


def test_a_reader_closing_while_another_process_writes_vouches_for_nothing(ringdesk_home: Path) -> None:
    """``ringdesk history`` while the app runs: history closes first; the app goes on writing and is killed."""
    path, _total = build_store(ringdesk_home)
    app = Writer(path)
    try:
        app.do("write")
        history = Database.open(path)
        CallStore(history).count()
        history.close()
        app.do("write")
    finally:
        app.kill()
    assert reopen_checks(path)


def test_whoever_closes_last_leaves_the_store_trusted(ringdesk_home: Path) -> None:
    """The app closes while ``history`` still reads; history's close is the clean close of the store."""
    path, _total = build_store(ringdesk_home)
    app = Writer(path)
    history = Database.open(path)
    try:
        app.do("write")
        app.do("close")
        app.finish()
        assert CallStore(history).get("office", "W0-49") is not None
    finally:
        history.close()
    assert not reopen_checks(path)
    write_garbage(path)
    db = Database.open(path)
    try:
        assert db.recovery is not None
    finally:
        db.close()


# ``ringdesk history`` as the command line runs it, reporting the bytes read while opening the store.
HISTORY = r"""
import sys
from pathlib import Path
from app.store.db import Database
def rchar():
    return int(next(l for l in Path("/proc/self/io").read_text().splitlines() if l.startswith("rchar:")).split()[1])
real_open = Database.open.__func__
def measured(cls, *args, **options):
    before = rchar()
    db = real_open(cls, *args, **options)
    print("opening read", rchar() - before, file=sys.stderr, flush=True)
    return db
Database.open = classmethod(measured)
from app.cli import main
sys.exit(main(["history", "--limit", "1", "--format", "json"]))
"""


def test_history_leaves_the_store_as_trusted_as_it_found_it(ringdesk_home: Path) -> None:
    """``ringdesk history`` never closes the store itself; its exit is a clean close all the same."""
    path, _total = build_store(ringdesk_home)
    reads = []
    for _run in range(2):
        done = subprocess.run(
            [sys.executable, "-c", HISTORY],
            cwd=REPO,
            env=os.environ | {"RINGDESK_HOME": str(ringdesk_home)},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        reads.append(int(done.stderr.split("opening read ")[1].split()[0]))
    assert all(not checked(read, path) for read in reads), reads


def test_a_store_changed_by_another_program_is_checked(ringdesk_home: Path) -> None:
    """Any program writing the file (here SQLite's own, outside Ringdesk) makes the next start check it."""
    import sqlite3

    path, _total = build_store(ringdesk_home)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("UPDATE notes SET text = 'edited' WHERE id = (SELECT min(id) FROM notes)")
    other.close()
    assert reopen_checks(path)


def test_damage_done_while_the_store_was_open_is_not_sealed_in(ringdesk_home: Path) -> None:
    """Garbage written into the file while a process has it open and writes (a failing disk, another program)
    must not be vouched for at its clean close: the next start checks it and sets it aside."""
    path, _total = build_store(ringdesk_home)
    db = Database.open(path)
    try:
        CallStore(db).ingest(CallEvent("office", "DURING-1", EventKind.RINGING, T0, phone="+48600111222"))
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the call is in the file, as a long run leaves it
        damaged = write_garbage(path)
    finally:
        db.close()
    assert not path.with_name(path.name + ".sealed").exists(), "a damaged store was sealed at close"
    again, read = open_measured(path)
    try:
        assert again.recovery is not None, "the next start trusted a store damaged while it was open"
        assert checked(read, path) or read > len(damaged) // 2
    finally:
        again.close()
    [kept] = kept_files(path)
    assert kept.read_bytes() == damaged


def test_a_command_that_only_read_leaves_the_seal_it_found(ringdesk_home: Path) -> None:
    """Opening ensures each account's row: a store whose rows are already right is not written to, so a
    reading command needs no check at its close and the store stays trusted."""
    path, _total = build_store(ringdesk_home)
    assert not reopen_checks(path)
    db = Database.open(path)
    try:
        db.ensure_account("office", "cloudpbx")
        assert db.conn.total_changes == 0
    finally:
        db.close()
    assert not reopen_checks(path)
