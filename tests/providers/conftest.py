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
from app.config.settings import AccountSettings, Provider
from app.providers.base import ProviderClient, client_for
from app.sandbox import Sandbox, SandboxConfig
from app.sandbox.config import DOC_CLOUDPBX_TOKEN, DOC_TELECUBE_KEY, DOC_TELEDISCOUNT_KEY

ME = {Provider.CLOUDPBX: "andy", Provider.TELEDISCOUNT: "SIP/00000000672", Provider.TELECUBE: "103"}
SECRETS = {Provider.CLOUDPBX: ("token", DOC_CLOUDPBX_TOKEN), Provider.TELEDISCOUNT: ("api_key", DOC_TELEDISCOUNT_KEY),
           Provider.TELECUBE: ("api_key", DOC_TELECUBE_KEY)}


async def no_sleep(seconds: float) -> None:
    """Retries in tests wait for nothing (the pauses themselves are tested as numbers)."""


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


def account_at(sandbox: Sandbox, provider: Provider, **overrides: Any) -> AccountSettings:
    """An account of ``provider`` whose every URL is the sandbox's."""
    values: dict[str, Any] = {"id": provider.value, "provider": provider, "base_url": sandbox.base_url,
                              "user": ME.get(provider, "")}
    if provider is Provider.TELECUBE:
        values.update(panel_url=sandbox.base_url, login=sandbox.config.telecube_login)
    values.update(overrides)
    return AccountSettings(**values)


@pytest.fixture
def secrets() -> MemorySecretStore:
    return MemorySecretStore({(p.value, name): value for p, (name, value) in SECRETS.items()})


@pytest.fixture
async def make_client(sandbox: Sandbox, secrets: MemorySecretStore
                      ) -> AsyncIterator[Callable[..., ProviderClient]]:
    """``make_client(provider, gate=, timeout=, **account_overrides)``: a client of an account at the sandbox
    (retries without pauses), closed after the test."""
    opened: list[ProviderClient] = []

    def make(provider: Provider, *, gate: Any = None, timeout: float = 2.0, **overrides: Any) -> ProviderClient:
        client = client_for(account_at(sandbox, provider, **overrides), secrets, gate=gate, sleep=no_sleep,
                            timeout=httpx.Timeout(timeout))
        opened.append(client)
        return client

    yield make
    for client in opened:
        await client.aclose()


def sent(sandbox: Sandbox, path: str) -> list[dict[str, Any]]:
    """What the sandbox received on ``path`` (its request log), oldest first."""
    return sandbox.requests.list(path=path)
