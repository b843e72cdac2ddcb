"""TeleCube / CCRM answers → domain records: ``callHistory`` items → ``SUMMARY`` events, ``people`` →
contacts, ``users`` → agents, presentations → caller IDs and SMS senders.

Lenient in, strict inside: the document's samples have numbers where strings are declared
(``callerId``, ``presentation``) — every value is read through :func:`text`; a malformed item is skipped
with a log line, never fatal.

Assumed where nothing is published (seen in public implementations only, not in the provider
document): ``callDate`` is Polish local time ``YYYY-MM-DD HH:MM:SS`` (or ISO 8601 with an offset);
``userTalk.status`` ``ANSWERED`` / ``NO ANSWER`` / ``BUSY`` / ``FAILED`` in any casing; an outgoing call's
``from`` is the agent's extension, an incoming call's agent is the first of ``userTalk.receivers``
(mapped to an extension through ``users``); an incoming call's ``to`` is our line, so a caller number in
national form is read in that line's country first, as the webhooks do; only ``service == CALL`` items
are calls (SMS/FAX skipped).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

from app.core.models import (
    Agent,
    CallEvent,
    CallStatus,
    Contact,
    ContactPhone,
    Direction,
    EventKind,
    EventSource,
    call_time,
)
from app.core.phone import display, normalize, normalize_on_line
from app.providers.base import CallerId, SmsSender

log = logging.getLogger(__name__)
CCRM_SOURCE = "ccrm"

try:
    from zoneinfo import ZoneInfo

    WARSAW: tzinfo = ZoneInfo("Europe/Warsaw")
except Exception:  # no tz database (bare Windows): winter time, an hour off in summer at worst
    WARSAW = timezone(timedelta(hours=1))

_DIRECTIONS = {"in": Direction.IN, "out": Direction.OUT, "internal": Direction.INTERNAL}


def text(value: Any) -> str:
    """Any JSON scalar as stripped text (``48777888999`` the number and ``"48777888999"`` alike)."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def obj(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one: nested objects may be missing or ``null``, and
    reading through this keeps the type (a ``dict``) known to the code and to mypy."""
    return value if isinstance(value, dict) else {}


def array(value: Any) -> list[Any]:
    """``value`` if it is a JSON array, else an empty one (as :func:`obj`, for lists)."""
    return value if isinstance(value, list) else []


def local_time(value: str) -> datetime | None:
    """``2026-11-23 10:15:00`` (Polish time) or ISO 8601 with an offset → UTC; None if unreadable, which
    includes a time whose UTC is out of range (``0001-01-01T00:00:00+05:00`` raises ``OverflowError``)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return call_time(moment, WARSAW)


def format_local(moment: datetime) -> str:
    """A time as ``callHistory``'s ``dateFrom`` / ``dateTo`` want it (Polish local time)."""
    return moment.astimezone(WARSAW).strftime("%Y-%m-%d %H:%M:%S")


def call_event(item: dict[str, Any], account: str, region: str, extensions: dict[str, str]) -> CallEvent | None:
    """One ``callHistory`` item as a ``SUMMARY`` event; None for SMS/FAX and unreadable items.

    ``extensions`` maps CCRM user uuids to extensions (from ``users``), so the call's agent is named the
    way ``account.user`` names us.
    """
    call_id, started = text(item.get("uuid")), local_time(text(item.get("callDate")))
    service = text(item.get("service")).upper() or "CALL"
    direction = _DIRECTIONS.get(text(item.get("callDirection")).lower())
    if service != "CALL":
        return None
    if not call_id or started is None or direction is None:
        log.warning("%s: callHistory item skipped (uuid=%r, callDate=%r)", account, call_id, item.get("callDate"))
        return None
    talk, external = obj(item.get("userTalk")), obj(item.get("externalNumber"))
    client = text(external.get("numberNotFormatted")) or text(item.get("to" if direction is Direction.OUT else "from"))
    duration = _seconds(item.get("duration"))
    agent = text(item.get("from")) if direction is Direction.OUT else _receiver(talk.get("receivers"), extensions)
    line = normalize(text(item.get("to")) if direction is Direction.IN else "", region).value or None
    return CallEvent(
        account=account,
        call_id=call_id,
        kind=EventKind.SUMMARY,
        at=started,
        source=EventSource.PULL,
        direction=direction,
        phone=normalize_on_line(client, line, region).value or None,  # national: our line's country first
        line=line,
        agent=agent or None,
        status=_status(text(talk.get("status")), direction, duration),
        started_at=started,
        duration_s=duration,
        raw=tuple(sorted((k, text(v)) for k, v in item.items() if text(v))),
    )


def _receiver(receivers: Any, extensions: dict[str, str]) -> str:
    if not isinstance(receivers, list) or not receivers:
        return ""
    first = receivers[0]
    if not isinstance(first, dict):
        return text(first)
    uid = text(first.get("uuid"))
    if uid in extensions:
        return extensions[uid]
    return text(first.get("extension")) or " ".join(
        p for p in (text(first.get("firstName")), text(first.get("lastName"))) if p
    )


def _status(value: str, direction: Direction, duration: int | None) -> CallStatus:
    key = value.lower().replace("_", " ").replace("-", " ")
    if key == "answered" or (not key and duration):
        return CallStatus.ANSWERED
    if key == "busy":
        return CallStatus.BUSY
    if key in ("failed", "congestion", "chanunavail"):
        return CallStatus.FAILED if direction is Direction.OUT else CallStatus.MISSED
    return CallStatus.MISSED if direction is not Direction.OUT else CallStatus.CANCELLED


def _seconds(value: Any) -> int | None:
    try:
        seconds = float(text(value))
    except ValueError:
        return None
    return int(seconds) if 0 <= seconds < 10**7 else None


def person_contact(item: dict[str, Any], region: str) -> Contact | None:
    """A CCRM person as a contact with all three phones (``source="ccrm"``, ``source_id`` = uuid)."""
    uid = text(item.get("uuid"))
    phones: list[ContactPhone] = []
    for k in (1, 2, 3):
        raw = text(item.get(f"phone{k}"))
        number = normalize(raw, region) if raw else None
        if number is not None and number.is_valid and number.value not in {p.number for p in phones}:
            phones.append(ContactPhone(number.value, raw, text(item.get(f"phone{k}Name"))))
    organisations = array(item.get("organisations"))
    company = ", ".join(text(o.get("name")) for o in organisations if isinstance(o, dict) and text(o.get("name")))
    name = " ".join(p for p in (text(item.get(k)) for k in ("firstName", "middleName", "lastName")) if p) or company
    if not uid or not name:
        return None
    return Contact(
        name=name,
        phones=phones,
        company=company,
        email=text(item.get("email1")),
        note=text(item.get("description")),
        source=CCRM_SOURCE,
        source_id=uid,
    )


def user_agent(item: dict[str, Any], account: str) -> Agent | None:
    """A CCRM user as an agent, keyed by extension (what ``account.user`` holds for TeleCube)."""
    extension = text(item.get("extension"))
    if not extension:
        return None
    name = " ".join(p for p in (text(item.get("firstName")), text(item.get("lastName"))) if p)
    status = text(item.get("status")).lower()
    return Agent(
        account,
        extension,
        name=name,
        extension=extension,
        email=text(item.get("email")),
        online=(status == "online") if status else None,
        dnd=_flag(item.get("dnd")),
    )


def caller_id(item: dict[str, Any], region: str) -> CallerId | None:
    raw = text(item.get("presentation"))
    number = normalize(raw, region) if raw else None
    if number is None or not number.is_valid:
        return None
    return CallerId(number.value, text(item.get("name")), text(item.get("intlFormat")) or display(number.value))


def sms_sender(item: dict[str, Any]) -> SmsSender | None:
    presentation = text(item.get("presentation"))
    return SmsSender(text(item.get("id")), presentation) if presentation else None


def _flag(value: Any) -> bool | None:
    raw = text(value).lower()
    return None if not raw else raw in ("1", "true", "yes", "on")
