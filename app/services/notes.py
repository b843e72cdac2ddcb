"""Notes agents write about a number or a call: written from a card or the call details, shown on the next
card for that number.

Why a use case over the store: in team mode (``provider = "hub"``) a note is written to the hub, which
shares it with every desktop; the widgets that write and show notes stay the same in both modes. Reading is
always local: the desktop's cache holds the team's notes as the hub streams them.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from typing import Protocol

from app.core.errors import QT_TRANSLATE_NOOP, Problem, Unavailable
from app.core.models import Note
from app.store.notes import NoteStore

log = logging.getLogger(__name__)

NOT_CONNECTED = QT_TRANSLATE_NOOP("Problem", "Ringdesk is not connected to the team hub yet: try again in a moment.")


class NoteWriter(Protocol):
    """Where notes go in team mode (:class:`app.services.hub_link.HubLink`)."""

    async def post_note(self, note: Note) -> Note: ...


class NoteBook:
    def __init__(self, notes: NoteStore) -> None:
        self._notes = notes
        self.through_hub = False  # team mode: writes go to the hub (set by the runtime)
        self._remote: NoteWriter | None = None
        self._tasks: set[asyncio.Task[Note]] = set()

    def write_through(self, remote: NoteWriter | None) -> None:
        """Team mode: from now on notes are written to the hub through ``remote`` (None: not connected yet)."""
        self.through_hub = True
        self._remote = remote

    async def post(self, note: Note) -> Note:
        """Keep ``note`` and return it as stored (in team mode: on the hub, which shares it with everyone)."""
        if not self.through_hub:
            return dataclasses.replace(note, id=self._notes.add(note))
        if self._remote is None:
            raise Unavailable(NOT_CONNECTED)
        return await self._remote.post_note(note)

    def add(self, note: Note) -> None:
        """Keep ``note`` (blank notes are refused by the caller: the form's Save is disabled for them).

        In team mode the note is sent to the hub in the background and appears when the hub answers; a
        failure is logged (callers that can wait and show it use :meth:`post`)."""
        if not self.through_hub:
            self._notes.add(note)
            return
        if self._remote is None:
            raise Unavailable(NOT_CONNECTED)
        task = asyncio.get_running_loop().create_task(self._remote.post_note(note), name="hub-note")
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Note]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if isinstance(error, Problem):
            log.warning("the note could not be sent to the hub: %s", error.user_text())
        elif error is not None:
            log.error("sending a note to the hub failed", exc_info=error)

    def for_number(self, number: str, limit: int = 10) -> list[Note]:
        """The newest notes about ``number``, newest first."""
        return self._notes.for_number(number, limit=limit)

    def for_call(self, account: str, call_id: str) -> list[Note]:
        """The notes written about one call, oldest first."""
        return self._notes.for_call(account, call_id)
