"""The benchmarks' data: bulk-loaded contacts are the callers of the synthetic history, so the look-ups and
searches the benchmarks time find real rows (a benchmark of misses would flatter the store)."""

from __future__ import annotations

from datetime import UTC, datetime

from app.store import bulk, synthetic
from app.store.calls import CallQuery, CallStore
from app.store.contacts import ContactStore
from app.store.db import Database
from bench import datagen


def test_every_synthetic_caller_is_a_bulk_loaded_contact(tmp_path) -> None:
    db = Database.open(tmp_path / "bench.db")
    db.ensure_account("bench", "cloudpbx")
    assert bulk.load_contacts(db, datagen.contacts(500)) == 500
    assert synthetic.generate_calls(db, "bench", 900, datetime(2026, 11, 1, tzinfo=UTC)) == 900
    calls, contacts = CallStore(db), ContactStore(db)
    rows = calls.page(limit=1000)
    assert len(rows) == 900
    assert all(row.contact_name for row in rows)  # 300 distinct numbers, all among the first 500 contacts
    match = contacts.lookup(datagen.number(123))
    assert match is not None and match.name.endswith(" 123")
    fragment = datagen.number(123)[4:10]
    assert any(row.phone == datagen.number(123) for row in calls.page(CallQuery(text=fragment), limit=1000))
