"""History sync: pull what the push channel missed, per account, and merge it into the same call rows.

Why pull at all when webhooks exist: a desktop is offline, asleep or unreachable from the PBX for hours
at a time, and TeleCube sends no webhooks at all. Each account whose provider can pull history gets an
:class:`AccountSync` that:

- keeps a **watermark** (the end of the last successful window) in ``StateStore``, and each run pulls
  from the watermark minus :data:`OVERLAP` to now — the overlap catches calls that were still going on
  (providers list a call once it ended, by its start time); records already stored are duplicates and
  change nothing (folding a record the call already holds is a no-op, and a pulled record's call id is
  the webhook's ``callid`` / ``api_call_id``, so push and pull land in one row);
- runs a **gap fill** at start-up, when :meth:`AccountSync.wake` is called (network back), and when the
  machine **resumed from sleep** (the wall clock jumped ahead of the monotonic clock, which stops while
  suspended);
- on errors backs off exponentially **with jitter** (so a hundred desktops coming back do not hit the
  provider in step), honouring a provider's ``retry_after`` and the TeleCube budget's "resumes at";
- stores what it pulled in transactions of :data:`STORE_CHUNK` records, yielding to the event loop in
  between, so a week-long gap fill (100,000 records, ~2.5 s to store) holds back a ringing card or a
  webhook's answer by one chunk at most (0.13–0.2 s measured on the 2-core VM); each chunk publishes
  one ``HISTORY_CHANGED``;
- exposes :class:`SyncStatus` (last success, last error as a ``Problem``, next run) for the UI.

A call whose end never arrived is settled by the pull above (the provider's record of the same call, or of
the call our dial placed: :mod:`app.services.calls`). One the provider never reports is swept: at start and
every :data:`SWEEP_EVERY_S`, :class:`SyncService` has the tracker announce the calls with no news for
:data:`app.services.calls.STALE_AFTER` (shown as "outcome unknown"), so a card left ringing closes — after a
restart too, as the sweep reads the store.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from app.config.settings import Provider
from app.core.batching import gc_paused
from app.core.callstate import IngestResult
from app.core.errors import QT_TRANSLATE_NOOP, Problem, RateLimited
from app.core.models import CallEvent, utcnow
from app.providers.base import Capability, ProviderClient
from app.services.budget import RequestBudget
from app.services.calls import CallTracker
from app.store.state import StateStore

log = logging.getLogger(__name__)

OVERLAP = timedelta(hours=1)
FIRST_LOOKBACK = timedelta(days=2)  # how far back the very first sync of an account reaches
MAX_LOOKBACK = timedelta(days=7)  # Cloud PBX keeps recordings about a week; older gaps are not worth it
RESUME_JUMP_S = 60.0  # wall clock ahead of the monotonic clock by this much = the machine slept
TICK_S = 30.0  # how often a waiting sync looks at the clocks
WATERMARK = "sync.watermark"
STORE_CHUNK = 5_000  # pulled records per transaction (see the module docstring)
BETWEEN_CHUNKS_S = 0.005  # the loop runs everything that became ready meanwhile (one sleep(0) is one turn)
# Default seconds between runs: Cloud PBX pushes everything, the pull is a safety net; TeleCube has no
# push (its budget stretches this further, see RequestBudget.sync_interval).
SWEEP_EVERY_S = 300.0  # how often calls without news are looked for (a query on the live calls only)
DEFAULT_INTERVAL_S = {Provider.CLOUDPBX: 900, Provider.SANDBOX: 900, Provider.TELEDISCOUNT: 600, Provider.TELECUBE: 300}


async def store_pulled(tracker: CallTracker, events: list[CallEvent]) -> int:
    """Store a pull in chunks (see the module docstring); returns how many calls are new or changed.

    The cyclic GC is held off meanwhile, and the records are let go before it comes back: else it walks
    them all between two chunks, or after the last (0.2–0.4 s on the event loop for 100,000 records).
    ``events`` is emptied (a fresh list from ``pull_history``).
    """
    changed: set[tuple[str, str]] = set()
    results: list[IngestResult] = []
    with gc_paused():
        for first in range(0, len(events), STORE_CHUNK):
            results = tracker.record_many(events[first : first + STORE_CHUNK])
            changed.update((r.call.account, r.call.call_id) for r in results if not r.is_duplicate)
            await asyncio.sleep(BETWEEN_CHUNKS_S)  # a webhook needs several turns of the loop to commit
        del results
        events.clear()
    return len(changed)


class Clock:
    """Wall time, monotonic time and sleeping, replaceable in tests (a simulated day in milliseconds)."""

    def now(self) -> datetime:
        return utcnow()

    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class ManualClock(Clock):
    """A clock that moves only when slept on (or told to): a simulated day runs in a second, in tests and
    benchmarks. :meth:`suspend` moves the wall clock alone, as a machine waking from sleep sees it."""

    def __init__(self, start: datetime) -> None:
        self.wall = start
        self.mono = 0.0

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    async def sleep(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds
        await asyncio.sleep(0)

    def suspend(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)


@dataclass(frozen=True)
class Backoff:
    """Exponential pauses after consecutive failures, each stretched by up to ``jitter`` at random."""

    base_s: float = 30.0
    max_s: float = 1800.0
    jitter: float = 0.5

    def delay(self, failures: int, retry_after: float | None = None, rng: random.Random | None = None) -> float:
        pause = min(self.max_s, self.base_s * 2 ** max(0, failures - 1)) * (1 + self.jitter * (rng or random).random())
        return max(pause, retry_after or 0.0)


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the UI shows about one account's sync."""

    account: str
    last_success: datetime | None = None
    last_error: Problem | None = None
    next_run: datetime | None = None
    running: bool = False
    last_count: int = 0  # calls new or changed by the last run
    failures: int = 0


class AccountSync:
    """Pulls one account's history on a schedule (see the module docstring)."""

    def __init__(
        self,
        client: ProviderClient,
        tracker: CallTracker,
        state: StateStore,
        *,
        interval_s: float | None = None,
        budget: RequestBudget | None = None,
        clock: Clock | None = None,
        backoff: Backoff = Backoff(),
        rng: random.Random | None = None,
    ) -> None:
        client.require(Capability.HISTORY_PULL)
        self.client = client
        self.account = client.account.id
        self.tracker = tracker
        self.state = state
        self.interval_s = float(
            interval_s or client.account.sync_interval_s or DEFAULT_INTERVAL_S.get(client.account.provider, 600)
        )
        self.budget = budget
        self.clock = clock or Clock()
        self.backoff = backoff
        self._rng = rng or random.Random()
        self._wake = asyncio.Event()
        self._status = SyncStatus(self.account)

    @property
    def status(self) -> SyncStatus:
        return self._status

    @property
    def watermark(self) -> datetime | None:
        value = self.state.get(self.account, WATERMARK)
        return datetime.fromisoformat(value) if value else None

    def wake(self) -> None:
        """Run now (the network came back, the user asked): the next run fills the gap."""
        self._wake.set()

    # -- one run --------------------------------------------------------------------------------------
    async def run_once(self) -> int:
        """Pull [watermark − overlap, now), store it, advance the watermark. Returns calls new or changed."""
        now = self.clock.now()
        mark = self.watermark
        start = max(now - MAX_LOOKBACK, (mark - OVERLAP) if mark else now - FIRST_LOOKBACK)
        self._status = replace(self._status, running=True)
        try:
            changed = await store_pulled(self.tracker, await self.client.pull_history(start, now))
        finally:
            self._status = replace(self._status, running=False)
        self.state.set(self.account, WATERMARK, now.isoformat())
        self._status = replace(self._status, last_success=now, last_error=None, last_count=changed, failures=0)
        if changed:
            log.info("%s: history sync stored %d new or changed call(s)", self.account, changed)
        return changed

    async def run_guarded(self) -> float:
        """One run whose failure is recorded rather than raised; returns the seconds until the next run."""
        try:
            await self.run_once()
        except Exception as error:  # a bug must not end this account's sync for good: report, back off, retry
            if isinstance(error, Problem):
                problem = error
            else:
                log.exception("%s: history sync hit a bug", self.account)
                problem = Problem(
                    QT_TRANSLATE_NOOP(
                        "Problem",
                        "History sync stopped on an unexpected error ({error}); it will retry. Details are in the log.",
                    ),
                    fields={"error": type(error).__name__},
                )
            failures = self._status.failures + 1
            retry_after = problem.retry_after if isinstance(problem, RateLimited) else None
            delay = self.backoff.delay(failures, retry_after, self._rng)
            self._status = replace(self._status, last_error=problem, failures=failures)
            log.warning("%s: history sync failed (%s); next try in %.0f s", self.account, problem.user_text(), delay)
            return delay
        return self.budget.sync_interval(self.interval_s) if self.budget else self.interval_s

    # -- the loop -------------------------------------------------------------------------------------
    async def run(self) -> None:
        """Gap fill now, then run on schedule until cancelled."""
        while True:
            delay = await self.run_guarded()
            self._status = replace(self._status, next_run=self.clock.now() + timedelta(seconds=delay))
            reason = await self.wait(delay)
            if reason != "due":
                log.info("%s: %s: filling the history gap now", self.account, reason)

    async def wait(self, seconds: float) -> str:
        """Wait ``seconds``; return early ("woken", "resumed") when told to or when the machine slept."""
        self._wake.clear()
        wall, mono = self.clock.now(), self.clock.monotonic()
        deadline = mono + seconds
        while True:
            left = deadline - self.clock.monotonic()
            if left <= 0:
                return "due"
            sleeper = asyncio.ensure_future(self.clock.sleep(min(TICK_S, left)))
            waker = asyncio.ensure_future(self._wake.wait())
            done, _ = await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
            for task in (sleeper, waker):
                if task not in done:
                    task.cancel()
            if waker in done:
                return "woken"
            wall_gone = (self.clock.now() - wall).total_seconds()
            mono_gone = self.clock.monotonic() - mono
            if wall_gone - mono_gone > RESUME_JUMP_S:
                return "resumed"
            wall, mono = self.clock.now(), self.clock.monotonic()


class SyncService:
    """The history syncs of every account that can pull, started and stopped together."""

    def __init__(
        self,
        syncs: Mapping[str, AccountSync],
        tracker: CallTracker | None = None,
        *,
        sweep_every_s: float = SWEEP_EVERY_S,
        clock: Clock | None = None,
    ) -> None:
        self.syncs = dict(syncs)
        self.tracker = tracker
        self.sweep_every_s = sweep_every_s
        self.clock = clock or Clock()
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._sweeper: asyncio.Task[None] | None = None

    @classmethod
    def for_clients(
        cls,
        clients: Mapping[str, ProviderClient],
        tracker: CallTracker,
        state: StateStore,
        *,
        budgets: Mapping[str, RequestBudget] | None = None,
        clock: Clock | None = None,
    ) -> SyncService:
        """One :class:`AccountSync` per enabled account whose provider can pull history."""
        syncs = {
            account: AccountSync(client, tracker, state, budget=(budgets or {}).get(account), clock=clock)
            for account, client in clients.items()
            if client.account.enabled and Capability.HISTORY_PULL in client.capabilities
        }
        return cls(syncs, tracker, clock=clock)

    def start(self) -> None:
        """Start every account's loop (each begins with a gap fill)."""
        for account, sync in self.syncs.items():
            if account not in self._tasks or self._tasks[account].done():
                self._tasks[account] = asyncio.get_running_loop().create_task(sync.run(), name=f"sync-{account}")
        if self.tracker is not None and (self._sweeper is None or self._sweeper.done()):
            self._sweeper = asyncio.get_running_loop().create_task(self._sweep_forever(), name="sweep-stale")

    async def stop(self) -> None:
        tasks = list(self._tasks.values()) + ([self._sweeper] if self._sweeper is not None else [])
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()
        self._sweeper = None

    def sweep(self) -> int:
        """Announce the calls that passed the no-news bound (see the module docstring); how many."""
        if self.tracker is None:
            return 0
        return len(self.tracker.sweep_stale(now=self.clock.now()))

    async def _sweep_forever(self) -> None:
        while True:
            try:
                self.sweep()
            except Exception:  # a bug (or a locked store) must not end the sweeps for good
                log.exception("sweeping calls without news failed")
            await asyncio.sleep(self.sweep_every_s)  # real time: a test's manual clock is moved by the syncs alone

    def wake_all(self) -> None:
        """The network came back: every account fills its gap now."""
        for sync in self.syncs.values():
            sync.wake()

    def statuses(self) -> dict[str, SyncStatus]:
        return {account: sync.status for account, sync in self.syncs.items()}
