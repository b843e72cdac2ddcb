"""TeleCube's request budget over a simulated day: the automatic sync stays under 300 requests, a small
limit is never exceeded, and a spent budget stops every request with a "resumes at" message."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from app.core.accounts import Provider
from app.core.errors import RateLimited
from app.core.phone import normalize
from app.providers.base import ProviderClient
from app.providers.telecube.records import WARSAW
from app.sandbox import Sandbox
from app.services.budget import RequestBudget
from app.services.calls import CallTracker
from app.services.hub import CallHub
from app.services.sync import AccountSync, ManualClock
from app.store.calls import CallStore
from app.store.db import Database
from app.store.state import StateStore
from tests.providers.provider_kit import sent

Make = Callable[..., ProviderClient]
MIDNIGHT = datetime(2026, 11, 24, 0, 0, tzinfo=WARSAW)


async def run_day(sync: AccountSync, clock: ManualClock, until: datetime) -> None:
    """Let the sync loop run on the manual clock until ``until`` (a day passes in about a second)."""
    task = asyncio.create_task(sync.run())
    while clock.now() < until and not task.done():
        await asyncio.sleep(0)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


def telecube_sync(db: Database, make_client: Make, clock: ManualClock, **limits: int) -> AccountSync:
    db.ensure_account("telecube", "telecube")
    budget = RequestBudget(StateStore(db), "telecube", now=clock.now, **limits)
    client = make_client(Provider.TELECUBE, gate=budget)
    return AccountSync(client, CallTracker(CallStore(db), CallHub()), StateStore(db), budget=budget, clock=clock)


@pytest.mark.slow  # ~300 real HTTP requests: about a second alone, several on a busy machine
async def test_a_normal_day_stays_under_300_requests(sandbox: Sandbox, make_client: Make, db: Database) -> None:
    clock = ManualClock(MIDNIGHT)
    sync = telecube_sync(db, make_client, clock)
    await run_day(sync, clock, MIDNIGHT + timedelta(hours=23, minutes=59))
    used = sync.budget.status().used_today  # type: ignore[union-attr]
    received = len(sent(sandbox, "/publicApi/"))
    assert used == received  # every request we sent was counted (and persisted) first
    assert 250 <= used <= 300  # synced all day long, never past the soft daily target
    assert sync.status.last_error is None


async def test_a_spent_budget_stops_everything_until_it_resumes(
    sandbox: Sandbox, make_client: Make, db: Database
) -> None:
    clock = ManualClock(MIDNIGHT + timedelta(hours=8))
    sync = telecube_sync(db, make_client, clock, daily_limit=40)
    await sync.run_once()
    for _ in range(60):  # the user keeps clicking through lists: the gate holds at the limit
        try:
            await sync.client.caller_ids()  # type: ignore[attr-defined]
        except RateLimited:
            break
    with pytest.raises(RateLimited) as raised:
        await sync.client.make_call(normalize("+48601234567"))
    assert len(sent(sandbox, "/publicApi/")) == 40  # nothing beyond the limit ever left the machine
    resumes = (MIDNIGHT + timedelta(days=1)).astimezone()  # Polish midnight, in the user's own time zone
    assert f"resumes at {resumes:%H:%M}" in raised.value.message
    assert raised.value.retry_after == pytest.approx(16 * 3600)
    assert sync.budget.status().remaining == 0  # type: ignore[union-attr]
    assert sync.budget.sync_interval(300) >= 16 * 3600  # type: ignore[union-attr]

    clock.wall = MIDNIGHT + timedelta(days=1, minutes=1)  # a new day: the budget is back
    assert sync.budget.status().remaining == 40  # type: ignore[union-attr]
    await sync.client.caller_ids()  # type: ignore[attr-defined]


async def test_the_counts_survive_a_restart(db: Database) -> None:
    clock = ManualClock(MIDNIGHT + timedelta(hours=12))
    first = RequestBudget(StateStore(db), "telecube", daily_limit=5, now=clock.now)
    for _ in range(3):
        first.acquire()
    again = RequestBudget(StateStore(db), "telecube", daily_limit=5, now=clock.now)
    assert (again.status().used_today, again.status().remaining) == (3, 2)
