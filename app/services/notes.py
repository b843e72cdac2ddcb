"""Notes agents write about a number or a call: written from a card or the call details, shown on the next
card for that number.

Why a use case over the store: in team mode (``provider = "hub"``) a note is written to the hub, which
shares it with every desktop; the widgets that write and show notes stay the same in both modes.
"""

from __future__ import annotations

from app.core.models import Note
from app.store.notes import NoteStore


class NoteBook:
    def __init__(self, notes: NoteStore) -> None:
        self._notes = notes

    def add(self, note: Note) -> None:
        """Keep ``note`` (blank notes are refused by the caller: the form's Save is disabled for them)."""
        self._notes.add(note)

    def for_number(self, number: str, limit: int = 10) -> list[Note]:
        """The newest notes about ``number``, newest first."""
        return self._notes.for_number(number, limit=limit)

    def for_call(self, account: str, call_id: str) -> list[Note]:
        """The notes written about one call, oldest first."""
        return self._notes.for_call(account, call_id)
