"""Processes opening one store at the same moment (issue 15, point 2).

The harness started the desktop app, ``ringdesk history`` and ``ringdesk serve`` on a fresh home together:
7 of 24 exited "(a bug)" with ``table accounts already exists`` or ``duplicate column``, because each read
the schema version before taking the write lock and then migrated a store another process had migrated
meanwhile. Here real processes run the real entry points, released together (tests/store/crowd.py).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.config.paths import resolve
from app.core.errors import StorageError
from app.store import opening
from app.store.calls import CallQuery, CallStore
from app.store.db import Database
from app.store.schema import LATEST, MIGRATIONS
from tests.store.crowd import run_together

STORE_FILES = {"ringdesk.sqlite3", "ringdesk.sqlite3-wal", "ringdesk.sqlite3-shm", "ringdesk.sqlite3.sealed"}


def test_twenty_four_processes_starting_on_a_fresh_home_all_succeed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    children = run_together(home, ["history", "serve", "app", "open"] * 6, tmp_path / "children")

    failed = [c.describe() for c in children if c.process.returncode != 0 or "a bug" in c.stderr()]
    assert not failed, f"{len(failed)} of {len(children)} processes failed: {failed}"
    opened = [c.stdout() for c in children if c.role in ("app", "open")]
    assert all(f"opened schema {LATEST}" in text for text in opened), opened

    database = resolve(home).database
    db = Database.open(database)
    try:
        assert db.version == LATEST
        assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert [r[0] for r in db.conn.execute("SELECT name FROM sequence ORDER BY name")] == ["changes", "hub_id"]
    finally:
        db.close()
    # A new store needs no backup: nothing but the store itself (its WAL and its seal) was written next to it.
    assert {p.name for p in database.parent.iterdir()} <= STORE_FILES


def test_processes_upgrading_an_old_store_together_migrate_it_once_with_one_backup(tmp_path: Path) -> None:
    home = tmp_path / "home"
    database = resolve(home).ensure().database
    _schema_1_store(database)

    children = run_together(home, ["history", "serve", "app", "open"] * 3, tmp_path / "children")

    failed = [c.describe() for c in children if c.process.returncode != 0 or "a bug" in c.stderr()]
    assert not failed, f"{len(failed)} of {len(children)} processes failed: {failed}"
    db = Database.open(database)
    try:
        assert db.version == LATEST
        assert [r.call_id for r in CallStore(db).page(CallQuery(text="888 99"))] == ["C1"]
    finally:
        db.close()
    # Exactly one backup, of the schema the store really had before the upgrade, holding its data.
    assert {p.name for p in database.parent.iterdir()} - STORE_FILES == {"ringdesk.sqlite3.v1.bak"}
    backup = sqlite3.connect(database.with_name("ringdesk.sqlite3.v1.bak"))
    try:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
        assert backup.execute("SELECT call_id FROM calls").fetchall() == [("C1",)]
    finally:
        backup.close()


def _schema_1_store(path: Path) -> None:
    """A store as Ringdesk's first schema left it, with one call (as tests/store/test_migrations.py builds it)."""
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute("INSERT INTO accounts (id, provider) VALUES ('pbx', 'cloudpbx')")
    conn.execute(
        "INSERT INTO calls (account, call_id, direction, status, phone, started_at, facts, updated_at) "
        "VALUES ('pbx', 'C1', 'in', 'answered', '+48777888999', 1000, '{\"first_seen\": 1000}', 1000)"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_a_start_waits_for_another_process_holding_the_lock_then_migrates(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Another process is writing (say, migrating) when this one starts: it waits, then opens; the wait is
    longer than the connection's busy_timeout, which the running app keeps short."""
    path = tmp_path / "ringdesk.sqlite3"
    _schema_1_store(path)
    holder = _hold_write_lock(path)
    caplog.set_level(logging.INFO, logger="app.store.opening")
    opened: list[Database] = []
    opener = threading.Thread(target=lambda: opened.append(Database.open(path, check_same_thread=False)))
    opener.start()
    try:
        _wait_for(lambda: "waiting" in caplog.text, "the opener to wait for the lock")
        assert not opened
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        opener.join(60)
    [db] = opened
    try:
        assert db.version == LATEST
    finally:
        db.close()


def test_a_lock_held_for_good_ends_the_wait_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ringdesk.sqlite3"
    _schema_1_store(path)
    monkeypatch.setattr(opening, "OPEN_WAIT_S", 1.0)
    holder = _hold_write_lock(path)
    try:
        with pytest.raises(StorageError, match=r"kept the database .* locked for \d+ s"):
            Database.open(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    check = sqlite3.connect(path)
    try:
        assert check.execute("PRAGMA user_version").fetchone()[0] == 1  # untouched, and no backup left behind
    finally:
        check.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ringdesk.sqlite3"]


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    """A second, real connection holding the store's write lock (as another process's transaction would)."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("PRAGMA journal_mode = WAL")
    holder.execute("BEGIN IMMEDIATE")
    return holder


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)
