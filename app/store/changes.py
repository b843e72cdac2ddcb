"""Everything after a change number: the read side of the hub-wide change sequence (schema 4).

Why one sequence over three tables: a desktop keeps one number — the last change it stored — and asks for
everything after it, whatever kind. Each table carries the number of its rows' latest change (``seq``,
indexed), so "after N" is three index range scans merged by number, and a call that changed five times
while a desktop slept comes once, as it is now.
"""

from __future__ import annotations

import heapq
import sqlite3

from app.core.models import Contact
from app.core.views import CallChange, Change, ContactChange, NoteChange
from app.store.codec import FACTS_SQL, call_from_facts
from app.store.contacts import ContactStore
from app.store.db import Database
from app.store.notes import note_from_row

_CALLS_AFTER = f"""
SELECT c.seq, c.account, c.call_id, {FACTS_SQL},
       (SELECT k.name FROM contact_phones p JOIN contacts k ON k.id = p.contact
          LEFT JOIN number_choices n ON n.number = p.number AND n.contact = p.contact
         WHERE p.number = c.phone ORDER BY n.chosen_at DESC, k.id LIMIT 1) AS contact_name
FROM calls c WHERE c.seq > ? ORDER BY c.seq LIMIT ?
"""


class ChangeStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._contacts = ContactStore(db)

    def last_seq(self) -> int:
        return self.db.last_seq()

    def after(self, seq: int, limit: int = 500) -> list[Change]:
        """The changes numbered after ``seq``, oldest first, at most ``limit`` (each row in its latest state)."""
        conn = self.db.conn
        calls = [_call_change(r) for r in conn.execute(_CALLS_AFTER, (seq, limit))]
        notes = [
            NoteChange(r["seq"], note_from_row(r))
            for r in conn.execute("SELECT * FROM notes WHERE seq > ? ORDER BY seq LIMIT ?", (seq, limit))
        ]
        contacts = [
            ContactChange(r["seq"], self._contact(r))
            for r in conn.execute("SELECT * FROM contacts WHERE seq > ? ORDER BY seq LIMIT ?", (seq, limit))
        ]
        changes: list[list[Change]] = [list(calls), list(notes), list(contacts)]
        return list(heapq.merge(*changes, key=_seq_of))[:limit]

    def _contact(self, row: sqlite3.Row) -> Contact:
        contact = self._contacts.get(int(row["id"]))
        assert contact is not None  # the row was just read on this connection
        return contact


def _seq_of(change: Change) -> int:
    return change.seq


def _call_change(row: sqlite3.Row) -> CallChange:
    seq, account, call_id, *facts, contact_name = row
    return CallChange(seq, call_from_facts(account, call_id, tuple(facts)), contact_name or "")
