"""The TeleCube budget's arithmetic: pacing through the day, the period, and the provider's own refusal."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.core.errors import RateLimited
from app.providers.telecube.records import WARSAW
from app.services.budget import RequestBudget
from app.services.sync import ManualClock
from app.store.db import Database
from app.store.state import StateStore

NOON = datetime(2026, 11, 24, 12, 0, tzinfo=WARSAW)


def budget(db: Database, clock: ManualClock, **limits: int) -> RequestBudget:
    return RequestBudget(StateStore(db), "cube", now=clock.now, **limits)


def test_the_interval_spreads_what_is_left_over_what_is_left_of_the_day(db: Database) -> None:
    clock = ManualClock(NOON)
    gate = budget(db, clock)
    assert gate.sync_interval(60) == pytest.approx(12 * 3600 / 300)  # 300 left, 12 hours left
    for _ in range(250):
        gate.acquire()
    assert gate.sync_interval(60) == pytest.approx(12 * 3600 / 50)  # a busy morning slows the afternoon
    for _ in range(50):
        gate.acquire()
    assert gate.sync_interval(60) == pytest.approx(12 * 3600 + 1)  # nothing left for automatic syncs today
    gate.acquire()  # … but the agent's own actions still go through, up to the hard limit
    assert gate.status().remaining == 1000 - 301


def test_a_tight_period_paces_the_days_too(db: Database) -> None:
    clock = ManualClock(NOON)
    gate = budget(db, clock, period_limit=700)  # 7 days left in November: 100 a day
    assert gate.sync_interval(60) == pytest.approx(12 * 3600 / 100)


def test_the_period_limit_stops_until_next_month(db: Database) -> None:
    clock = ManualClock(NOON)
    gate = budget(db, clock, period_limit=3)
    for _ in range(3):
        gate.acquire()
    with pytest.raises(RateLimited) as raised:
        gate.acquire()
    assert gate.status().resumes_at == datetime(2026, 12, 1, tzinfo=WARSAW)
    assert "on 2026-12-01" in raised.value.message or "on 2026-11-30" in raised.value.message


def test_the_providers_403_closes_the_gate_for_the_day(db: Database) -> None:
    clock = ManualClock(NOON)
    gate = budget(db, clock)
    gate.provider_refused(None)  # another program spent the day's budget on the same key
    with pytest.raises(RateLimited):
        gate.acquire()
    clock.wall = NOON + timedelta(hours=12, minutes=1)
    gate.acquire()
    assert gate.status().used_today == 1
