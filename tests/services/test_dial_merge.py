"""A click-to-call the provider did not name leaves one row, the provider's, in its final state: the
placeholder our dialer recorded is folded into the provider's call when it arrives (by webhook or by a
pulled record, before or after the dial's answer); a call with no news is settled by the next pull, or shown
as "outcome unknown" after the bound — after a restart too."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from app.config.settings import AccountSettings, Provider
from app.core.models import CallEvent, CallStatus, Direction, EventKind, EventSource, utcnow
from app.runtime import Runtime
from app.services.calls import DIAL_MATCH_WINDOW, STALE_AFTER, CallTracker
from app.services.context import Context
from app.services.hub import CallHub, CallUpdate, Change
from app.services.sync import SyncService
from app.store.calls import CallStore
from app.store.db import Database

NUMBER = "+48777888999"


def dial(call_id: str = "local-1", agent: str = "andy", number: str = NUMBER, ago_s: float = 0) -> CallEvent:
    return CallEvent(
        "office",
        call_id,
        EventKind.RINGING,
        utcnow() - timedelta(seconds=ago_s),
        source=EventSource.LOCAL,
        direction=Direction.OUT,
        phone=number,
        agent=agent,
    )


def pbx(kind: EventKind, call_id: str = "B10D", agent: str = "andy", number: str = NUMBER, **more: object) -> CallEvent:
    return CallEvent(
        "office",
        call_id,
        kind,
        utcnow(),
        direction=Direction.OUT,
        phone=number,
        agent=agent,
        **more,  # type: ignore[arg-type]
    )


def tracker(db: Database) -> tuple[CallTracker, list[CallUpdate]]:
    db.ensure_account("office", "cloudpbx")
    hub = CallHub()
    seen: list[CallUpdate] = []
    hub.subscribe(seen.append)
    return CallTracker(CallStore(db), hub), seen


def rows(db: Database) -> list[tuple[str, CallStatus]]:
    return [(r.call_id, r.status) for r in CallStore(db).page()]


def test_the_providers_webhooks_replace_the_placeholder(db: Database) -> None:
    calls, seen = tracker(db)
    calls.record_dial(dial())
    calls.record_each([pbx(EventKind.RINGING)])
    assert rows(db) == [("B10D", CallStatus.RINGING)]  # at once: no ghost beside the real call
    assert any(u.change is Change.HISTORY_CHANGED for u in seen)  # views reload without the placeholder
    calls.record(pbx(EventKind.ANSWERED))
    calls.record(pbx(EventKind.COMPLETED))
    assert rows(db) == [("B10D", CallStatus.ANSWERED)]


def test_a_webhook_that_overtook_the_dials_answer_is_the_dials_row(db: Database) -> None:
    calls, _ = tracker(db)
    calls.record_each([pbx(EventKind.RINGING, agent="andy")])
    assert calls.record_dial(dial()) == "B10D"  # nothing recorded: the dial is that call
    assert rows(db) == [("B10D", CallStatus.RINGING)]


def test_a_pulled_record_replaces_the_placeholder(db: Database) -> None:
    calls, _ = tracker(db)
    calls.record_dial(dial(ago_s=30))
    record = pbx(EventKind.SUMMARY, status=CallStatus.BUSY, started_at=utcnow() - timedelta(seconds=29))
    calls.record_many([record])
    assert rows(db) == [("B10D", CallStatus.BUSY)]


def test_another_number_agent_or_time_is_another_call(db: Database) -> None:
    calls, _ = tracker(db)
    calls.record_dial(dial("local-1"))
    calls.record_each([pbx(EventKind.RINGING, "OTHER-NUMBER", number="+48601234567")])
    calls.record_each([pbx(EventKind.RINGING, "OTHER-AGENT", agent="mike")])
    incoming = CallEvent("office", "INCOMING", EventKind.RINGING, utcnow(), direction=Direction.IN, phone=NUMBER)
    calls.record_each([incoming])
    assert "local-1" in {call_id for call_id, _ in rows(db)}
    calls.record_dial(dial("local-2", ago_s=DIAL_MATCH_WINDOW.total_seconds() + 60))
    calls.record_each([pbx(EventKind.RINGING, "LATE", agent="andy")])
    assert {call_id for call_id, _ in rows(db)} >= {"local-2", "LATE"}  # too long after that dial to be it
    assert "local-1" not in {call_id for call_id, _ in rows(db)}  # ...but it is the recent one's


def test_a_call_without_news_is_unknown_after_the_bound_also_after_a_restart() -> None:
    context = Context.open()
    context.settings.accounts.append(AccountSettings("office", Provider.CLOUDPBX, user="andy"))
    context.db.ensure_account("office", "cloudpbx")
    runtime = Runtime(context)
    runtime.tracker.record_dial(dial())  # the provider never reported it
    (row,) = runtime.history.page(runtime.history.scope())
    assert not runtime.history.outcome_unknown(row)
    context.close()

    context = Context.open()  # the app started again, hours later
    runtime = Runtime(context)
    later = utcnow() + STALE_AFTER + timedelta(minutes=1)
    seen: list[CallUpdate] = []
    runtime.hub.subscribe(seen.append)
    sweep = SyncService({}, runtime.tracker)
    sweep.clock.now = lambda: later  # type: ignore[method-assign]
    assert sweep.sweep() == 1 and sweep.sweep() == 0  # announced once: its card closes
    assert [(u.change, u.call.call_id if u.call else "") for u in seen] == [(Change.ENDED, "local-1")]
    (row,) = runtime.history.page(runtime.history.scope())
    assert runtime.history.outcome_unknown(row, now=later)
    assert not runtime.history.outcome_unknown(row, now=later - timedelta(minutes=2))
    context.close()


async def test_the_sweep_runs_at_start(db: Database) -> None:
    calls, seen = tracker(db)
    calls.stale_after = timedelta(0)
    calls.record_dial(dial())
    service = SyncService({}, calls, sweep_every_s=0.01)
    service.start()
    try:
        for _ in range(100):
            if any(u.change is Change.ENDED for u in seen):
                break
            await asyncio.sleep(0.01)
    finally:
        await service.stop()
    assert [u.call.call_id for u in seen if u.change is Change.ENDED and u.call] == ["local-1"]
