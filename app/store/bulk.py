"""Bulk loading of contacts: benchmarks and tests that need a million of them in seconds.

The same rows as :meth:`ContactStore.upsert`, but ``executemany`` in large transactions and without the
re-sync check — only for contacts the store does not hold yet. (A million calls come from
:mod:`app.store.synthetic`.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from app.core.models import Contact
from app.store.db import Database, now_ms

_CHUNK = 50_000
T = TypeVar("T")


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
                    (
                        contact.name,
                        contact.company,
                        contact.email,
                        contact.note,
                        contact.responsible,
                        stamp,
                        contact.source,
                        contact.source_id,
                    ),
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
