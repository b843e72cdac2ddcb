"""The batched ``ingest_many`` agrees with ``ingest`` event by event: same results, same rows, whatever mix
of new calls, known calls, duplicates, pushed and pulled events and several events of one call a batch
holds; and a history pull fetched again (every sync run overlaps the last) changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.models import CallEvent, CallStatus, EventKind, EventSource
from app.store.calls import CallQuery, CallStore
from app.store.db import Database

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
KINDS = [EventKind.RINGING, EventKind.ANSWERED, EventKind.COMPLETED, EventKind.LEG_CANCELLED, EventKind.SUMMARY]

events = st.builds(
    lambda call, kind, agent, second, status, source: CallEvent(
        "pbx",
        f"C{call}",
        kind,
        T0 + timedelta(seconds=second, milliseconds=second * 7),
        agent=agent,
        phone=f"+4860123456{call}",
        source=source if kind is EventKind.SUMMARY else EventSource.PUSH,
        status=status if kind is EventKind.SUMMARY else None,
        duration_s=second if kind is EventKind.SUMMARY else None,
        started_at=T0 + timedelta(seconds=second) if kind is EventKind.SUMMARY else None,
    ),
    st.integers(0, 4),
    st.sampled_from(KINDS),
    st.sampled_from(["andy", "mike"]),
    st.integers(0, 3),
    st.sampled_from([CallStatus.ANSWERED, CallStatus.MISSED, CallStatus.BUSY]),
    st.sampled_from([EventSource.PUSH, EventSource.PULL]),
)


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
    assert [(r.call, r.is_new_call, r.is_duplicate, r.previous_status) for r in batched] == [
        (r.call, r.is_new_call, r.is_duplicate, r.previous_status) for r in sequential
    ]
    columns = lambda store: [(r.call_id, r.status, r.agent, r.duration_s) for r in store.page(CallQuery())]  # noqa: E731
    assert columns(many) == columns(one)
    assert (
        many.db.conn.execute("SELECT count(*) FROM call_events").fetchone()[0]
        == one.db.conn.execute("SELECT count(*) FROM call_events").fetchone()[0]
    )


def rows(store: CallStore) -> list[tuple[object, ...]]:
    return [tuple(r) for r in store.db.conn.execute("SELECT * FROM calls ORDER BY id")]


@settings(max_examples=60, deadline=None)
@given(st.lists(events, min_size=1, max_size=16))
def test_a_pull_fetched_again_changes_nothing(history: list[CallEvent]) -> None:
    store = fresh()
    store.ingest_many(history)
    pulled = [e for e in history if e.source is EventSource.PULL]
    before, logged = rows(store), store.db.conn.execute("SELECT count(*) FROM call_events").fetchone()[0]
    again = store.ingest_many(pulled)
    assert all(r.is_duplicate for r in again)  # read back from the row, the call equals the folded one
    assert [r.call for r in again] == [store.get(e.account, e.call_id) for e in pulled]
    assert rows(store) == before
    assert store.db.conn.execute("SELECT count(*) FROM call_events").fetchone()[0] == logged


def test_pulled_records_are_folded_but_not_logged_and_pushes_are() -> None:
    store = fresh()
    ring = CallEvent("pbx", "C1", EventKind.RINGING, T0, agent="andy", phone="+48601234561")
    pulled = CallEvent(
        "pbx",
        "C1",
        EventKind.SUMMARY,
        T0,
        source=EventSource.PULL,
        agent="andy",
        status=CallStatus.ANSWERED,
        duration_s=42,
        raw=(("UID", "C1"), ("duration", "42")),
    )
    first, summary = store.ingest_many([ring, pulled])
    assert first.is_new_call and not summary.is_duplicate and not summary.is_new_call
    assert store.get("pbx", "C1").status is CallStatus.ANSWERED  # type: ignore[union-attr]
    assert [r[0] for r in store.db.conn.execute("SELECT source FROM call_events")] == ["push"]
    assert store.ingest(pulled).is_duplicate
    assert store.ingest(ring).is_duplicate  # a webhook retry: known by its fingerprint


def test_two_pulled_summaries_of_one_call_are_duplicates_when_pulled_again() -> None:
    # A transferred call listed twice, each with its own agent and recording: one summary wins whatever
    # the order, and folding either again changes nothing — no flipping back and forth on every sync run.
    store = fresh()
    first, second = (
        CallEvent(
            "pbx",
            "T1",
            EventKind.SUMMARY,
            T0,
            source=EventSource.PULL,
            agent=agent,
            status=CallStatus.ANSWERED,
            duration_s=30,
            recording_url=f"https://pbx/{agent}.mp3",
            raw=(("UID", "T1"), ("account", agent)),
        )
        for agent in ("102", "101")
    )
    store.ingest_many([first, second])
    before = rows(store)
    for _ in range(3):
        assert [r.is_duplicate for r in store.ingest_many([first, second])] == [True, True]
    assert rows(store) == before
