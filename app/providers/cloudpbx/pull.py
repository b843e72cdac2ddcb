"""The Cloud PBX ``history`` pull (seen in public implementations, not in the provider document):
CSV lines ``UID,type,client,account,via,start,wait,duration,record[,rating]`` → ``SUMMARY`` events.

Why the call id is ``UID``: it is the same value the PBX sends as ``callid`` in its webhooks, so a pulled
record lands in the same call row as the pushed events of that call (one row per call).

The CSV has no status column, so the outcome is derived: ``missed`` → missed; talk time > 0 →
answered; an incoming call without talk → missed; an outgoing one → cancelled (not connected; the pushed
``history`` says Busy/NotAvailable and outranks it in the state machine whatever the order).

``client`` in national form (``8 (910) 123-45-67``) is read in the country of ``via``, our line, first
and then in the user's region, as the webhooks read ``phone`` by ``diversion``/``telnum``.

Tolerant: an optional header line, a missing ``rating`` column, lines that do not parse (skipped and
counted, never fatal — the good lines of a damaged answer are kept; a ``start`` out of range, such as
``0001-01-01T00:00:00+05:00``, is such a line, not an error of the run).
"""

from __future__ import annotations

import csv
import logging
import operator
from dataclasses import dataclass, field

from app.core.batching import gc_paused
from app.core.models import CallEvent, CallStatus, Direction, EventKind, EventSource
from app.core.phone import normal_form, normalize_on_line
from app.providers.cloudpbx import vocabulary as voc

log = logging.getLogger(__name__)

COLUMNS = ("UID", "type", "client", "account", "via", "start", "wait", "duration", "record", "rating")
_REQUIRED = 9
_VALUE = operator.itemgetter(1)  # raw keeps the (column, value) pairs with a value


@dataclass(slots=True)
class PulledHistory:
    """The events read from one answer, how many lines were unreadable, and the latest start seen."""

    events: list[CallEvent] = field(default_factory=list)
    rows: int = 0
    skipped: int = 0


def parse_history(text: str, account: str, region: str) -> PulledHistory:
    """Every readable line of a history CSV as a ``SUMMARY`` event (source ``PULL``)."""
    result = PulledHistory()
    with gc_paused():  # 100,000 events that all live on: see app.core.batching
        for line in text.splitlines():
            if not line.strip():
                continue
            if '"' in line:  # quoted cells are rare: only those lines need the csv module
                try:
                    cells = next(csv.reader([line], strict=True))
                except (csv.Error, StopIteration):
                    result.skipped += 1
                    continue
            else:
                cells = line.split(",")
            if cells and cells[0].strip() == "UID":
                continue
            result.rows += 1
            try:
                event = _event(cells, account, region)
            except (ValueError, OverflowError):  # one odd line must never fail the whole run
                event = None
            if event is None:
                result.skipped += 1
            else:
                result.events.append(event)
    if result.skipped:
        log.warning("%s: %d unreadable history line(s) skipped", account, result.skipped)
    return result


def _event(cells: list[str], account: str, region: str) -> CallEvent | None:
    if len(cells) < _REQUIRED or len(cells) > len(COLUMNS):
        return None
    cells = [cell.strip() for cell in cells]
    uid, type_, client, user, via, start, wait, duration_text, record = cells[:_REQUIRED]
    kind = voc.PULL_TYPES.get(type_.lower())
    started = voc.parse_start(start)
    if not uid or kind is None or started is None:
        return None
    direction, status = kind
    duration = voc.parse_seconds(duration_text)
    if status is None:
        status = _outcome(direction, duration)
    line = normal_form(via, region) or None
    return CallEvent(
        account=account,
        call_id=uid,
        kind=EventKind.SUMMARY,
        at=started,
        source=EventSource.PULL,
        direction=direction,
        phone=normalize_on_line(client, line, region).value or None,  # national: the line's country first
        line=line,
        agent=voc.agent_login(user),
        status=status,
        started_at=started,
        duration_s=duration,
        wait_s=voc.parse_seconds(wait),
        recording_url=record or None,
        rating=_rating(cells[_REQUIRED] if len(cells) > _REQUIRED else ""),
        raw=tuple(filter(_VALUE, zip(COLUMNS, cells, strict=False))),
    )


def _rating(text: str) -> int | None:
    """A quality score, or None: only ASCII digits of a plausible length count (``"²".isdigit()`` is true
    but no number; 5,000 digits fail ``int()``; 20 overflow the store's INTEGER column)."""
    digits = text.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 9:
        return None
    return int(text)


def _outcome(direction: Direction, duration: int | None) -> CallStatus:
    if duration:
        return CallStatus.ANSWERED
    return CallStatus.MISSED if direction is Direction.IN else CallStatus.CANCELLED
