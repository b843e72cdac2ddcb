"""A desktop joined to a team hub keeps a local copy of exactly what its user may see: the hub's calls, notes
and contacts as they were last streamed, and the number of the last change stored.

Why the number goes in the same transaction as the rows: after a crash or a dropped connection the desktop
asks for everything after the number it *stored*, so a change is either stored with its number or asked for
again — never lost, never half-kept. Why it is idempotent (a change applied twice changes nothing): a
reconnect may bring again what was stored just before the drop; a row is only written when the change's
number is newer than the row's, so nothing goes backwards and nothing is announced twice.

Rows: a call by (account, call_id) with the hub's facts (``codec.call_columns``) and the hub's number in
``seq``; a note under the hub's own id; a contact by source ``hub`` and ``source_id`` = the hub's id.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.core.views import CallChange, Change, ContactChange, NoteChange
from app.store.codec import CALL_COLUMNS, call_columns
from app.store.db import Database, now_ms, to_ms
from app.store.numbers import add_numbers
from app.store.state import StateStore

SEQ_KEY = "hub_seq"  # in sync_state, under the hub account's id

_INSERT_CALL = (
    f"INSERT INTO calls ({', '.join(CALL_COLUMNS)}, updated_at, seq, account, call_id) "
    f"VALUES ({', '.join('?' * (len(CALL_COLUMNS) + 4))})"
)
_UPDATE_CALL = f"UPDATE calls SET {', '.join(f'{c} = ?' for c in CALL_COLUMNS)}, updated_at = ?, seq = ? WHERE id = ?"


class HubCache:
    """The local cache of one hub account (``account``: its id in the settings, e.g. ``team``)."""

    def __init__(self, db: Database, account: str) -> None:
        self.db = db
        self.account = account
        self._state = StateStore(db)

    def last_seq(self) -> int:
        """The number of the last change stored (0: nothing yet)."""
        return int(self._state.get(self.account, SEQ_KEY, "0") or 0)

    def reset(self) -> None:
        """Forget the number (a hub whose sequence starts again lower: everything is asked for again)."""
        self._state.set(self.account, SEQ_KEY, "0")

    def apply(self, changes: Iterable[Change], *, seq: int | None = None, advance: bool = True) -> list[Change]:
        """Store ``changes`` and the last number in one transaction; returns the changes that changed a row
        (oldest first). ``seq`` moves the number further (a ``caught_up`` past the last change this user sees).
        ``advance=False`` keeps the number (a change the hub answered to a write: earlier ones may still be on
        the stream, and the stream brings this one again, which then changes nothing)."""
        applied: list[Change] = []
        with self.db.transaction():
            last = self.last_seq()
            top = last
            phones: set[str] = set()
            for change in changes:
                top = max(top, change.seq)
                if isinstance(change, CallChange):
                    written = self._call(change)
                    if written and change.call.phone:
                        phones.add(change.call.phone)
                elif isinstance(change, NoteChange):
                    written = self._note(change)
                else:
                    written = self._contact(change)
                if written:
                    applied.append(change)
            if phones:
                add_numbers(self.db.conn, phones)
            top = max(top, seq or 0)
            if advance and top != last:
                self._state.set(self.account, SEQ_KEY, str(top))
        return applied

    # -- one row each ----------------------------------------------------------------------------------
    def _call(self, change: CallChange) -> bool:
        conn, call = self.db.conn, change.call
        conn.execute(
            "INSERT OR IGNORE INTO accounts (id, provider, name) VALUES (?, 'hub', '')",
            (call.account,),
        )
        row = conn.execute(
            "SELECT id, seq FROM calls WHERE account = ? AND call_id = ?", (call.account, call.call_id)
        ).fetchone()
        if row is not None and int(row["seq"]) >= change.seq:
            return False
        values = (*call_columns(call), now_ms(), change.seq)
        if row is None:
            conn.execute(_INSERT_CALL, (*values, call.account, call.call_id))
        else:
            conn.execute(_UPDATE_CALL, (*values, int(row["id"])))
        return True

    def _note(self, change: NoteChange) -> bool:
        conn, note = self.db.conn, change.note
        if note.id is None:
            return False
        row = conn.execute("SELECT seq FROM notes WHERE id = ?", (note.id,)).fetchone()
        if row is not None and int(row["seq"]) >= change.seq:
            return False
        conn.execute(
            "INSERT INTO notes (id, number, account, call_id, text, author, created_at, seq) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET number = excluded.number, "
            "account = excluded.account, call_id = excluded.call_id, text = excluded.text, "
            "author = excluded.author, created_at = excluded.created_at, seq = excluded.seq",
            (
                note.id,
                note.phone,
                note.account,
                note.call_id,
                note.text,
                note.author,
                to_ms(note.created_at),
                change.seq,
            ),
        )
        return True

    def _contact(self, change: ContactChange) -> bool:
        conn, contact = self.db.conn, change.contact
        if not contact.source_id:
            return False
        row = conn.execute(
            "SELECT id, seq FROM contacts WHERE source = 'hub' AND source_id = ?", (contact.source_id,)
        ).fetchone()
        if row is not None and int(row["seq"]) >= change.seq:
            return False
        fields = (contact.name, contact.company, contact.email, contact.note, contact.responsible, now_ms(), change.seq)
        if row is None:
            cursor = conn.execute(
                "INSERT INTO contacts (name, company, email, note, responsible, updated_at, seq, source, source_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 'hub', ?)",
                (*fields, contact.source_id),
            )
            contact_id = int(cursor.lastrowid or 0)
        else:
            contact_id = int(row["id"])
            conn.execute(
                "UPDATE contacts SET name = ?, company = ?, email = ?, note = ?, responsible = ?, updated_at = ?, "
                "seq = ? WHERE id = ?",
                (*fields, contact_id),
            )
            conn.execute("DELETE FROM contact_phones WHERE contact = ?", (contact_id,))
        conn.executemany(
            "INSERT OR IGNORE INTO contact_phones (contact, number, raw, label) VALUES (?, ?, ?, ?)",
            [(contact_id, p.number, p.raw, p.label) for p in contact.phones if p.number],
        )
        contact.id = contact_id
        return True
