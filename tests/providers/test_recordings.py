"""Recordings: downloaded once, served from the cache the second time, a not-yet-written link retried until it
works, only safe links followed, the cache kept under its cap, and agents limited to their own calls."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from app.config.settings import AccountSettings, Provider, Role, Settings
from app.core.errors import InvalidRequest, NotPermitted, Unavailable
from app.core.models import CallEvent, CallStatus, Direction, EventKind, utcnow
from app.providers.base import ProviderClient
from app.providers.cloudpbx.client import CloudPbxClient
from app.sandbox import Sandbox
from app.services.calls import CallTracker
from app.services.hub import CallHub
from app.services.recordings import RecordingService
from app.services.sync import AccountSync, Backoff
from app.store.calls import CallStore
from app.store.db import Database
from app.store.recordings import RecordingStore
from app.store.state import StateStore
from tests.providers.provider_kit import sent

Make = Callable[..., ProviderClient]


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "recordings"


def service(
    db: Database,
    clients: dict[str, ProviderClient],
    cache: Path,
    *,
    role: Role = Role.AGENT,
    cache_mb: int = 2048,
    **options: object,
) -> RecordingService:
    settings = Settings()
    settings.general.role = role
    settings.recordings.cache_max_mb = cache_mb
    return RecordingService(
        settings,
        clients,
        CallStore(db),
        RecordingStore(db),
        cache,
        backoff=Backoff(base_s=0.2, max_s=0.5, jitter=0.1),
        **options,
    )  # type: ignore[arg-type]


async def pulled_call(
    sandbox: Sandbox, client: ProviderClient, db: Database, agent: str = "andy", talk: int = 3
) -> str:
    """A finished, recorded call of ``agent``, known to the history through a pull."""
    call_id = await sandbox.place_call(
        provider=client.account.provider.value,
        direction="in",
        agent=agent,
        number="48601234567",
        outcome="answered",
        talk=talk,
    )
    await sandbox.wait_idle(10)
    db.ensure_account(client.account.id, client.account.provider.value)
    await AccountSync(client, CallTracker(CallStore(db), CallHub()), StateStore(db)).run_once()
    return call_id


async def test_downloads_once_then_serves_from_cache(
    sandbox: Sandbox, make_client: Make, db: Database, cache: Path
) -> None:
    client = make_client(Provider.CLOUDPBX)
    call_id = await pulled_call(sandbox, client, db)
    recordings = service(db, {"cloudpbx": client}, cache)
    fetch = recordings.fetch("cloudpbx", call_id)
    first = await fetch.done
    assert fetch.ready.is_set() and fetch.progress == 1.0 and not fetch.partial_path.exists()
    data = Path(first.path).read_bytes()
    assert data[:4] == b"RIFF" and first.media_type == "audio/wav" and first.size == len(data)
    assert Path(first.path).name == hashlib.sha256(data).hexdigest() + ".wav"
    again = recordings.fetch("cloudpbx", call_id)
    assert again.from_cache and (await again.done).path == first.path
    assert len(sent(sandbox, "/records/")) == 1  # the second time: no request at all


async def test_a_link_that_404s_for_a_while_is_retried(
    sandbox: Sandbox, make_client: Make, db: Database, cache: Path
) -> None:
    client = make_client(Provider.CLOUDPBX)
    sandbox.add_fault("records.cloudpbx:not_ready:1.0")  # the PBX is still writing the file
    call_id = await pulled_call(sandbox, client, db)
    recording = await service(db, {"cloudpbx": client}, cache).get("cloudpbx", call_id)
    statuses = [r["status"] for r in sent(sandbox, "/records/")]
    assert statuses[0] == 404 and statuses[-1] == 200 and set(statuses) == {404, 200}
    assert Path(recording.path).stat().st_size == recording.size


async def test_a_link_that_never_appears_gives_up_readably(
    sandbox: Sandbox, make_client: Make, db: Database, cache: Path
) -> None:
    client = make_client(Provider.CLOUDPBX)
    sandbox.add_fault("records.cloudpbx:not_ready:60")
    call_id = await pulled_call(sandbox, client, db)
    with pytest.raises(Unavailable) as raised:
        await service(db, {"cloudpbx": client}, cache, not_ready_window_s=0.6).get("cloudpbx", call_id)
    assert "not available yet" in str(raised.value)
    assert not list(cache.glob("*.part"))


async def test_agents_get_their_own_calls_only(sandbox: Sandbox, make_client: Make, db: Database, cache: Path) -> None:
    client = make_client(Provider.CLOUDPBX)
    mikes = await pulled_call(sandbox, client, db, agent="mike")
    with pytest.raises(NotPermitted):
        service(db, {"cloudpbx": client}, cache).fetch("cloudpbx", mikes)
    supervisor = service(db, {"cloudpbx": client}, cache, role=Role.SUPERVISOR)
    assert (await supervisor.get("cloudpbx", mikes)).size


async def test_telediscount_recordings_come_from_get_record(
    sandbox: Sandbox, make_client: Make, db: Database, cache: Path
) -> None:
    client = make_client(Provider.TELEDISCOUNT)
    call_id = await pulled_call(sandbox, client, db)
    recording = await service(db, {"telediscount": client}, cache).get("telediscount", call_id)
    (request,) = sent(sandbox, "/api.php/telephony/get_record")
    assert request["query"]["api_call_id"] == call_id and recording.media_type == "audio/wav"


async def test_the_cache_stays_under_its_cap(sandbox: Sandbox, make_client: Make, db: Database, cache: Path) -> None:
    client = make_client(Provider.CLOUDPBX)
    older = await pulled_call(sandbox, client, db, talk=40)  # 40 s of 8 kHz 16-bit audio: 640 kB each
    newer = await pulled_call(sandbox, client, db, talk=40)
    recordings = service(db, {"cloudpbx": client}, cache, cache_mb=1)
    first = await recordings.get("cloudpbx", older)
    second = await recordings.get("cloudpbx", newer)
    assert not Path(first.path).exists() and Path(second.path).exists()
    assert RecordingStore(db).get("cloudpbx", older).path == ""  # type: ignore[union-attr]
    assert not recordings.fetch("cloudpbx", older).from_cache  # evicted: fetched again when played


def recorded_call(db: Database, url: str) -> None:
    db.ensure_account("office", "cloudpbx")
    CallStore(db).ingest(
        CallEvent(
            "office",
            "C1",
            EventKind.SUMMARY,
            utcnow(),
            direction=Direction.IN,
            agent="andy",
            status=CallStatus.ANSWERED,
            recording_url=url,
        )
    )


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("file:///etc/passwd", "only http(s)"),
        ("https://pbx.example/r/redirect.mp3", "neither the provider's host"),
        ("https://pbx.example/r/huge.mp3", "larger than Ringdesk accepts"),
    ],
)
async def test_unsafe_links_are_refused(db: Database, cache: Path, url: str, why: str) -> None:
    def pbx(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("redirect.mp3"):
            return httpx.Response(302, headers={"Location": "https://elsewhere.example/steal"})
        return httpx.Response(200, content=b"\0" * 4096, headers={"Content-Type": "audio/mpeg"})

    recorded_call(db, url)
    account = AccountSettings("office", Provider.CLOUDPBX, base_url="https://office.megapbx.ru", user="andy")
    client = CloudPbxClient(account, "t", transport=httpx.MockTransport(pbx))
    with pytest.raises(InvalidRequest) as raised:
        await service(db, {"office": client}, cache, max_bytes=1024).get("office", "C1")
    await client.aclose()
    assert why in raised.value.message
    assert not cache.exists() or not list(cache.iterdir())
