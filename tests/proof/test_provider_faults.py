"""Provider faults, end to end: the sandbox misbehaves the way real providers do, and Ringdesk keeps
running, says what is wrong in plain words, backs off, recovers when the fault clears, and ends with a
complete history (every call the provider had, exactly once).

The set-up is the app's own: a :class:`Runtime` (webhook receiver, call tracker, store) with the sandbox's
webhooks pointed at it, and per account the history sync loop (:class:`AccountSync.run`) over a provider
client talking real HTTP to the sandbox. Sync time is simulated (a :class:`Timeline` clock: a back-off
of minutes passes at once), and every request the sandbox logs is placed on that simulated time line, so
"backs off" is read from the provider's own request log, not from wall-clock timings.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import itertools
import random
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.config.paths import resolve
from app.config.secrets import MemorySecretStore
from app.config.settings import AccountSettings, Provider, parse
from app.core.errors import AuthError, ProviderError, RateLimited, Unavailable
from app.core.models import utcnow
from app.providers.base import ProviderClient, client_for
from app.runtime import Runtime
from app.sandbox import Sandbox, SandboxConfig
from app.services.budget import RequestBudget
from app.services.context import Context
from app.services.recordings import RecordingService
from app.services.sync import AccountSync, Backoff, ManualClock
from app.store.calls import CallQuery
from app.store.recordings import RecordingStore
from tests.proof.proofkit import config_for

CRM_TOKEN = "faults-crm-token-3c2b1a09"
TD_SECRET = "faults-td-secret-7a6b5c4d"
CLIENT_TIMEOUT_S = 5.0  # real seconds; the time-out scenario uses HANG_TIMEOUT_S against a longer hang
HANG_TIMEOUT_S = 0.5
RUN_GAP_S = 25.0  # simulated: a read retry waits at most ~10 s, a sync back-off at least 30 s
CALLS = 6
PUSHED = "pushed-during-the-outage"


class Timeline(ManualClock):
    """A simulated clock that notes, at each sleep, which simulated moment began at which real moment, so
    a request the sandbox logged at a real time can be placed on the simulated time line."""

    def __init__(self) -> None:
        super().__init__(utcnow())
        self._real: list[float] = [time.time()]
        self._sim: list[float] = [0.0]

    async def sleep(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds
        self._real.append(time.time())
        self._sim.append(self.mono)
        await asyncio.sleep(0.001)  # a real pause, so a waiting loop does not spin the CPU

    def simulated(self, real: float) -> float:
        """Simulated seconds since the start at the real moment ``real``."""
        return self._sim[max(0, bisect.bisect_right(self._real, real) - 1)]


@dataclass
class World:
    sandbox: Sandbox
    runtime: Runtime
    clock: Timeline
    api_secrets: MemorySecretStore
    clients: list[ProviderClient] = field(default_factory=list)

    @property
    def context(self) -> Context:
        return self.runtime.context

    def account(self, provider: Provider) -> AccountSettings:
        return next(a for a in self.context.settings.accounts if a.provider is provider)

    def client(self, provider: Provider, timeout: float = CLIENT_TIMEOUT_S) -> ProviderClient:
        client = client_for(
            self.account(provider),
            self.api_secrets,
            region="PL",
            sleep=self.clock.sleep,
            gate=self.budget() if provider is Provider.TELECUBE else None,
            timeout=httpx.Timeout(timeout),
        )
        self.clients.append(client)
        return client

    def budget(self) -> RequestBudget:
        return RequestBudget(self.context.state, "cube", now=self.clock.now)

    def sync(self, provider: Provider, timeout: float = CLIENT_TIMEOUT_S) -> AccountSync:
        client = self.client(provider, timeout)
        return AccountSync(
            client,
            self.runtime.tracker,
            self.context.state,
            clock=self.clock,
            budget=client.request_gate,
            rng=random.Random(4),
        )  # type: ignore[arg-type]

    def stored(self, account: str) -> dict[str, str]:
        """call id → status of every stored call of ``account`` (the store has one row per call id)."""
        rows = self.context.calls.page(CallQuery(account=account), limit=10_000)
        return {row.call_id: row.status.value for row in rows}

    def run_starts(self, path: str) -> list[float]:
        """Simulated times at which sync runs began, read from the sandbox's request log on ``path``."""
        times = [self.clock.simulated(r["time"]) for r in self.sandbox.requests.list(path=path)]
        return [t for i, t in enumerate(times) if i == 0 or t - times[i - 1] >= RUN_GAP_S]


@pytest.fixture
async def world(ringdesk_home: Path) -> AsyncIterator[World]:
    config = SandboxConfig(seed=11, prefill_calls=0, contacts=20, webhook_backoff=0.05, time_scale=0.001)
    sandbox = Sandbox(config)
    await sandbox.start("127.0.0.1", 0)
    settings = parse(config_for(sandbox))
    settings.server.listen = "127.0.0.1:0"
    # The runtime gets only the webhook secrets: its own sync (real clock) stays off, the test runs its own.
    webhook_secrets = MemorySecretStore({("pbx", "crm_token"): CRM_TOKEN, ("td", "webhook_secret"): TD_SECRET})
    runtime = Runtime(Context(resolve(ringdesk_home).ensure(), settings, webhook_secrets))
    await runtime.start()
    urls = runtime.webhook_urls()
    sandbox.configure(
        crm_url=urls["pbx"][0], crm_token=CRM_TOKEN, td_income_url=urls["td"][0], td_finished_url=urls["td"][1]
    )
    api = MemorySecretStore(
        {
            ("pbx", "token"): config.cloudpbx_token,
            ("td", "api_key"): config.telediscount_api_key,
            ("cube", "api_key"): config.telecube_api_key,
        }
    )
    world = World(sandbox, runtime, Timeline(), api)
    yield world
    for client in world.clients:
        await client.aclose()
    await runtime.stop()
    await sandbox.stop()


async def place(world: World, provider: str, count: int = CALLS, **fields: Any) -> list[str]:
    """Calls the provider plays to the end; alternately answered and missed incoming calls."""
    ids = [
        await world.sandbox.place_call(
            provider=provider, direction="in", agent="andy", outcome=("answered", "missed")[n % 2], talk=30, **fields
        )
        for n in range(count)
    ]
    await world.sandbox.wait_idle(20)
    return ids


async def until(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Wait (real time) for ``condition``; fail naming ``what`` if it never holds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for: {what}")
        await asyncio.sleep(0.01)


@dataclass(frozen=True)
class PullFault:
    provider: Provider
    sandbox_provider: str
    route: str
    kind: str
    count: int  # requests the fault spoils
    error: type[ProviderError]
    words: str  # what the user reads in the sync status
    path: str  # where the sandbox logs the pull
    failed_runs: int
    options: dict[str, Any] = field(default_factory=dict)


PULL_FAULTS = [
    PullFault(
        Provider.CLOUDPBX,
        "cloudpbx",
        "cloudpbx.history",
        "status",
        9,
        Unavailable,
        "Cloud PBX is having trouble (HTTP 503)",
        "/sys/crm_api.wcgp",
        3,
        {"status": 503},
    ),
    PullFault(
        Provider.CLOUDPBX,
        "cloudpbx",
        "cloudpbx.history",
        "timeout",
        6,
        Unavailable,
        "did not answer in time",
        "/sys/crm_api.wcgp",
        2,
        {"seconds": 3.0},
    ),
    PullFault(
        Provider.CLOUDPBX,
        "cloudpbx",
        "cloudpbx.history",
        "unauthorized",
        3,
        AuthError,
        "Cloud PBX refused the credentials",
        "/sys/crm_api.wcgp",
        3,
    ),
    PullFault(
        Provider.TELEDISCOUNT,
        "telediscount",
        "telediscount.get_calls",
        "malformed",
        9,
        Unavailable,
        "TeleDiscount answered something that is not JSON",
        "/api.php/telephony/get_calls",
        3,
    ),
    PullFault(
        Provider.TELEDISCOUNT,
        "telediscount",
        "telediscount.get_calls",
        "status",
        6,
        Unavailable,
        "TeleDiscount is having trouble (HTTP 502)",
        "/api.php/telephony/get_calls",
        2,
        {"status": 502},
    ),
    PullFault(
        Provider.TELECUBE,
        "telecube",
        "telecube.callHistory",
        "malformed",
        6,
        Unavailable,
        "TeleCube answered something that is not JSON",
        "/publicApi/callHistory",
        2,
    ),
]


@pytest.mark.parametrize("fault", PULL_FAULTS, ids=[f"{f.route}-{f.kind}" for f in PULL_FAULTS])
async def test_a_failing_history_pull_is_reported_backed_off_and_recovered(world: World, fault: PullFault) -> None:
    world.sandbox.configure(crm_url=None, td_income_url=None, td_finished_url=None)  # the pull is the only way in
    calls = await place(world, fault.sandbox_provider)
    world.sandbox.add_fault({"route": fault.route, "kind": fault.kind, "count": fault.count, **fault.options})
    sync = world.sync(fault.provider, HANG_TIMEOUT_S if fault.kind == "timeout" else CLIENT_TIMEOUT_S)
    account = sync.account
    errors: list[str] = []

    def note_error() -> bool:
        if sync.status.last_error is not None:
            errors.append(sync.status.last_error.user_text())
        return sync.status.last_success is not None

    task = asyncio.create_task(sync.run())
    try:
        await until(lambda: sync.status.failures >= 1, "the first failed run")
        first = sync.status.last_error
        assert isinstance(first, fault.error) and fault.words in first.user_text(), first
        # Meanwhile pushes are still taken: the receiver is not held up by a sick provider.
        assert await push_history(world, PUSHED) == 200 and PUSHED in world.stored("pbx")
        await until(note_error, "recovery after the fault cleared")
        assert not task.done(), "the sync loop must survive the fault"
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert sync.status.last_error is None and sync.status.failures == 0
    assert all(fault.words in text for text in errors), errors
    starts = world.run_starts(fault.path)
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert len(gaps) >= fault.failed_runs, (starts, gaps)
    backoffs = gaps[: fault.failed_runs]
    assert backoffs[0] >= 30 and all(b > a for a, b in itertools.pairwise(backoffs)), backoffs
    stored = {call_id: status for call_id, status in world.stored(account).items() if call_id != PUSHED}
    assert set(stored) == set(calls), "every call the provider has is in the history after recovery"
    assert sorted(stored.values()) == sorted(["answered", "missed"] * (CALLS // 2))


async def push_history(world: World, call_id: str) -> int:
    """A Cloud PBX ``history`` push straight to the receiver, as the PBX sends it."""
    address = world.runtime.address
    assert address is not None
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{address.port}", trust_env=False) as http:
        response = await http.post(
            "/hooks/pbx",
            data={
                "cmd": "history",
                "type": "in",
                "status": "Success",
                "phone": "48601234567",
                "user": "andy",
                "duration": "30",
                "callid": call_id,
                "crm_token": CRM_TOKEN,
            },
        )
    return response.status_code


async def test_a_history_csv_with_torn_lines_keeps_every_good_row(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    world.sandbox.configure(crm_url=None)
    calls = await place(world, "cloudpbx")
    world.sandbox.add_fault({"route": "cloudpbx.history", "kind": "malformed"})  # every answer gets torn lines
    sync = world.sync(Provider.CLOUDPBX)
    await sync.run_guarded()
    assert sync.status.last_error is None and set(world.stored("pbx")) == set(calls)
    assert "unreadable history line(s) skipped" in caplog.text


async def test_telecube_rate_limit_closes_the_budget_until_the_day_turns_then_the_history_is_complete(
    world: World,
) -> None:
    world.sandbox.configure(crm_url=None)
    calls = await place(world, "telecube")
    world.sandbox.add_fault({"route": "telecube.callHistory", "kind": "rate_limit", "count": 1})
    sync = world.sync(Provider.TELECUBE)
    task = asyncio.create_task(sync.run())
    try:
        await until(lambda: sync.status.failures >= 1, "the refused run")
        problem = sync.status.last_error
        # The provider's own refusal, or (once the loop tried again) our closed budget saying when it resumes.
        assert isinstance(problem, RateLimited) and any(
            words in problem.user_text()
            for words in ("TeleCube says its request limit is reached", "TeleCube request budget is spent")
        )
        budget = world.budget().status()
        assert budget.resumes_at is not None, "the provider's 403 closes our budget too"
        refused_at = world.clock.now()
        await until(lambda: sync.status.last_success is not None, "the pull after the day turned")
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert sync.status.last_success >= budget.resumes_at > refused_at  # it waited for the new day, no sooner
    pulls = world.sandbox.requests.list(path="/publicApi/callHistory")
    assert [r["status"] for r in pulls[:2]] == [403, 200], "one refused request, then none until the day turned"
    assert set(world.stored("cube")) == set(calls)


async def test_a_recording_that_404s_at_first_is_fetched_with_growing_pauses(world: World) -> None:
    world.sandbox.add_fault({"route": "records.cloudpbx", "kind": "not_ready", "seconds": 1.0})
    (call_id,) = await place(world, "cloudpbx", count=1)  # answered: the history push carries the link
    await until(lambda: call_id in world.stored("pbx"), "the call's history push")
    pauses: list[float] = []

    async def sleep(seconds: float) -> None:
        pauses.append(seconds)
        await asyncio.sleep(seconds)

    context = world.context
    service = RecordingService(
        context.settings,
        {"pbx": world.client(Provider.CLOUDPBX)},
        context.calls,
        RecordingStore(context.db),
        context.paths.recordings_dir,
        backoff=Backoff(base_s=0.1, max_s=1.0, jitter=0.0),
        sleep=sleep,
    )
    try:
        recording = await asyncio.wait_for(service.get("pbx", call_id), 30)
    finally:
        await service.aclose()
    statuses = [r["status"] for r in world.sandbox.requests.list(path="/records/")]
    assert statuses[0] == 404 and statuses[-1] == 200 and set(statuses[:-1]) == {404}
    assert pauses == sorted(pauses) and len(pauses) == len(statuses) - 1 and len(pauses) <= 6
    data = Path(recording.path).read_bytes()
    assert data[:4] == b"RIFF" and len(data) == recording.size


@pytest.mark.parametrize("kind", ["duplicate", "reorder"])
async def test_duplicated_and_out_of_order_webhooks_leave_each_call_once_with_its_true_outcome(
    world: World, kind: str
) -> None:
    for route in ("webhook.cloudpbx.*", "webhook.telediscount.*"):
        world.sandbox.add_fault({"route": route, "kind": kind, "probability": 0.5})
    pbx = await place(world, "cloudpbx", count=10)
    td = await place(world, "telediscount", count=10)
    log = list(world.sandbox.sender.log)
    assert any(entry["fault"] in (kind, "reordered", "duplicate-copy") for entry in log), "the fault never fired"
    assert all(entry["outcome"] == "delivered" for entry in log), "every webhook was taken (200)"
    expected = sorted(["answered", "missed"] * 5)
    for account, ids in (("pbx", pbx), ("td", td)):
        stored = world.stored(account)
        assert set(stored) == set(ids) and sorted(stored.values()) == expected, (account, stored)
    (events,) = world.context.db.conn.execute(
        "SELECT count(*) - count(DISTINCT call || '/' || fingerprint) FROM call_events"
    ).fetchone()
    assert events == 0
