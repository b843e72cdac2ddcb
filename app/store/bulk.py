"""Bulk loading of calls and contacts: benchmarks and tests that need a million rows in seconds.

Same rows as the normal path (every call goes through the state machine and the same codec), but
``executemany`` in large transactions, without the per-event duplicate check and event log. Only for
loading into stores that do not already hold these calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from app.core.callstate import apply
from app.core.models import CallEvent, Contact
from app.store.codec import call_to_json
from app.store.db import Database, now_ms, to_ms
from app.store.numbers import add_numbers

_CHUNK = 50_000
T = TypeVar("T")


def load_calls(db: Database, events: Iterable[CallEvent]) -> int:
    """Insert one call per event (each event describes a whole call, e.g. a SUMMARY). Returns the count."""
    total = 0
    stamp = now_ms()
    for chunk in _chunks(events):
        rows = []
        for event in chunk:
            call = apply(None, event)
            rows.append((
                call.account, call.call_id, call.direction.value if call.direction else None, call.status.value,
                call.phone, call.line, call.agent, to_ms(call.started_at), to_ms(call.ended_at), call.talk_seconds,
                call.wait_seconds, call.recording_url, call.rating, call_to_json(call), stamp,
            ))
        with db.transaction():
            db.conn.executemany(
                "INSERT INTO calls (account, call_id, direction, status, phone, line, agent, started_at, ended_at, "
                "duration_s, wait_s, recording_url, rating, facts, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            add_numbers(db.conn, (r[4] for r in rows))
        total += len(rows)
    return total


def load_contacts(db: Database, contacts: Iterable[Contact]) -> int:
    """Insert contacts with their phones. Returns the count."""
    total = 0
    stamp = now_ms()
    for chunk in _chunks(contacts):
        with db.transaction():
            for contact in chunk:
                cursor = db.conn.execute(
                    "INSERT INTO contacts (name, company, email, note, responsible, updated_at, source, source_id) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (contact.name, contact.company, contact.email, contact.note, contact.responsible, stamp,
                     contact.source, contact.source_id),
                )
                contact.id = int(cursor.lastrowid or 0)
            db.conn.executemany(
                "INSERT OR IGNORE INTO contact_phones (contact, number, raw, label) VALUES (?, ?, ?, ?)",
                ((c.id, p.number, p.raw, p.label) for c in chunk for p in c.phones),
            )
        total += len(chunk)
    return total


def _chunks(items: Iterable[T]) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, _CHUNK)):
        yield chunk
