"""Commits and the disk: background WAL checkpoints (a commit returns without copying the WAL into the
database, a thread of its own does that soon after, closing leaves one tidy file), and pulled batches
committed without a flush of their own."""

from __future__ import annotations

import time
from pathlib import Path

from app.store.db import Database

ROWS = [("x" * 3000,)] * 3000  # ~9 MB: far past SQLite's own 1,000-page checkpoint rule


def commit_rows(db: Database) -> None:
    with db.transaction():
        db.conn.executemany("INSERT INTO notes (text, created_at) VALUES (?, 0)", ROWS)


def test_without_it_the_commit_itself_copies_the_wal(tmp_path: Path) -> None:
    path = tmp_path / "ringdesk.sqlite3"
    db = Database.open(path)
    commit_rows(db)
    assert path.stat().st_size > 8_000_000  # copied inside the commit, on the writer's thread
    db.close()


def test_with_it_the_copy_happens_after_the_commit_on_another_thread(tmp_path: Path) -> None:
    path = tmp_path / "ringdesk.sqlite3"
    db = Database.open(path)
    db.checkpoint_in_background()
    commit_rows(db)
    assert path.stat().st_size < 1_000_000  # the commit returned with the pages still in the WAL
    deadline = time.monotonic() + 15
    while path.stat().st_size < 8_000_000 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert path.stat().st_size > 8_000_000  # the background checkpoint copied them
    db.close()
    assert not Path(f"{path}-wal").exists()  # closed cleanly: nothing left beside the database
    assert Database.open(path).conn.execute("SELECT count(*) FROM notes").fetchone()[0] == len(ROWS)


def test_a_pulled_batch_skips_the_flush_and_nothing_after_it_does(tmp_path: Path) -> None:
    # Pulled records can be fetched again; a webhook's 200 must still wait for the disk right after.
    db = Database.open(tmp_path / "ringdesk.sqlite3")
    synchronous = lambda: db.conn.execute("PRAGMA synchronous").fetchone()[0]  # noqa: E731 (1 NORMAL, 2 FULL)
    with db.transaction(flush=False):
        during = synchronous()
    after = synchronous()
    try:
        with db.transaction(flush=False):
            raise RuntimeError("a bug in the batch")
    except RuntimeError:
        pass
    assert (during, after, synchronous()) == (1, 2, 2)
    with db.transaction():
        assert synchronous() == 2
