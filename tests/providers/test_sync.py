"""History sync against the sandbox: gap filling after an outage, no duplicates, push and pull in one row."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

import pytest
from aiohttp import web

from app.config.settings import AccountSettings, Settings
from app.core.accounts import Provider
from app.core.errors import Unavailable
from app.core.models import CallStatus, Direction, EventSource
from app.providers.base import ProviderClient
from app.providers.cloudpbx import webhooks
from app.sandbox import Sandbox
from app.services.calls import CallTracker
from app.services.dialer import Dialer
from app.services.hub import CallHub, CallUpdate, Change
from app.services.sync import WATERMARK, AccountSync
from app.store.calls import CallQuery, CallStore
from app.store.db import Database
from app.store.state import StateStore

Make = Callable[..., ProviderClient]


@pytest.fixture
def tracker(db: Database) -> CallTracker:
    for provider in Provider:
        db.ensure_account(provider.value, provider.value)
    return CallTracker(CallStore(db), CallHub())


async def play(sandbox: Sandbox, count: int, provider: str = "cloudpbx", **fields: object) -> list[str]:
    ids = [await sandbox.place_call(provider=provider, agent="andy", **fields) for _ in range(count)]
    await sandbox.wait_idle(10)
    return ids


async def test_a_pull_after_an_outage_fills_the_gap_without_duplicates(
    sandbox: Sandbox, make_client: Make, tracker: CallTracker, db: Database
) -> None:
    seen: list[CallUpdate] = []
    tracker.hub.subscribe(seen.append)
    state = StateStore(db)
    sync = AccountSync(make_client(Provider.CLOUDPBX), tracker, state)
    before = await play(sandbox, 2)
    assert await sync.run_once() == 2
    mark = state.get("cloudpbx", WATERMARK)

    sandbox.add_fault("cloudpbx.history:status:503")  # the PBX is down …
    during = await play(sandbox, 3)
    await sync.run_guarded()
    assert isinstance(sync.status.last_error, Unavailable) and sync.status.failures == 1
    sandbox.clear_faults()
    sandbox.add_fault("cloudpbx.history:timeout:5")  # … then it hangs …
    sync.client.http.client.timeout = 0.2  # type: ignore[attr-defined]
    await sync.run_guarded()
    assert sync.status.failures == 2 and state.get("cloudpbx", WATERMARK) == mark
    sandbox.clear_faults()  # … and it is back

    assert await sync.run_once() == 3
    assert sync.status.last_error is None and sync.status.last_success is not None
    assert await sync.run_once() == 0  # the overlap re-reads known calls: nothing changes
    calls = CallStore(db)
    assert calls.count(CallQuery(account="cloudpbx")) == 5
    assert {r.call_id for r in calls.page(CallQuery(account="cloudpbx"))} == set(before + during)
    assert [(u.change, u.count) for u in seen] == [(Change.HISTORY_CHANGED, 2), (Change.HISTORY_CHANGED, 3)]


async def test_pulled_records_describe_the_call(
    sandbox: Sandbox, make_client: Make, tracker: CallTracker, db: Database
) -> None:
    (answered,) = await play(
        sandbox, 1, direction="in", number="+48 601 234 567", outcome="answered", talk=42, wait=3, line="74951500100"
    )
    (busy,) = await play(sandbox, 1, direction="out", number="79101234567", outcome="busy")
    await AccountSync(make_client(Provider.CLOUDPBX), tracker, StateStore(db)).run_once()
    row = tracker.calls.row("cloudpbx", answered)
    assert row is not None
    assert (row.direction, row.status, row.phone, row.agent, row.line) == (
        Direction.IN,
        CallStatus.ANSWERED,
        "+48601234567",
        "andy",
        "+74951500100",
    )
    assert (row.duration_s, row.wait_s, row.talk_s) == (45, 3, 42)  # the CSV's duration is the whole call
    assert row.recording_url.endswith(f"/records/{answered}.wav")
    out = tracker.calls.row("cloudpbx", busy)
    assert out is not None and out.direction is Direction.OUT and out.status is CallStatus.CANCELLED


@pytest.fixture
async def crm(sandbox: Sandbox) -> AsyncIterator[list[dict[str, str]]]:
    """A bare CRM endpoint collecting the sandbox's Cloud PBX webhooks (the receiver is another module's)."""
    pushed: list[dict[str, str]] = []

    async def collect(request: web.Request) -> web.Response:
        pushed.append({k: v for k, v in (await request.post()).items() if isinstance(v, str)})
        return web.Response()

    app = web.Application()
    app.router.add_post("/crm", collect)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    sandbox.configure(crm_url=f"http://127.0.0.1:{port}/crm")
    yield pushed
    await runner.cleanup()


async def test_push_and_pull_land_in_one_row(
    sandbox: Sandbox, make_client: Make, tracker: CallTracker, db: Database, crm: list[dict[str, str]]
) -> None:
    (call_id,) = await play(sandbox, 1, direction="in", number="48601234567", outcome="answered", talk=30)
    arrived = datetime.now(UTC)
    for fields in crm:
        parsed = webhooks.parse(fields, account="cloudpbx", region="PL", arrived=arrived)
        if not isinstance(parsed, webhooks.ContactQuery):
            tracker.record(parsed)  # type: ignore[arg-type]
    pushed = tracker.calls.get("cloudpbx", call_id)
    assert pushed is not None and pushed.sources == {"push"}
    await AccountSync(make_client(Provider.CLOUDPBX), tracker, StateStore(db)).run_once()
    merged = tracker.calls.get("cloudpbx", call_id)
    assert merged is not None and merged.sources == {"push", "pull"}
    assert tracker.calls.count(CallQuery(account="cloudpbx")) == 1
    assert merged.status is CallStatus.ANSWERED and merged.talk_seconds == 30


@pytest.mark.parametrize("provider", ["telediscount", "telecube"])
async def test_pull_from_the_other_providers(
    sandbox: Sandbox, make_client: Make, tracker: CallTracker, db: Database, provider: str
) -> None:
    (answered,) = await play(sandbox, 1, provider, direction="in", number="48601234567", outcome="answered", talk=25)
    (missed,) = await play(sandbox, 1, provider, direction="in", number="48601234567", outcome="missed")
    sync = AccountSync(make_client(Provider(provider)), tracker, StateStore(db))
    assert await sync.run_once() == 2
    row = tracker.calls.row(provider, answered)
    assert row is not None and row.status is CallStatus.ANSWERED and row.talk_s == 25
    assert row.phone == "+48601234567" and row.direction is Direction.IN
    assert sync.client.is_me(row.agent)  # SIP/0000000672 is SIP/00000000672; TeleCube receivers → extension
    miss = tracker.calls.row(provider, missed)
    assert miss is not None and miss.status is CallStatus.MISSED
    assert tracker.calls.get(provider, answered).sources == {EventSource.PULL.value}  # type: ignore[union-attr]


async def test_a_call_whose_end_never_arrived_is_settled_by_the_next_sync(
    sandbox: Sandbox, make_client: Make, tracker: CallTracker, db: Database, crm: list[dict[str, str]]
) -> None:
    (call_id,) = await play(sandbox, 1, direction="in", number="48601234567", outcome="answered", talk=30)
    arrived = datetime.now(UTC)
    for fields in crm:  # only the ring reached us: the answer, the hang-up and the history were lost
        if fields.get("cmd") == "event" and fields.get("type") == "INCOMING":
            tracker.record(webhooks.parse(fields, account="cloudpbx", region="PL", arrived=arrived))  # type: ignore[arg-type]
    stuck = tracker.calls.get("cloudpbx", call_id)
    assert stuck is not None and stuck.status is CallStatus.RINGING
    await AccountSync(make_client(Provider.CLOUDPBX), tracker, StateStore(db)).run_once()
    (row,) = tracker.calls.page(CallQuery(account="cloudpbx"))
    assert (row.call_id, row.status, row.talk_s) == (call_id, CallStatus.ANSWERED, 30)


async def test_a_dial_the_pbx_never_reported_is_settled_by_the_next_sync(
    sandbox: Sandbox, make_client: Make, tracker: CallTracker, db: Database
) -> None:
    """No webhook reaches us at all (the desktop is behind a NAT): the pulled record of the call our dial
    placed replaces the placeholder, so the history shows the call once, ended."""
    client = make_client(Provider.CLOUDPBX)
    settings = Settings(
        accounts=[AccountSettings("cloudpbx", Provider.CLOUDPBX, base_url=sandbox.base_url, user="andy")]
    )
    outcome = await Dialer(settings, {"cloudpbx": client}, tracker).call("+48 601 234 567")
    assert not outcome.merged  # the document's empty makeCall answer: a placeholder
    await sandbox.wait_idle(10)
    await AccountSync(client, tracker, StateStore(db)).run_once()
    rows = tracker.calls.page(CallQuery(account="cloudpbx"))
    assert [(r.status, r.direction, r.phone, r.agent) for r in rows] == [
        (CallStatus.ANSWERED, Direction.OUT, "+48601234567", "andy")
    ]
    assert not rows[0].call_id.startswith("local-")
