"""Typed domain records shared by every layer.

Times are timezone-aware ``datetime`` in UTC. Phone numbers are stored normalised (E.164 such as
``+48777888999``, or an internal extension such as ``101`` / ``SIP/00000000672``); see :mod:`app.core.phone`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from enum import StrEnum

# A call's times fall in these years; a time from outside them is garbage, and one near year 1 or 9999 would
# break arithmetic later (``OverflowError``).
EARLIEST_CALL = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_CALL = datetime(2100, 1, 1, tzinfo=UTC)


def call_time(moment: datetime, assumed: tzinfo = UTC) -> datetime | None:
    """A time read from outside as UTC (``assumed`` is its zone when it names none); None when a call cannot
    have it: its UTC out of range (``0001-01-01T00:00:00+05:00`` raises ``OverflowError``, not
    ``ValueError``) or outside :data:`EARLIEST_CALL` … :data:`LATEST_CALL`."""
    try:
        moment = (moment if moment.tzinfo else moment.replace(tzinfo=assumed)).astimezone(UTC)
    except OverflowError:
        return None
    return moment if EARLIEST_CALL <= moment < LATEST_CALL else None


def utcnow() -> datetime:
    """Now, timezone-aware in UTC, to the millisecond (the only clock the domain uses).

    Milliseconds because the store keeps them: a call read back then equals the call as it was folded.
    """
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


class Direction(StrEnum):
    """Who started the call, seen from our side."""

    IN = "in"
    OUT = "out"
    INTERNAL = "internal"


class CallStatus(StrEnum):
    """Where a call stands. ``RINGING`` and ``TALKING`` are live; the others are outcomes."""

    RINGING = "ringing"
    TALKING = "talking"
    ANSWERED = "answered"
    MISSED = "missed"
    BUSY = "busy"
    UNAVAILABLE = "unavailable"
    BARRED = "barred"
    CANCELLED = "cancelled"
    FAILED = "failed"

    @property
    def is_live(self) -> bool:
        return self in (CallStatus.RINGING, CallStatus.TALKING)


class EventKind(StrEnum):
    """What one provider push or pulled record tells about a call.

    The providers' words map onto these: Cloud PBX ``event`` INCOMING/OUTGOING → ``RINGING``,
    ACCEPTED → ``ANSWERED``, COMPLETED → ``COMPLETED``, CANCELLED → ``LEG_CANCELLED``, TRANSFERRED →
    ``TRANSFERRED``; ``history`` and pulled records → ``SUMMARY``; TeleDiscount ``income`` → ``RINGING``,
    ``call_finished`` → ``SUMMARY``; Cloud PBX ``rating`` → ``RATING``.
    """

    RINGING = "ringing"
    ANSWERED = "answered"
    COMPLETED = "completed"
    LEG_CANCELLED = "leg_cancelled"
    TRANSFERRED = "transferred"
    SUMMARY = "summary"
    RATING = "rating"


class EventSource(StrEnum):
    """How an event reached us: pushed by a webhook, or pulled by sync."""

    PUSH = "push"
    PULL = "pull"
    LOCAL = "local"  # our own dialer recorded the attempt


@dataclass(frozen=True, slots=True)
class CallEvent:
    """One fact about one call, from one provider message.

    ``account`` + ``call_id`` (the provider's id, shared by every leg of a call) identify the call.
    ``at`` is when it happened or, since Cloud PBX events carry no timestamp, when it arrived.
    ``raw`` keeps the provider's fields as sent (secrets removed) for audit and re-parsing.

    ``duration_s`` is the whole call's length, waiting included, as Cloud PBX defines its ``duration``
    ("общая длительность звонка"); ``wait_s`` is the part of it before the answer. Talk time is derived from
    the two (:func:`app.core.callstate.talk_time`), so a provider that reports talk time instead (TeleDiscount's
    ``connection_time``) gives ``duration_s`` = talk + wait; one that reports no wait (TeleCube) gives its
    ``duration`` as it is, which then counts as talk.
    """

    account: str
    call_id: str
    kind: EventKind
    at: datetime
    source: EventSource = EventSource.PUSH
    direction: Direction | None = None
    phone: str | None = None  # the client's number, normalised
    line: str | None = None  # our number the call came in on / went out from
    agent: str | None = None  # PBX user / SIP account of this leg
    status: CallStatus | None = None  # outcome, SUMMARY events only
    started_at: datetime | None = None
    duration_s: int | None = None
    wait_s: int | None = None
    recording_url: str | None = None
    rating: int | None = None
    raw: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.account, self.call_id)


@dataclass(frozen=True, slots=True)
class ContactPhone:
    """One number of a contact: ``number`` normalised (the index key), ``raw`` as written, ``label``."""

    number: str
    raw: str = ""
    label: str = ""


@dataclass(slots=True)
class Contact:
    """A person or company we know, with several phones. ``source`` + ``source_id`` make re-syncs idempotent."""

    name: str
    phones: list[ContactPhone] = field(default_factory=list)
    company: str = ""
    email: str = ""
    note: str = ""
    responsible: str = ""  # PBX user id of the agent in charge
    source: str = "local"
    source_id: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Agent:
    """A PBX user / SIP account of one provider account."""

    account: str
    login: str
    name: str = ""
    extension: str = ""
    email: str = ""
    online: bool | None = None
    dnd: bool | None = None


@dataclass(frozen=True, slots=True)
class Recording:
    """A call's recording: where it comes from and, once fetched, where it lies in the cache."""

    account: str
    call_id: str
    url: str
    media_type: str = ""
    size: int | None = None
    sha256: str = ""
    path: str = ""


@dataclass(frozen=True, slots=True)
class Note:
    """A free-text note an agent attached to a call and/or a number."""

    text: str
    phone: str = ""
    account: str = ""
    call_id: str = ""
    author: str = ""
    created_at: datetime = field(default_factory=utcnow)
    id: int | None = None
