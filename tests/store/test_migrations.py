"""Migrations: a new database gets the latest schema; an old one is backed up, then upgraded in place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.core.errors import StorageError
from app.core.models import CallStatus, Direction
from app.store.calls import CallQuery, CallStore
from app.store.db import Database, to_ms
from app.store.schema import LATEST, MIGRATIONS


def test_empty_database_gets_latest_schema(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "fresh.sqlite3")
    assert db.version == LATEST
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert not list(tmp_path.glob("*.bak"))


def test_previous_schema_is_backed_up_and_upgraded_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
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

    db = Database.open(path)
    assert db.version == LATEST
    backup = path.with_name("old.sqlite3.v1.bak")
    assert backup.exists()
    assert sqlite3.connect(backup).execute("PRAGMA user_version").fetchone()[0] == 1
    # The old call is found by the search index the new schema added.
    rows = CallStore(db).page(CallQuery(text="888 99"))
    assert [r.call_id for r in rows] == ["C1"]


def test_newer_schema_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    Database.open(path).conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    with pytest.raises(StorageError, match="newer Ringdesk"):
        Database.open(path)


def test_facts_kept_as_json_before_schema_3_come_back_as_the_same_call(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.executescript(MIGRATIONS[1])
    conn.execute("INSERT INTO accounts (id, provider) VALUES ('pbx', 'cloudpbx')")
    facts = (
        '{"direction":"in","phone":"+48777888999","line":"+48221234567","completed":true,'
        '"summary_status":"answered","summary_agent":"anna","duration_s":0,"wait_s":7,'
        '"recording_url":"https://pbx/r.mp3","rating":4,"first_seen":1000,"answered_at":8000,'
        '"ended_at":60000,"summary_started_at":1000,"ringing":["anna","mike"],"cancelled":["mike"],'
        '"answered_by":["anna"],"sources":["pull","push"]}'
    )
    conn.execute(
        "INSERT INTO calls (account, call_id, direction, status, phone, line, agent, started_at, ended_at, "
        "duration_s, wait_s, recording_url, rating, facts, updated_at) VALUES ('pbx', 'C1', 'in', 'answered', "
        "'+48777888999', '+48221234567', 'anna', 1000, 60000, 0, 7, 'https://pbx/r.mp3', 4, ?, 60000)",
        (facts,),
    )
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()

    db = Database.open(path)
    assert "facts" not in [r["name"] for r in db.conn.execute("PRAGMA table_info(calls)")]
    call = CallStore(db).get("pbx", "C1")
    assert call is not None
    assert (call.ringing, call.cancelled, call.answered_by, call.sources) == (
        {"anna", "mike"},
        {"mike"},
        {"anna"},
        {"pull", "push"},
    )
    assert (call.completed, call.summary_status, call.summary_agent, call.duration_s, call.wait_s, call.rating) == (
        True,
        CallStatus.ANSWERED,
        "anna",
        0,
        7,
        4,
    )
    assert [to_ms(t) for t in (call.first_seen, call.answered_at, call.ended_at, call.summary_started_at)] == [
        1000,
        8000,
        60000,
        1000,
    ]
    assert (call.direction, call.phone, call.line, call.recording_url) == (
        Direction.IN,
        "+48777888999",
        "+48221234567",
        "https://pbx/r.mp3",
    )
