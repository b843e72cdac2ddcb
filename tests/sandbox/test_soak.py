"""Memory stays flat: once the bounded archive and logs are full, more calls allocate nothing lasting."""

from __future__ import annotations

import gc
import tracemalloc

import httpx

from app.sandbox import Sandbox
from app.sandbox.config import DOC_CLOUDPBX_TOKEN
from tests.sandbox.sandbox_kit import fast_config


async def test_memory_is_flat_once_the_bounds_are_reached() -> None:
    config = fast_config(time_scale=0.0, prefill_calls=0, archive_size=500, request_log_size=40, webhook_log_size=200)
    async with Sandbox(config) as sb, httpx.AsyncClient(base_url=sb.base_url) as http:

        async def round_of_traffic() -> None:
            await sb.burst(1000, concurrency=100)
            for _ in range(50):
                await http.post(
                    "/sys/crm_api.wcgp", data={"cmd": "history", "period": "today", "token": DOC_CLOUDPBX_TOKEN}
                )

        await round_of_traffic()  # fills the archive and the request log (recordings: test_recordings)
        gc.collect()
        tracemalloc.start()
        try:
            await round_of_traffic()
            gc.collect()
            before, _ = tracemalloc.get_traced_memory()
            for _ in range(2):
                await round_of_traffic()
            gc.collect()
            after, _ = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert len(sb.engine.archive) == 500 and len(sb.requests.entries) == 40
    assert after - before < 512 * 1024, f"grew by {(after - before) / 1024:.0f} KiB over 2,000 calls"
