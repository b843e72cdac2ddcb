"""Call tracking: every event, from any source, goes through here — stored first, then announced.

The order matters: an update is published only after the event is committed, so whatever a listener
shows (a card, a history row) is already safe on disk, and the webhook's 200 never precedes the commit.

**Our dial and the provider's call are one row.** A click-to-call whose answer names no call (the Cloud PBX
document's empty ``makeCall`` answer) is recorded under a placeholder id (``local-…``, see
:mod:`app.services.dialer`) so it shows at once; the provider then reports the call under its own id. When
the provider's call of the same account, number and agent (outgoing) first reaches the store within
:data:`DIAL_MATCH_WINDOW` after the dial, by webhook or by a pulled record, the placeholder is dropped in its
favour: the history keeps the provider's row, which its later events and the next sync finish. A webhook
that overtakes the dial's own answer is caught the other way round (:meth:`CallTracker.record_dial`).
A placeholder nothing claims is settled like any call without news (below).

**A call whose end never arrives** (a lost webhook, a provider that never reported the dial) keeps its live
status until news comes: the next sync's pulled record of the same call settles it. With no news at all for
:data:`STALE_AFTER` it is shown as "outcome unknown" (:meth:`app.services.history.CallHistory.outcome_unknown`,
a flag derived from the stored call, so it holds across restarts) and its card closes (:meth:`CallTracker.sweep_stale`,
run at start and periodically by :class:`app.services.sync.SyncService`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from app.core.callstate import Call, IngestResult
from app.core.errors import StorageError
from app.core.models import CallEvent, CallStatus, Direction, EventKind, utcnow
from app.services.hub import CallHub, CallUpdate, Change
from app.store.calls import CallStore
from app.store.db import StoreBusy as StoreBusy  # raised by the record methods; the receiver retries on it

log = logging.getLogger(__name__)

LOCAL_PREFIX = "local-"  # the id of a dial the provider did not name (app.services.dialer)
# How long after our dial the provider's call of the same number and agent may first arrive and still be
# taken for it (its first webhook comes within seconds; a pulled record's start is the provider's clock).
DIAL_MATCH_WINDOW = timedelta(minutes=2)
CLOCK_SKEW = timedelta(seconds=30)  # the provider's clock may run a little behind ours
# A ringing or talking call with no news for this long is shown as "outcome unknown".
STALE_AFTER = timedelta(hours=2)


class CallTracker:
    def __init__(self, calls: CallStore, hub: CallHub, *, stale_after: timedelta = STALE_AFTER) -> None:
        self.calls = calls
        self.hub = hub
        self.stale_after = stale_after
        self._announced_stale: set[tuple[str, str]] = set()

    def record(self, event: CallEvent) -> IngestResult:
        """Store one event durably (one transaction) and announce what it changed."""
        result = self.calls.ingest(event)
        if not result.is_duplicate:
            self.hub.publish(CallUpdate(change_of(result, event.kind), result.call, event, seq=result.seq))
        self._fold_placeholders([result])
        return result

    def record_each(self, events: Sequence[CallEvent]) -> list[IngestResult]:
        """Store live events in one transaction (one disk flush for many webhooks), then announce each
        as :meth:`record` would. The webhook receiver's group commit uses it."""
        results = self.calls.ingest_many(events)
        for event, result in zip(events, results, strict=True):
            if not result.is_duplicate:
                self.hub.publish(CallUpdate(change_of(result, event.kind), result.call, event, seq=result.seq))
        self._fold_placeholders(results)
        return results

    def record_many(self, events: Iterable[CallEvent]) -> list[IngestResult]:
        """Store a batch of pulled history in one transaction and announce it once.

        Not flushed to disk on its own: the provider keeps these records, and the sync moves its watermark
        (a flushed commit, which puts everything before it on disk too) only after storing them.
        """
        results = self.calls.ingest_many(events, flush=False)
        changed = sum(1 for r in results if not r.is_duplicate)
        folded = self._fold_placeholders(results, announce=False)
        if changed or folded:
            self.hub.publish(CallUpdate(Change.HISTORY_CHANGED, count=changed + folded))
        return results

    # -- our dial and the provider's call -------------------------------------------------------------
    def record_dial(self, event: CallEvent) -> str:
        """Record a dial the provider did not name (``event.call_id`` a placeholder) — unless the provider's
        own call of it is already stored (its webhook overtook the dial's answer): then nothing is recorded
        and that call's id is returned. Returns the id the dial is recorded under.

        A store that cannot take the dial now (another process's write lock, a full disk) does not fail it:
        the provider is already ringing the agent, and a dial reported as failed would be dialled again. The
        provider's own report of the call (webhook or the next sync) brings it into the history.
        """
        if event.call_id.startswith(LOCAL_PREFIX):
            for call in self.calls.live_since(event.account, event.at - CLOCK_SKEW):
                if not call.call_id.startswith(LOCAL_PREFIX) and _same_dial(event, call):
                    log.info("%s: dial of %s is the provider's call %s", event.account, event.phone, call.call_id)
                    return call.call_id
        try:
            self.record(event)
        except StorageError as exc:
            log.warning("%s: a dial was placed but not recorded (%s)", event.account, exc.user_text())
        return event.call_id

    def _fold_placeholders(self, results: Sequence[IngestResult], *, announce: bool = True) -> int:
        """Drop each placeholder whose provider call just arrived (see the module docstring); how many."""
        arrived = [
            r.call
            for r in results
            if r.is_new_call and not r.call.call_id.startswith(LOCAL_PREFIX) and r.call.direction is not Direction.IN
        ]
        if not arrived:
            return 0
        placeholders = self.calls.live_with_prefix(LOCAL_PREFIX)
        folded = 0
        for call in arrived:
            for placeholder in placeholders:
                if placeholder.account != call.account or not _claims(call, placeholder):
                    continue
                placeholders.remove(placeholder)
                if self.calls.drop(placeholder.account, placeholder.call_id):
                    folded += 1
                    log.info("%s: dial %s is the provider's call %s", call.account, placeholder.call_id, call.call_id)
                    if announce:
                        self.hub.publish(CallUpdate(Change.HISTORY_CHANGED, count=1))
                break
        return folded

    # -- calls with no news ---------------------------------------------------------------------------
    def sweep_stale(self, *, now: datetime | None = None) -> list[Call]:
        """Announce the calls that have just passed :attr:`stale_after` without news (each once per run of the
        app): a card still showing one closes, and views reload to show "outcome unknown"."""
        stale = self.calls.stale_live((now or utcnow()) - self.stale_after)
        fresh = [call for call in stale if (call.account, call.call_id) not in self._announced_stale]
        for call in fresh:
            self._announced_stale.add((call.account, call.call_id))
            log.info("%s: call %s: no news for %s, outcome unknown", call.account, call.call_id, self.stale_after)
            self.hub.publish(CallUpdate(Change.ENDED, call))
        return fresh


def _same_dial(dial: CallEvent, call: Call) -> bool:
    """Whether the provider's ``call`` is the call of our ``dial`` (same number, same agent or none named)."""
    if call.direction is Direction.IN or call.phone != dial.phone:
        return False
    agent = call.agent or (min(call.ringing) if call.ringing else None)
    return not agent or not dial.agent or agent.lower() == dial.agent.lower()


def _claims(call: Call, placeholder: Call) -> bool:
    """Whether the provider's new ``call`` is the one our ``placeholder`` dial started."""
    if call.phone != placeholder.phone or not call.phone:
        return False
    mine = placeholder.agent
    theirs = call.agent or (min(call.ringing | call.answered_by) if call.ringing | call.answered_by else None)
    if mine and theirs and mine.lower() != theirs.lower():
        return False
    return placeholder.started_at - CLOCK_SKEW <= call.started_at <= placeholder.started_at + DIAL_MATCH_WINDOW


def change_of(result: IngestResult, kind: EventKind | None = None) -> Change:
    """What an ingested event changed, in the words listeners care about. A rating never rings: one that
    arrives for a call we never saw (the hub was down while it rang) leaves a call with nothing known but its
    score, which must not pop up as a ringing card."""
    status = result.call.status
    before = result.previous_status
    if status is CallStatus.RINGING and kind is EventKind.RATING:
        return Change.UPDATED
    if status is CallStatus.RINGING:
        return Change.RINGING
    if status is CallStatus.TALKING and before is not CallStatus.TALKING:
        return Change.ANSWERED
    if not status.is_live and (before is None or before.is_live):
        return Change.ENDED
    return Change.UPDATED
