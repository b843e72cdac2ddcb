"""Cloud PBX (ITooLabs API) pushes → domain events: the four commands the PBX posts to our CRM URL.

Pure functions of the request's fields (already decoded from form or JSON; the token already checked
by the receiver): no I/O, so every quirk is unit-testable. The PBX's documented commands and fields are
in providers.md §1a; tolerated beyond the document (*public*: seen in public implementations, not in the
provider document): ``history`` ``start`` / ``wait`` / ``ext`` / ``telnum`` / ``group`` / ``rating`` /
``missedStatus``, statuses in any casing plus ``Missed`` / ``Cancel`` / ``NotFound``; ``event`` types
``OUTGOING`` / ``TRANSFERRED`` with ``direction`` and ``second_callid``; ``user`` as ``login@tenant``,
group legs ``g_<uuid>@tenant`` and ``pbx``; ``cmd=rating``.

Events carry no timestamp: the caller passes the arrival time. ``line`` is ``diversion`` (the document's
"our number the call came in on"), else ``telnum`` (public). The client's ``phone`` is read in the line's
country first (a Russian line's ``8 (910) …`` is Russian whatever the user's region), then in ``region``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from app.core.models import CallEvent, Direction, EventKind
from app.core.phone import PhoneNumber
from app.providers.cloudpbx import vocabulary
from app.providers.webhook_fields import (
    FieldError,
    Rejected,
    optional,
    optional_int,
    phone_field,
    raw_fields,
    required,
)

COMMANDS = ("history", "event", "contact", "rating")


@dataclass(frozen=True, slots=True)
class ContactQuery:
    """``cmd=contact``: the PBX asks who is calling (and who is responsible) before routing the call."""

    phone: PhoneNumber
    call_id: str


Parsed = CallEvent | ContactQuery | Rejected


def parse(fields: Mapping[str, str], *, account: str, region: str, arrived: datetime) -> Parsed:
    """One push as an event, a contact question, or a rejection with its reason."""
    cmd = fields.get("cmd", "").strip().lower()
    parser = _PARSERS.get(cmd)
    if parser is None:
        return Rejected(f"unknown cmd {cmd[:40]!r}" if cmd else "missing field 'cmd'")
    try:
        return parser(fields, account, region, arrived)
    except FieldError as exc:
        return Rejected(f"cmd={cmd}: {exc}")


def _history(fields: Mapping[str, str], account: str, region: str, arrived: datetime) -> CallEvent:
    direction = _direction(required(fields, "type"))
    if direction is None:
        raise FieldError(f"unknown type {fields['type'][:20]!r}")
    status_text = required(fields, "status")
    status = vocabulary.history_status(status_text, direction)
    if status is None:
        raise FieldError(f"unknown status {status_text[:20]!r}")
    duration_text = required(fields, "duration")
    duration = vocabulary.parse_seconds(duration_text)
    if duration is None:
        raise FieldError(f"duration is not a number of seconds: {duration_text[:20]!r}")
    line = _line(fields, region)
    phone = phone_field(fields, "phone", region, needed=True, line=line)
    return CallEvent(
        account=account,
        call_id=required(fields, "callid"),
        kind=EventKind.SUMMARY,
        at=arrived,
        direction=direction,
        phone=phone.value if phone else None,
        line=line,
        agent=vocabulary.agent_login(required(fields, "user")),
        status=status,
        started_at=vocabulary.parse_start(optional(fields, "start")),
        duration_s=duration,
        wait_s=vocabulary.parse_seconds(optional(fields, "wait")),
        recording_url=optional(fields, "link"),
        rating=optional_int(fields, "rating"),
        raw=raw_fields(fields),
    )


def _event(fields: Mapping[str, str], account: str, region: str, arrived: datetime) -> CallEvent:
    kind_text = required(fields, "type")
    known = vocabulary.EVENT_TYPES.get(kind_text.lower())
    if known is None:
        raise FieldError(f"unknown event type {kind_text[:20]!r}")
    kind, direction = known
    direction = _direction(optional(fields, "direction") or "") or direction
    line = _line(fields, region)
    phone = phone_field(fields, "phone", region, needed=True, line=line)
    return CallEvent(
        account=account,
        call_id=required(fields, "callid"),
        kind=kind,
        at=arrived,
        direction=direction,
        phone=phone.value if phone else None,
        line=line,
        agent=vocabulary.agent_login(required(fields, "user")),
        raw=raw_fields(fields),
    )


def _rating(fields: Mapping[str, str], account: str, region: str, arrived: datetime) -> CallEvent:
    rating = optional_int(fields, "rating")
    if rating is None:
        raise FieldError("missing field 'rating'")
    phone = phone_field(fields, "phone", region, needed=False, line=_line(fields, region))
    return CallEvent(
        account=account,
        call_id=required(fields, "callid"),
        kind=EventKind.RATING,
        at=arrived,
        phone=phone.value if phone else None,
        agent=vocabulary.agent_login(optional(fields, "user")),
        rating=rating,
        raw=raw_fields(fields),
    )


def _contact(fields: Mapping[str, str], account: str, region: str, arrived: datetime) -> ContactQuery:
    phone = phone_field(fields, "phone", region, needed=True, line=_line(fields, region))
    assert phone is not None
    return ContactQuery(phone=phone, call_id=required(fields, "callid"))


def _direction(text: str) -> Direction | None:
    return vocabulary.DIRECTIONS.get(text.strip().lower())


def _line(fields: Mapping[str, str], region: str) -> str | None:
    """Our number the call came in on: ``diversion`` (document), else ``telnum`` (public)."""
    number = phone_field(fields, "diversion", region, needed=False) or phone_field(
        fields, "telnum", region, needed=False
    )
    return number.value if number else None


# Annotated: the type mypy infers for four functions with different return types is ``object``.
_PARSERS: dict[str, Callable[[Mapping[str, str], str, str, datetime], Parsed]] = {
    "history": _history,
    "event": _event,
    "rating": _rating,
    "contact": _contact,
}
