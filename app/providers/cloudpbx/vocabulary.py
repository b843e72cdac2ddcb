"""The Cloud PBX's words, mapped onto the domain's — shared by webhook parsing and the history pull.

Tolerant on input: status casing varies between deployments (``Success`` / ``success``), missed calls
arrive as ``Missed`` / ``missed`` / ``Cancel``, users as ``andy``, ``andy@tenant`` or group legs
``g_<uuid>@tenant``, and missed calls may carry ``user=pbx``. Values marked *public* were seen in public
implementations of the same API, not in the provider document.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from app.core.models import CallStatus, Direction, EventKind, call_time

# history ``status`` (compared case-insensitively) → outcome. ``None`` = depends on direction.
_HISTORY_STATUS: dict[str, CallStatus | None] = {
    "success": CallStatus.ANSWERED,
    "busy": CallStatus.BUSY,
    "notavailable": CallStatus.UNAVAILABLE,
    "notallowed": CallStatus.BARRED,
    "missed": CallStatus.MISSED,  # public
    "cancel": None,  # public: the caller gave up before an answer
    "notfound": CallStatus.FAILED,  # public: no such number
}

# event ``type`` → (kind, direction of the call if the type tells it)
EVENT_TYPES: dict[str, tuple[EventKind, Direction | None]] = {
    "incoming": (EventKind.RINGING, Direction.IN),
    "outgoing": (EventKind.RINGING, Direction.OUT),  # public
    "accepted": (EventKind.ANSWERED, None),
    "completed": (EventKind.COMPLETED, None),
    "cancelled": (EventKind.LEG_CANCELLED, None),
    "transferred": (EventKind.TRANSFERRED, None),  # public
}

DIRECTIONS = {"in": Direction.IN, "out": Direction.OUT, "incoming": Direction.IN, "outgoing": Direction.OUT}

# history-pull ``type`` column (public) → direction and, for ``missed``, the outcome.
PULL_TYPES: dict[str, tuple[Direction, CallStatus | None]] = {
    "in": (Direction.IN, None),
    "incoming": (Direction.IN, None),
    "out": (Direction.OUT, None),
    "outgoing": (Direction.OUT, None),
    "missed": (Direction.IN, CallStatus.MISSED),
}

_NOT_AN_AGENT = {"", "pbx", "system"}


def history_status(value: str, direction: Direction | None) -> CallStatus | None:
    """The outcome for a history ``status``; None if the value is unknown."""
    key = value.strip().lower()
    if key not in _HISTORY_STATUS:
        return None
    status = _HISTORY_STATUS[key]
    if status is None:
        return CallStatus.CANCELLED if direction is Direction.OUT else CallStatus.MISSED
    return status


def agent_login(user: str | None) -> str | None:
    """``andy@tenant`` → ``andy``; group legs (``g_…``) and ``pbx`` are not agents → None."""
    if not user:
        return None
    login = user.strip().split("@", 1)[0]
    if login.lower() in _NOT_AN_AGENT or login.startswith("g_"):
        return None
    return login


_COMPACT_STAMP = re.compile(r"\d{8}T\d{6}Z")


# Calls outside these years are not calls but garbage; outside them a time also breaks arithmetic later
# (a day before year 1 overflows, and some platforms refuse times before 1970).
def parse_start(value: str | None) -> datetime | None:
    """``20261123T101500Z`` (webhooks, public) or ISO 8601 with offset (history pull) → UTC; None if unreadable.

    Unreadable includes a valid ISO time whose UTC is out of range: ``0001-01-01T00:00:00+05:00`` converts
    to before year 1 and raises ``OverflowError``, not ``ValueError`` (it answered 500, and one such line
    in the pulled CSV failed every sync run)."""
    if not value:
        return None
    text = value.strip()
    try:
        if _COMPACT_STAMP.fullmatch(text):
            parsed = datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        else:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return call_time(parsed)


def format_start(moment: datetime) -> str:
    """A UTC time as the PBX's ``YYYYmmddTHHMMSSZ`` (history pull ``start`` / ``end``)."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def parse_seconds(value: str | None) -> int | None:
    """A non-negative whole number of seconds (``124``, ``124.0``); None if missing or not a number."""
    if value is None or not str(value).strip():
        return None
    try:
        seconds = float(str(value).strip())
    except ValueError:
        return None
    if seconds != seconds or seconds < 0 or seconds > 10**7:  # NaN, negative, absurd
        return None
    return int(seconds)
