"""Load: a 10,000-call burst completes with bounded memory; bursts through the control API."""

from __future__ import annotations

import asyncio
import time

import httpx

from app.sandbox import Sandbox
from tests.kit import until
from tests.sandbox.sandbox_kit import Receiver, fast_config


async def test_burst_of_10000_calls_completes() -> None:
    config = fast_config(time_scale=0.0005, archive_size=2000, prefill_calls=0)
    async with Sandbox(config) as sb:
        began = time.monotonic()
        stats = await asyncio.wait_for(sb.burst(10_000, concurrency=500), timeout=90)
        elapsed = time.monotonic() - began
        assert stats["placed"] == stats["finished"] == 10_000 and stats["errors"] == 0
        assert len(sb.engine.archive) == 2000 and sb.engine.archive.evicted == 8000
        assert not sb.engine.active and sb.state()["calls"]["tasks"] == 0
        providers = {c.spec.provider for c in sb.engine.archive}
    assert providers == {"cloudpbx", "telediscount", "telecube"}
    print(f"10,000 calls in {elapsed:.1f} s")


async def test_burst_with_webhooks_to_a_receiver(receiver: Receiver) -> None:
    async with (
        Sandbox(fast_config(receiver, prefill_calls=0)) as sb,
        httpx.AsyncClient(base_url=sb.base_url) as http,
    ):
        started = await http.post("/_sandbox/burst", json={"count": 300, "concurrency": 50})
        assert started.status_code == 202
        burst_id = started.json()["id"]
        for _ in range(300):
            status = (await http.get(f"/_sandbox/burst/{burst_id}")).json()
            if status["done"]:
                break
            await asyncio.sleep(0.05)
        assert status["done"] and status["finished"] == 300
        counts = sb.state()["webhooks"]
    assert counts["failed"] == 0 and counts["delivered"] == len(receiver.hits) > 300


async def test_burst_at_a_fixed_rate() -> None:
    async with Sandbox(fast_config(time_scale=0.0, prefill_calls=0)) as sb:
        began = time.monotonic()
        stats = await sb.burst(5, rate=600)  # 10 per second
    assert stats["finished"] == 5 and time.monotonic() - began >= 0.4


async def test_background_rate_places_calls() -> None:
    async with Sandbox(fast_config(time_scale=0.0, prefill_calls=0, rate=3000)) as sb:  # 50 a second
        loop = asyncio.get_running_loop()
        began = loop.time()
        await until(lambda: sb.engine.counts["placed"] > 5, "the background rate to place calls")
        placed, elapsed = sb.engine.counts["placed"], loop.time() - began
        sb.configure(rate=0)  # the rate loop re-reads the rate before it places a call: none after this
        still = sb.engine.counts["placed"]
        await asyncio.sleep(0.3)  # not a wait for something: the window in which nothing may happen
    assert placed / elapsed < 1000  # per minute, not per second (3000/s would place these 6 in 2 ms)
    assert sb.engine.counts["placed"] == still
