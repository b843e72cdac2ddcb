"""Call tracking: every event, from any source, goes through here — stored first, then announced.

The order matters: an update is published only after the event is committed, so whatever a listener
shows (a card, a history row) is already safe on disk, and the webhook's 200 never precedes the commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.core.callstate import IngestResult
from app.core.models import CallEvent, CallStatus
from app.services.hub import CallHub, CallUpdate, Change
from app.store.calls import CallStore


class CallTracker:
    def __init__(self, calls: CallStore, hub: CallHub) -> None:
        self.calls = calls
        self.hub = hub

    def record(self, event: CallEvent) -> IngestResult:
        """Store one event durably (one transaction) and announce what it changed."""
        result = self.calls.ingest(event)
        if not result.is_duplicate:
            self.hub.publish(CallUpdate(change_of(result), result.call, event, seq=result.seq))
        return result

    def record_each(self, events: Sequence[CallEvent]) -> list[IngestResult]:
        """Store live events in one transaction (one disk flush for many webhooks), then announce each
        as :meth:`record` would. The webhook receiver's group commit uses it."""
        results = self.calls.ingest_many(events)
        for event, result in zip(events, results, strict=True):
            if not result.is_duplicate:
                self.hub.publish(CallUpdate(change_of(result), result.call, event, seq=result.seq))
        return results

    def record_many(self, events: Iterable[CallEvent]) -> list[IngestResult]:
        """Store a batch of pulled history in one transaction and announce it once.

        Not flushed to disk on its own: the provider keeps these records, and the sync moves its watermark
        (a flushed commit, which puts everything before it on disk too) only after storing them.
        """
        results = self.calls.ingest_many(events, flush=False)
        changed = sum(1 for r in results if not r.is_duplicate)
        if changed:
            self.hub.publish(CallUpdate(Change.HISTORY_CHANGED, count=changed))
        return results


def change_of(result: IngestResult) -> Change:
    """What an ingested event changed, in the words listeners care about."""
    status = result.call.status
    before = result.previous_status
    if status is CallStatus.RINGING:
        return Change.RINGING
    if status is CallStatus.TALKING and before is not CallStatus.TALKING:
        return Change.ANSWERED
    if not status.is_live and (before is None or before.is_live):
        return Change.ENDED
    return Change.UPDATED
