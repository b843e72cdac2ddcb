"""Recordings are fetched only from where recordings live (issue 15, point 7).

Everything here is real HTTP over 127.0.0.1 with the real transport (no injected one). Where a test needs an
account whose API host is on the public internet, the name is answered by a test DNS: ``socket.getaddrinfo``
(what asyncio's resolver and httpx's both call) answers a few made-up names with chosen addresses and passes
every other name to the real resolver. So the rule under test sees exactly what it would see on a real
network, and a refused link is shown to have caused no connection at all: the local server it points at
counts its requests.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
import subprocess
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiohttp import web

from app.config.settings import AccountSettings, Provider, Settings
from app.core.errors import InvalidRequest, ProviderError
from app.core.models import CallEvent, CallStatus, Direction, EventKind, utcnow
from app.providers.cloudpbx.client import CloudPbxClient
from app.providers.linkguard import GuardedTransport, IPAddress
from app.services.download_budget import DownloadBudget
from app.services.recordings import RecordingService
from app.services.sync import Backoff
from app.store.calls import CallStore
from app.store.db import Database
from app.store.recordings import RecordingStore

PUBLIC_PBX = "pbx.example.com"
PUBLIC_ADDRESS = "93.184.215.14"  # a global address (the test DNS's answer; nothing connects to it)
WAV = b"RIFF" + b"\0" * 4092


@dataclass
class LocalServer:
    """A server on 127.0.0.1 that is *not* the account's host: counts what reaches it."""

    port: int = 0
    hits: list[str] = field(default_factory=list)


@pytest.fixture
async def local_server() -> AsyncIterator[LocalServer]:
    served = LocalServer()

    async def admin(request: web.Request) -> web.Response:
        served.hits.append(request.path)
        return web.Response(text="<html><body>admin console</body></html>", content_type="text/html")

    async def audio(request: web.Request) -> web.Response:
        served.hits.append(request.path)
        return web.Response(body=WAV, content_type="audio/wav")

    async def drip(request: web.Request) -> web.StreamResponse:
        """A recording that claims 1 MB and sends one byte every 0.3 s (a read time-out never fires)."""
        served.hits.append(request.path)
        response = web.StreamResponse(headers={"Content-Type": "audio/wav", "Content-Length": "1000000"})
        await response.prepare(request)
        for _ in range(1_000_000):
            await response.write(b"R")
            await asyncio.sleep(0.3)
        return response

    app = web.Application()
    app.router.add_get("/admin/{tail:.*}", admin)
    app.router.add_get("/r/audio.wav", audio)
    app.router.add_get("/r/drip.wav", drip)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    served.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield served
    await runner.cleanup()


class FakeDns:
    """``socket.getaddrinfo`` with a few names of our own; ``answers[name]`` is a list per lookup
    (the last one repeats), so a test can answer differently the second time, as a rebinding attacker does."""

    def __init__(self, real: Callable[..., Any]) -> None:
        self.real = real
        self.answers: dict[str, list[list[str]]] = {}
        self.asked: list[str] = []

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name not in self.answers:
            return self.real(host, port, *args, **kwargs)
        self.asked.append(name)
        queue = self.answers[name]
        addresses = queue.pop(0) if len(queue) > 1 else queue[0]
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        number = int(port or 0)
        return [
            (
                socket.AF_INET6 if ":" in a else socket.AF_INET,
                socket.SOCK_STREAM,
                socket.IPPROTO_TCP,
                "",
                (a, number, 0, 0) if ":" in a else (a, number),
            )
            for a in addresses
        ]


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDns]:
    fake = FakeDns(socket.getaddrinfo)
    fake.answers[PUBLIC_PBX] = [[PUBLIC_ADDRESS]]
    monkeypatch.setattr(socket, "getaddrinfo", fake)
    yield fake


def recorded_call(db: Database, account: str, link: str) -> None:
    db.ensure_account(account, "cloudpbx")
    CallStore(db).ingest(
        CallEvent(
            account,
            "C1",
            EventKind.SUMMARY,
            utcnow(),
            direction=Direction.IN,
            agent="andy",
            status=CallStatus.ANSWERED,
            recording_url=link,
        )
    )


@pytest.fixture
async def clients() -> AsyncIterator[Callable[[str], CloudPbxClient]]:
    """``clients(base_url)``: a Cloud PBX client of an account at ``base_url``, on the real network."""
    opened: list[CloudPbxClient] = []

    def make(base_url: str) -> CloudPbxClient:
        account = AccountSettings("office", Provider.CLOUDPBX, base_url=base_url, user="andy")
        client = CloudPbxClient(account, "t", timeout=httpx.Timeout(2.0))
        opened.append(client)
        return client

    yield make
    for client in opened:
        await client.aclose()


def service(db: Database, client: CloudPbxClient, cache: Path, **options: Any) -> RecordingService:
    return RecordingService(
        Settings(),
        {"office": client},
        CallStore(db),
        RecordingStore(db),
        cache,
        backoff=Backoff(base_s=0.1, max_s=0.2, jitter=0.0),
        not_ready_window_s=0.5,
        **options,
    )


async def fetched(recordings: RecordingService) -> Any:
    """The recording, or the error that stopped it; never waits more than a generous 20 s."""
    return await asyncio.wait_for(recordings.get("office", "C1"), 20)


@pytest.mark.parametrize(
    "link",
    [
        "http://127.0.0.1:{port}/admin/users",
        "http://[::ffff:127.0.0.1]:{port}/admin/users",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.20.30.40/recording.mp3",
        "http://0.0.0.0:{port}/admin/users",
        "http://[::1]:{port}/admin/users",
        "http://224.0.0.1/recording.mp3",
    ],
)
async def test_a_link_to_a_local_address_is_refused_when_the_account_is_public(
    db: Database, tmp_path: Path, dns: FakeDns, local_server: LocalServer, clients: Any, link: str
) -> None:
    recorded_call(db, "office", link.format(port=local_server.port))
    client = clients(f"https://{PUBLIC_PBX}")
    with pytest.raises(InvalidRequest) as refused:
        await fetched(service(db, client, tmp_path / "cache"))
    assert "is not on the public internet" in refused.value.message
    assert local_server.hits == []  # refused before connecting, not after
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").iterdir())


async def test_every_address_of_a_link_name_is_checked(
    db: Database, tmp_path: Path, dns: FakeDns, local_server: LocalServer, clients: Any
) -> None:
    """A name answering a public address first and a loopback one second is refused as a whole."""
    dns.answers["records.example.com"] = [[PUBLIC_ADDRESS, "127.0.0.1"]]
    recorded_call(db, "office", f"http://records.example.com:{local_server.port}/admin/users")
    with pytest.raises(InvalidRequest) as refused:
        await fetched(service(db, clients(f"https://{PUBLIC_PBX}"), tmp_path / "cache"))
    assert "127.0.0.1" in refused.value.message and local_server.hits == []


async def test_the_connection_goes_to_the_address_that_was_checked(
    db: Database, tmp_path: Path, dns: FakeDns, local_server: LocalServer, clients: Any
) -> None:
    """DNS rebinding: the name is resolved once, checked, and the socket goes to that address. The test DNS
    knows the name only the first time; a second lookup (at connect time) would fail the download."""
    dns.answers["rec.office.test"] = [["127.0.0.1"], []]
    recorded_call(db, "office", f"http://rec.office.test:{local_server.port}/r/audio.wav")
    recording = await fetched(service(db, clients(f"http://127.0.0.1:{local_server.port}"), tmp_path / "cache"))
    assert Path(recording.path).read_bytes() == WAV and recording.media_type == "audio/wav"
    assert dns.asked.count("rec.office.test") == 1
    assert local_server.hits == ["/r/audio.wav"]


async def test_a_loopback_account_still_plays_its_loopback_links(
    db: Database, tmp_path: Path, local_server: LocalServer, clients: Any
) -> None:
    """The sandbox case: the account's API is on 127.0.0.1, so are its recordings."""
    recorded_call(db, "office", f"http://127.0.0.1:{local_server.port}/r/audio.wav")
    recording = await fetched(service(db, clients(f"http://127.0.0.1:{local_server.port}"), tmp_path / "cache"))
    assert Path(recording.path).read_bytes() == WAV


async def test_a_loopback_account_may_not_reach_the_metadata_service(
    db: Database, tmp_path: Path, local_server: LocalServer, clients: Any
) -> None:
    """Being local allows the account's own kind of address (loopback), not link-local or private ones."""
    recorded_call(db, "office", "http://169.254.169.254/latest/meta-data/")
    with pytest.raises(InvalidRequest) as refused:
        await fetched(service(db, clients(f"http://127.0.0.1:{local_server.port}"), tmp_path / "cache"))
    assert "169.254.169.254" in refused.value.message


async def test_a_web_page_is_not_kept_as_a_recording(
    db: Database, tmp_path: Path, local_server: LocalServer, clients: Any
) -> None:
    recorded_call(db, "office", f"http://127.0.0.1:{local_server.port}/admin/users")
    with pytest.raises(InvalidRequest) as refused:
        await fetched(service(db, clients(f"http://127.0.0.1:{local_server.port}"), tmp_path / "cache"))
    assert "text/html" in refused.value.message and "not with audio" in refused.value.message
    assert not list((tmp_path / "cache").glob("*"))


async def test_a_drip_is_cut_off_by_the_deadline(
    db: Database, tmp_path: Path, local_server: LocalServer, clients: Any
) -> None:
    """One byte every 0.3 s, a megabyte announced: stopped once the grace period is spent (1 s here)."""
    recorded_call(db, "office", f"http://127.0.0.1:{local_server.port}/r/drip.wav")
    budget = DownloadBudget(grace_s=1.0, min_bytes_per_s=4096)
    recordings = service(db, clients(f"http://127.0.0.1:{local_server.port}"), tmp_path / "cache", budget=budget)
    loop = asyncio.get_running_loop()
    started = loop.time()
    with pytest.raises(ProviderError) as stopped:
        await fetched(recordings)
    assert loop.time() - started < 10.0  # the budget allows ~1 s; without it the drip runs for days
    assert "too slowly" in stopped.value.message
    assert local_server.hits == ["/r/drip.wav"]  # stopped, not retried
    assert not list((tmp_path / "cache").glob("*.part"))


async def test_a_pinned_connection_still_checks_tls_against_the_name(tmp_path: Path) -> None:
    """Sending to the checked address must not weaken TLS: SNI and the certificate check use the link's name."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    names = ["-subj", "/CN=rec.office.test", "-addext", "subjectAltName=DNS:rec.office.test"]
    files = ["-keyout", str(key), "-out", str(cert)]
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", *names, *files],
        check=True,
        capture_output=True,
    )
    served = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    served.load_cert_chain(cert, key)
    seen: list[str] = []

    async def audio(request: web.Request) -> web.Response:
        seen.append(request.host)
        return web.Response(body=WAV, content_type="audio/wav")

    app = web.Application()
    app.router.add_get("/r.wav", audio)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=served)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def office_dns(host: str, port: int) -> list[IPAddress]:
        return [ipaddress.ip_address("127.0.0.1")]

    try:
        results = {}
        for name in ("rec.office.test", "other.office.test"):  # the certificate names only the first
            trusted = ssl.create_default_context(cafile=str(cert))
            guarded = GuardedTransport(httpx.AsyncHTTPTransport(verify=trusted), "127.0.0.1", resolve=office_dns)
            async with httpx.AsyncClient(transport=guarded) as client:
                try:
                    results[name] = (await client.get(f"https://{name}:{port}/r.wav")).content
                except httpx.ConnectError as exc:
                    results[name] = str(exc).encode()
    finally:
        await runner.cleanup()
    assert results["rec.office.test"] == WAV and seen == [f"rec.office.test:{port}"]
    assert b"CERTIFICATE_VERIFY_FAILED" in results["other.office.test"]


def test_the_budget_grows_with_what_arrived() -> None:
    budget = DownloadBudget(grace_s=15.0, min_bytes_per_s=4096, ceiling_s=3600.0)
    assert budget.deadline(100.0, 0) == 115.0
    assert budget.deadline(100.0, 4096 * 60) == 175.0  # a minute of audio at the minimum rate
    assert budget.deadline(100.0, 10**12) == 3700.0  # never more than the ceiling
