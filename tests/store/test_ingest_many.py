"""The batched ``ingest_many`` agrees with ``ingest`` event by event: same results, same rows, whatever mix
of new calls, known calls, duplicates and several events of one call a batch holds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.models import CallEvent, CallStatus, EventKind
from app.store.calls import CallQuery, CallStore
from app.store.db import Database

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
KINDS = [EventKind.RINGING, EventKind.ANSWERED, EventKind.COMPLETED, EventKind.LEG_CANCELLED, EventKind.SUMMARY]

events = st.builds(
    lambda call, kind, agent, second, status: CallEvent(
        "pbx", f"C{call}", kind, T0 + timedelta(seconds=second), agent=agent, phone=f"+4860123456{call}",
        status=status if kind is EventKind.SUMMARY else None, duration_s=second if kind is EventKind.SUMMARY else None),
    st.integers(0, 4), st.sampled_from(KINDS), st.sampled_from(["andy", "mike"]), st.integers(0, 3),
    st.sampled_from([CallStatus.ANSWERED, CallStatus.MISSED, CallStatus.BUSY]))


def fresh() -> CallStore:
    db = Database.open(":memory:")
    db.ensure_account("pbx", "cloudpbx")
    return CallStore(db)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(events, max_size=12), st.lists(events, max_size=12))
def test_batch_equals_one_by_one(first: list[CallEvent], second: list[CallEvent]) -> None:
    one, many = fresh(), fresh()
    for store in (one, many):
        for event in first:  # calls already known before the batch
            store.ingest(event)
    sequential = [one.ingest(e) for e in second]
    batched = many.ingest_many(second)
    assert [(r.call, r.is_new_call, r.is_duplicate, r.previous_status) for r in batched] == \
           [(r.call, r.is_new_call, r.is_duplicate, r.previous_status) for r in sequential]
    columns = lambda store: [(r.call_id, r.status, r.agent, r.duration_s) for r in store.page(CallQuery())]  # noqa: E731
    assert columns(many) == columns(one)
    assert many.db.conn.execute("SELECT count(*) FROM call_events").fetchone()[0] == \
           one.db.conn.execute("SELECT count(*) FROM call_events").fetchone()[0]
