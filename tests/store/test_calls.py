"""Call storage: idempotent upserts, search by fragment or name, keyset pages, filters."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from app.core.models import CallEvent, CallStatus, Contact, ContactPhone, Direction, EventKind
from app.store.calls import CallQuery, CallStore
from app.store.contacts import ContactStore
from app.store.db import Database

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def summary(
    call_id: str,
    phone: str,
    minute: int,
    status: CallStatus = CallStatus.ANSWERED,
    direction: Direction = Direction.IN,
    agent: str = "anna",
    line: str = "+48221234567",
) -> CallEvent:
    return CallEvent(
        account="pbx",
        call_id=call_id,
        kind=EventKind.SUMMARY,
        at=T0 + timedelta(minutes=minute),
        started_at=T0 + timedelta(minutes=minute),
        phone=phone,
        status=status,
        direction=direction,
        agent=agent,
        line=line,
        duration_s=30,
        raw=(("callid", call_id), ("phone", phone)),
    )


def make_store(db: Database) -> CallStore:
    db.ensure_account("pbx", "cloudpbx")
    return CallStore(db)


def test_same_event_twice_is_one_call_one_event(db: Database) -> None:
    calls = make_store(db)
    first = calls.ingest(summary("C1", "+48777888999", 1))
    again = calls.ingest(summary("C1", "+48777888999", 1))
    assert first.is_new_call and not first.is_duplicate
    assert again.is_duplicate
    assert calls.count() == 1
    assert db.conn.execute("SELECT count(*) FROM call_events").fetchone()[0] == 1


def test_events_of_one_call_update_one_row(db: Database) -> None:
    calls = make_store(db)
    ring = CallEvent("pbx", "C2", EventKind.RINGING, T0, phone="+48777888999", agent="anna", direction=Direction.IN)
    calls.ingest(ring)
    assert calls.row("pbx", "C2").status is CallStatus.RINGING
    calls.ingest(CallEvent("pbx", "C2", EventKind.ANSWERED, T0 + timedelta(seconds=4), agent="anna"))
    result = calls.ingest(CallEvent("pbx", "C2", EventKind.COMPLETED, T0 + timedelta(seconds=64), agent="anna"))
    assert result.previous_status is CallStatus.TALKING
    row = calls.row("pbx", "C2")
    # talk measured from our own stamps; no provider record, so no whole-call figure
    assert row.status is CallStatus.ANSWERED and row.talk_s == 60 and row.duration_s is None and row.wait_s == 4
    assert calls.count() == 1


def test_keyset_pages_are_newest_first_and_complete(db: Database) -> None:
    calls = make_store(db)
    calls.ingest_many(summary(f"C{i}", f"+4877788{i:04d}", i) for i in range(250))
    seen: list[str] = []
    after = None
    while True:
        page = calls.page(after=after, limit=100)
        if not page:
            break
        seen += [r.call_id for r in page]
        after = page[-1].cursor
    assert seen == [f"C{i}" for i in reversed(range(250))]


def test_search_by_number_fragment_and_contact_name(db: Database) -> None:
    calls = make_store(db)
    contacts = ContactStore(db)
    contacts.upsert(Contact("Jan Kowalski", [ContactPhone("+48777888999", "777 888 999")], company="Acme"))
    calls.ingest(summary("C1", "+48777888999", 1))
    calls.ingest(summary("C2", "+79101234567", 2))
    calls.ingest(summary("C3", "+48601000111", 3))
    assert [r.call_id for r in calls.page(CallQuery(text="888 9"))] == ["C1"]
    assert [r.call_id for r in calls.page(CallQuery(text="9101"))] == ["C2"]
    assert [r.call_id for r in calls.page(CallQuery(text="kowal"))] == ["C1"]
    assert [r.call_id for r in calls.page(CallQuery(text="acme"))] == ["C1"]
    assert calls.row("pbx", "C1").contact_name == "Jan Kowalski"
    assert calls.page(CallQuery(text="nobody")) == []
    assert {r.call_id for r in calls.page(CallQuery(text="+48"))} == {"C1", "C3"}


def test_search_uses_the_index_not_a_scan(db: Database) -> None:
    make_store(db)
    from app.store.calls import _text_clause

    clause, params = _text_clause("777888", db.conn)
    plan = " ".join(
        str(r[3]) for r in db.conn.execute(f"EXPLAIN QUERY PLAN SELECT * FROM calls c WHERE {clause}", params)
    )
    assert "numbers_fts" in plan and "SCAN c" not in plan


def test_filters(db: Database) -> None:
    calls = make_store(db)
    calls.ingest(summary("IN1", "+48777888999", 1))
    calls.ingest(summary("OUT1", "+48777888999", 2, CallStatus.BUSY, Direction.OUT, agent="boris"))
    calls.ingest(summary("MISS", "+48777888000", 3, CallStatus.MISSED, line="+48229999999"))
    ids = lambda q: [r.call_id for r in calls.page(q)]  # noqa: E731
    assert ids(CallQuery(direction=Direction.OUT)) == ["OUT1"]
    assert ids(CallQuery(statuses=(CallStatus.MISSED,))) == ["MISS"]
    assert ids(CallQuery(agent="boris")) == ["OUT1"]
    assert ids(CallQuery(line="+48229999999")) == ["MISS"]
    assert ids(CallQuery(since=T0 + timedelta(minutes=2))) == ["MISS", "OUT1"]
    assert ids(CallQuery(until=T0 + timedelta(minutes=2))) == ["IN1"]
    assert ids(CallQuery(phone="+48777888999")) == ["OUT1", "IN1"]


def test_history_json_shape(db: Database) -> None:
    calls = make_store(db)
    calls.ingest(summary("C1", "+48777888999", 1))
    data = calls.page()[0].to_json()
    assert data["started_at"] == "2026-11-23T09:01:00Z"
    assert set(data) >= {
        "account",
        "call_id",
        "direction",
        "status",
        "phone",
        "contact_name",
        "line",
        "agent",
        "started_at",
        "duration_s",
        "wait_s",
        "recording_url",
    }


def test_rejected_event_leaves_store_unchanged(db: Database) -> None:
    calls = make_store(db)
    calls.ingest(summary("C1", "+48777888999", 1))
    bad = CallEvent("no-such-account", "X", EventKind.SUMMARY, T0, status=CallStatus.ANSWERED)
    with pytest.raises(sqlite3.IntegrityError):  # the foreign key refuses an unknown account
        calls.ingest(bad)
    assert calls.count() == 1
    assert db.conn.execute("SELECT count(*) FROM call_events").fetchone()[0] == 1


def test_count_up_to_stops_at_its_limit(db: Database) -> None:
    calls = make_store(db)
    calls.ingest_many(
        summary(f"U{i}", f"+4877788{i:04d}", i, CallStatus.MISSED if i % 2 else CallStatus.ANSWERED) for i in range(30)
    )
    assert calls.count_up_to(CallQuery(), 10) == 10
    assert calls.count_up_to(CallQuery(statuses=(CallStatus.MISSED,)), 100) == 15


def test_a_search_with_control_characters_finds_without_crashing(db: Database) -> None:
    calls = make_store(db)
    calls.ingest(summary("C1", "+48777888999", 1))
    assert [r.call_id for r in calls.page(CallQuery(text="777\x00888"))] == ["C1"]
    assert calls.page(CallQuery(text="a\x00b")) == []
