"""Webhook receiver benchmark: the PBX's ``contact`` question at 1,000,000 contacts, concurrent answers,
sustained durable event ingest, and the bare-asyncio floor — all in one run.

    python -m bench.receiver [--contacts N] [--calls N] [--seconds S] [--clients C] [--quick]

Why a separate server process: the machine has two cores; a client sharing the server's event loop
would halve what the server can do and blur the figures. The server process runs the real receiver
(``app.server``: aiohttp, same routes and middlewares as ``ringdesk serve``) and, on a second port, the
floor: a bare ``asyncio.start_server`` handler doing the same work (form parsing, normalisation, the same
``ContactLookup.answer``) with no HTTP framework. The client is a minimal keep-alive HTTP/1.1 client on
asyncio streams, identical for both, so the difference is the framework's cost.

"Server side" is the handler's time (middleware entry to response, incl. the look-up and JSON), measured
inside the server process. Contacts come from the cached ``bench/data`` store (``bench.datagen``; with
``--quick``, 10,000 contacts and calls in a temporary store, 1,000 samples, 2 s of ingest); events
are ingested into a fresh database with the app's durable settings (WAL, ``synchronous=FULL``): every
200 counted was committed first.

Goals (issue 4): contact p99 ≤ 2 ms server side, ≥ 3,000 answers/s, ≥ 2,000 durable events/s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import queue
import random
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode

from bench import datagen
from bench.report import Figure, percentile, print_table

if TYPE_CHECKING:
    from app.services.lookup import ContactLookup

TOKEN = "bench-crm-token-0123456789"
ACCOUNT = "bench"
REGION = "PL"


# --- the server process ------------------------------------------------------------------------------------
def serve(contacts_db: str, ingest_db: str, ports: multiprocessing.Queue, stop: multiprocessing.Event) -> None:  # type: ignore[type-arg]
    asyncio.run(_serve(Path(contacts_db), Path(ingest_db), ports, stop))


async def _serve(
    contacts_db: Path,
    ingest_db: Path,
    ports: multiprocessing.Queue,  # type: ignore[type-arg]
    stop: multiprocessing.Event,
) -> None:  # type: ignore[valid-type]
    from aiohttp import web

    from app.config.secrets import MemorySecretStore
    from app.config.settings import AccountSettings, Provider, ServerSettings, Settings
    from app.server.accounts import WebhookAccounts
    from app.server.app import build_app
    from app.server.server import WebhookServer
    from app.server.services import ReceiverServices
    from app.services.calls import CallTracker
    from app.services.hub import CallHub
    from app.services.lookup import ContactLookup
    from app.store.calls import CallStore
    from app.store.contacts import ContactStore
    from app.store.db import Database

    settings = Settings(
        server=ServerSettings(listen="127.0.0.1:0"),
        accounts=[AccountSettings(ACCOUNT, Provider.CLOUDPBX, base_url="https://pbx.example")],
    )
    settings.general.region = REGION
    secrets = MemorySecretStore({(ACCOUNT, "crm_token"): TOKEN})
    events = Database.open(ingest_db)
    events.ensure_account(ACCOUNT, "cloudpbx")
    lookup = ContactLookup(ContactStore(Database.open(contacts_db)), settings.general)
    services = ReceiverServices(
        settings, WebhookAccounts(settings, secrets), CallTracker(CallStore(events), CallHub()), lookup
    )
    app = build_app(services)
    timings: list[float] = []

    @web.middleware
    async def timed(
        request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        began = time.perf_counter()
        response = await handler(request)
        if request.path.startswith("/hooks/"):
            timings.append((time.perf_counter() - began) * 1000)
        return response

    async def take_timings(request: web.Request) -> web.Response:
        taken = list(timings)
        timings.clear()
        return web.json_response(taken)

    app.middlewares.insert(0, timed)
    app.router.add_get("/_bench/timings", take_timings)
    server = WebhookServer(app, settings.server)
    address = await server.start()
    floor = await _bare_floor(lookup)
    ports.put((address.port, floor.sockets[0].getsockname()[1]))
    while not stop.is_set():
        await asyncio.sleep(0.05)
    await server.stop()
    floor.close()


async def _bare_floor(lookup: ContactLookup) -> asyncio.Server:
    """The same contact answer behind a bare ``asyncio.start_server`` handler: the framework-free floor."""
    from app.core.phone import normalize

    timings: list[float] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request_line = await reader.readline()
                if not request_line:
                    break
                length = 0
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                body = await reader.readexactly(length)
                began = time.perf_counter()
                if request_line.startswith(b"GET /_bench/timings"):
                    payload = json.dumps(timings).encode()
                    timings.clear()
                else:
                    fields = dict(parse_qsl(body.decode()))
                    payload = json.dumps(lookup.answer(normalize(fields["phone"], REGION))).encode()
                    timings.append((time.perf_counter() - began) * 1000)
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
                    % (len(payload), payload)
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    return await asyncio.start_server(handle, "127.0.0.1", 0)


# --- the client side ---------------------------------------------------------------------------------------
class RawClient:
    """A minimal keep-alive HTTP/1.1 client (the same for both servers, so only the server differs)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        self.writer.write(
            b"%s %s HTTP/1.1\r\nHost: bench\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (method.encode(), path.encode(), len(body), body)
        )
        status = int((await self.reader.readline()).split()[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)

    async def timings(self) -> list[float]:
        return json.loads((await self.request("GET", "/_bench/timings"))[1])

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def contact_body(number: str) -> bytes:
    return urlencode({"cmd": "contact", "phone": number, "callid": "Q", "crm_token": TOKEN}).encode()


async def round_trips(port: int, bodies: list[bytes]) -> tuple[list[float], list[float], int]:
    """Sequential keep-alive requests: round-trip ms, server-side ms, how many named a contact."""
    client = RawClient(port)
    await client.timings()  # connect and reset
    times, known = [], 0
    for body in bodies:
        began = time.perf_counter()
        status, answer = await client.request("POST", f"/hooks/{ACCOUNT}", body)
        times.append((time.perf_counter() - began) * 1000)
        assert status == 200, answer
        known += answer != b"{}"
    server_side = await client.timings()
    client.close()
    return times, server_side, known


async def throughput(
    port: int, clients: int, make_body: Callable[[int, int], bytes], seconds: float
) -> tuple[int, float]:
    """``clients`` keep-alive connections posting for ``seconds``: the number of 200 answers and the time."""
    deadline = time.perf_counter() + seconds
    counts = [0] * clients

    async def worker(index: int) -> None:
        client = RawClient(port)
        n = 0
        while time.perf_counter() < deadline:
            status, answer = await client.request("POST", f"/hooks/{ACCOUNT}", make_body(index, n))
            assert status == 200, answer
            n += 1
        counts[index] = n
        client.close()

    began = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(clients)))
    return sum(counts), time.perf_counter() - began


def event_body(client: int, n: int) -> bytes:
    """The n-th push of a client: four pushes per call (ringing, answered, completed, history)."""
    call, step = divmod(n, 4)
    fields = {"callid": f"E{client}-{call}", "phone": "48600100200", "user": "agent01", "crm_token": TOKEN}
    if step < 3:
        fields |= {"cmd": "event", "type": ("INCOMING", "ACCEPTED", "COMPLETED")[step]}
    else:
        fields |= {
            "cmd": "history",
            "type": "in",
            "status": "Success",
            "duration": "42",
            "link": f"https://pbx.example/rec/E{client}-{call}.mp3",
        }
    return urlencode(fields).encode()


async def measure(
    ports: tuple[int, int], contacts: int, samples: int, seconds: float, clients: int, ingest_db: Path
) -> list[Figure]:
    app_port, floor_port = ports
    rng = random.Random(4)
    # Numbers as the PBX sends them: E.164 digits without "+"; nine in ten known.
    wire = [
        datagen.number(rng.randrange(contacts) if rng.random() < 0.9 else contacts + rng.randrange(10**6))[1:]
        for _ in range(samples)
    ]
    bodies = [contact_body(n) for n in wire]
    await round_trips(app_port, bodies[: samples // 10])  # warm the page cache and the code paths
    rt, server, known = await round_trips(app_port, bodies)
    floor_rt, floor_server, _ = await round_trips(floor_port, bodies)

    def lookup_body(client: int, n: int) -> bytes:
        return bodies[(client * 7919 + n) % len(bodies)]

    answers, took = await throughput(app_port, clients, lookup_body, seconds / 2)
    floor_answers, floor_took = await throughput(floor_port, clients, lookup_body, seconds / 2)
    events, ingest_took = await throughput(app_port, clients, event_body, seconds)
    stored = _stored_events(ingest_db)
    note = f"{known}/{samples} known numbers"
    return [
        Figure("contact p50, server side", percentile(server, 50), "ms", "", percentile(floor_server, 50), note),
        Figure("contact p99, server side", percentile(server, 99), "ms", "<= 2 ms", percentile(floor_server, 99)),
        Figure("contact p50, round trip", percentile(rt, 50), "ms", "", percentile(floor_rt, 50)),
        Figure("contact p99, round trip", percentile(rt, 99), "ms", "", percentile(floor_rt, 99)),
        Figure("contact mean, round trip", sum(rt) / len(rt), "ms", "", sum(floor_rt) / len(floor_rt)),
        Figure(f"contact answers/s, {clients} clients", answers / took, "/s", ">= 3,000", floor_answers / floor_took),
        Figure(
            f"durable events/s over {seconds:.0f} s, {clients} clients",
            events / ingest_took,
            "/s",
            ">= 2,000",
            None,
            f"{events} answered 200, {stored} events on disk",
        ),
    ]


def _stored_events(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM call_events").fetchone()[0])


def wait_for_ports(
    ports: multiprocessing.Queue,  # type: ignore[type-arg]
    server: multiprocessing.process.BaseProcess,
    timeout: float = 120,
) -> tuple[int, int]:
    """The server's two ports, once it listens; fails at once if the server process died first."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return ports.get(timeout=0.5)  # type: ignore[no-any-return]
        except queue.Empty:
            if not server.is_alive():
                raise RuntimeError(f"the server process ended (exit code {server.exitcode}) before listening") from None
            if time.monotonic() > deadline:
                raise


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=None, help="default 1,000,000 (--quick 10,000)")
    parser.add_argument("--calls", type=int, default=None, help="calls in the generated store (realism; as contacts)")
    parser.add_argument("--seconds", type=float, default=None, help="ingest duration (default 10, --quick 2)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent keep-alive connections")
    parser.add_argument("--quick", action="store_true", help="10,000 rows in a temporary store, shorter runs")
    args = parser.parse_args()
    size = 10_000 if args.quick else 1_000_000
    args.contacts = args.contacts or size
    args.calls = args.calls or size
    samples = 1000 if args.quick else 20000
    seconds = args.seconds if args.seconds is not None else (2.0 if args.quick else 10.0)
    with (
        datagen.bench_store(args.calls, args.contacts, quick=args.quick) as (path, built),
        tempfile.TemporaryDirectory(prefix="ringdesk-bench-") as tmp,
    ):
        if built:
            print(f"generated {path.name} in {built:.1f} s")
        ingest_db = Path(tmp) / "events.sqlite3"
        context = multiprocessing.get_context("spawn")
        ports: multiprocessing.Queue = context.Queue()  # type: ignore[type-arg]
        stop = context.Event()
        server = context.Process(target=serve, args=(str(path), str(ingest_db), ports, stop), daemon=True)
        server.start()
        try:
            figures = asyncio.run(
                measure(wait_for_ports(ports, server), args.contacts, samples, seconds, args.clients, ingest_db)
            )
        finally:
            stop.set()
            server.join(timeout=30)
            if server.is_alive():
                server.terminate()
    print_table(f"receiver: {args.contacts:,} contacts, {args.calls:,} calls; floor = bare asyncio handler", figures)


if __name__ == "__main__":
    main()
