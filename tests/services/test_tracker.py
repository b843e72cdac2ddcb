"""Call tracking announces each stored change once, in the words a card needs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.core.models import CallEvent, CallStatus, Direction, EventKind
from app.services.calls import CallTracker
from app.services.hub import CallHub, CallUpdate, Change
from app.store.calls import CallStore
from app.store.db import Database

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_updates_follow_the_call_and_skip_duplicates(db: Database) -> None:
    db.ensure_account("pbx", "cloudpbx")
    hub = CallHub()
    seen: list[CallUpdate] = []
    hub.subscribe(seen.append)
    broken = hub.subscribe(lambda update: 1 / 0)  # a failing listener does not stop the others
    tracker = CallTracker(CallStore(db), hub)
    ring = CallEvent("pbx", "C1", EventKind.RINGING, T0, phone="+48777888999", agent="anna", direction=Direction.IN)
    tracker.record(ring)
    tracker.record(ring)
    tracker.record(CallEvent("pbx", "C1", EventKind.ANSWERED, T0 + timedelta(seconds=3), agent="anna"))
    tracker.record(CallEvent("pbx", "C1", EventKind.COMPLETED, T0 + timedelta(seconds=40), agent="anna"))
    tracker.record(
        CallEvent(
            "pbx",
            "C1",
            EventKind.SUMMARY,
            T0 + timedelta(seconds=41),
            agent="anna",
            status=CallStatus.ANSWERED,
            recording_url="https://pbx/r.mp3",
            duration_s=37,
        )
    )
    broken()
    assert [u.change for u in seen] == [Change.RINGING, Change.ANSWERED, Change.ENDED, Change.UPDATED]
    assert seen[-1].call.recording_url == "https://pbx/r.mp3"


def test_a_batch_is_announced_once(db: Database) -> None:
    db.ensure_account("pbx", "cloudpbx")
    hub = CallHub()
    seen: list[CallUpdate] = []
    hub.subscribe(seen.append)
    tracker = CallTracker(CallStore(db), hub)
    events = [CallEvent("pbx", f"C{i}", EventKind.SUMMARY, T0, status=CallStatus.MISSED) for i in range(5)]
    tracker.record_many(events)
    tracker.record_many(events)
    assert [(u.change, u.count) for u in seen] == [(Change.HISTORY_CHANGED, 5)]


def test_a_rating_for_a_call_never_seen_does_not_ring(db: Database) -> None:
    """The hub was down while the call rang; its rating arrives alone. Nothing is known but the score: the
    listeners (the card stack, the desktops' feed) hear of an update, never of a ringing call."""
    db.ensure_account("pbx", "cloudpbx")
    hub = CallHub()
    seen: list[CallUpdate] = []
    hub.subscribe(seen.append)
    tracker = CallTracker(CallStore(db), hub)
    tracker.record(CallEvent("pbx", "LATE-1", EventKind.RATING, T0, rating=2))
    assert [update.change for update in seen] == [Change.UPDATED]
    assert CallStore(db).get("pbx", "LATE-1") is not None  # the score is kept all the same
