"""Call traffic: a steady background rate for the demo, and bursts for load tests.

Why Poisson arrivals for the rate: calls to a call centre arrive independently, so gaps are
exponential; a metronome would hide races that real clustering exposes. Bursts place N calls as fast as
possible (or at a fixed rate) with at most ``concurrency`` playing at once, so a 10,000-call burst keeps
memory bounded. Each burst draws its calls from its own seeded stream: the same seed and burst number
give the same calls.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from app.sandbox.calls import Call
from app.sandbox.engine import Engine
from app.sandbox.scenario import Scenario


@dataclass
class Burst:
    """Progress of one burst (``GET /_sandbox/burst/<id>``)."""

    id: int
    count: int
    rate: float | None
    concurrency: int
    provider: str | None
    started: float = field(default_factory=time.monotonic)
    placed: int = 0
    finished: int = 0
    errors: int = 0
    elapsed: float | None = None
    done: asyncio.Event = field(default_factory=asyncio.Event)

    def as_dict(self) -> dict[str, Any]:
        elapsed = self.elapsed if self.elapsed is not None else time.monotonic() - self.started
        return {
            "id": self.id,
            "count": self.count,
            "rate": self.rate,
            "concurrency": self.concurrency,
            "provider": self.provider,
            "placed": self.placed,
            "finished": self.finished,
            "errors": self.errors,
            "done": self.done.is_set(),
            "elapsed": round(elapsed, 3),
            "calls_per_second": round(self.finished / elapsed, 1) if elapsed > 0 else None,
        }


class Traffic:
    """Runs the background rate and the bursts; all tasks are referenced and cancelled on stop."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.bursts: OrderedDict[int, Burst] = OrderedDict()
        self._ids = itertools.count(1)
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        self._spawn(self._rate_loop(), "sandbox-traffic")

    async def stop(self) -> None:
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    def _spawn(self, coro: Any, name: str) -> None:
        task = asyncio.get_running_loop().create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _rate_loop(self) -> None:
        """Place calls at ``config.rate`` per real minute (re-read every call, so it can change live)."""
        rng = random.Random(f"{self.engine.config.seed}:arrivals")
        while True:
            rate = self.engine.config.rate
            if rate <= 0:
                await asyncio.sleep(0.25)
                continue
            await asyncio.sleep(min(rng.expovariate(rate / 60.0), 60.0))
            if self.engine.config.rate > 0 and len(self.engine.active) < self.engine.config.max_active_calls:
                self.engine.place(self.engine.traffic.next_call())

    def start_burst(
        self, count: int, rate: float | None = None, concurrency: int = 200, provider: str | None = None
    ) -> Burst:
        """Begin a burst of ``count`` calls (``rate`` per minute, or None: as fast as possible)."""
        if count < 1 or concurrency < 1 or (rate is not None and rate <= 0):
            raise ValueError("count and concurrency must be >= 1, rate > 0")
        burst = Burst(next(self._ids), count, rate, concurrency, provider)
        self.bursts[burst.id] = burst
        while len(self.bursts) > 20:
            self.bursts.popitem(last=False)
        self._spawn(self._run(burst), f"sandbox-burst-{burst.id}")
        return burst

    async def _run(self, burst: Burst) -> None:
        engine = self.engine
        providers = (burst.provider,) if burst.provider else engine.config.traffic_providers
        scenario = Scenario(
            engine.roster, engine.config.seed, f"burst{burst.id}", providers, engine.config.rating_share
        )
        slots = asyncio.Semaphore(burst.concurrency)
        all_done = asyncio.Event()

        def finished(call: Call) -> None:
            burst.finished += 1
            burst.errors += call.error is not None
            slots.release()
            if burst.finished == burst.count:
                all_done.set()

        interval = 60.0 / burst.rate if burst.rate else 0.0
        for _ in range(burst.count):
            await slots.acquire()
            engine.place(scenario.next_call(), on_done=finished)
            burst.placed += 1
            if interval:
                await asyncio.sleep(interval)
        await all_done.wait()
        burst.elapsed = time.monotonic() - burst.started
        burst.done.set()
