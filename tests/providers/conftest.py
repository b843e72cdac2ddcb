"""Fixtures of the provider-client tests: a running sandbox over loopback, and accounts pointing at it.

Every test here talks real HTTP to the in-process :class:`~app.sandbox.Sandbox` on 127.0.0.1 and checks
what the sandbox received (its request log) or what our side made of the answer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from app.config.secrets import MemorySecretStore
from app.core.accounts import Provider
from app.providers.base import ProviderClient, client_for
from app.sandbox import Sandbox, SandboxConfig
from tests.providers.provider_kit import SECRETS, account_at, no_sleep


@pytest.fixture
def sandbox_config() -> SandboxConfig:
    config = SandboxConfig(seed=5, prefill_calls=0, contacts=30)
    config.update({"time_scale": 0.001})
    return config


@pytest.fixture
async def sandbox(sandbox_config: SandboxConfig) -> AsyncIterator[Sandbox]:
    sb = Sandbox(sandbox_config)
    await sb.start("127.0.0.1", 0)
    yield sb
    await sb.stop()


@pytest.fixture
def secrets() -> MemorySecretStore:
    return MemorySecretStore({(p.value, name): value for p, (name, value) in SECRETS.items()})


@pytest.fixture
async def make_client(sandbox: Sandbox, secrets: MemorySecretStore) -> AsyncIterator[Callable[..., ProviderClient]]:
    """``make_client(provider, gate=, timeout=, **account_overrides)``: a client of an account at the sandbox
    (retries without pauses), closed after the test."""
    opened: list[ProviderClient] = []

    def make(provider: Provider, *, gate: Any = None, timeout: float = 2.0, **overrides: Any) -> ProviderClient:
        client = client_for(
            account_at(sandbox, provider, **overrides),
            secrets,
            gate=gate,
            sleep=no_sleep,
            timeout=httpx.Timeout(timeout),
        )
        opened.append(client)
        return client

    yield make
    for client in opened:
        await client.aclose()
