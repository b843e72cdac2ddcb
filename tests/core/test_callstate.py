"""The call state machine: duplicates, out-of-order delivery and group-ring races never corrupt a call."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.callstate import apply, fold
from app.core.models import CallEvent, CallStatus, Direction, EventKind, EventSource

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


def test_two_ratings_of_one_call_agree_whatever_their_order() -> None:
    # The case: a history record carrying 5 and a rating message carrying 2. The lower wins in
    # either order (a supervisor reads ratings to find unhappy clients: a complaint is never hidden).
    rated = replace(SUMMARY, rating=5)
    low = ev(EventKind.RATING, "anna", 90, rating=2)
    assert fold([rated, low]).rating == fold([low, rated]).rating == 2


TRANSFER_A = ev(EventKind.TRANSFERRED, "anna", 30)
RATING_A = ev(EventKind.RATING, "anna", 90, rating=4)
_ALL = [RING_A, RING_B, ACCEPT_A, CANCEL_B, TRANSFER_A, COMPLETE_A, SUMMARY, RATING_A]


def test_the_event_pool_covers_every_kind() -> None:
    assert {event.kind for event in _ALL} == set(EventKind)


@settings(max_examples=200)
@given(st.permutations(_ALL), st.lists(st.sampled_from(_ALL), max_size=6))
def test_order_and_duplicates_never_matter(order: list[CallEvent], extra: list[CallEvent]) -> None:
    reference = fold(_ALL)
    shuffled = fold(list(order) + extra)
    assert shuffled.status is reference.status is CallStatus.ANSWERED
    assert shuffled.agent == reference.agent == "anna"
    assert shuffled.talk_seconds == 55  # the summary's 60 s less its 5 s of waiting
    assert shuffled == reference  # every field, not only the ones above


def test_two_summaries_of_a_transferred_call_agree_whatever_their_order() -> None:
    # Same outcome, different agents (the call moved from anna to boris): one winner in either order.
    first = ev(EventKind.SUMMARY, "anna", 66, status=CallStatus.ANSWERED, duration_s=20)
    second = ev(EventKind.SUMMARY, "boris", 90, status=CallStatus.ANSWERED, duration_s=60)
    busy = ev(EventKind.SUMMARY, "celina", 91, status=CallStatus.BUSY)
    calls = [fold(list(order)) for order in itertools.permutations([first, second, busy])]
    assert all(call == calls[0] for call in calls)
    assert (calls[0].status, calls[0].agent, calls[0].talk_seconds) == (CallStatus.ANSWERED, "boris", 60)


# Every event kind, from every source, with every field the fold reads varied between a few values, so two
# events of one call can disagree on anything (a pushed and a pulled record of one call, a rating message and
# the history's rating, a live event's line and the record's).
_TIMES = st.integers(0, 90).map(lambda second: T0 + timedelta(seconds=second))
_EVENTS = st.builds(
    CallEvent,
    account=st.just("pbx"),
    call_id=st.just("C1"),
    kind=st.sampled_from(EventKind),
    at=_TIMES,
    source=st.sampled_from(EventSource),
    direction=st.sampled_from([None, *Direction]),
    phone=st.sampled_from([None, "+79101234567", "+79107654321"]),
    line=st.sampled_from([None, "+74951500100", "+74951500200"]),
    agent=st.sampled_from([None, "anna", "boris"]),
    status=st.sampled_from([None, CallStatus.ANSWERED, CallStatus.BUSY, CallStatus.MISSED, CallStatus.CANCELLED]),
    started_at=st.none() | _TIMES,
    duration_s=st.sampled_from([None, 0, 37, 60, 315]),
    wait_s=st.sampled_from([None, 0, 5, 37]),
    recording_url=st.sampled_from([None, "https://pbx/a.mp3", "https://pbx/b.mp3"]),
    rating=st.sampled_from([None, 1, 2, 5]),
)


_SHUFFLED = st.lists(_EVENTS, min_size=1, max_size=8).flatmap(lambda e: st.tuples(st.just(e), st.permutations(e)))


@settings(max_examples=300)
@given(_SHUFFLED)
def test_any_events_fold_to_the_same_call_in_any_order(case: tuple[list[CallEvent], list[CallEvent]]) -> None:
    events, shuffled = case
    assert fold(list(shuffled)) == fold(events)


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
