"""The change sequence (schema 4): every change a desktop may see is numbered in its own transaction, the
numbers only grow, and "after N" gives each changed row once, in its latest state."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from app.core.models import CallEvent, CallStatus, Contact, ContactPhone, EventKind, Note, utcnow
from app.core.views import CallChange, ContactChange, NoteChange
from app.store.calls import CallStore
from app.store.changes import ChangeStore
from app.store.contacts import ContactStore
from app.store.db import Database
from app.store.notes import NoteStore
from app.store.schema import MIGRATIONS


def ring(call_id: str, agent: str, at_s: int = 0) -> CallEvent:
    return CallEvent(
        "pbx", call_id, EventKind.RINGING, utcnow() + timedelta(seconds=at_s), phone="+48221234567", agent=agent
    )


def answer(call_id: str, agent: str) -> CallEvent:
    return CallEvent("pbx", call_id, EventKind.ANSWERED, utcnow() + timedelta(seconds=5), agent=agent)


def open_db(tmp_path: Path) -> Database:
    db = Database.open(tmp_path / "ringdesk.db")
    db.ensure_account("pbx", "cloudpbx")
    return db


def test_each_change_gets_a_greater_number_and_a_call_comes_once_as_it_is_now(tmp_path: Path) -> None:
    db = open_db(tmp_path)
    calls, changes = CallStore(db), ChangeStore(db)
    first = calls.ingest(ring("A", "anna"))
    second = calls.ingest(ring("B", "boris"))
    third = calls.ingest(answer("A", "anna"))
    assert 0 < first.seq < second.seq < third.seq == changes.last_seq()

    after_first = changes.after(first.seq)
    assert [(c.seq, c.call.call_id) for c in after_first if isinstance(c, CallChange)] == [
        (second.seq, "B"),
        (third.seq, "A"),
    ]
    answered = next(c for c in after_first if isinstance(c, CallChange) and c.call.call_id == "A")
    assert answered.call.status is CallStatus.TALKING  # A's latest state, not the ring it started with
    assert changes.after(third.seq) == []


def test_a_duplicate_webhook_takes_no_number(tmp_path: Path) -> None:
    db = open_db(tmp_path)
    calls, changes = CallStore(db), ChangeStore(db)
    event = ring("A", "anna")
    calls.ingest(event)
    before = changes.last_seq()
    again = calls.ingest(event)
    assert again.is_duplicate and changes.last_seq() == before


def test_notes_and_contacts_are_numbered_in_the_same_sequence(tmp_path: Path) -> None:
    db = open_db(tmp_path)
    calls, changes = CallStore(db), ChangeStore(db)
    ContactStore(db).upsert(Contact("Zofia Wrona", [ContactPhone("+48221234567")]))
    call = calls.ingest(ring("A", "anna"))
    NoteStore(db).add(Note("Wants an offer", phone="+48221234567", author="anna"))
    kinds = [(type(c).__name__, c.seq) for c in changes.after(0)]
    assert [k for k, _ in kinds] == ["ContactChange", "CallChange", "NoteChange"]
    assert [s for _, s in kinds] == sorted(s for _, s in kinds)
    call_change = next(c for c in changes.after(0) if isinstance(c, CallChange))
    assert call_change.seq == call.seq and call_change.contact_name == "Zofia Wrona"
    note = next(c for c in changes.after(0) if isinstance(c, NoteChange))
    assert note.note.text == "Wants an offer"
    contact = next(c for c in changes.after(0) if isinstance(c, ContactChange))
    assert [p.number for p in contact.contact.phones] == ["+48221234567"]


def test_a_limit_cuts_the_merged_list_at_the_oldest_changes(tmp_path: Path) -> None:
    db = open_db(tmp_path)
    calls, changes = CallStore(db), ChangeStore(db)
    for i in range(5):
        calls.ingest(ring(f"C{i}", "anna", at_s=i))
        NoteStore(db).add(Note(f"note {i}", phone="+48221234567"))
    page = changes.after(0, limit=4)
    assert [c.seq for c in page] == sorted(c.seq for c in changes.after(0))[:4]


def test_a_schema_3_store_is_numbered_on_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:3]:
        conn.executescript(script)
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO accounts (id, provider) VALUES ('pbx', 'cloudpbx')")
    conn.execute(
        "INSERT INTO calls (account, call_id, status, started_at, updated_at, first_seen) "
        "VALUES ('pbx', 'OLD', 'answered', 1, 1, 1)"
    )
    conn.commit()
    conn.close()
    db = Database.open(path)
    changes = ChangeStore(db)
    assert [c.call.call_id for c in changes.after(0) if isinstance(c, CallChange)] == ["OLD"]
    new = CallStore(db).ingest(ring("NEW", "anna"))
    assert new.seq > changes.after(0)[0].seq  # the counter starts after what the migration numbered


def test_a_call_changed_twice_in_one_batch_is_numbered_twice_and_keeps_the_last(tmp_path: Path) -> None:
    """Two webhooks of one call committed together (group commit): each announced state has its own number,
    so a desktop never stores the first state under the last number."""
    db = open_db(tmp_path)
    calls, changes = CallStore(db), ChangeStore(db)
    rang, answered = calls.ingest_many([ring("W1", "anna"), answer("W1", "anna")])
    assert (rang.call.status, answered.call.status) == (CallStatus.RINGING, CallStatus.TALKING)
    assert 0 < rang.seq < answered.seq == changes.last_seq()
    (stored,) = changes.after(0)
    assert isinstance(stored, CallChange) and (stored.seq, stored.call.status) == (answered.seq, CallStatus.TALKING)


def test_a_ring_naming_no_agent_offers_the_call_to_the_line(tmp_path: Path) -> None:
    db = open_db(tmp_path)
    calls = CallStore(db)
    offered = calls.ingest(CallEvent("pbx", "Q1", EventKind.RINGING, utcnow(), phone="+48221234567"))
    assert offered.call.line_offered
    answered = calls.ingest(answer("Q1", "boris"))
    assert answered.call.line_offered and answered.call.answered_by == frozenset({"boris"})
    assert calls.get("pbx", "Q1") == answered.call  # the fact survives the store
