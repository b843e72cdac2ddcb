"""The Cloud PBX ``history`` pull: period arithmetic and the CSV the PBX answers with.

Seen in public implementations, not in the provider document: ``type`` all|in|out|missed, ``period``
(today, yesterday, this_week, last_week, this_month, last_month — in the PBX's local time) or ``start``
/``end`` as ``YYYYmmddTHHMMSSZ``, ``limit``; the answer is CSV lines
``UID,type,client,account,via,start,wait,duration,record,rating`` with ``start`` in ISO-8601 with offset.
Chosen where nothing is public: one of ``period``/``start`` is required; rows come oldest first and
``limit`` keeps the oldest N (so a client can continue from the last row it got); the ``rating`` column
is always there (empty when the call has none); no header line unless ``history_csv_header``.
``duration`` is what the ``history`` webhook sends: the whole call, ``wait`` included (``wait`` + talk,
the ``wait`` alone when nobody talked).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone

from app.sandbox.calls import Call

PERIODS = ("today", "yesterday", "this_week", "last_week", "this_month", "last_month")
TYPES = ("all", "in", "out", "missed")
HEADER = ("UID", "type", "client", "account", "via", "start", "wait", "duration", "record", "rating")


def parse_stamp(text: str) -> datetime:
    """``20240131T235959Z`` → aware UTC datetime; ``ValueError`` otherwise."""
    return datetime.strptime(text.strip(), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def period_bounds(period: str, now: datetime, offset_hours: int) -> tuple[datetime, datetime]:
    """[start, end) of a named period in the PBX's local time (``offset_hours`` from UTC)."""
    local = now.astimezone(timezone(timedelta(hours=offset_hours)))
    day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    month = day.replace(day=1)
    if period == "today":
        return day, day + timedelta(days=1)
    if period == "yesterday":
        return day - timedelta(days=1), day
    if period == "this_week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=7)
    if period == "last_week":
        monday = day - timedelta(days=day.weekday())
        return monday - timedelta(days=7), monday
    if period == "this_month":
        return month, (month + timedelta(days=32)).replace(day=1)
    if period == "last_month":
        return (month - timedelta(days=1)).replace(day=1), month
    raise ValueError(period)


def call_type(call: Call) -> str:
    """``in``, ``out`` or ``missed`` (an unanswered incoming call)."""
    if call.spec.direction == "out":
        return "out"
    return "in" if call.spec.answered and call.answered_by else "missed"


def render(calls: Iterable[Call], recording_url: str, offset_hours: int, header: bool) -> str:
    """The CSV body; ``recording_url`` is a format string with ``{id}``."""
    tz = timezone(timedelta(hours=offset_hours))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(HEADER)
    for call in calls:
        answered = call.talk > 0 and bool(call.answered_by)
        account = call.answered_by or (call.ringing[0] if call.ringing else call.spec.agent or "")
        writer.writerow(
            (
                call.id,
                call_type(call),
                call.spec.number,
                account,
                call.spec.line,
                datetime.fromtimestamp(call.started, tz).isoformat(timespec="seconds"),
                call.spec.wait,
                call.spec.wait + (call.talk if answered else 0),
                recording_url.format(id=call.id) if answered else "",
                call.spec.rating if answered and call.spec.rating is not None else "",
            )
        )
    return out.getvalue()


def select(calls: Iterable[Call], kind: str, start: datetime, end: datetime, limit: int | None) -> list[Call]:
    """The calls of ``kind`` that started in [start, end), oldest first, at most ``limit``."""
    lo, hi = start.timestamp(), end.timestamp()
    chosen = [c for c in calls if lo <= c.started < hi and (kind == "all" or call_type(c) == kind)]
    chosen.sort(key=lambda c: c.started)
    return chosen[:limit] if limit else chosen
