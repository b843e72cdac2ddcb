"""TeleDiscount ``get_calls`` records → ``SUMMARY`` events (source ``PULL``).

Why through the webhook parser: a record carries the same fields as the ``call_finished`` push
(``num_a``, ``num_m``, ``num_b``, ``setup_time``, ``connection_time``, ``api_call_id``, …), so reading
it with :func:`app.providers.telediscount.webhooks.parse` keeps one set of rules for direction, outcome
and the defensive ``setup_time`` (seconds or milliseconds), and makes a pulled record and its push
describe the call identically. What only a record tells is added here: ``service_name``
(``sip_internal`` → an internal call) and ``num_a_waiting_time`` as the wait.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import Any

from app.core.models import CallEvent, Direction, EventSource
from app.providers.telediscount import webhooks

log = logging.getLogger(__name__)

_SERVICES = {"ivr": Direction.IN, "sip_outcome": Direction.OUT, "sip_internal": Direction.INTERNAL}


def record_event(record: dict[str, Any], account: str, region: str, now: datetime) -> CallEvent | None:
    """One record as an event; None (and a log line) if it lacks what a call needs (an id, a caller)."""
    fields = {str(k): "" if v is None else str(v) for k, v in record.items()}
    fields.setdefault("waiting_time", fields.get("num_a_waiting_time", ""))
    parsed = webhooks.parse("call_finished", fields, account=account, region=region, arrived=now)
    if not isinstance(parsed, CallEvent):
        log.warning("%s: get_calls record skipped: %s", account, parsed.reason)
        return None
    direction = _SERVICES.get(fields.get("service_name", "").strip().lower(), parsed.direction)
    return replace(parsed, source=EventSource.PULL, direction=direction, at=parsed.started_at or now)


def same_sip_account(a: str | None, b: str | None) -> bool:
    """``SIP/00000000672`` and ``SIP/0000000672`` name the same account (the document writes both)."""
    if not a or not b:
        return False
    return _sip_key(a) == _sip_key(b)


def _sip_key(value: str) -> str:
    text = value.strip().upper()
    return text.removeprefix("SIP/").lstrip("0") or "0"
