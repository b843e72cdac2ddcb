"""The sandbox runs inside the desktop app's qasync loop (``ringdesk demo``), not only on plain asyncio."""

from __future__ import annotations

import httpx
import pytest

from app.sandbox import Sandbox
from app.sandbox.config import DOC_CLOUDPBX_TOKEN
from tests.sandbox.sandbox_kit import Receiver, fast_config


@pytest.mark.qasync
async def test_a_call_plays_on_the_qasync_loop() -> None:
    receiver = Receiver()
    await receiver.start()
    try:
        async with Sandbox(fast_config(receiver)) as sb, httpx.AsyncClient(base_url=sb.base_url) as http:
            accounts = await http.post("/sys/crm_api.wcgp", data={"cmd": "accounts", "token": DOC_CLOUDPBX_TOKEN})
            assert accounts.status_code == 200
            call_id = await sb.place_call(
                provider="cloudpbx",
                direction="in",
                number="48601234567",
                agent="andy",
                outcome="answered",
                talk=20,
                rating=None,
            )
            await sb.wait_call(call_id, 10)
            assert (await http.get(f"/records/{call_id}.wav")).status_code == 200
    finally:
        await receiver.stop()
    assert [h.fields.get("type", h.cmd) for h in receiver.of_call(call_id)] == [
        "contact",
        "INCOMING",
        "ACCEPTED",
        "COMPLETED",
        "in",
    ]
