"""A team hub running in-process on a free loopback port: the webhook receiver with the desktop API mounted
(as ``Runtime.start()`` will once it wires it), four users, a Cloud PBX whose API answers from memory (the
dialer's and the recordings' requests are recorded), and clients speaking real HTTP and WebSocket to it.

Users: ``anna`` and ``boris`` are agents at the Cloud PBX account ``office`` (PBX users anna / boris),
``tess`` an agent at the TeleDiscount account ``td`` (SIP/0000000672), ``sam`` a supervisor.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import httpx

from app.config.paths import resolve
from app.config.secrets import MemorySecretStore
from app.config.settings import Role, Settings, parse
from app.core.models import CallEvent, CallStatus, Direction, EventKind, EventSource, utcnow
from app.providers.cloudpbx.client import CloudPbxClient
from app.runtime import Runtime
from app.server.app import build_app
from app.server.desktop_api import DesktopApiServices, add_desktop_api
from app.server.desktop_api.state import DesktopApi
from app.server.server import WebhookServer
from app.server.services import ReceiverServices
from app.services.change_feed import StoreChangeReader
from app.services.context import Context
from app.services.dialer import Dialer
from app.services.recordings import RecordingService
from app.services.team_users import TeamUsers
from app.store.calls import CallStore
from app.store.db import Database
from app.store.recordings import RecordingStore
from tests.kit import RECEIVER_CONFIG

CRM_TOKEN = "hub-crm-token-0123456789"
TD_SECRET = "td-secret-0123456789abcdef"
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(40)
USERS: dict[str, tuple[Role, dict[str, str]]] = {
    "anna": (Role.AGENT, {"office": "anna"}),
    "boris": (Role.AGENT, {"office": "boris"}),
    "tess": (Role.AGENT, {"td": "SIP/0000000672"}),
    "sam": (Role.SUPERVISOR, {}),
}


@dataclass
class FakePbx:
    """The Cloud PBX's API: ``makeCall`` answers with a call id (or ``refuse`` as given), a recording
    link answers with a short WAV. Every request is kept."""

    requests: list[httpx.Request] = field(default_factory=list)
    refuse: httpx.Response | None = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path.endswith(".wav"):
            return httpx.Response(200, content=WAV, headers={"Content-Type": "audio/wav"})
        if self.refuse is not None:
            return self.refuse
        return httpx.Response(200, json={"uuid": f"dial-{len(self.requests)}"})

    def dialled(self) -> list[dict[str, str]]:
        from urllib.parse import parse_qsl

        return [dict(parse_qsl(r.content.decode())) for r in self.requests if b"makeCall" in r.content]


class Stream:
    """One desktop's WebSocket to the hub: read its messages as JSON."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws

    async def receive(self, timeout: float) -> aiohttp.WSMessage:
        """The next message within ``timeout`` overall (``ws.receive(timeout=…)`` starts its clock again after
        each of the hub's pings, every 4 s, so it would never time out)."""
        return await asyncio.wait_for(self.ws.receive(), timeout)

    async def next(self, timeout: float = 10.0) -> dict[str, Any]:
        msg = await self.receive(timeout)
        if msg.type is not aiohttp.WSMsgType.TEXT:
            raise AssertionError(f"expected a message, got {msg.type.name} {msg.data!r} {msg.extra!r}")
        data: dict[str, Any] = json.loads(msg.data)
        return data

    async def opening(self, timeout: float = 10.0) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
        """``hello``, the backlog, ``caught_up`` (each message within ``timeout``)."""
        hello = await self.next(timeout)
        assert hello["type"] == "hello", hello
        backlog = []
        while (message := await self.next(timeout))["type"] != "caught_up":
            backlog.append(message)
        return hello, backlog, message

    async def closed(self, timeout: float = 10.0) -> int | None:
        """Wait for the hub to close the socket; its close code."""
        msg = await self.receive(timeout)
        assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING), msg
        return self.ws.close_code

    async def nothing_within(self, seconds: float) -> None:
        try:
            msg = await self.receive(seconds)
        except TimeoutError:
            return
        raise AssertionError(f"expected nothing, got {msg.type.name} {msg.data!r}")


@dataclass
class Hub:
    runtime: Runtime
    api: DesktopApi
    url: str
    pbx: FakePbx
    tokens: dict[str, str]
    http: httpx.AsyncClient
    session: aiohttp.ClientSession
    users: TeamUsers
    closers: list[Any] = field(default_factory=list)

    @property
    def context(self) -> Context:
        return self.runtime.context

    def auth(self, login: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[login]}"}

    async def get(self, login: str | None, path: str, **kwargs: Any) -> httpx.Response:
        headers = self.auth(login) if login else {}
        return await self.http.get(path, headers={**headers, **kwargs.pop("headers", {})}, **kwargs)

    async def post(self, login: str | None, path: str, body: Any, **kwargs: Any) -> httpx.Response:
        headers = self.auth(login) if login else {}
        return await self.http.post(path, json=body, headers={**headers, **kwargs.pop("headers", {})}, **kwargs)

    async def changes(self, login: str, after: int = 0, limit: int | None = None) -> dict[str, Any]:
        params = {"after": str(after)} | ({"limit": str(limit)} if limit else {})
        answer = await self.get(login, "/api/v1/changes", params=params)
        assert answer.status_code == 200, answer.text
        data: dict[str, Any] = answer.json()
        return data

    async def webhook(self, **fields: str) -> None:
        """A Cloud PBX push to the account ``office`` (the document's form encoding)."""
        answer = await self.http.post("/hooks/office", data={**fields, "crm_token": CRM_TOKEN})
        assert answer.status_code == 200, answer.text

    async def td_income(self, call_id: str, number: str = "79039998877") -> None:
        """A TeleDiscount ``income`` push (it names no agent)."""
        answer = await self.http.get(
            f"/hooks/td/{TD_SECRET}/income", params={"num_a": number, "num_m": "79037778899", "api_call_id": call_id}
        )
        assert answer.status_code == 200, answer.text

    async def stream(self, login: str, after: int = 0, headers: Mapping[str, str] | None = None) -> Stream:
        ws = await self.session.ws_connect(
            f"{self.url}/api/v1/stream?after={after}", headers={**self.auth(login), **(headers or {})}
        )
        self.closers.append(ws.close)
        return Stream(ws)


def hub_settings(extra: str = "") -> Settings:
    settings = parse(RECEIVER_CONFIG + extra)
    settings.server.listen = "127.0.0.1:0"
    settings.general.role = Role.SUPERVISOR  # the hub itself fetches every recording; the API decides who gets it
    return settings


async def start_hub(home: Path, settings: Settings | None = None) -> Hub:
    settings = settings or hub_settings()
    secrets = MemorySecretStore({("office", "crm_token"): CRM_TOKEN, ("td", "webhook_secret"): TD_SECRET})
    context = Context(resolve(home).ensure(), settings, secrets)
    runtime = Runtime(context)
    pbx = FakePbx()
    office = settings.account("office")
    clients = {"office": CloudPbxClient(office, "api-token", transport=httpx.MockTransport(pbx))}
    dialer = Dialer(settings, clients, runtime.tracker)
    recordings = RecordingService(
        settings, clients, context.calls, RecordingStore(context.db), context.paths.recordings_dir
    )
    users = TeamUsers(context.users, settings)
    tokens = {
        login: users.add(login, role, name=login.title(), identities=ids).token for login, (role, ids) in USERS.items()
    }
    # As Runtime.start() builds the receiver, plus the desktop API on the same application.
    app = build_app(ReceiverServices(settings, runtime.webhook_accounts, runtime.tracker, runtime.lookup))
    services = DesktopApiServices(
        settings,
        TeamUsers(context.users, settings),
        StoreChangeReader(context.changes, context.calls),
        runtime.notes,
        runtime.contacts,
        runtime.hub,
        dialer=lambda: dialer,
        recordings=lambda: recordings,
    )
    api = add_desktop_api(app, services)
    runtime.receiver = WebhookServer(app, settings.server)
    address = await runtime.receiver.start()
    url = f"http://{settings.server.host}:{address.port}"
    hub = Hub(
        runtime,
        api,
        url,
        pbx,
        tokens,
        httpx.AsyncClient(base_url=url, trust_env=False),
        aiohttp.ClientSession(trust_env=False),
        users,
    )
    hub.closers += [recordings.aclose, clients["office"].aclose]
    return hub


async def stop_hub(hub: Hub) -> None:
    for close in reversed(hub.closers):
        await close()
    await hub.http.aclose()
    await hub.session.close()
    await hub.runtime.stop()
    await asyncio.sleep(0)


@contextlib.asynccontextmanager
async def running_hub(home: Path, settings: Settings | None = None) -> AsyncIterator[Hub]:
    hub = await start_hub(home, settings)
    try:
        yield hub
    finally:
        await stop_hub(hub)


# -- calls, as the providers push them ------------------------------------------------------------------
CLIENT = "79101234567"


async def group_ring(hub: Hub, call_id: str, *, answer: bool = True) -> None:
    """A call to the group: anna's and boris's phones ring; boris answers, anna's leg is cancelled."""
    common = {"cmd": "event", "callid": call_id, "phone": CLIENT, "direction": "in"}
    await hub.webhook(**common, type="INCOMING", user="anna@acme.megapbx.ru")
    await hub.webhook(**common, type="INCOMING", user="boris@acme.megapbx.ru")
    if answer:
        await hub.webhook(**common, type="ACCEPTED", user="boris@acme.megapbx.ru")
        await hub.webhook(**common, type="CANCELLED", user="anna@acme.megapbx.ru")


async def private_call(hub: Hub, call_id: str, agent: str = "boris", *, phone: str = "79161112233") -> None:
    """A call that rang ``agent`` only, answered, ended, with a recording link."""
    common = {"callid": call_id, "phone": phone}
    await hub.webhook(**common, cmd="event", type="INCOMING", user=agent)
    await hub.webhook(**common, cmd="event", type="ACCEPTED", user=agent)
    await hub.webhook(
        **common,
        cmd="history",
        type="in",
        status="Success",
        user=agent,
        duration="30",
        link=f"https://office.megapbx.ru/records/{call_id}.wav",
    )


async def missed_by_nobody(hub: Hub, call_id: str) -> None:
    """A missed call the PBX names no agent for (``user=pbx``): everyone's at ``office``."""
    await hub.webhook(cmd="history", type="in", status="Missed", user="pbx", duration="0", callid=call_id, phone=CLIENT)


def pulled_calls(count: int, agent: str = "boris", prefix: str = "B") -> list[CallEvent]:
    """``count`` answered calls of ``agent`` at ``office``, as a history sync pulls them."""
    at = utcnow() - timedelta(hours=1)
    return [
        CallEvent(
            "office",
            f"{prefix}{n}",
            EventKind.SUMMARY,
            at,
            started_at=at,
            direction=Direction.IN,
            status=CallStatus.ANSWERED,
            phone="+79101234567",
            agent=agent,
            source=EventSource.PULL,
        )
        for n in range(count)
    ]


def store_calls(hub: Hub, events: list[CallEvent]) -> None:
    """Store ``events`` in one batch through a connection of their own, as another process would (nobody
    tells the feed: it finds them by number). Blocking: run it in a thread."""
    db = Database.open(hub.context.paths.database)
    try:
        CallStore(db).ingest_many(events)
    finally:
        db.close()


@dataclass
class Probe:
    """``GET /healthz`` again and again from a thread of its own (its own client, its own clock), so a
    stalled event loop in the hub shows as a slow answer, whatever the test's coroutines are doing."""

    url: str
    latencies: list[float] = field(default_factory=list)
    answered: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        with httpx.Client(base_url=self.url, trust_env=False, timeout=30) as client:
            while not self.stop.is_set():
                started = time.monotonic()
                assert client.get("/healthz").status_code == 200
                self.latencies.append(time.monotonic() - started)
                self.answered.set()
                self.stop.wait(0.005)

    @property
    def worst(self) -> float:
        return max(self.latencies, default=0.0)


@contextlib.asynccontextmanager
async def probing(hub: Hub) -> AsyncIterator[Probe]:
    """A :class:`Probe` running for the ``async with`` block (its first answer awaited on the way in, its
    thread joined without blocking the loop on the way out: the hub answers its last request)."""
    probe = Probe(hub.url)
    thread = threading.Thread(target=probe.run, name="healthz-probe", daemon=True)
    thread.start()
    try:
        await asyncio.to_thread(probe.answered.wait, 30)
        yield probe
    finally:
        probe.stop.set()
        await asyncio.to_thread(thread.join, 30)
