"""A :class:`~app.core.callstate.Call` as the columns of its ``calls`` row, and back.

Why columns and not one JSON document (schema 1–2 kept the facts as JSON): half of the document repeated
the row's own columns, and encoding and writing it was ~0.5 s of every 100,000-record history pull
(measured). As columns the facts are also queryable (``answered_at`` for answer times, say).

What the user sees (``status``, ``agent``, ``started_at``, ``duration_s``, ``wait_s``) is derived from the
facts and stored beside them for the history's indexes and filters; the provider's own figures, which
those derived columns fall back from, are ``reported_duration_s`` / ``reported_wait_s``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import orjson

from app.core.callstate import Call
from app.core.models import CallStatus, Direction
from app.store.db import from_ms, to_ms

# The columns :func:`call_columns` fills, in its order (the row's key — account, call_id, id — comes apart).
CALL_COLUMNS = (
    "direction",
    "status",
    "phone",
    "line",
    "agent",
    "started_at",
    "ended_at",
    "duration_s",
    "wait_s",
    "recording_url",
    "rating",
    "first_seen",
    "answered_at",
    "completed",
    "summary_status",
    "summary_agent",
    "summary_started_at",
    "reported_duration_s",
    "reported_wait_s",
    "ringing",
    "cancelled",
    "answered_by",
    "sources",
    "line_offered",
)
# What :func:`call_from_facts` reads, in its order.
FACT_COLUMNS = (
    "direction",
    "phone",
    "line",
    "ended_at",
    "recording_url",
    "rating",
    "first_seen",
    "answered_at",
    "completed",
    "summary_status",
    "summary_agent",
    "summary_started_at",
    "reported_duration_s",
    "reported_wait_s",
    "ringing",
    "cancelled",
    "answered_by",
    "sources",
    "line_offered",
)
FACTS_SQL = ", ".join(FACT_COLUMNS)  # for SELECT lists


def to_json(value: Any) -> str:
    """Compact JSON text of ``value`` for a store column.

    Why ``orjson``: event payloads are encoded for every stored event (100,000 in a large history pull)
    and it takes 0.4 µs where the standard library takes 3 µs. Anything it refuses (a lone surrogate from
    a badly decoded body, an int over 64 bits) goes to the standard library, which escapes it: a strange
    value is stored, never lost.
    """
    try:
        return orjson.dumps(value).decode()
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(value, separators=(",", ":"))


def call_columns(call: Call) -> tuple[object, ...]:
    """The values of :data:`CALL_COLUMNS` for ``call`` (enums as ``.value``: SQLite binds a ``str`` subclass
    through its adapter look-up, 0.4 µs slower a value)."""
    first_seen = to_ms(call.first_seen)
    summary_started = call.summary_started_at
    return (
        call.direction.value if call.direction else None,
        call.status.value,
        call.phone,
        call.line,
        call.agent,
        to_ms(call.started_at),
        to_ms(call.ended_at),
        call.talk_seconds,
        call.wait_seconds,
        call.recording_url,
        call.rating,
        first_seen,
        to_ms(call.answered_at),
        int(call.completed),
        call.summary_status.value if call.summary_status else None,
        call.summary_agent,
        first_seen if summary_started is call.first_seen else to_ms(summary_started),
        call.duration_s,
        call.wait_s,
        _names(call.ringing),
        _names(call.cancelled),
        _names(call.answered_by),
        _names(call.sources),
        int(call.line_offered),
    )


def call_from_facts(account: str, call_id: str, facts: Sequence[Any]) -> Call:
    """The call of a ``calls`` row, from the values of its :data:`FACT_COLUMNS` in that order (by position:
    a name look-up in a ``sqlite3.Row`` scans the column names, and a sync run reads 100,000 rows)."""
    (
        direction,
        phone,
        line,
        ended_at,
        recording_url,
        rating,
        first_seen,
        answered_at,
        completed,
        summary_status,
        summary_agent,
        summary_started_at,
        reported_duration_s,
        reported_wait_s,
        ringing,
        cancelled,
        answered_by,
        sources,
        line_offered,
    ) = facts
    return Call(
        account=account,
        call_id=call_id,
        first_seen=from_ms(first_seen),  # type: ignore[arg-type]
        direction=_DIRECTIONS.get(direction),
        phone=phone,
        line=line,
        ringing=_name_set(ringing),
        cancelled=_name_set(cancelled),
        answered_by=_name_set(answered_by),
        completed=bool(completed),
        answered_at=from_ms(answered_at),
        ended_at=from_ms(ended_at),
        summary_status=_STATUSES.get(summary_status),
        summary_agent=summary_agent,
        summary_started_at=from_ms(summary_started_at),
        duration_s=reported_duration_s,
        wait_s=reported_wait_s,
        recording_url=recording_url,
        rating=rating,
        sources=_name_set(sources),
        line_offered=bool(line_offered),
    )


# Stored text → member, without the enum's own (slower) value look-up; unknown or NULL → None.
_DIRECTIONS: dict[Any, Direction] = {d.value: d for d in Direction}
_STATUSES: dict[Any, CallStatus] = {s.value: s for s in CallStatus}


@lru_cache(maxsize=256)
def _names(names: frozenset[str]) -> str | None:
    """A set of agents or sources as a sorted JSON array; NULL when empty. Cached: the same few sets
    (``["pull"]``, one ringing agent) come back on most rows."""
    return to_json(sorted(names)) if names else None


@lru_cache(maxsize=256)
def _name_set(text: str | None) -> frozenset[str]:
    return frozenset(orjson.loads(text)) if text else frozenset()
