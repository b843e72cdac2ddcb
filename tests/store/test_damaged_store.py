"""A damaged database is noticed at start (issue 15, point 8).

The harness wrote garbage into the middle of a store's file: the app started silently and wrote into it.
Here real stores are built by the app, real garbage is written over pages in the middle of the file, and
the store is opened the way the app opens it (its context; ``ringdesk serve`` as a process; several
processes at once). The damaged file must be kept byte for byte and never written to again, the user must
be told, what can be read must be saved, and new calls must be stored.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import random
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest

from app.config.paths import resolve
from app.core.errors import StorageError
from app.core.models import CallEvent, CallStatus, Contact, ContactPhone, Direction, EventKind, Note
from app.services.context import Context
from app.store import bulk, recovery, synthetic
from app.store.calls import CallStore
from app.store.db import Database
from app.store.notes import NoteStore
from app.store.schema import LATEST
from tests.proof.proofkit import (
    CRM_TOKEN,
    SERVE_CONFIG,
    TD_SECRET,
    ServeProcess,
    cloudpbx_call,
    free_port,
    write_config,
)
from tests.store.crowd import run_together

SYNTHETIC_CALLS = 6000
EVENT_CALLS = 200
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def build_store(home: Path) -> tuple[Path, int]:
    """A store written by the app's own code: synthetic history, calls ingested from events, contacts and
    notes; closed cleanly (everything in the main file). Returns its path and how many calls it holds."""
    write_config(home, SERVE_CONFIG)
    path = resolve(home).ensure().database
    db = Database.open(path)
    db.ensure_account("office", "cloudpbx")
    synthetic.generate_calls(db, "office", SYNTHETIC_CALLS, T0)
    calls = CallStore(db)
    for n in range(EVENT_CALLS):
        calls.ingest(
            CallEvent(
                "office",
                f"EV{n:05d}",
                EventKind.SUMMARY,
                T0 + timedelta(minutes=n),
                started_at=T0 + timedelta(minutes=n),
                phone=f"+4877788{n:04d}",
                status=CallStatus.ANSWERED,
                direction=Direction.IN,
                agent="anna",
                duration_s=30,
                raw=(("callid", f"EV{n:05d}"),),
            )
        )
    bulk.load_contacts(db, (Contact(name=f"Klient {n}", phones=[ContactPhone(f"+4860{n:07d}")]) for n in range(1500)))
    notes = NoteStore(db)
    for n in range(50):
        notes.add(Note(text=f"note {n}", phone=f"+4877788{n:04d}", author="anna", created_at=T0))
    db.close()
    assert not path.with_name(path.name + "-wal").exists()
    return path, SYNTHETIC_CALLS + EVENT_CALLS


def write_garbage(path: Path, *, pages: list[int] | None = None) -> bytes:
    """Overwrite whole pages with random bytes — by default one leaf page of the calls table and two pages
    next to the middle of the file — and return the damaged file's bytes."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    page_count = conn.execute("PRAGMA page_count").fetchone()[0]
    if pages is None:
        leaves = [
            row[0]
            for row in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'calls' AND pagetype = 'leaf' ORDER BY pageno"
            )
        ]
        pages = [leaves[len(leaves) // 2], page_count // 2, page_count // 2 + 1]
    conn.close()
    rng = random.Random(15)
    with path.open("r+b") as file:
        for page in pages:
            file.seek((page - 1) * page_size)
            file.write(rng.randbytes(page_size))
    check = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert check.execute("PRAGMA quick_check").fetchall() != [("ok",)], "the garbage did not damage the store"
    except sqlite3.DatabaseError:
        pass  # damaged so badly that quick_check itself stops: damaged all the same
    finally:
        check.close()
    return path.read_bytes()


def kept_files(path: Path) -> list[Path]:
    """The damaged files set aside next to the store (without their -wal and -shm)."""
    return sorted(
        p
        for p in path.parent.iterdir()
        if p.name.startswith(path.name + ".damaged-") and not p.name.endswith(("-wal", "-shm"))
    )


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_damaged_store_is_kept_untouched_and_replaced_by_what_can_be_read(
    ringdesk_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path, total = build_store(ringdesk_home)
    damaged = write_garbage(path)

    caplog.set_level(logging.ERROR)
    context = Context.open()
    calls = context.calls  # opens the store, as every front end does
    try:
        [kept] = kept_files(path)
        assert digest(kept.read_bytes()) == digest(damaged)  # kept byte for byte

        # The user is told: an error in the log and a notice for the front ends, both naming the kept file.
        assert any(str(kept) in record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR)
        [notice] = context.notices()
        assert isinstance(notice, StorageError)
        assert str(kept) in notice.user_text() and "damaged" in notice.user_text()
        found = context.db.recovery
        assert found is not None and found.damaged == kept

        # What could be read was saved: most calls, not all (a page of them was garbage), counted honestly.
        saved_calls = calls.count()
        by_table = {table.name: table for table in found.tables}
        assert 0 < saved_calls < total
        assert (by_table["calls"].saved, by_table["calls"].lost) == (saved_calls, total - saved_calls)
        assert f"{saved_calls} calls, 1500 contacts and 50 notes; {found.lost} records were lost" in notice.message
        assert context.db.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 50
        assert context.db.version == LATEST
        assert context.db.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert not context.db.conn.execute("PRAGMA foreign_key_check").fetchall()

        # New calls are stored, in the new store.
        calls.ingest(CallEvent("office", "NEW-1", EventKind.RINGING, T0, phone="+48600111222", agent="anna"))
    finally:
        context.close()
    assert digest(kept.read_bytes()) == digest(damaged)  # never written to, not even by the last close
    wal = kept.with_name(kept.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # it had no WAL content; none was added

    again = Database.open(path)  # the new store is sound: opened again, nothing more to recover
    try:
        assert again.recovery is None
        assert CallStore(again).get("office", "NEW-1") is not None
    finally:
        again.close()
    assert kept_files(path) == [kept]


def test_a_store_damaged_beyond_reading_starts_empty_and_keeps_the_file(ringdesk_home: Path) -> None:
    path, _total = build_store(ringdesk_home)
    damaged = write_garbage(path, pages=[1])  # the header and the schema: nothing can be read

    context = Context.open()
    try:
        assert context.calls.count() == 0
        [notice] = context.notices()
        assert "beyond reading" in notice.message
        context.calls.ingest(CallEvent("office", "NEW-1", EventKind.RINGING, T0, phone="+48600111222"))
        assert context.calls.count() == 1
    finally:
        context.close()
    [kept] = kept_files(path)
    assert digest(kept.read_bytes()) == digest(damaged)


async def test_serve_on_a_damaged_store_says_so_and_stores_new_calls(ringdesk_home: Path) -> None:
    path, _total = build_store(ringdesk_home)
    damaged = write_garbage(path)
    server = ServeProcess(
        ringdesk_home,
        free_port(),
        {"RINGDESK_SECRET_OFFICE_CRM_TOKEN": CRM_TOKEN, "RINGDESK_SECRET_TD_WEBHOOK_SECRET": TD_SECRET},
    )
    pushes = cloudpbx_call(7)
    try:
        await asyncio.to_thread(server.start)
        async with aiohttp.ClientSession(server.url) as session:
            assert [await push.send(session) for push in pushes] == [200] * len(pushes)
        assert await asyncio.to_thread(server.stop) == 0
    finally:
        server.kill()

    [kept] = kept_files(path)
    assert digest(kept.read_bytes()) == digest(damaged)
    told = server.stderr()
    assert "ERROR" in told and "damaged" in told and str(kept) in told
    assert "ringdesk: The database was damaged." in told  # in so many words, not only as a log line
    db = Database.open(path)
    try:
        assert db.recovery is None
        assert CallStore(db).get("office", pushes[0].call_id) is not None
    finally:
        db.close()


def test_processes_starting_together_on_a_damaged_store_set_it_aside_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path, _total = build_store(home)
    damaged = write_garbage(path)

    children = run_together(home, ["history", "open", "app"] * 2, tmp_path / "children")

    failed = [c.describe() for c in children if c.process.returncode != 0]
    assert not failed, failed
    [kept] = kept_files(path)
    assert digest(kept.read_bytes()) == digest(damaged)
    db = Database.open(path)
    try:
        assert db.recovery is None and CallStore(db).count() > 0
    finally:
        db.close()


@pytest.mark.skipif(sys.platform == "win32", reason="the lock probe is POSIX; Windows refuses the rename instead")
def test_a_damaged_store_another_process_has_open_is_left_alone(
    ringdesk_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _total = build_store(ringdesk_home)
    damaged = write_garbage(path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT count(*) FROM accounts')"
            ".fetchone(); print('open', flush=True); sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    monkeypatch.setattr(recovery, "IN_USE_WAIT_S", 1.0)  # the holder keeps it open for good: no need to wait long
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"open\n"
        with pytest.raises(StorageError, match="another program still has it open"):
            Database.open(path)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    assert path.read_bytes() == damaged and not kept_files(path)
