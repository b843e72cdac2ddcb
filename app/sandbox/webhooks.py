"""Outgoing webhooks: the provider calling the CRM (Cloud PBX form POSTs, TeleDiscount GETs).

Why it retries: a real PBX re-sends a webhook the CRM did not acknowledge (non-2xx or no answer in
time), with growing pauses, so a receiver must expect duplicates. ``contact`` is the exception: the PBX
holds a ringing call while it waits, so it asks once, with a short time-out, and moves on.
Every delivery (attempts, statuses, answers) is kept in a bounded log for ``GET /_sandbox/webhooks``.
One long-lived ``httpx.AsyncClient`` carries them all (keep-alive, bounded connection pool).
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from typing import Any

import httpx

from app.sandbox.config import SandboxConfig
from app.sandbox.faults import FaultBook


class WebhookSender:
    """Sends, retries and records webhooks; applies the ``webhook.*`` faults (drop, duplicate, latency)."""

    def __init__(self, config: SandboxConfig, faults: FaultBook) -> None:
        self.config = config
        self.faults = faults
        self.log: deque[dict[str, Any]] = deque(maxlen=config.webhook_log_size)
        self.counts = {"delivered": 0, "failed": 0, "dropped": 0, "attempts": 0, "no_target": 0}
        self._client: httpx.AsyncClient | None = None
        self._gate = asyncio.Semaphore(max(1, config.webhook_concurrency))
        self._ids = itertools.count(1)

    async def start(self) -> None:
        limits = httpx.Limits(
            max_connections=self.config.webhook_concurrency, max_keepalive_connections=self.config.webhook_concurrency
        )
        self._client = httpx.AsyncClient(
            limits=limits,
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": "ringdesk-sandbox/1 (provider simulator)"},
        )

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def send(
        self,
        provider: str,
        name: str,
        call_id: str,
        method: str,
        url: str | None,
        params: dict[str, str],
        *,
        once: bool = False,
        timeout: float | None = None,
        tag: str | None = None,
    ) -> httpx.Response | None:
        """Deliver one webhook (retrying unless ``once``); the final answer, or None if none came.

        ``tag`` marks the log entry (``reordered`` for one sent late on purpose).
        """
        if not url:
            self.counts["no_target"] += 1
            return None
        route = f"webhook.{provider}.{name}"
        entry: dict[str, Any] = {
            "id": next(self._ids),
            "time": time.time(),
            "provider": provider,
            "name": name,
            "call_id": call_id,
            "method": method,
            "url": url,
            "params": dict(params),
            "attempts": [],
            "outcome": "pending",
            "fault": tag,
        }
        self.log.append(entry)
        fault = self.faults.take(route, ("drop", "duplicate", "latency"))
        if fault is not None:
            entry["fault"] = fault.kind
            if fault.kind == "drop":
                entry["outcome"] = "dropped"
                self.counts["dropped"] += 1
                return None
            if fault.kind == "latency":
                await self.faults.sleep(fault.seconds if fault.seconds is not None else 2.0)
        answer = await self._deliver(entry, once=once, timeout=timeout)
        if fault is not None and fault.kind == "duplicate":
            copy = {**entry, "id": next(self._ids), "attempts": [], "fault": "duplicate-copy"}
            self.log.append(copy)
            await self._deliver(copy, once=once, timeout=timeout)
        return answer

    async def _deliver(self, entry: dict[str, Any], *, once: bool, timeout: float | None) -> httpx.Response | None:
        assert self._client is not None, "WebhookSender.start() not called"
        tries = 1 if once else 1 + max(0, self.config.webhook_retries)
        limit = timeout if timeout is not None else self.config.webhook_timeout
        answer: httpx.Response | None = None
        for attempt in range(tries):
            if attempt:
                await self.faults.sleep(self.config.webhook_backoff * 2 ** (attempt - 1))
                if self.faults.stopping.is_set():
                    break
            began = time.monotonic()
            record: dict[str, Any] = {"status": None, "error": None, "body": ""}
            self.counts["attempts"] += 1
            try:
                async with self._gate:
                    if entry["method"] == "GET":
                        answer = await self._client.get(entry["url"], params=entry["params"], timeout=limit)
                    else:
                        answer = await self._client.post(entry["url"], data=entry["params"], timeout=limit)
                record["status"] = answer.status_code
                record["body"] = answer.text[:500]
            except httpx.HTTPError as exc:
                answer = None
                record["error"] = f"{type(exc).__name__}: {exc}"[:300]
            record["elapsed_ms"] = round((time.monotonic() - began) * 1000, 2)
            entry["attempts"].append(record)
            if answer is not None and 200 <= answer.status_code < 300:
                entry["outcome"] = "delivered"
                self.counts["delivered"] += 1
                return answer
        entry["outcome"] = "failed"
        self.counts["failed"] += 1
        return answer


class CallChannel:
    """The webhooks of one call, sent in order; a ``reorder`` fault holds one back until the next is sent."""

    def __init__(self, sender: WebhookSender, provider: str, call_id: str) -> None:
        self.sender = sender
        self.provider = provider
        self.call_id = call_id
        self._held: list[tuple[str, str, str | None, dict[str, str]]] = []

    async def send(self, name: str, method: str, url: str | None, params: dict[str, str]) -> None:
        """Send (with retries); out-of-order faults apply here."""
        if url and self.sender.faults.take(f"webhook.{self.provider}.{name}", ("reorder",)):
            self._held.append((name, method, url, params))
            return
        await self.sender.send(self.provider, name, self.call_id, method, url, params)
        await self.flush()

    async def flush(self) -> None:
        """Send what a ``reorder`` fault held back (after the webhook that overtook it)."""
        while self._held:
            name, method, url, params = self._held.pop(0)
            await self.sender.send(self.provider, name, self.call_id, method, url, params, tag="reordered")
