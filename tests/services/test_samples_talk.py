"""The invented world of the screenshots and the demo keeps the history's rules (issue 15, point 11b).

A provider's ``duration`` is the whole call, waiting included, and the history shows the talk (duration less
wait). Demo data that still wrote the talk as the duration showed answered calls with no talk at all, and
missed calls whose whole call was shorter than their ringing.
"""

from __future__ import annotations

from pathlib import Path

from app.core.models import CallStatus
from app.core.views import CallRow
from app.services.samples import sample_context
from app.store.calls import CallQuery


def sample_rows(home: Path) -> list[CallRow]:
    context = sample_context(home)
    try:
        return context.calls.page(CallQuery(), limit=1000)
    finally:
        context.close()


def test_every_answered_sample_call_was_talked(tmp_path: Path) -> None:
    rows = sample_rows(tmp_path)
    answered = [r for r in rows if r.status is CallStatus.ANSWERED]
    assert len(answered) > 50  # the world the screenshots show
    assert [r.call_id for r in answered if not r.talk_s] == []  # no answered call reads 0:00 of talk


def test_every_sample_call_lasted_at_least_its_wait(tmp_path: Path) -> None:
    rows = sample_rows(tmp_path)
    assert rows and all(r.duration_s is not None and r.wait_s is not None for r in rows)
    assert [r.call_id for r in rows if r.duration_s < r.wait_s] == []  # type: ignore[operator]
    unanswered = [r for r in rows if r.status is not CallStatus.ANSWERED]
    assert unanswered and all(r.talk_s == 0 for r in unanswered)
