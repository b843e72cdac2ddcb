"""The desktop app's call tracker while another process holds the database's write lock (issue 15, point 3).

The dial is the tracker's write the agent waits on: the provider is already ringing the agent's phone when
it is recorded. It must neither stall the event loop for SQLite's ``busy_timeout`` (5 s: cards, the receiver
and the UI froze) nor report the placed call as failed (the agent would dial again): it is recorded later,
from the provider's own report of the call.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from app.core.models import CallEvent, CallStatus, Direction, EventKind, EventSource, utcnow
from app.services.calls import CallTracker
from app.services.hub import CallHub
from app.store.calls import CallStore
from app.store.db import Database

NUMBER = "+48777888999"


def event(kind: EventKind, call_id: str, source: EventSource = EventSource.PUSH) -> CallEvent:
    return CallEvent(
        "office", call_id, kind, utcnow(), source=source, direction=Direction.OUT, phone=NUMBER, agent="andy"
    )


async def test_a_dial_under_a_foreign_write_lock_neither_stalls_nor_fails(tmp_path: Path) -> None:
    path = tmp_path / "ringdesk.sqlite3"
    db = Database.open(path)
    db.ensure_account("office", "cloudpbx")
    db.checkpoint_in_background()  # the long-running app's connection, written from the event loop
    tracker = CallTracker(CallStore(db), CallHub())
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        recorded_as = tracker.record_dial(event(EventKind.RINGING, "local-1", EventSource.LOCAL))
        waited = time.monotonic() - started
        other.execute("ROLLBACK")

        assert waited < 0.5, f"the dial held the event loop for {waited:.2f} s"
        assert recorded_as == "local-1"
        tracker.record_each([event(EventKind.RINGING, "B10D"), event(EventKind.ANSWERED, "B10D")])
        calls = [(call.call_id, call.status) for call in CallStore(db).page()]
        assert calls == [("B10D", CallStatus.TALKING)], calls  # the provider's report brought the call
    finally:
        other.close()
        db.close()
