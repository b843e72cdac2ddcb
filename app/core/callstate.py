"""The call state machine: folds every event of one call into one :class:`Call`.

Why facts, not transitions: providers deliver events late, twice, and out of order (webhook retries,
a group ring sending one ``CANCELLED`` per losing agent, a pulled history record overtaking a push).
A transition table would have to foresee every interleaving. Instead a :class:`Call` accumulates
*facts* that only grow — which agents rang, which legs were cancelled, who answered, whether someone
hung up after talking, the provider's final summary — and the status is derived from them. Merging a
fact is idempotent and order-free, so:

- a duplicate event changes nothing;
- a late or out-of-order event never moves a finished call backwards (``COMPLETED`` wins over a late
  ``INCOMING``; the provider's summary wins over everything live);
- a group ring's per-agent ``CANCELLED`` legs cannot make an answered call "missed": answered facts
  outrank cancelled legs, whatever the order.

Every field is a join: the earliest, the latest, the union, the strongest or the lowest of what the events
said, each a total order, so any permutation of the same events gives the same call (property-tested over
every event kind in ``tests/core/test_callstate.py``). In particular:

- two events that disagree on a description (a pushed and a pulled record of one call naming the line or
  the recording differently, TeleDiscount's record calling a call internal that its push called outgoing)
  keep the greater value (for the direction: internal over outgoing over incoming, the more specific
  word); no stamp of which event said it is kept, so "the summary's value" could not be told apart from
  a live event's after the call is stored and read back;
- two ratings keep the lower (:func:`_merge_rating` says why).

Status derivation (first rule that applies):

1. a summary (history record) was seen → its status (the strongest if several disagree);
2. someone hung up after talking (``COMPLETED``) → ``ANSWERED``;
3. someone answered → ``TALKING``;
4. every ringing leg was cancelled → ``MISSED`` (incoming) or ``CANCELLED`` (outgoing);
5. otherwise → ``RINGING``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple, Required, TypedDict

from app.core.models import CallEvent, CallStatus, Direction, EventKind, EventSource

# Which direction a call keeps when its events disagree: the more specific word (only a provider's record
# that knows says "internal"; "incoming" is what a ringing leg assumes).
_DIRECTION_RANK = {Direction.IN: 1, Direction.OUT: 2, Direction.INTERNAL: 3}
# Which summary outcome wins when two summaries of one call disagree (transfers may send two).
_SUMMARY_RANK = {
    CallStatus.ANSWERED: 7,
    CallStatus.BUSY: 6,
    CallStatus.UNAVAILABLE: 5,
    CallStatus.BARRED: 4,
    CallStatus.FAILED: 3,
    CallStatus.MISSED: 2,
    CallStatus.CANCELLED: 1,
}


class Call(NamedTuple):
    """Everything known about one call (``account`` + provider ``call_id``), as accumulated facts.

    Immutable like a frozen dataclass, but a ``NamedTuple``: it is built once per stored event (100,000
    times in a large history pull), and a frozen dataclass sets each of its 20 fields through
    ``object.__setattr__`` — 2.3 µs a call against 0.7 µs (measured on Python 3.11).
    """

    account: str
    call_id: str
    first_seen: datetime
    direction: Direction | None = None
    phone: str | None = None
    line: str | None = None
    ringing: frozenset[str] = frozenset()
    cancelled: frozenset[str] = frozenset()
    answered_by: frozenset[str] = frozenset()
    completed: bool = False
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    summary_status: CallStatus | None = None
    summary_agent: str | None = None
    summary_started_at: datetime | None = None
    duration_s: int | None = None
    wait_s: int | None = None
    recording_url: str | None = None
    rating: int | None = None
    sources: frozenset[str] = frozenset()
    # A leg rang that named no agent (TeleDiscount's ``income`` says not whose phone rings): the call was
    # offered to everyone on the line, and stays theirs to follow when one of them answers.
    line_offered: bool = False

    # -- derived ---------------------------------------------------------------------------------
    @property
    def status(self) -> CallStatus:
        if self.summary_status is not None:
            return self.summary_status
        if self.completed:
            return CallStatus.ANSWERED
        if self.answered_by:
            return CallStatus.TALKING
        if self.cancelled and self.ringing <= self.cancelled:
            return CallStatus.CANCELLED if self.direction is Direction.OUT else CallStatus.MISSED
        return CallStatus.RINGING

    @property
    def agent(self) -> str | None:
        """The agent the call belongs to: the summary's, else who answered, else the only one ringing."""
        if self.summary_agent:
            return self.summary_agent
        if self.answered_by:
            return min(self.answered_by)
        if len(self.ringing) == 1:
            return next(iter(self.ringing))
        return None

    @property
    def started_at(self) -> datetime:
        return self.summary_started_at or self.first_seen

    @property
    def talk_seconds(self) -> int | None:
        """Talk time: the provider's whole-call duration less the wait (:func:`talk_time`), else measured from
        our own answer/end stamps."""
        return talk_time(self.duration_s, self.wait_seconds, self.measured_talk_seconds)

    @property
    def measured_talk_seconds(self) -> int | None:
        """Talk time from our own stamps (the first answer to the last end), when both arrived."""
        if self.answered_at and self.ended_at and self.ended_at >= self.answered_at:
            return int((self.ended_at - self.answered_at).total_seconds())
        return None

    @property
    def wait_seconds(self) -> int | None:
        if self.wait_s is not None:
            return self.wait_s
        if self.answered_at and self.answered_at >= self.first_seen:
            return int((self.answered_at - self.first_seen).total_seconds())
        return None

    def ringing_agents(self) -> frozenset[str]:
        """Agents whose phone still rings (their card should show "ringing")."""
        if self.status is not CallStatus.RINGING:
            return frozenset()
        return self.ringing - self.cancelled


class _Changes(TypedDict, total=False):
    """What one event changes in a :class:`Call`: its fields by name, each with the field's type.

    A ``TypedDict`` so that ``Call(**changes)`` and ``call._replace(**changes)`` are type-checked key by
    key; at run time it is the plain ``dict`` the hot path was built around (no cost per event).
    ``first_seen`` and ``sources`` are always set: every event has a time and a source.
    """

    first_seen: Required[datetime]
    sources: Required[frozenset[str]]
    direction: Direction
    phone: str
    line: str
    ringing: frozenset[str]
    cancelled: frozenset[str]
    answered_by: frozenset[str]
    completed: bool
    answered_at: datetime
    ended_at: datetime
    summary_status: CallStatus
    summary_agent: str | None
    summary_started_at: datetime
    duration_s: int
    wait_s: int
    recording_url: str
    rating: int
    line_offered: bool


# One shared set per source (a call's ``sources`` start as one of these; sets are immutable).
_SOURCE_SETS = {source: frozenset({source.value}) for source in EventSource}
# What a call knows before its first event (``first_seen`` latest possible, so the event's time wins).
_BLANK = Call(account="", call_id="", first_seen=datetime.max.replace(tzinfo=UTC))


def apply(call: Call | None, event: CallEvent) -> Call:
    """Merge one event into a call. Idempotent and insensitive to order (see the module docstring)."""
    fresh = call is None
    if call is None:
        call = _BLANK  # read-only defaults; the result is built directly instead of replace()d (a new call is
        # most of a gap fill: 100,000 of them at ~5 µs less each)
    elif event.key != (call.account, call.call_id):
        raise ValueError(f"event for {event.key} applied to call {(call.account, call.call_id)}")
    source = event.source  # a StrEnum member: equal to, and hashed as, its text in ``sources``
    changes: _Changes = {
        "first_seen": event.at if event.at < call.first_seen else call.first_seen,
        "sources": (
            call.sources
            if source in call.sources
            else call.sources | _SOURCE_SETS[source]
            if call.sources
            else _SOURCE_SETS[source]
        ),
    }
    kind = event.kind
    _merge_descriptive(call, event, changes)
    agent = event.agent or ""
    if kind is EventKind.RINGING or kind is EventKind.TRANSFERRED:
        if agent:
            changes["ringing"] = call.ringing | {agent}
        elif not call.line_offered:
            changes["line_offered"] = True
    elif kind is EventKind.ANSWERED:
        changes["answered_by"] = call.answered_by | {agent}
        changes["answered_at"] = _earliest(call.answered_at, event.at)
    elif kind is EventKind.COMPLETED:
        changes["completed"] = True
        changes["answered_by"] = call.answered_by | {agent}
        changes["ended_at"] = _latest(call.ended_at, event.at)
    elif kind is EventKind.LEG_CANCELLED:
        changes["cancelled"] = call.cancelled | {agent}
        changes["ended_at"] = _latest(call.ended_at, event.at)
    elif kind is EventKind.SUMMARY:
        _merge_summary(call, event, changes)
    elif kind is EventKind.RATING:
        _merge_rating(call, event, changes)
    if fresh:
        return Call(account=event.account, call_id=event.call_id, **changes)
    return call._replace(**changes)


def fold(events: list[CallEvent]) -> Call:
    """The call described by a non-empty list of its events."""
    call: Call | None = None
    for event in events:
        call = apply(call, event)
    if call is None:
        raise ValueError("fold() needs at least one event")
    return call


def _merge_descriptive(call: Call, event: CallEvent, changes: _Changes) -> None:
    """Fields that describe the call rather than its progress: each keeps the greatest value any event gave
    it (see the module docstring), so folding an event again never changes the call — a history record
    pulled again is a duplicate by that alone — and the order of disagreeing events does not matter."""
    direction = event.direction
    if direction and (call.direction is None or _DIRECTION_RANK[direction] > _DIRECTION_RANK[call.direction]):
        changes["direction"] = direction
    if event.phone and (call.phone is None or event.phone > call.phone):
        changes["phone"] = event.phone
    if event.line and (call.line is None or event.line > call.line):
        changes["line"] = event.line
    if event.recording_url and (call.recording_url is None or event.recording_url > call.recording_url):
        changes["recording_url"] = event.recording_url


def _merge_summary(call: Call, event: CallEvent, changes: _Changes) -> None:
    # The winning summary gives the outcome and its agent: the strongest outcome, then one that names an
    # agent, then the greatest agent name — a total order, so the winner is the same whatever the order
    # (two summaries of one transferred call may name different agents with the same outcome).
    status = summary_outcome(event)
    if _wins(call, status, event.agent or ""):
        changes["summary_status"] = status
        changes["summary_agent"] = event.agent or None
    # Provider figures only grow (a transfer's second summary covers the whole call).
    if event.duration_s is not None:
        changes["duration_s"] = _largest(call.duration_s, event.duration_s)
    if event.wait_s is not None:
        changes["wait_s"] = _largest(call.wait_s, event.wait_s)
    if event.started_at is not None:
        changes["summary_started_at"] = _earliest(call.summary_started_at, event.started_at)
    _merge_rating(call, event, changes)


def _merge_rating(call: Call, event: CallEvent, changes: _Changes) -> None:
    """The lower of two ratings wins, whoever sent them and in whatever order.

    Why the lower: Cloud PBX's ``rating`` message carries no time (we stamp arrival), and a pulled record is
    stamped with the call's start, so "the later rating" would only mean "the one that arrived later" —
    the order this fold must not depend on. Two ratings of one call disagree when the client was asked
    twice (a transferred call, a repeated survey) or a record carries an earlier score; a supervisor reads
    ratings to find the calls a client was unhappy with, and the lower of two never hides a complaint
    (at worst it costs one more look at a call). It also needs no stamp stored beside the rating.
    """
    if event.rating is not None and (call.rating is None or event.rating < call.rating):
        changes["rating"] = event.rating


def summary_outcome(summary: CallEvent) -> CallStatus:
    """The outcome a ``SUMMARY`` event gives the call.

    A summary without a status is an answered call. A pulled record states no outcome at all (Cloud PBX's
    CSV has no status column; its parser infers "answered" from a non-zero duration), but its duration is
    the whole call, waiting included: a pulled record whose duration is all waiting (``duration <= wait``)
    had no talk, so it is missed (incoming) or cancelled (outgoing), never answered. A pushed record's
    status is the provider's own word and is kept as sent.
    """
    status = summary.status or CallStatus.ANSWERED
    if (
        status is CallStatus.ANSWERED
        and summary.source is EventSource.PULL
        and summary.duration_s is not None
        and summary.wait_s is not None
        and summary.duration_s <= summary.wait_s
    ):
        return CallStatus.CANCELLED if summary.direction is Direction.OUT else CallStatus.MISSED
    return status


def _wins(call: Call, status: CallStatus, agent: str) -> bool:
    """Whether a summary with this outcome and agent beats the call's winning summary so far (strictly: the
    same one again does not)."""
    if call.summary_status is None:
        return True
    return (_SUMMARY_RANK[status], agent) > (_SUMMARY_RANK[call.summary_status], call.summary_agent or "")


def talk_time(duration_s: int | None, wait_s: int | None, measured_s: int | None = None) -> int | None:
    """Talk time, the one rule every front end shows (the history's Talk column, ``ringdesk history``,
    the exports, the card).

    ``duration_s`` is the provider's figure for the whole call, waiting included (Cloud PBX defines
    ``duration`` so; see :attr:`app.core.models.CallEvent.duration_s` for the others): talk is that less
    the wait where the wait is known, never negative. Without a provider figure it is ``measured_s``,
    measured from our own answer and end stamps.
    """
    if duration_s is None:
        return measured_s
    if wait_s is None:
        return duration_s
    return max(0, duration_s - wait_s)


def _largest(a: int | None, b: int) -> int:
    return b if a is None or b > a else a


def _earliest(a: datetime | None, b: datetime) -> datetime:
    return b if a is None else min(a, b)


def _latest(a: datetime | None, b: datetime) -> datetime:
    return b if a is None else max(a, b)


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What storing one event did: the call as it now is, whether the event opened the call or changed
    nothing, and the status before it (listeners tell "answered" from "updated" by it). The store answers
    it; the services and the receiver read it, so it lives here rather than in the store."""

    call: Call
    is_new_call: bool
    is_duplicate: bool
    previous_status: CallStatus | None
    seq: int = 0  # the number of the change in the hub-wide sequence (pushed events; 0 when not numbered)
