"""Team hub benchmark: ``ringdesk serve`` in its own process, N headless desktops on its WebSocket stream in
this one — webhook-in to the update on every desktop, hub memory per idle desktop, and a reconnect storm
after a crash — with the floor measured in the same run.

    python -m bench.hub [--desktops 1,50,500] [--webhooks 200] [--missed 200] [--quick]

The hub is the real thing: ``python -m app serve --listen 127.0.0.1:PORT`` with a temporary
``RINGDESK_HOME`` (a ``config.toml`` with one Cloud PBX account ``office``, its ``crm_token`` from
``RINGDESK_SECRET_OFFICE_CRM_TOKEN``; no API token, so it never syncs or dials out) and users created in
that home's store before it starts. Every desktop is its own **supervisor** (a user and token each): a
supervisor sees every call, the worst case for fan-out, and distinct tokens are the worst case for the
hub's revocation watch (one store read per token every 0.5 s). The desktops are ``aiohttp`` WebSockets
on one asyncio loop in this process; they time a message when their reader gets it and look for the
call id with a substring test (no JSON parsing on the hot path).

1. **Webhook → every desktop.** Cloud PBX ``event INCOMING`` webhooks, one at a time (a new call id each),
   each timed from just before the POST is written to the moment each connected desktop receives the
   change naming that call; p50/p99 over all (desktop, webhook) pairs. Floors: the same POST's own
   round trip (webhook in → 200, committed), and a bare aiohttp server in a subprocess (this module with
   ``--floor-server``) that answers the same POST by writing a call message of the same shape to N
   WebSockets — the fan-out transport and this client alone.
2. **Memory per idle desktop.** The hub's VmRSS with none and with N idle connected desktops (all caught
   up, then idle); floor: the bare server's VmRSS per WebSocket.
3. **Reconnect storm.** N desktops caught up at S; K more calls are posted, which the desktops treat as
   never stored (they keep S as their last stored seq, as if the crash lost them in flight); the hub is
   killed (SIGKILL) and started again on the same port and home; the moment its listening socket accepts,
   all N desktops reconnect at once (no back-off, no jitter) asking after S. The figure: socket up →
   every desktop has ``caught_up`` (each checked to hold all K call ids). Floor: the bare server, N
   simultaneous reconnects each sent K messages from memory.

Goals (docs/hub-protocol.md; the issue): p99 ≤ 25 ms at 500 desktops, ≤ 100 KB per idle desktop,
storm ≤ 10 s. ``--quick``: 1 and 20 desktops, 30 webhooks each, a storm of 20 desktops missing 20 calls.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import resource
import signal
import socket
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import aiohttp

from bench.receiver import RawClient
from bench.report import Figure, percentile, print_table

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "bench-hub-crm-token-0123456789"
ACCOUNT = "office"
CONFIG = f"""[general]
region = "PL"

[[accounts]]
id = "{ACCOUNT}"
provider = "cloudpbx"
base_url = "https://127.0.0.1:9"
"""
PAUSE_S = 0.005  # between two webhooks: one at a time, each fan-out finished before the next
WAIT_S = 10.0  # a webhook not on every desktop within this is counted as missing
SEQ = re.compile(r'"seq":(\d+)')
CALL_ID = re.compile(r'"call_id":"([^"]*)"')
CAUGHT_UP = '{"type":"caught_up"'
NOFILE = 65_536
EXPECTED_WARNING = "no click-to-call, sync or recordings"  # no API token: on purpose (nothing leaves the machine)


def raise_nofile() -> int:
    """Lift this process's soft RLIMIT_NOFILE as far as the hard one allows (500 sockets and then some)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = NOFILE if hard == resource.RLIM_INFINITY else min(NOFILE, hard)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def listening(port: int, process: asyncio.subprocess.Process, what: str, timeout: float = 60.0) -> float:
    """Poll until ``port`` accepts a connection; the moment it did (perf_counter)."""
    deadline = time.perf_counter() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if process.returncode is not None:
                raise RuntimeError(f"{what} ended (exit code {process.returncode}) before listening") from None
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{what} did not listen within {timeout:.0f} s") from None
            await asyncio.sleep(0.002)
            continue
        up = time.perf_counter()
        writer.close()
        return up


def webhook_body(call_id: str, n: int) -> bytes:
    """Cloud PBX's ``event INCOMING`` push (docs/providers.md), a new caller each time."""
    fields = {
        "cmd": "event",
        "type": "INCOMING",
        "phone": f"4860{n % 10_000_000:07d}",
        "user": "agent01",
        "callid": call_id,
        "crm_token": TOKEN,
    }
    return urlencode(fields).encode()


# --- the floor: a bare aiohttp WebSocket broadcast, in its own process ---------------------------------------
def floor_message(call_id: str, seq: int) -> bytes:
    """A call message of the hub's shape and size (docs/hub-protocol.md), built per webhook."""
    call = {
        "account": ACCOUNT,
        "call_id": call_id,
        "first_seen": "2026-12-06T10:15:00.123Z",
        "direction": "in",
        "status": "ringing",
        "phone": "+48600100200",
        "line": None,
        "ringing": ["agent01"],
        "cancelled": [],
        "answered_by": [],
        "completed": False,
        "answered_at": None,
        "ended_at": None,
        "summary_status": None,
        "summary_agent": None,
        "summary_started_at": None,
        "duration_s": None,
        "wait_s": None,
        "has_recording": False,
        "rating": None,
        "agent": None,
        "contact_name": "",
    }
    data = {"type": "call", "seq": seq, "change": "ringing", "call": call}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


async def _floor_server() -> None:
    from aiohttp import WSMsgType, web

    clients: set[web.WebSocketResponse] = set()
    sent: list[bytes] = []  # every message broadcast, seq = index + 1

    async def stream(request: web.Request) -> web.WebSocketResponse:
        after = int(request.query.get("after", "0"))
        ws = web.WebSocketResponse(heartbeat=4.0, compress=False, max_msg_size=4096)
        await ws.prepare(request)
        clients.add(ws)
        try:
            for data in sent[after:]:
                await ws.send_frame(data, WSMsgType.TEXT)
            await ws.send_str(json.dumps({"type": "caught_up", "seq": len(sent)}, separators=(",", ":")))
            async for _ in ws:
                pass
        finally:
            clients.discard(ws)
        return ws

    async def hook(request: web.Request) -> web.Response:
        form = await request.post()
        data = floor_message(str(form["callid"]), len(sent) + 1)
        sent.append(data)
        for ws in list(clients):
            with contextlib.suppress(ConnectionError, RuntimeError):
                await ws.send_frame(data, WSMsgType.TEXT)
        return web.Response()

    app = web.Application()
    app.router.add_get("/api/v1/stream", stream)
    app.router.add_post(f"/hooks/{ACCOUNT}", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, reuse_address=True)  # aiohttp's default backlog, as the hub's
    await site.start()
    assert runner.addresses
    print(runner.addresses[0][1], flush=True)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    await runner.cleanup()


# --- the hub's process -------------------------------------------------------------------------------------
def make_home(home: Path, logins: Iterable[str]) -> dict[str, str]:
    """config.toml and the users (supervisors) in ``home``'s store; their tokens by login."""
    from app.config.settings import Role
    from app.services.context import Context
    from app.services.team_users import TeamUsers

    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "config.toml").write_text(CONFIG, encoding="utf-8")
    context = Context.open(home)
    try:
        users = TeamUsers(context.users, context.settings)
        return {
            login: users.add(login, Role.SUPERVISOR, name=login, identities={ACCOUNT: login}).token for login in logins
        }
    finally:
        context.close()


def _nofile_for_child() -> None:
    raise_nofile()


@dataclass
class Child:
    """A process this benchmark started (the hub or the floor server), its output in a file."""

    command: list[str]
    env: dict[str, str]
    log: Path
    process: asyncio.subprocess.Process | None = None

    async def spawn(self, stdout: int | None = None) -> asyncio.subprocess.Process:
        with self.log.open("ab") as out:
            self.process = await asyncio.create_subprocess_exec(
                *self.command,
                env=self.env,
                cwd=ROOT,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=stdout if stdout is not None else out,
                stderr=out,
                preexec_fn=_nofile_for_child,
            )
        return self.process

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    async def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        await self.process.wait()

    async def stop(self, timeout: float = 30.0) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        self.process.terminate()
        try:
            await asyncio.wait_for(self.process.wait(), timeout)
        except TimeoutError:
            await self.kill()

    def tail(self, lines: int = 20) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


# --- the desktops ------------------------------------------------------------------------------------------
@dataclass
class Target:
    """The webhook in flight: the needle its change carries, and when each desktop got it."""

    needle: str
    expected: int
    times: list[float] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)

    def hit(self, now: float) -> None:
        self.times.append(now)
        if len(self.times) >= self.expected:
            self.done.set()


@dataclass
class Watch:
    target: Target | None = None


class Desktop:
    """One headless desktop: a WebSocket to the stream, the last seq it stored, timings of the watched call."""

    def __init__(self, session: aiohttp.ClientSession, url: str, token: str | None, watch: Watch) -> None:
        self.session = session
        self.url = url
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.watch = watch
        self.seq = 0  # the last seq it stored
        self.frozen = False  # keeps ``seq`` (changes received meanwhile count as lost)
        self.collect = False  # keep the call ids received (the storm's check)
        self.calls: set[str] = set()
        self.caught_up = asyncio.Event()
        self.caught_at = 0.0
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.reader: asyncio.Task[None] | None = None
        self.failures = 0  # connection attempts that failed (the storm's retries)

    async def connect(self, after: int | None = None) -> None:
        self.caught_up.clear()
        self.calls.clear()
        self.ws = await self.session.ws_connect(
            f"{self.url}?after={self.seq if after is None else after}", headers=self.headers, heartbeat=None
        )
        self.reader = asyncio.get_running_loop().create_task(self._read(self.ws))

    async def reconnect(self, deadline: float) -> None:
        """Connect until it works (no back-off: the worst case), or the deadline."""
        while True:
            try:
                await self.connect()
                return
            except (aiohttp.ClientError, OSError):
                self.failures += 1
                if time.perf_counter() > deadline:
                    raise
                await asyncio.sleep(0)

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        with contextlib.suppress(ConnectionError, aiohttp.ClientError):
            while True:
                msg = await ws.receive()
                now = time.perf_counter()
                if msg.type is not aiohttp.WSMsgType.TEXT:
                    if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING):
                        continue
                    return  # CLOSED or ERROR: the hub went away
                data: str = msg.data
                target = self.watch.target
                if target is not None and target.needle in data:
                    target.hit(now)
                if data.startswith(CAUGHT_UP):
                    self.caught_at = now
                    self.caught_up.set()
                elif data.startswith('{"type":"hello"'):
                    continue
                elif self.collect and (found := CALL_ID.search(data)):
                    self.calls.add(found.group(1))
                if not self.frozen and (number := SEQ.search(data)):
                    self.seq = max(self.seq, int(number.group(1)))

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        await self.gone()

    async def gone(self, timeout: float = 15.0) -> None:
        """Wait for the reader to finish (the socket closed, by either side)."""
        if self.reader is not None:
            await asyncio.wait_for(asyncio.shield(self.reader), timeout)


@dataclass
class Fanout:
    """Latency samples of one run (hub or floor) at one N."""

    latency: list[float] = field(default_factory=list)
    post: list[float] = field(default_factory=list)
    slowest: list[float] = field(default_factory=list)  # per webhook, its last desktop
    missing: int = 0


class Side:
    """The desktops of one server (the hub or the floor), added and closed as the steps need."""

    def __init__(self, session: aiohttp.ClientSession, port: int, tokens: list[str | None]) -> None:
        self.session = session
        self.port = port
        self.url = f"http://127.0.0.1:{port}/api/v1/stream"
        self.tokens = tokens
        self.watch = Watch()
        self.desktops: list[Desktop] = []
        self.latest = 0  # the newest seq any desktop stored
        self.post = RawClient(port)

    async def grow(self, n: int, batch: int = 50) -> None:
        """Connect desktops (``batch`` at a time: set-up, not measured) until ``n`` are connected, caught up."""
        while len(self.desktops) < n:
            new = [
                Desktop(self.session, self.url, self.tokens[len(self.desktops) + i], self.watch)
                for i in range(min(batch, n - len(self.desktops)))
            ]
            self.desktops += new
            await asyncio.gather(*(d.connect(self.latest) for d in new))
            await asyncio.wait_for(asyncio.gather(*(d.caught_up.wait() for d in new)), 60)
            self.latest = max(self.latest, *(d.seq for d in new))

    async def shrink(self, n: int) -> None:
        gone, self.desktops = self.desktops[n:], self.desktops[:n]
        await asyncio.gather(*(d.close() for d in gone))

    async def fan_out(self, webhooks: int, prefix: str) -> Fanout:
        """``webhooks`` webhooks one at a time; latency to every connected desktop, and the POST's round trip."""
        run = Fanout()
        for i in range(webhooks):
            await self.one_webhook(run, f"{prefix}-{i:05d}", i)
        return run

    async def one_webhook(self, run: Fanout, call_id: str, n: int) -> None:
        """Post one webhook and wait until every connected desktop has its change (or ``WAIT_S``)."""
        connected = len(self.desktops)
        target = Target(f'"call_id":"{call_id}"', connected)
        self.watch.target = target
        body = webhook_body(call_id, n)
        sent = time.perf_counter()
        status, answer = await self.post.request("POST", f"/hooks/{ACCOUNT}", body)
        run.post.append((time.perf_counter() - sent) * 1000)
        if status != 200:
            raise RuntimeError(f"webhook answered {status}: {answer[:200]!r}")
        if connected:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(target.done.wait(), WAIT_S)
        self.watch.target = None
        run.missing += connected - len(target.times)
        run.latency += [(t - sent) * 1000 for t in target.times]
        if target.times:
            run.slowest.append((max(target.times) - sent) * 1000)
        self.latest = max((d.seq for d in self.desktops), default=self.latest)
        await asyncio.sleep(PAUSE_S)

    async def post_calls(self, ids: list[str]) -> None:
        for n, call_id in enumerate(ids):
            status, answer = await self.post.request("POST", f"/hooks/{ACCOUNT}", webhook_body(call_id, n))
            if status != 200:
                raise RuntimeError(f"webhook answered {status}: {answer[:200]!r}")

    async def close(self) -> None:
        self.post.close()
        await self.shrink(0)


@dataclass
class Storm:
    took_s: float  # socket up (or release) → every desktop caught up
    p50_s: float  # a desktop's own time to caught_up
    caught_up: int
    complete: int  # desktops holding every missed call
    failures: int  # connection attempts that failed and were retried
    spawn_to_up_s: float = 0.0  # the restart: process spawned → listening


async def storm_reconnect(side: Side, after: int, ids: list[str], began: float, limit: float) -> Storm:
    """Every desktop of ``side`` reconnects at once asking after ``after``; until each is caught up."""
    for d in side.desktops:
        d.seq, d.frozen, d.collect, d.failures = after, False, True, 0
    deadline = began + limit
    results = await asyncio.gather(*(d.reconnect(deadline) for d in side.desktops), return_exceptions=True)
    waits = [d.caught_up.wait() for d, r in zip(side.desktops, results, strict=True) if r is None]
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(asyncio.gather(*waits), max(0.1, deadline - time.perf_counter()))
    done = [d for d in side.desktops if d.caught_up.is_set()]
    wanted = set(ids)
    for d in side.desktops:
        d.collect = False
    times = [d.caught_at - began for d in done] or [limit]
    return Storm(
        max(times) if len(done) == len(side.desktops) else limit,
        percentile(times, 50),
        len(done),
        sum(1 for d in done if wanted <= d.calls),
        sum(d.failures for d in side.desktops),
    )


# --- the run -----------------------------------------------------------------------------------------------
@dataclass
class Sizes:
    desktops: list[int]
    webhooks: dict[int, int]
    warmup: int
    missed: int
    idle_s: float
    storm_limit_s: float


async def measure(sizes: Sizes, tmp: Path) -> tuple[list[Figure], list[str]]:
    top = max(sizes.desktops)
    home = tmp / "home"
    began = time.perf_counter()
    tokens = make_home(home, [f"sup{i:04d}" for i in range(top)])
    notes = [f"{top} supervisors created in {time.perf_counter() - began:.1f} s"]
    port = free_port()
    env = {
        **os.environ,
        "RINGDESK_HOME": str(home),
        "RINGDESK_SECRET_OFFICE_CRM_TOKEN": TOKEN,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    hub = Child([sys.executable, "-m", "app", "serve", "--listen", f"127.0.0.1:{port}"], env, tmp / "hub.log")
    floor = Child([sys.executable, "-m", "bench.hub", "--floor-server"], env, tmp / "floor.log")
    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0, force_close=True), trust_env=False)
    try:
        floor_process = await floor.spawn(stdout=asyncio.subprocess.PIPE)
        await hub.spawn()
        assert floor_process.stdout is not None
        floor_port = int(await asyncio.wait_for(floor_process.stdout.readline(), 60))
        await listening(port, hub.process, "the hub")  # type: ignore[arg-type]
        return await _measure(sizes, hub, floor, port, floor_port, session, list(tokens.values()), notes)
    except BaseException:
        sys.stderr.write(f"--- hub log (last lines) ---\n{hub.tail()}\n--- floor log ---\n{floor.tail()}\n")
        raise
    finally:
        await session.close()
        await asyncio.gather(hub.stop(), floor.stop())


async def _measure(
    sizes: Sizes,
    hub: Child,
    floor: Child,
    port: int,
    floor_port: int,
    session: aiohttp.ClientSession,
    tokens: list[str],
    notes: list[str],
) -> tuple[list[Figure], list[str]]:
    top = max(sizes.desktops)
    hub_side = Side(session, port, list(tokens))
    floor_side = Side(session, floor_port, [None] * top)
    figures: list[Figure] = []

    # Warm-up: code paths, the store's pages, one desktop on each side; then the hub's RSS with none.
    for side in (hub_side, floor_side):
        await side.grow(1)
        await side.fan_out(sizes.warmup, "warm")
        await side.shrink(0)
    alone = await hub_side.fan_out(sizes.webhooks[min(sizes.desktops)], "alone")  # the POST with no desktop
    await hub_side.grow(1)  # (learns the hub's seq, so later desktops join with no backlog)
    await hub_side.shrink(0)
    await asyncio.sleep(sizes.idle_s)
    rss = {0: rss_kb(hub.pid)}
    floor_rss = {0: rss_kb(floor.pid)}

    # Memory: ``top`` idle desktops, connected and caught up.
    await hub_side.grow(top)
    await floor_side.grow(top)
    await asyncio.sleep(sizes.idle_s)
    rss[top] = rss_kb(hub.pid)
    floor_rss[top] = rss_kb(floor.pid)

    # Latency, from the most desktops down (closing the others between the steps).
    runs: dict[int, tuple[Fanout, Fanout]] = {}
    for n in sorted(sizes.desktops, reverse=True):
        await hub_side.shrink(n)
        await floor_side.shrink(n)
        runs[n] = (Fanout(), Fanout())
        for i in range(sizes.webhooks[n]):  # hub and floor in turn: the VM's noise falls on both alike
            await hub_side.one_webhook(runs[n][0], f"hub{n}-{i:05d}", i)
            await floor_side.one_webhook(runs[n][1], f"floor{n}-{i:05d}", i)
    figures += [
        Figure(f"webhook → 200, no desktop connected, p{p}", percentile(alone.post, p), "ms", "", None, note)
        for p, note in ((50, "the POST alone: durable commit + answer"), (99, f"{len(alone.post)} webhooks"))
    ]
    for n in sorted(runs):
        hub_run, floor_run = runs[n]
        label = f"webhook → {n} desktop{'s' * (n != 1)}"
        goal = "<= 25 ms" if n >= 500 else ""
        missing = f"; {hub_run.missing} never arrived" if hub_run.missing else ""
        for p in (50, 99):
            note = f"its POST → 200: {percentile(hub_run.post, p):.2f} ms"
            if p == 50:
                note += f"; {len(hub_run.latency):,} (desktop, webhook) pairs{missing}"
            figures.append(
                Figure(
                    f"{label}, p{p}",
                    percentile(hub_run.latency, p),
                    "ms",
                    goal if p == 99 else "",
                    percentile(floor_run.latency, p),
                    note,
                )
            )
        if n > 1:
            figures.append(
                Figure(
                    "… the webhook's last desktop, p99",
                    percentile(hub_run.slowest, 99),
                    "ms",
                    "",
                    percentile(floor_run.slowest, 99),
                    f"p50 {percentile(hub_run.slowest, 50):.2f} ms (floor {percentile(floor_run.slowest, 50):.2f})",
                )
            )
    per_desktop = (rss[top] - rss[0]) / top
    figures += [
        Figure("hub RSS, no desktops", rss[0] / 1024, "MB", "", floor_rss[0] / 1024),
        Figure(f"hub RSS, {top} idle desktops", rss[top] / 1024, "MB", "", floor_rss[top] / 1024),
        Figure(
            "hub memory per idle desktop",
            per_desktop,
            "KB",
            "<= 100 KB" if top >= 500 else "",
            (floor_rss[top] - floor_rss[0]) / top,
            f"(RSS with {top} − with none) / {top}",
        ),
    ]

    # The storm: back to ``top`` caught-up desktops at S; K calls they never store; crash; restart.
    await hub_side.grow(top)
    await floor_side.grow(top)
    after = hub_side.latest
    for d in hub_side.desktops:
        d.frozen = True
    missed = [f"storm-{i:05d}" for i in range(sizes.missed)]
    await hub_side.post_calls(missed)
    hub_side.post.close()
    hub_side.post = RawClient(port)
    await hub.kill()
    await asyncio.gather(*(d.gone() for d in hub_side.desktops))
    spawned = time.perf_counter()
    process = await hub.spawn()
    up = await listening(port, process, "the restarted hub")
    hub_storm = await storm_reconnect(hub_side, after, missed, up, sizes.storm_limit_s)
    hub_storm.spawn_to_up_s = up - spawned

    # The floor's storm: the same desktops close and reconnect at once, each sent K messages from memory.
    floor_after = floor_side.latest - sizes.missed
    await asyncio.gather(*(d.close() for d in floor_side.desktops))
    released = time.perf_counter()
    floor_ids = [f"floor{min(sizes.desktops)}-{i:05d}" for i in range(sizes.webhooks[min(sizes.desktops)])]
    floor_storm = await storm_reconnect(
        floor_side, floor_after, floor_ids[-sizes.missed :], released, sizes.storm_limit_s
    )

    storm_note = (
        f"{hub_storm.caught_up}/{top} caught up, {hub_storm.complete} with all {sizes.missed} missed calls; "
        f"{hub_storm.failures} failed connects retried"
    )
    figures += [
        Figure(
            f"reconnect storm: {top} desktops, {sizes.missed} missed, socket up → all caught up",
            hub_storm.took_s,
            "s",
            "<= 10 s" if top >= 500 else "",
            floor_storm.took_s,
            storm_note,
        ),
        Figure("… one desktop's own, p50", hub_storm.p50_s, "s", "", floor_storm.p50_s),
        Figure("… restart: spawn → listening", hub_storm.spawn_to_up_s, "s", "", None, "not in the storm figure"),
    ]
    if floor_storm.complete != top:
        notes.append(f"floor storm: {floor_storm.caught_up}/{top} caught up, {floor_storm.complete} complete")
    await hub_side.close()
    await floor_side.close()
    complaints = [
        line
        for line in hub.tail(10**6).splitlines()
        if (" WARNING " in line or " ERROR " in line) and EXPECTED_WARNING not in line
    ]
    if complaints:
        notes.append(f"the hub logged {len(complaints)} warnings/errors, the last: {complaints[-1].strip()[:160]}")
    return figures, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--desktops", help="comma-separated N (default 1,50,500; --quick 1,20)")
    parser.add_argument("--webhooks", type=int, help="webhooks per N (default 200, 100 from 500 desktops; --quick 30)")
    parser.add_argument("--missed", type=int, help="calls the storm's desktops missed (default 200; --quick 20)")
    parser.add_argument("--quick", action="store_true", help="1 and 20 desktops, 30 webhooks, a storm of 20")
    parser.add_argument("--floor-server", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor_server:
        asyncio.run(_floor_server())
        return
    desktops = [int(n) for n in (args.desktops or ("1,20" if args.quick else "1,50,500")).split(",")]
    webhooks = {n: args.webhooks or (30 if args.quick else 100 if n >= 500 else 200) for n in desktops}
    sizes = Sizes(
        desktops=desktops,
        webhooks=webhooks,
        warmup=10 if args.quick else 30,
        missed=args.missed or (20 if args.quick else 200),
        idle_s=0.5 if args.quick else 2.0,
        storm_limit_s=30.0 if args.quick else 120.0,
    )
    limit = raise_nofile()
    if limit < 2 * max(desktops) + 100:
        sys.exit(f"RLIMIT_NOFILE is {limit}: too low for {max(desktops)} desktops on each side")
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-hub-") as tmp:
        began = time.perf_counter()
        figures, notes = asyncio.run(measure(sizes, Path(tmp)))
        took = time.perf_counter() - began
    top = max(desktops)
    print_table(
        f"hub: ringdesk serve, up to {top} supervisor desktops on one loop; "
        "floor = bare aiohttp WebSocket broadcast in a subprocess",
        figures,
    )
    print(f"({'; '.join([*notes, f'{took:.1f} s in all'])})")


if __name__ == "__main__":
    main()
