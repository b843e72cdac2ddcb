"""Fixtures for the sandbox tests: a running sandbox, an httpx client, and a webhook receiver of our own."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from app.sandbox import Sandbox
from tests.sandbox.sandbox_kit import Receiver, fast_config


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    rec = Receiver()
    await rec.start()
    yield rec
    await rec.stop()


@pytest.fixture
async def sandbox(receiver: Receiver) -> AsyncIterator[Sandbox]:
    sb = Sandbox(fast_config(receiver))
    await sb.start("127.0.0.1", 0)
    yield sb
    await sb.stop()


@pytest.fixture
async def client(sandbox: Sandbox) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=sandbox.base_url, timeout=10.0) as http:
        yield http
