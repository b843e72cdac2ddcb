"""Bulk loading gives the same rows as the normal ingest path (benchmarks measure the real thing)."""

from __future__ import annotations

from app.store import bulk
from app.store.calls import CallQuery, CallStore
from app.store.contacts import ContactStore
from app.store.db import Database
from bench import datagen


def test_bulk_rows_equal_ingested_rows(tmp_path) -> None:
    events = list(datagen.call_events(300))
    fast, slow = Database.open(tmp_path / "fast.db"), Database.open(tmp_path / "slow.db")
    for db in (fast, slow):
        db.ensure_account("bench", "cloudpbx")
    assert bulk.load_calls(fast, events) == 300
    CallStore(slow).ingest_many(events)
    strip = lambda rows: [r.to_json() for r in rows]  # noqa: E731
    assert strip(CallStore(fast).page(limit=500)) == strip(CallStore(slow).page(limit=500))
    fragment = events[7].phone[5:10]
    query = CallQuery(text=fragment)
    assert strip(CallStore(fast).page(query)) == strip(CallStore(slow).page(query))


def test_bulk_contacts_are_found_by_number(tmp_path) -> None:
    db = Database.open(tmp_path / "c.db")
    assert bulk.load_contacts(db, datagen.contacts(500)) == 500
    match = ContactStore(db).lookup(datagen.number(123))
    assert match is not None and match.name.endswith(" 123")
