"""``Database.transaction`` under real write faults: a full disk, a read-only file, a foreign write lock.

Why these: a write that fails for a reason of the environment must surface as a :class:`StorageError` with a
sentence (the receiver answers 503, the UI shows it), never as a raw ``sqlite3`` error that the callers take
for a bug — and the connection must be usable again once the cause is gone. After a failed ``COMMIT`` on a
full disk SQLite has already rolled back, so a blind ``ROLLBACK`` raised "no transaction is active" (issue 15).

The full disk is real: ``RLIMIT_FSIZE`` in a child process (Python ignores ``SIGXFSZ``, so writing past the
limit fails with ``EFBIG``), once failing at ``COMMIT`` and once inside a statement (a tiny page cache
spills to the WAL while the transaction is still open).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.core.errors import StorageError
from app.store.db import Database
from tests.proof.proofkit import REPO

CHILD = r"""
import json, resource, sys
from pathlib import Path
from app.core.errors import StorageError
from app.store.db import Database

path, cache_pages = Path(sys.argv[1]), int(sys.argv[2])
db = Database.open(path)
with db.transaction():
    db.conn.execute("CREATE TABLE filler (n INTEGER, blob BLOB)")
db.conn.execute(f"PRAGMA cache_size = {cache_pages}")
largest = max(p.stat().st_size for p in path.parent.iterdir())
resource.setrlimit(resource.RLIMIT_FSIZE, (largest + 65536, resource.RLIM_INFINITY))
committed, failure = 0, None
for n in range(10_000):
    try:
        with db.transaction():
            for _ in range(4):
                db.conn.execute("INSERT INTO filler VALUES (?, randomblob(20000))", (n,))
        committed += 1
    except BaseException as exc:
        failure = {"type": type(exc).__name__, "storage": isinstance(exc, StorageError), "text": str(exc),
                   "in_transaction": db.conn.in_transaction}
        break
resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
with db.transaction():
    db.conn.execute("INSERT INTO filler VALUES (-1, zeroblob(10))")
db.close()
print(json.dumps({"committed": committed, "failure": failure}))
"""


@pytest.mark.parametrize("cache_pages", [32000, 5], ids=["fails_at_commit", "fails_in_a_statement"])
def test_a_full_disk_is_a_storage_error_and_the_store_recovers(tmp_path: Path, cache_pages: int) -> None:
    path = tmp_path / "store.sqlite3"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(cache_pages)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    outcome = json.loads(done.stdout)
    failure = outcome["failure"]
    assert failure is not None, "the file size limit never stopped a write"
    assert failure["storage"], f"a full disk surfaced as {failure['type']}: {failure['text']}"
    assert "disk" in failure["text"] and "sqlite" not in failure["text"].lower(), failure["text"]
    assert not failure["in_transaction"], "the failed transaction was left open"
    db = Database.open(path)
    try:
        rows = {n for (n,) in db.conn.execute("SELECT DISTINCT n FROM filler")}
    finally:
        db.close()
    assert rows == set(range(outcome["committed"])) | {-1}, "a committed transaction is missing, or a failed one kept"


def test_a_read_only_store_refuses_writes_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    Database.open(path).close()
    db = Database(sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None), path)
    try:
        with pytest.raises(StorageError) as raised, db.transaction():
            db.conn.execute("INSERT INTO accounts (id, provider, name) VALUES ('a', 'cloudpbx', '')")
        assert "read-only" in raised.value.message and "attempt to write" not in raised.value.message
        assert not db.conn.in_transaction
    finally:
        db.close()


async def test_the_event_loop_writer_does_not_wait_out_a_foreign_lock(tmp_path: Path) -> None:
    """The long-running app's connection (checkpoints on their thread, writes on the loop) gives up at once."""
    path = tmp_path / "store.sqlite3"
    db = Database.open(path)
    db.checkpoint_in_background()
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        with pytest.raises(StorageError) as raised, db.transaction():
            db.conn.execute("INSERT INTO accounts (id, provider, name) VALUES ('a', 'cloudpbx', '')")
        waited = time.monotonic() - started
        assert waited < 0.5, f"the loop waited {waited:.2f} s for another process's lock"
        assert "busy" in raised.value.message
        other.execute("ROLLBACK")
        await asyncio.sleep(0)
        with db.transaction():  # the lock is gone: writes go through again
            db.conn.execute("INSERT INTO accounts (id, provider, name) VALUES ('a', 'cloudpbx', '')")
    finally:
        other.close()
        db.close()


def test_a_command_line_writer_still_waits_for_a_short_lock(tmp_path: Path) -> None:
    """Off the event loop (``ringdesk contacts import``, migrations) a brief foreign lock is waited for."""
    path = tmp_path / "store.sqlite3"
    db = Database.open(path)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        other.execute("BEGIN IMMEDIATE")
        release = threading.Timer(0.3, lambda: other.execute("ROLLBACK"))
        release.start()
        with db.transaction():
            db.conn.execute("INSERT INTO accounts (id, provider, name) VALUES ('a', 'cloudpbx', '')")
        release.join()
        assert db.conn.execute("SELECT count(*) FROM accounts WHERE id = 'a'").fetchone()[0] == 1
    finally:
        other.close()
        db.close()
