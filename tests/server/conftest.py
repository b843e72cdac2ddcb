"""A receiver running in-process on a free loopback port, with one account per provider, and an httpx
client talking real HTTP to it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from app.config.paths import resolve
from app.config.secrets import MemorySecretStore
from app.config.settings import Settings, parse
from app.runtime import Runtime
from app.services.context import Context
from app.services.hub import CallUpdate
from tests.kit import RECEIVER_CONFIG

# The provider document's example key, so its example request works verbatim.
DOC_CRM_TOKEN = "76fsd7tfs-fhjdgdjfsfsk-hfgsdguuuwoeiweyl111"
TD_SECRET = "td-secret-0123456789abcdef"

CONFIG = (
    RECEIVER_CONFIG
    + """
[[accounts]]
id = "cube"
provider = "telecube"
base_url = "https://demo.ccrm.pl"
"""
)


@dataclass
class Receiver:
    runtime: Runtime
    client: httpx.AsyncClient
    url: str
    updates: list[CallUpdate] = field(default_factory=list)
    crm_token: str = DOC_CRM_TOKEN
    td_secret: str = TD_SECRET

    @property
    def context(self) -> Context:
        return self.runtime.context

    def td_url(self, hook: str, secret: str | None = None, account: str = "td") -> str:
        return f"/hooks/{account}/{secret or self.td_secret}/{hook}"


def make_settings(extra: str = "") -> Settings:
    settings = parse(CONFIG + extra)
    settings.server.listen = "127.0.0.1:0"
    return settings


async def start_receiver(settings: Settings, home: Path) -> Receiver:
    secrets = MemorySecretStore({("office", "crm_token"): DOC_CRM_TOKEN, ("td", "webhook_secret"): TD_SECRET})
    runtime = Runtime(Context(resolve(home).ensure(), settings, secrets))
    address = await runtime.start()
    url = f"http://127.0.0.1:{address.port}"
    receiver = Receiver(runtime, httpx.AsyncClient(base_url=url, trust_env=False), url)
    runtime.hub.subscribe(receiver.updates.append)
    return receiver


@pytest.fixture
async def receiver(ringdesk_home: Path) -> AsyncIterator[Receiver]:
    running = await start_receiver(make_settings(), ringdesk_home)
    yield running
    await running.client.aclose()
    await running.runtime.stop()


StartReceiver = Callable[[str], Awaitable[Receiver]]


@pytest.fixture
async def start_with(ringdesk_home: Path) -> AsyncIterator[StartReceiver]:
    """Starts a receiver with extra config lines (e.g. a ``[server]`` table); stops them all at the end."""
    started: list[Receiver] = []

    async def start(extra: str) -> Receiver:
        running = await start_receiver(make_settings(extra), ringdesk_home)
        started.append(running)
        return running

    yield start
    for running in started:
        await running.client.aclose()
        await running.runtime.stop()
