"""Notes agents write about a number or a call, shown on the next card for that number."""

from __future__ import annotations

import sqlite3

from app.core.models import Note
from app.store.db import Database, from_ms, to_ms


class NoteStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, note: Note) -> int:
        """Keep ``note`` (numbered in the change sequence, so every desktop of a hub gets it); its id."""
        with self.db.transaction():
            cursor = self.db.conn.execute(
                "INSERT INTO notes (number, account, call_id, text, author, created_at, seq) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    note.phone,
                    note.account,
                    note.call_id,
                    note.text,
                    note.author,
                    to_ms(note.created_at),
                    self.db.take_seqs(),
                ),
            )
        return int(cursor.lastrowid or 0)

    def for_number(self, number: str, limit: int = 10) -> list[Note]:
        rows = self.db.conn.execute(
            "SELECT * FROM notes WHERE number = ? ORDER BY created_at DESC, id DESC LIMIT ?", (number, limit)
        )
        return [note_from_row(r) for r in rows]

    def for_call(self, account: str, call_id: str) -> list[Note]:
        rows = self.db.conn.execute(
            "SELECT * FROM notes WHERE account = ? AND call_id = ? ORDER BY created_at, id", (account, call_id)
        )
        return [note_from_row(r) for r in rows]


def note_from_row(row: sqlite3.Row) -> Note:
    """A ``notes`` row as a :class:`Note`."""
    return Note(
        text=row["text"],
        phone=row["number"],
        account=row["account"],
        call_id=row["call_id"],
        author=row["author"],
        created_at=from_ms(row["created_at"]),  # type: ignore[arg-type]
        id=row["id"],
    )
