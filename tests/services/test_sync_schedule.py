"""When the history sync runs: at start, on schedule, at once after sleep/resume or a wake-up, and with
growing, jittered pauses after failures that honour the provider's retry-after."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime, timedelta

import pytest

from app.config.settings import AccountSettings, Provider
from app.core.errors import RateLimited, Unavailable
from app.core.models import CallEvent, CallStatus, EventKind, EventSource
from app.core.phone import PhoneNumber
from app.providers.base import CAPABILITIES, DialResult, ProviderClient
from app.services.calls import CallTracker
from app.services.hub import CallHub
from app.services.sync import OVERLAP, STORE_CHUNK, AccountSync, Backoff, ManualClock, SyncService
from app.store.calls import CallStore
from app.store.db import Database
from app.store.state import StateStore
from tests.kit import until

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


class ScriptedPbx(ProviderClient):
    """A provider whose history pull answers from a script: a list of calls, or errors to raise."""

    capabilities = CAPABILITIES[Provider.CLOUDPBX]
    provider_name = "scripted"

    def __init__(self) -> None:
        super().__init__(AccountSettings("pbx", Provider.CLOUDPBX, base_url="https://pbx.example", user="andy"))
        self.windows: list[tuple[datetime, datetime]] = []
        self.errors: list[Exception] = []
        self.calls: list[CallEvent] = []

    async def pull_history(self, start: datetime, end: datetime) -> list[CallEvent]:
        self.windows.append((start, end))
        if self.errors:
            raise self.errors.pop(0)
        return [c for c in self.calls if start <= c.at < end]

    async def make_call(self, number: PhoneNumber, caller_id: str | None = None) -> DialResult:
        raise AssertionError("not used")

    async def aclose(self) -> None:
        pass


@pytest.fixture
def pbx() -> ScriptedPbx:
    return ScriptedPbx()


def sync_of(pbx: ScriptedPbx, db: Database, clock: ManualClock, **options: object) -> AccountSync:
    db.ensure_account("pbx", "cloudpbx")
    return AccountSync(
        pbx, CallTracker(CallStore(db), CallHub()), StateStore(db), clock=clock, rng=random.Random(1), **options
    )  # type: ignore[arg-type]


def summary(call_id: str, at: datetime) -> CallEvent:
    return CallEvent(
        "pbx",
        call_id,
        EventKind.SUMMARY,
        at,
        source=EventSource.PULL,
        status=CallStatus.ANSWERED,
        started_at=at,
        phone="+48601234567",
        raw=(("UID", call_id),),
    )


async def test_windows_continue_from_the_watermark_with_an_overlap(pbx: ScriptedPbx, db: Database) -> None:
    clock = ManualClock(T0)
    sync = sync_of(pbx, db, clock)
    pbx.calls = [summary("A", T0 - timedelta(hours=3))]
    assert await sync.run_once() == 1
    assert pbx.windows[0] == (T0 - timedelta(days=2), T0)  # the first run looks two days back
    await clock.sleep(900)
    pbx.calls.append(summary("B", T0 + timedelta(minutes=5)))
    assert await sync.run_once() == 1
    assert pbx.windows[1] == (T0 - OVERLAP, T0 + timedelta(minutes=15))
    again = sync_of(pbx, db, clock)  # a restart continues from the persisted watermark
    await again.run_once()
    assert pbx.windows[2][0] == T0 + timedelta(minutes=15) - OVERLAP


async def test_a_big_gap_fill_lets_the_event_loop_in_between_chunks(pbx: ScriptedPbx, db: Database) -> None:
    # A ring arriving during a week-long gap fill must not wait for all of it to be stored.
    clock = ManualClock(T0)
    sync = sync_of(pbx, db, clock)
    pbx.calls = [summary(f"G{i}", T0 - timedelta(hours=1, seconds=i)) for i in range(STORE_CHUNK * 2 + 10)]
    seen_while_storing: list[int] = []

    async def ring_handler() -> None:
        while len(seen_while_storing) < 3:
            seen_while_storing.append(CallStore(db).count())
            await asyncio.sleep(0)

    handler = asyncio.create_task(ring_handler())
    assert await sync.run_once() == len(pbx.calls)
    await handler
    assert any(0 < stored < len(pbx.calls) for stored in seen_while_storing)  # it ran in the middle


async def test_failures_back_off_with_jitter_and_honour_retry_after(pbx: ScriptedPbx, db: Database) -> None:
    sync = sync_of(pbx, db, ManualClock(T0), backoff=Backoff(base_s=30, max_s=600, jitter=0.5))
    pbx.errors = [Unavailable("down")] * 6 + [RateLimited("slow down", retry_after=3000)]
    delays = [await sync.run_guarded() for _ in range(7)]
    assert all(30 * 2**i <= d <= 30 * 2**i * 1.5 for i, d in enumerate(delays[:4]))
    assert 600 <= delays[5] <= 900  # capped
    assert delays[6] == 3000  # the provider's retry-after wins over a shorter pause
    assert isinstance(sync.status.last_error, RateLimited) and sync.status.failures == 7
    assert await sync.run_guarded() == sync.interval_s and sync.status.failures == 0


async def test_a_bug_in_one_run_is_reported_and_retried_not_fatal(pbx: ScriptedPbx, db: Database) -> None:
    sync = sync_of(pbx, db, ManualClock(T0))
    pbx.errors = [KeyError("surprise")]
    delay = await sync.run_guarded()
    assert delay > 0 and sync.status.failures == 1
    assert "unexpected error" in sync.status.last_error.user_text()
    pbx.calls = [summary("A", T0 - timedelta(hours=1))]
    assert await sync.run_guarded() == sync.interval_s and sync.status.last_error is None


async def test_resume_from_sleep_triggers_a_gap_fill(pbx: ScriptedPbx, db: Database) -> None:
    clock = ManualClock(T0)
    sync = sync_of(pbx, db, clock)

    async def laptop_lid() -> None:
        await asyncio.sleep(0)
        clock.suspend(3 * 3600)  # three hours asleep: the wall clock jumps, the monotonic one does not

    lid = asyncio.create_task(laptop_lid())
    assert await sync.wait(900) == "resumed"
    await lid
    assert await sync.wait(60) == "due"


async def test_wake_runs_now(pbx: ScriptedPbx, db: Database) -> None:
    sync = sync_of(pbx, db, ManualClock(T0))
    service = SyncService({"pbx": sync})
    waiting = asyncio.create_task(sync.wait(10**9))
    await asyncio.sleep(0)
    service.wake_all()
    assert await waiting == "woken"


async def test_the_service_runs_every_account_and_reports(pbx: ScriptedPbx, db: Database) -> None:
    clock = ManualClock(T0)
    pbx.calls = [summary("A", T0 - timedelta(minutes=5))]
    service = SyncService.for_clients({"pbx": pbx}, CallTracker(CallStore(db), CallHub()), StateStore(db), clock=clock)
    db.ensure_account("pbx", "cloudpbx")
    service.start()
    # real time passes too: the sync lets the loop breathe between stored chunks
    await until(lambda: service.statuses()["pbx"].last_success, "the first run of the sync")
    await service.stop()
    status = service.statuses()["pbx"]
    assert status.last_success == T0 and status.last_count == 1 and status.next_run is not None
