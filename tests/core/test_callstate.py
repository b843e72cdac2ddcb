"""The call state machine: duplicates, out-of-order delivery and group-ring races never corrupt a call."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.callstate import apply, fold
from app.core.models import CallEvent, CallStatus, Direction, EventKind

T0 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def ev(kind: EventKind, agent: str = "", second: int = 0, **kw: object) -> CallEvent:
    return CallEvent(
        account="pbx",
        call_id="C1",
        kind=kind,
        at=T0 + timedelta(seconds=second),
        agent=agent or None,
        phone="+79101234567",
        **kw,  # type: ignore[arg-type]
    )


RING_A = ev(EventKind.RINGING, "anna", 0, direction=Direction.IN)
RING_B = ev(EventKind.RINGING, "boris", 0, direction=Direction.IN)
ACCEPT_A = ev(EventKind.ANSWERED, "anna", 5)
CANCEL_B = ev(EventKind.LEG_CANCELLED, "boris", 5)
CANCEL_A = ev(EventKind.LEG_CANCELLED, "anna", 20)
COMPLETE_A = ev(EventKind.COMPLETED, "anna", 65)
SUMMARY = ev(
    EventKind.SUMMARY,
    "anna",
    66,
    status=CallStatus.ANSWERED,
    duration_s=60,
    wait_s=5,
    recording_url="https://pbx/rec.mp3",
)


def test_answered_call_walks_through_its_states() -> None:
    call = apply(None, RING_A)
    assert call.status is CallStatus.RINGING
    call = apply(call, ACCEPT_A)
    assert call.status is CallStatus.TALKING and call.agent == "anna"
    call = apply(call, COMPLETE_A)
    assert call.status is CallStatus.ANSWERED
    assert call.talk_seconds == 60 and call.wait_seconds == 5
    call = apply(call, SUMMARY)
    assert call.status is CallStatus.ANSWERED and call.recording_url == "https://pbx/rec.mp3"


def test_duplicates_change_nothing() -> None:
    once = fold([RING_A, ACCEPT_A, COMPLETE_A])
    twice = fold([RING_A, RING_A, ACCEPT_A, ACCEPT_A, COMPLETE_A, COMPLETE_A])
    assert once == twice


def test_late_ringing_never_reopens_a_finished_call() -> None:
    call = fold([ACCEPT_A, COMPLETE_A, RING_A, RING_B])
    assert call.status is CallStatus.ANSWERED


def test_group_ring_cancelled_legs_do_not_make_an_answered_call_missed() -> None:
    # B's CANCELLED arrives before A's ACCEPTED: still ringing for A, then talking.
    call = fold([RING_A, RING_B, CANCEL_B])
    assert call.status is CallStatus.RINGING
    assert call.ringing_agents() == {"anna"}
    call = apply(call, ACCEPT_A)
    assert call.status is CallStatus.TALKING
    # Every order of the same facts ends the same way.
    for order in itertools.permutations([RING_A, RING_B, CANCEL_B, ACCEPT_A, COMPLETE_A]):
        assert fold(list(order)).status is CallStatus.ANSWERED


def test_every_leg_cancelled_is_a_missed_call() -> None:
    call = fold([RING_A, RING_B, CANCEL_B, CANCEL_A])
    assert call.status is CallStatus.MISSED
    assert call.ringing_agents() == frozenset()


def test_cancelled_outgoing_call_is_cancelled_not_missed() -> None:
    out = ev(EventKind.RINGING, "anna", 0, direction=Direction.OUT)
    assert fold([out, ev(EventKind.LEG_CANCELLED, "anna", 9)]).status is CallStatus.CANCELLED


def test_summary_is_authoritative_over_live_events() -> None:
    busy = ev(EventKind.SUMMARY, "anna", 3, status=CallStatus.BUSY, direction=Direction.OUT, duration_s=0)
    assert fold([ev(EventKind.RINGING, "anna"), busy, ev(EventKind.ANSWERED, "anna", 4)]).status is CallStatus.BUSY


def test_missed_summary_does_not_undo_an_answered_summary() -> None:
    missed = ev(EventKind.SUMMARY, "pbx", 70, status=CallStatus.MISSED)
    assert fold([SUMMARY, missed]).status is CallStatus.ANSWERED
    assert fold([missed, SUMMARY]).status is CallStatus.ANSWERED


def test_rating_attaches_to_the_call() -> None:
    rating = ev(EventKind.RATING, "anna", 90, rating=5)
    assert fold([SUMMARY, rating]).rating == 5


_ALL = [RING_A, RING_B, ACCEPT_A, CANCEL_B, COMPLETE_A, SUMMARY]


@settings(max_examples=200)
@given(st.permutations(_ALL), st.lists(st.sampled_from(_ALL), max_size=6))
def test_order_and_duplicates_never_matter(order: list[CallEvent], extra: list[CallEvent]) -> None:
    reference = fold(_ALL)
    shuffled = fold(list(order) + extra)
    assert shuffled.status is reference.status is CallStatus.ANSWERED
    assert shuffled.agent == reference.agent == "anna"
    assert shuffled.talk_seconds == 60
    assert shuffled.recording_url == reference.recording_url


def test_two_summaries_of_a_transferred_call_agree_whatever_their_order() -> None:
    # Same outcome, different agents (the call moved from anna to boris): one winner in either order.
    first = ev(EventKind.SUMMARY, "anna", 66, status=CallStatus.ANSWERED, duration_s=20)
    second = ev(EventKind.SUMMARY, "boris", 90, status=CallStatus.ANSWERED, duration_s=60)
    busy = ev(EventKind.SUMMARY, "celina", 91, status=CallStatus.BUSY)
    calls = [fold(list(order)) for order in itertools.permutations([first, second, busy])]
    assert all(call == calls[0] for call in calls)
    assert (calls[0].status, calls[0].agent, calls[0].talk_seconds) == (CallStatus.ANSWERED, "boris", 60)


_SUMMARIES = st.builds(
    lambda status, agent, url, phone, second: replace(
        ev(EventKind.SUMMARY, agent, second, status=status, recording_url=url, duration_s=second), phone=phone
    ),
    st.sampled_from([CallStatus.ANSWERED, CallStatus.BUSY, CallStatus.MISSED, None]),
    st.sampled_from(["", "anna", "boris"]),
    st.sampled_from([None, "https://pbx/a.mp3", "https://pbx/b.mp3"]),
    st.sampled_from([None, "+79101234567", "+79107654321"]),
    st.integers(0, 90),
)


@settings(max_examples=300)
@given(st.lists(st.one_of(st.sampled_from([*_ALL, CANCEL_A]), _SUMMARIES), min_size=1, max_size=8))
def test_folding_an_event_again_never_changes_the_call(events: list[CallEvent]) -> None:
    # The store relies on it: a pulled history record fetched again is a duplicate because it changes nothing.
    call = fold(events)
    assert all(apply(call, event) == call for event in events)
