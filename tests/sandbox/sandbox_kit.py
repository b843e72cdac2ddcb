"""Helpers of the sandbox tests: a webhook receiver of our own, and a fast sandbox configuration.

The receiver is deliberately not Ringdesk's server: the sandbox must be checked against the wire formats
alone, so the tests see exactly what a CRM endpoint would receive.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from app.sandbox import SandboxConfig


@dataclass
class Hit:
    """One webhook as received: path, fields (form or query), method."""

    path: str
    method: str
    fields: dict[str, str]

    @property
    def cmd(self) -> str:
        return self.fields.get("cmd", self.path.rsplit("/", 1)[-1])


@dataclass
class Receiver:
    """A CRM endpoint (Cloud PBX POSTs at /crm) and TeleDiscount GET endpoints (/td/income, /td/finished)."""

    hits: list[Hit] = field(default_factory=list)
    contact_answer: dict[str, Any] = field(default_factory=dict)
    contact_delay: float = 0.0
    fail_first: int = 0  # answer 500 to this many requests first (to see the sandbox retry)
    base: str = ""
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    _runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/crm", self._crm)
        app.router.add_get("/td/{name}", self._td)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.base = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _failing(self) -> bool:
        if self.fail_first > 0:
            self.fail_first -= 1
            return True
        return False

    async def _crm(self, request: web.Request) -> web.Response:
        form = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
        if self._failing():
            return web.Response(status=500, text="boom")
        self.hits.append(Hit(request.path, "POST", form))
        self.arrived.set()
        if form.get("cmd") == "contact":
            if self.contact_delay:
                await asyncio.sleep(self.contact_delay)
            return web.json_response(self.contact_answer)
        return web.Response(status=200, text="")

    async def _td(self, request: web.Request) -> web.Response:
        if self._failing():
            return web.Response(status=500, text="boom")
        self.hits.append(Hit(request.path, "GET", dict(request.query)))
        self.arrived.set()
        return web.Response(status=200, text="")

    def of_call(self, call_id: str) -> list[Hit]:
        """The hits about one call, in arrival order."""
        return [h for h in self.hits if call_id in (h.fields.get("callid"), h.fields.get("api_call_id"))]


def fast_config(receiver: Receiver | None = None, **options: Any) -> SandboxConfig:
    """A sandbox config for tests: 1,000× faster calls, quick retries, webhooks to ``receiver``."""
    config = SandboxConfig(
        seed=options.pop("seed", 7),
        contacts=options.pop("contacts", 200),
        prefill_calls=options.pop("prefill_calls", 20),
    )
    values: dict[str, Any] = {"time_scale": 0.001, "webhook_backoff": 0.01, "webhook_timeout": 2.0}
    if receiver is not None:
        values.update(
            crm_url=f"{receiver.base}/crm",
            td_income_url=f"{receiver.base}/td/income",
            td_finished_url=f"{receiver.base}/td/finished",
        )
    values.update(options)
    config.update(values)
    return config
