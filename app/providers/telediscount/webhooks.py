"""TeleDiscount pushes → domain events: the cabinet's "start of incoming call" (``income``) and
"end of call" (``call_finished``) GETs (providers.md §2b). Pure functions: no I/O.

What the document leaves open, and what we assume (also stated in the receiver's OpenAPI description):

- ``setup_time`` is called a UNIX time, but the document's own example (``98798798797897``) is not one.
  We read it as seconds, else milliseconds, if that lands within a plausible window (2000-01-01 to a day
  after arrival); otherwise the call starts when its first push arrived. The raw value is kept in ``raw``.
- Direction: an outgoing call's ``call_finished`` has our agent's SIP account (``SIP/…``) as ``num_a``
  and the client as ``num_b``; an incoming one has the client as ``num_a`` and the answering SIP account
  (or nothing) as ``num_b``.
- Numbers: ``num_m`` is our line; the client's number (``num_a`` or ``num_b``), when national, is read in
  the line's country first, then in ``region``.
- Figures: ``connection_time`` is the talk and ``waiting_time`` the wait before it; we store the whole
  call (``duration_s`` = talk + wait, as Cloud PBX's ``duration``) beside the wait, so the one talk rule
  (:func:`app.core.callstate.talk_time`) gives back ``connection_time``.
- Outcome: ``connection_time`` > 0 means answered. Otherwise an incoming call was missed and an outgoing
  one was not connected; TeleDiscount does not tell busy from unreachable or unanswered, so we record
  ``cancelled`` (not connected) rather than guess ``busy``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from app.core.models import EARLIEST_CALL, CallEvent, CallStatus, Direction, EventKind
from app.core.phone import normalize
from app.providers.webhook_fields import (
    FieldError,
    Rejected,
    optional,
    optional_int,
    phone_field,
    raw_fields,
    required,
)

_LATEST_AHEAD = timedelta(days=1)
HOOKS = ("income", "call_finished")


def parse(
    hook: str, fields: Mapping[str, str], *, account: str, region: str, arrived: datetime
) -> CallEvent | Rejected:
    """The event of one push (``hook`` is ``income`` or ``call_finished``), or why it is refused."""
    try:
        if hook == "income":
            return _income(fields, account, region, arrived)
        if hook == "call_finished":
            return _finished(fields, account, region, arrived)
    except FieldError as exc:
        return Rejected(f"{hook}: {exc}")
    return Rejected(f"unknown hook {hook[:20]!r}")


def setup_time(value: str | None, arrived: datetime) -> datetime | None:
    """``setup_time`` as a UTC time if it is a plausible UNIX time in seconds or milliseconds, else None."""
    if not value:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    latest = arrived + _LATEST_AHEAD
    for divisor in (1, 1000):
        try:
            moment = datetime.fromtimestamp(number / divisor, UTC)
        except (OverflowError, OSError, ValueError):
            continue
        if EARLIEST_CALL <= moment <= latest:
            return moment
    return None


def _income(fields: Mapping[str, str], account: str, region: str, arrived: datetime) -> CallEvent:
    line = _number(fields, "num_m", region)
    caller = phone_field(fields, "num_a", region, needed=True, line=line)
    assert caller is not None
    return CallEvent(
        account=account,
        call_id=required(fields, "api_call_id"),
        kind=EventKind.RINGING,
        at=arrived,
        direction=Direction.IN,
        phone=caller.value,
        line=line,
        started_at=setup_time(optional(fields, "setup_time"), arrived),
        raw=raw_fields(fields),
    )


def _finished(fields: Mapping[str, str], account: str, region: str, arrived: datetime) -> CallEvent:
    line = _number(fields, "num_m", region)
    num_a = phone_field(fields, "num_a", region, needed=True, line=line)
    num_b = phone_field(fields, "num_b", region, needed=False, line=line)
    assert num_a is not None
    outgoing = num_a.value.upper().startswith("SIP/")
    talk = optional_int(fields, "connection_time")
    if talk is not None and talk < 0:
        raise FieldError("connection_time is negative")
    answered = bool(talk and talk > 0)
    client: str | None  # the other party; None if TeleDiscount left num_b out
    agent: str | None  # our SIP account
    if outgoing:
        direction, client, agent = Direction.OUT, num_b.value if num_b else None, num_a.value
        status = CallStatus.ANSWERED if answered else CallStatus.CANCELLED
    else:
        direction, client, agent = Direction.IN, num_a.value, num_b.value if num_b else None
        status = CallStatus.ANSWERED if answered else CallStatus.MISSED
    wait = optional_int(fields, "waiting_time")
    wait_s = wait if wait is not None and wait >= 0 else None
    return CallEvent(
        account=account,
        call_id=required(fields, "api_call_id"),
        kind=EventKind.SUMMARY,
        at=arrived,
        direction=direction,
        phone=client,
        line=line,
        agent=agent,
        status=status,
        started_at=setup_time(optional(fields, "setup_time"), arrived),
        # connection_time is the talk; our duration is the whole call (CallEvent.duration_s), so the
        # wait is added back and talk_time() gives the talk again.
        duration_s=(talk or 0) + (wait_s or 0),
        wait_s=wait_s,
        recording_url=optional(fields, "recorder_file"),
        raw=raw_fields(fields),
    )


def _number(fields: Mapping[str, str], name: str, region: str) -> str | None:
    value = optional(fields, name)
    return normalize(value, region).value if value else None
